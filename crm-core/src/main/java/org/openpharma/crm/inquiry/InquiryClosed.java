package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.MedicalEvent;

/** A medical inquiry was closed, with the HCP's feedback when they gave some (helpful yes/no, score 1–5). */
public record InquiryClosed(UUID eventId, Instant occurredAt, long inquiryId, long hcpId, Boolean helpful,
		Integer score, String actor) implements MedicalEvent {

	@Override
	public String eventType() {
		return "inquiry.closed";
	}

}
