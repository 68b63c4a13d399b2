package org.openpharma.crm.consent;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * A consent record was appended to the HCP's ledger: consent granted (until {@code expiresAt}) or withdrawn for
 * one channel and purpose. The evidence reference stays in the CRM.
 */
public record ConsentChanged(UUID eventId, Instant occurredAt, long hcpId, long consentRecordId,
		ConsentChannel channel, ConsentPurpose purpose, ConsentState state, ConsentSource source, Instant capturedAt,
		Instant expiresAt) implements DomainEvent {

	@Override
	public String eventType() {
		return "consent.changed";
	}

}
