package org.openpharma.crm.action.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.action.NextActionRules.Excluded;
import org.openpharma.crm.action.Reason;
import org.openpharma.crm.action.Suggestion;
import org.openpharma.crm.reference.ReferenceData;
import org.springframework.context.MessageSource;

/**
 * Suggestions as the screens show them, their reasons resolved to sentences once in Java: a reason's arguments are
 * stored as codes (stage INTERESTED, channel VISIT) and each code is named in the reader's language here; dates stay
 * as the screens write them (2026-11-07).
 */
final class ActionRows {

	/** Which arguments of a reason are codes, and the message prefix that names them. */
	private static final Map<String, String[]> CODES = Map.ofEntries(Map.entry("stage", new String[] { "stage." }),
			Map.entry("policy", new String[] { "stage.", "policy.approach." }),
			Map.entry("lastContact", new String[] { null, "channel." }),
			Map.entry("rank", new String[] { null, "policy.action." }),
			Map.entry("noConsent", new String[] { "consent.channel.", "consent.purpose." }),
			Map.entry("consent", new String[] { "consent.channel.", "consent.purpose." }),
			Map.entry("fatigue", new String[] { "consent.channel." }),
			Map.entry("contactsInWindow", new String[] { "consent.channel." }),
			Map.entry("noContent", new String[] { "consent.channel." }),
			Map.entry("need", new String[] { null, "need.category." }));

	/** One suggestion as shown; {@code mine}: the reader's department acts on it. */
	record Row(String key, String kind, String kindLabel, String dueOn, boolean dueLater, String who, String item,
			int score, List<String> reasons, boolean mine) {
	}

	/** An action the policy prefers that is not suggested, and why. */
	record Left(String kindLabel, String reason) {
	}

	private final MessageSource messages;

	private final Locale locale;

	private final ReferenceData reference;

	ActionRows(MessageSource messages, Locale locale, ReferenceData reference) {
		this.messages = messages;
		this.locale = locale;
		this.reference = reference;
	}

	Row row(Suggestion s, String myDepartment, LocalDate today) {
		List<String> reasons = new ArrayList<>(s.reasons().size());
		for (Reason reason : s.reasons()) {
			reasons.add(text(reason));
		}
		return new Row(s.key(), s.kind().name(), message("policy.action." + s.kind()), s.dueOn().toString(),
				s.dueOn().isAfter(today), this.reference.departmentName(s.department(), this.locale), s.contentTitle(),
				s.score(), reasons, s.department().equals(myDepartment));
	}

	Left left(Excluded excluded) {
		return new Left(message("policy.action." + excluded.kind()), text(excluded.reason()));
	}

	/** A reason as a sentence: codes named in the reader's language, dates as the screens write them. */
	String text(Reason reason) {
		String[] codes = CODES.getOrDefault(reason.code(), new String[0]);
		Object[] args = new Object[reason.args().size()];
		for (int i = 0; i < args.length; i++) {
			String arg = reason.args().get(i);
			if (i < codes.length && codes[i] != null) {
				args[i] = message(codes[i] + arg);
			}
			else {
				args[i] = arg;
			}
		}
		// The built-in policy (version 0, nobody saved one for the area) is named as such, not "version 0".
		String code = ("policy".equals(reason.code()) && "0".equals(reason.args().get(2)))
				? reason.messageCode() + ".defaults" : reason.messageCode();
		return this.messages.getMessage(code, args, reason.code(), this.locale);
	}

	private String message(String code) {
		return this.messages.getMessage(code, null, code, this.locale);
	}

}
