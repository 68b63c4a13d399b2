package org.openpharma.crm.shared;

import java.util.List;

/** Submitted input breaks one or more rules; nothing was saved. */
public class ValidationException extends RuntimeException {

	private final List<FieldViolation> violations;

	public ValidationException(List<FieldViolation> violations) {
		super("Invalid input: " + violations.stream().map(v -> v.field() + "=" + v.code()).toList());
		this.violations = List.copyOf(violations);
	}

	public static ValidationException of(String field, String code, Object... arguments) {
		return new ValidationException(List.of(new FieldViolation(field, code, arguments)));
	}

	public List<FieldViolation> getViolations() {
		return this.violations;
	}

}
