package org.openpharma.crm.system;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatePropertyReadsTests {

	@Test
	void aPropertyIsLookedUpOncePerClassAndNameHoweverOftenItIsRead() {
		CountingAccessor reflective = new CountingAccessor();
		StandardEvaluationContext context = new StandardEvaluationContext();
		context.setPropertyAccessors(java.util.List.of(new TemplatePropertyReads.CachedReads(reflective)));
		Expression expression = new SpelExpressionParser().parseExpression("label");
		for (int i = 0; i < 100; i++) {
			assertThat(expression.getValue(context, new Row("row " + i))).isEqualTo("row " + i);
		}
		assertThat(reflective.lookups).hasValue(1);
	}

	@Test
	void withoutTheCacheSpelAsksTheReflectiveAccessorOnEveryRead() {
		// Why the cache exists: SpEL drops the optimised accessor it cached because it is not in the context's list.
		CountingAccessor reflective = new CountingAccessor();
		StandardEvaluationContext context = new StandardEvaluationContext();
		context.setPropertyAccessors(java.util.List.of(reflective));
		Expression expression = new SpelExpressionParser().parseExpression("label");
		for (int i = 0; i < 100; i++) {
			expression.getValue(context, new Row("row " + i));
		}
		assertThat(reflective.lookups.get()).isGreaterThanOrEqualTo(100);
	}

	@Test
	void membersThatThymeleafRefusesStayRefused() {
		ThymeleafEvaluationContext context = new ThymeleafEvaluationContext(new StaticApplicationContext(), null);
		TemplatePropertyReads.install(context);
		Expression expression = new SpelExpressionParser().parseExpression("contextClassLoader");
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> expression.getValue(context, Thread.currentThread()))
				.isInstanceOf(SpelEvaluationException.class);
		}
		assertThat(new SpelExpressionParser().parseExpression("label").getValue(context, new Row("ok")))
			.isEqualTo("ok");
	}

	@Test
	void installReplacesThymeleafsReflectiveAccessorOnce() {
		ThymeleafEvaluationContext context = new ThymeleafEvaluationContext(new StaticApplicationContext(), null);
		int size = context.getPropertyAccessors().size();
		TemplatePropertyReads.install(context);
		TemplatePropertyReads.install(context);
		assertThat(context.getPropertyAccessors()).hasSize(size)
			.noneMatch(ReflectivePropertyAccessor.class::isInstance)
			.filteredOn(TemplatePropertyReads.CachedReads.class::isInstance)
			.hasSize(1);
	}

	@Test
	void anUnreadablePropertyIsRefusedOnEveryRead() throws AccessException {
		TemplatePropertyReads.CachedReads reads = new TemplatePropertyReads.CachedReads(new CountingAccessor());
		EvaluationContext context = new StandardEvaluationContext();
		assertThat(reads.canRead(context, new Row("x"), "missing")).isFalse();
		assertThatThrownBy(() -> reads.read(context, new Row("x"), "missing")).isInstanceOf(AccessException.class);
		assertThat(reads.canRead(context, new Row("x"), "label")).isTrue();
	}

	public static final class Row {

		private final String label;

		Row(String label) {
			this.label = label;
		}

		public String getLabel() {
			return this.label;
		}

	}

	static final class CountingAccessor extends ReflectivePropertyAccessor {

		final AtomicInteger lookups = new AtomicInteger();

		@Override
		public boolean canRead(EvaluationContext context, Object target, String name) throws AccessException {
			this.lookups.incrementAndGet();
			return super.canRead(context, target, name);
		}

	}

}
