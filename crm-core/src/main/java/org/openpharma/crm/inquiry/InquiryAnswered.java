package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.MedicalEvent;

/** The approved answer to a medical inquiry went out on {@code channel}. Medical topic only; no answer text. */
public record InquiryAnswered(UUID eventId, Instant occurredAt, long inquiryId, long hcpId, ConsentChannel channel,
		String actor) implements MedicalEvent {

	@Override
	public String eventType() {
		return "inquiry.answered";
	}

}
