package org.openpharma.crm.need;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/** An information need was raised. The topic and details are free text and stay in the CRM. */
public record NeedRaised(UUID eventId, Instant occurredAt, long needId, long hcpId, NeedCategory category,
		Long therapeuticAreaId, Long productId, Urgency urgency, Long interactionId, String actor)
		implements DomainEvent {

	@Override
	public String eventType() {
		return "need.raised";
	}

}
