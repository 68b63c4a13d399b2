package org.openpharma.crm.privacy;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * The HCP's personal data was erased on their request (ADR 0010). Consumers of the stream erase or anonymise
 * their own copies of what they hold about this id.
 */
public record HcpErased(UUID eventId, Instant occurredAt, long hcpId, String actor) implements DomainEvent {

	public static HcpErased of(long hcpId, String actor, Instant at) {
		return new HcpErased(DomainEvent.newId(), at, hcpId, actor);
	}

	@Override
	public String eventType() {
		return "hcp.erased";
	}

}
