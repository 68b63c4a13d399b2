package org.openpharma.crm.system;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.validation.BindingResult;

/** Turns domain rule violations into field errors of a bound form. */
public final class Forms {

	private Forms() {
	}

	public static void reject(BindingResult result, ValidationException ex) {
		for (FieldViolation violation : ex.getViolations()) {
			if (violation.field() != null && result.getFieldType(violation.field()) != null) {
				result.rejectValue(violation.field(), violation.code(), violation.arguments(), violation.code());
			}
			else {
				result.reject(violation.code(), violation.arguments(), violation.code());
			}
		}
	}

}
