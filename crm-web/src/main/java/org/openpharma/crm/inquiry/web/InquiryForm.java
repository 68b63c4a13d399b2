package org.openpharma.crm.inquiry.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.inquiry.AdverseEventFacts;
import org.openpharma.crm.inquiry.AdverseEventFacts.AgeBand;
import org.openpharma.crm.inquiry.AdverseEventFacts.Expectedness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Sex;
import org.openpharma.crm.inquiry.InquiryChannels;
import org.openpharma.crm.inquiry.InquiryDraft;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.openpharma.crm.shared.Japan;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * "Medical inquiry" taken during a visit or a call: how it came in, the question verbatim, when the person taking it learned
 * of it (Japan time; empty means now — day 0 of an adverse event), and an adverse event's facts.
 */
public record InquiryForm(@Size(max = 80) String subject, @Size(max = 4000) String question, Long productId,
		ConsentChannel receivedChannel, ConsentChannel answerChannel, InquiryPriority urgency, boolean offLabel,
		@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm") LocalDateTime awareAt, boolean adverseEvent, Long aeProductId,
		@Size(max = 2000) String aeDescription, @DateTimeFormat(pattern = "yyyy-MM-dd") LocalDate aeOnsetDate,
		Seriousness aeSeriousness, Expectedness aeExpectedness, Boolean aeFatal, @Size(max = 100) String aeReporter,
		AgeBand aeAgeBand, Sex aeSex) {

	/** Domain field names (ae.description …) as this form's fields. */
	static final Map<String, String> FIELDS = Map.of("ae.suspectProductId", "aeProductId", "ae.description",
			"aeDescription", "ae.onsetDate", "aeOnsetDate", "ae.seriousness", "aeSeriousness", "ae.expectedness",
			"aeExpectedness", "ae.fatal", "aeFatal", "ae.reporter", "aeReporter", "ae.ageBand", "aeAgeBand", "ae.sex",
			"aeSex");

	/**
	 * A new inquiry as the department usually takes one (the call center by phone, an MR on a visit), answered on
	 * the channel it came in on; the page's script keeps the answer channel following the intake channel until
	 * the user chooses one.
	 */
	static InquiryForm empty(String department) {
		ConsentChannel received = InquiryChannels.usualIntake(department);
		return new InquiryForm(null, null, null, received, InquiryChannels.answerFor(received), InquiryPriority.NORMAL,
				false, null, false, null, null, null, null, null, null, null, null, null);
	}

	InquiryDraft toDraft(long hcpId) {
		AdverseEventFacts facts = this.adverseEvent
				? new AdverseEventFacts(this.aeProductId, this.aeDescription, this.aeOnsetDate, this.aeSeriousness,
						this.aeExpectedness, this.aeFatal, this.aeReporter, this.aeAgeBand, this.aeSex)
				: null;
		return new InquiryDraft(hcpId, this.subject, this.question, this.productId, this.answerChannel, this.urgency,
				this.offLabel, (this.awareAt != null) ? this.awareAt.atZone(Japan.ZONE).toInstant() : null, this.adverseEvent,
				facts);
	}

}
