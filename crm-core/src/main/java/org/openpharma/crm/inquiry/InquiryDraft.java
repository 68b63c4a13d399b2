package org.openpharma.crm.inquiry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;

/**
 * A medical inquiry as taken in by an MR, the call center, medical staff or the API: the HCP's question
 * verbatim, a short subject (the only text commercial roles ever see), the product, how the HCP wants
 * the answer, urgency, off-label, and whether an adverse event was mentioned — then with its facts.
 */
public record InquiryDraft(Long hcpId, String subject, String question, Long productId, ConsentChannel answerChannel,
		InquiryPriority urgency, boolean offLabel, boolean adverseEventMentioned, AdverseEventFacts adverseEvent) {

	public static final int SUBJECT_MAX = 80;

	public static final int QUESTION_MAX = 4000;

	/** Field-level problems; empty when the inquiry can be taken in. */
	public List<FieldViolation> violations(LocalDate today) {
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
		if (this.adverseEventMentioned) {
			if (this.adverseEvent == null) {
				violations.add(new FieldViolation("ae.description", "inquiry.ae.description.required"));
			}
			else {
				violations.addAll(this.adverseEvent.violations(today));
			}
		}
		return violations;
	}

}
