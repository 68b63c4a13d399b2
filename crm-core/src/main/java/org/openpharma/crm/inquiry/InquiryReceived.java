package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.MedicalEvent;

/**
 * A medical inquiry was taken in; {@code adverseEventHandedOff} says an adverse event mentioned in it went to
 * pharmacovigilance; {@code receivedChannel} is how it came in (null: not said, as by the API). Medical topic only;
 * the question and the adverse-event facts stay in the CRM.
 */
public record InquiryReceived(UUID eventId, Instant occurredAt, long inquiryId, Long hcpId, Long productId,
		ConsentChannel receivedChannel, ConsentChannel answerChannel, InquiryPriority priority, boolean offLabel,
		boolean adverseEventHandedOff, Instant dueAt, String actor) implements MedicalEvent {

	/** Whether the HCP phoned in: the call is then on the HCP's shared timeline too. */
	public boolean byPhone() {
		return this.receivedChannel == ConsentChannel.PHONE && this.hcpId != null;
	}

	@Override
	public String eventType() {
		return "inquiry.received";
	}

}
