package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.MedicalEvent;

/**
 * A medical inquiry was taken in; {@code adverseEventHandedOff} says an adverse event mentioned in it went to
 * pharmacovigilance. Medical topic only; the question and the adverse-event facts stay in the CRM.
 */
public record InquiryReceived(UUID eventId, Instant occurredAt, long inquiryId, Long hcpId, Long productId,
		ConsentChannel answerChannel, InquiryPriority priority, boolean offLabel, boolean adverseEventHandedOff,
		Instant dueAt, String actor) implements MedicalEvent {

	@Override
	public String eventType() {
		return "inquiry.received";
	}

}
