package org.openpharma.crm.inquiry.web;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.inquiry.AdverseEventFacts;
import org.openpharma.crm.inquiry.AdverseEventFacts.AgeBand;
import org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Sex;
import org.openpharma.crm.inquiry.InquiryDraft;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.springframework.format.annotation.DateTimeFormat;

/** "Medical inquiry" taken during a visit or a call: the question verbatim, and an adverse event's facts. */
public record InquiryForm(@Size(max = 80) String subject, @Size(max = 4000) String question, Long productId,
		ConsentChannel answerChannel, InquiryPriority urgency, boolean offLabel, boolean adverseEvent, Long aeProductId,
		@Size(max = 2000) String aeDescription, @DateTimeFormat(pattern = "yyyy-MM-dd") LocalDate aeOnsetDate,
		Seriousness aeSeriousness, @Size(max = 100) String aeReporter, AgeBand aeAgeBand, Sex aeSex) {

	/** Domain field names (ae.description …) as this form's fields. */
	static final Map<String, String> FIELDS = Map.of("ae.suspectProductId", "aeProductId", "ae.description",
			"aeDescription", "ae.onsetDate", "aeOnsetDate", "ae.seriousness", "aeSeriousness", "ae.reporter", "aeReporter",
			"ae.ageBand", "aeAgeBand", "ae.sex", "aeSex");

	static InquiryForm empty() {
		return new InquiryForm(null, null, null, ConsentChannel.EMAIL, InquiryPriority.NORMAL, false, false, null, null,
				null, null, null, null, null);
	}

	InquiryDraft toDraft(long hcpId) {
		AdverseEventFacts facts = this.adverseEvent ? new AdverseEventFacts(this.aeProductId, this.aeDescription,
				this.aeOnsetDate, this.aeSeriousness, this.aeReporter, this.aeAgeBand, this.aeSex) : null;
		return new InquiryDraft(hcpId, this.subject, this.question, this.productId, this.answerChannel, this.urgency,
				this.offLabel, this.adverseEvent, facts);
	}

}
