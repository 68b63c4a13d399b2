package org.openpharma.crm.shared;

/**
 * A business rule said no. Carries a message code (resolved in the user's language) and, when the
 * rule is about one input, the name of that field.
 */
public class DomainException extends RuntimeException {

	private final String code;

	private final String field;

	private final Object[] arguments;

	public DomainException(String code, String field, Object... arguments) {
		super(code + (field != null ? " (" + field + ")" : ""));
		this.code = code;
		this.field = field;
		this.arguments = arguments;
	}

	public static DomainException global(String code, Object... arguments) {
		return new DomainException(code, null, arguments);
	}

	public String getCode() {
		return this.code;
	}

	public String getField() {
		return this.field;
	}

	public Object[] getArguments() {
		return this.arguments.clone();
	}

}
