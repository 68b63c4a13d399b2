package org.openpharma.crm.need;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * An information need moved in its lifecycle (triage, start, fulfilment, the HCP's confirmation, closing unmet).
 * {@code helpful} and {@code score} are the HCP's feedback when they confirmed it.
 */
public record NeedStatusChanged(UUID eventId, Instant occurredAt, long needId, long hcpId, NeedStatus from,
		NeedStatus to, RoutedTo routedTo, Boolean helpful, Integer score, String actor) implements DomainEvent {

	@Override
	public String eventType() {
		return "need.status-changed";
	}

}
