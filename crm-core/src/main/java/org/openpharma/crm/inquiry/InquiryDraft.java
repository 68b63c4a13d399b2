package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;

/**
 * A medical inquiry as taken in by an MR, the call center, medical staff or the API: the HCP's question
 * verbatim, a short subject (the only text commercial roles ever see), the product, how the HCP wants
 * the answer, urgency, off-label, when the person taking it learned of it ({@code awareAt}: day 0 of an
 * adverse event; null means when it is received), and whether an adverse event was mentioned — then with
 * its facts.
 */
public record InquiryDraft(Long hcpId, String subject, String question, Long productId, ConsentChannel answerChannel,
		InquiryPriority urgency, boolean offLabel, Instant awareAt, boolean adverseEventMentioned,
		AdverseEventFacts adverseEvent) {

	public static final int SUBJECT_MAX = 80;

	public static final int QUESTION_MAX = 4000;

	/** Field-level problems at {@code now} (dates in {@code zone}); empty when the inquiry can be taken in. */
	public List<FieldViolation> violations(Instant now, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		List<FieldViolation> violations = new ArrayList<>();
		if (this.hcpId == null) {
			violations.add(new FieldViolation("hcpId", "inquiry.hcp.required"));
		}
		if (this.subject == null || this.subject.isBlank()) {
			violations.add(new FieldViolation("subject", "inquiry.subject.required"));
		}
		else if (this.subject.length() > SUBJECT_MAX) {
			violations.add(new FieldViolation("subject", "validation.tooLong", SUBJECT_MAX));
		}
		if (this.question == null || this.question.isBlank()) {
			violations.add(new FieldViolation("question", "inquiry.question.required"));
		}
		else if (this.question.length() > QUESTION_MAX) {
			violations.add(new FieldViolation("question", "validation.tooLong", QUESTION_MAX));
		}
		if (this.answerChannel == null) {
			violations.add(new FieldViolation("answerChannel", "inquiry.answerChannel.required"));
		}
		if (this.awareAt != null && this.awareAt.isAfter(now)) {
			violations.add(new FieldViolation("awareAt", "inquiry.awareAt.future"));
		}
		if (this.adverseEventMentioned) {
			if (this.adverseEvent == null) {
				violations.add(new FieldViolation("ae.description", "inquiry.ae.description.required"));
			}
			else {
				violations.addAll(this.adverseEvent.violations(today));
				// No one learns of an event before it began.
				LocalDate onset = this.adverseEvent.onsetDate();
				if (onset != null && !onset.isAfter(today) && this.awareAt != null && !this.awareAt.isAfter(now)
						&& onset.isAfter(LocalDate.ofInstant(this.awareAt, zone))) {
					violations.add(new FieldViolation("ae.onsetDate", "inquiry.ae.onset.afterAwareness"));
				}
			}
		}
		return violations;
	}

	/** Day 0: when the person taking the inquiry learned of it, or {@code received} when not given. */
	public Instant awareAtOr(Instant received) {
		return (this.awareAt != null) ? this.awareAt : received;
	}

}
