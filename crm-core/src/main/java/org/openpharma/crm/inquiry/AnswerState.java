package org.openpharma.crm.inquiry;

import java.time.Instant;

/**
 * Where an inquiry's answer stands: none yet; a standard response (approved in advance); a custom answer
 * awaiting its second medical reviewer, returned by the reviewer to its author with a reason, or approved.
 */
public enum AnswerState {

	NONE, STANDARD, AWAITING_APPROVAL, RETURNED, APPROVED;

	/** The state of an answer as stored: its text, standard response, approval and last return. */
	public static AnswerState of(String text, Long standardResponseId, String approvedBy, Instant returnedAt) {
		if (text == null) {
			return NONE;
		}
		if (standardResponseId != null) {
			return STANDARD;
		}
		if (approvedBy != null) {
			return APPROVED;
		}
		return (returnedAt != null) ? RETURNED : AWAITING_APPROVAL;
	}

	/** A custom answer under review or back with its author: the four-eyes review is not finished. */
	public boolean inReview() {
		return this == AWAITING_APPROVAL || this == RETURNED;
	}

}
