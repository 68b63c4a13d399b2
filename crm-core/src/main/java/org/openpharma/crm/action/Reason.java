package org.openpharma.crm.action;

import java.util.List;

/**
 * One reason behind a suggestion, as a message code ({@code action.reason.*}) with its arguments as text (dates in
 * ISO form, names as stored), so that a screen, the API and the stored row all say the same thing.
 */
public record Reason(String code, List<String> args) {

	public Reason {
		args = List.copyOf(args);
	}

	public static Reason of(String code, Object... args) {
		return new Reason(code, java.util.Arrays.stream(args).map(String::valueOf).toList());
	}

	/** The message code of the screens: {@code action.reason.<code>}. */
	public String messageCode() {
		return "action.reason." + this.code;
	}

}
