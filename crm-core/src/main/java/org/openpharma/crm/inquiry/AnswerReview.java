package org.openpharma.crm.inquiry;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.ValidationException;

/**
 * The second medical reviewer of a custom answer (four eyes): approves it, or returns it to its author with a
 * reason, who revises and submits it again. Neither is open to the author, and only an answer awaiting review
 * can be approved or returned.
 */
public final class AnswerReview {

	/** The longest reason for a return (it is also a step of the inquiry's history). */
	public static final int REASON_MAX = 500;

	private AnswerReview() {
	}

	/** Refuses an approval of anything but a custom answer awaiting review, or by its author. */
	public static void requireApprovable(AnswerState state, String author, String reviewer) {
		requireAwaitingReview(state);
		InquiryFirewall.requireSecondPerson(author, reviewer);
	}

	/**
	 * Refuses a return of anything but a custom answer awaiting review, or by its author; then a return without a
	 * reason (or a too long one), as an error of the field {@code returnReason}. Returns the reason as kept.
	 */
	public static String requireReturnable(AnswerState state, String author, String reviewer, String reason) {
		requireAwaitingReview(state);
		if (author == null || reviewer == null || author.equalsIgnoreCase(reviewer)) {
			throw DomainException.global("inquiry.answer.ownReturn");
		}
		if (reason == null || reason.isBlank()) {
			throw ValidationException.of("returnReason", "inquiry.answer.returnReason.required");
		}
		String kept = reason.strip();
		if (kept.length() > REASON_MAX) {
			throw ValidationException.of("returnReason", "inquiry.answer.returnReason.tooLong", REASON_MAX);
		}
		return kept;
	}

	private static void requireAwaitingReview(AnswerState state) {
		switch (state) {
			case AWAITING_APPROVAL -> {
			}
			case APPROVED -> throw DomainException.global("inquiry.answer.alreadyApproved");
			case RETURNED -> throw DomainException.global("inquiry.answer.alreadyReturned");
			default -> throw DomainException.global("inquiry.answer.nothingToApprove");
		}
	}

}
