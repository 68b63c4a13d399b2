package org.openpharma.crm.privacy;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * The HCP's personal data is erased on their request (ADR 0010). Published inside the erasure's transaction: each
 * module erases what it holds about the HCP before it commits, the HCP's own profile last (docs/adr/0023).
 * Consumers of the stream erase or anonymise their own copies of what they hold about this id.
 */
public record HcpErased(UUID eventId, Instant occurredAt, long hcpId, String actor) implements DomainEvent {

	/** The order of the handlers inside the erasure (Spring's {@code @Order}): the records first ... */
	public static final int ERASE_RECORDS = 0;

	/** ... and the profile, which marks the HCP erased, last. */
	public static final int ERASE_PROFILE = Integer.MAX_VALUE;

	public static HcpErased of(long hcpId, String actor, Instant at) {
		return new HcpErased(DomainEvent.newId(), at, hcpId, actor);
	}

	@Override
	public String eventType() {
		return "hcp.erased";
	}

}
