package org.openpharma.crm.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPreProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.preprocessor.IPreProcessor;
import org.thymeleaf.preprocessor.PreProcessor;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Property reads in templates ({@code ${row.when}}) that are looked up once per class and name instead of on every
 * read. Thymeleaf's evaluation context reads bean properties through its own {@link ReflectivePropertyAccessor}
 * (which also refuses members that templates must not reach, e.g. of {@code Class} or {@code Runtime}); SpEL caches
 * the optimised accessor it gets from it, but only reuses a cached accessor that is in the context's list, which the
 * optimised one never is — so every read asked the refusal rules and the reflection caches again (a tenth of the
 * HCP page's CPU, issue 13). This accessor takes that one's place in the list, asks it once per target class and
 * property name (the same answers, refusals included) and keeps the result.
 * <p>
 * Installed by a pre-processor: Thymeleaf's view creates the evaluation context for every page, and the
 * pre-processor sees it before the first expression is evaluated.
 */
public final class TemplatePropertyReads extends AbstractDialect implements IPreProcessorDialect {

	private static final Map<PropertyAccessor, CachedReads> WRAPPERS = new ConcurrentHashMap<>();

	public TemplatePropertyReads() {
		super("crm-property-reads");
	}

	@Override
	public int getDialectPreProcessorPrecedence() {
		return 0;
	}

	@Override
	public java.util.Set<IPreProcessor> getPreProcessors() {
		return java.util.Set.of(new PreProcessor(TemplateMode.HTML, Installer.class, 0));
	}

	/**
	 * Replaces the reflective accessor of a page's evaluation context with its caching wrapper (once per context).
	 */
	static void install(StandardEvaluationContext context) {
		List<PropertyAccessor> accessors = context.getPropertyAccessors();
		if (accessors.stream().anyMatch(CachedReads.class::isInstance)) {
			return;
		}
		List<PropertyAccessor> replaced = new ArrayList<>(accessors.size());
		for (PropertyAccessor accessor : accessors) {
			replaced.add((accessor instanceof ReflectivePropertyAccessor reflective)
					? WRAPPERS.computeIfAbsent(reflective, (key) -> new CachedReads(reflective)) : accessor);
		}
		context.setPropertyAccessors(replaced);
	}

	/** The pre-processor: passes every template event on unchanged, after installing the cache. */
	public static final class Installer extends AbstractTemplateHandler {

		@Override
		public void setContext(ITemplateContext context) {
			super.setContext(context);
			if (context.getVariable(
					ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME) instanceof StandardEvaluationContext evaluation) {
				install(evaluation);
			}
		}

	}

	/**
	 * A property accessor that remembers, per target class and property name, what the wrapped reflective accessor
	 * answered: the optimised accessor for a readable property, or that the property cannot be read.
	 */
	static final class CachedReads implements PropertyAccessor {

		private static final Object UNREADABLE = new Object();

		private final ReflectivePropertyAccessor delegate;

		private final ClassValue<Map<String, Object>> readers = new ClassValue<>() {
			@Override
			protected Map<String, Object> computeValue(Class<?> type) {
				return new ConcurrentHashMap<>();
			}
		};

		CachedReads(ReflectivePropertyAccessor delegate) {
			this.delegate = delegate;
		}

		@Override
		public Class<?>[] getSpecificTargetClasses() {
			return null;
		}

		@Override
		public boolean canRead(EvaluationContext context, Object target, String name)
				throws AccessException {
			if (target == null || target instanceof Class) {
				return this.delegate.canRead(context, target, name);
			}
			return reader(context, target, name) != null;
		}

		@Override
		public TypedValue read(EvaluationContext context, Object target, String name)
				throws AccessException {
			if (target == null || target instanceof Class) {
				return this.delegate.read(context, target, name);
			}
			PropertyAccessor reader = reader(context, target, name);
			if (reader == null) {
				throw new AccessException("Property '" + name + "' cannot be read on " + target.getClass().getName());
			}
			return reader.read(context, target, name);
		}

		private PropertyAccessor reader(EvaluationContext context, Object target, String name)
				throws AccessException {
			Map<String, Object> byName = this.readers.get(target.getClass());
			Object reader = byName.get(name);
			if (reader == null) {
				reader = this.delegate.canRead(context, target, name)
						? this.delegate.createOptimalAccessor(context, target, name) : UNREADABLE;
				byName.putIfAbsent(name, reader);
			}
			return (reader != UNREADABLE) ? (PropertyAccessor) reader : null;
		}

		@Override
		public boolean canWrite(EvaluationContext context, Object target, String name)
				throws AccessException {
			return this.delegate.canWrite(context, target, name);
		}

		@Override
		public void write(EvaluationContext context, Object target, String name, Object newValue)
				throws AccessException {
			this.delegate.write(context, target, name, newValue);
		}

	}

}
