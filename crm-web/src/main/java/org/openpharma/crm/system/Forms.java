package org.openpharma.crm.system;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.core.convert.ConversionService;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/** Turns domain rule violations into field errors of a bound form, and shows a form with its errors. */
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

	/**
	 * Puts a form record into the model under {@code name} with the errors found so far, and returns the
	 * binding result to add further errors to. Needed twice with records: for a changed copy of the bound
	 * form ({@code form.withRow("need")}), and after constructor binding failed on a value (a month such as
	 * "2026-13"): Spring then keeps the errors in a result without a target, and the view would lose what
	 * the user typed. The failed values stay on screen as the errors' rejected values.
	 * @param conversion formats values as the binder does (dates with their pattern); may be null for forms of
	 * strings and numbers only
	 */
	public static BindingResult show(Model model, String name, Object form, BindingResult errors,
			ConversionService conversion) {
		if (errors.getTarget() == form) {
			return errors;
		}
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(form, name);
		if (conversion != null) {
			result.initConversion(conversion);
		}
		result.addAllErrors(errors);
		model.addAttribute(name, form);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, result);
		return result;
	}

}
