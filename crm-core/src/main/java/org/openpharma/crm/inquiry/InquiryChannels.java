package org.openpharma.crm.inquiry;

import org.openpharma.crm.consent.ConsentChannel;

/**
 * How an inquiry came in, and the answer channel that follows from it: an HCP who phones is answered by phone,
 * one who writes an e-mail by e-mail, unless they ask otherwise. The intake form starts from the department's
 * usual channel (the call center takes calls, an MR hears questions on visits).
 */
public final class InquiryChannels {

	/** The answer channel when nothing says otherwise: in writing, which also leaves a record. */
	public static final ConsentChannel FALLBACK_ANSWER = ConsentChannel.EMAIL;

	private InquiryChannels() {
	}

	/** The usual intake channel of a department (its code, e.g. CALL_CENTER), or null when it has none. */
	public static ConsentChannel usualIntake(String department) {
		return switch ((department != null) ? department : "") {
			case "CALL_CENTER", "MEDICAL" -> ConsentChannel.PHONE;
			case "SALES" -> ConsentChannel.VISIT;
			default -> null;
		};
	}

	/** The answer channel for an inquiry that came in on {@code received} (unknown: {@link #FALLBACK_ANSWER}). */
	public static ConsentChannel answerFor(ConsentChannel received) {
		if (received == null) {
			return FALLBACK_ANSWER;
		}
		// Every intake channel can carry an answer today; a channel that cannot (a letter, a fax) maps here.
		return switch (received) {
			case VISIT, REMOTE, PHONE, EMAIL, WEB -> received;
		};
	}

}
