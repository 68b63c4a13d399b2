package org.openpharma.crm.system;

import org.openpharma.crm.shared.ValidationException;

/** Checks of API query parameters that answer 400 naming the parameter. */
public final class ApiParams {

	private ApiParams() {
	}

	public static void require(boolean condition, String parameter, String message) {
		if (!condition) {
			throw ValidationException.of(parameter, message);
		}
	}

}
