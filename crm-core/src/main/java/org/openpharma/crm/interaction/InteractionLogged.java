package org.openpharma.crm.interaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.shared.DomainEvent;

/**
 * A contact with an HCP was recorded (or a correction of one). Codes and ids only: the notes, key messages and
 * outcome stay in the CRM. {@code withoutConsent} says the contact was recorded against the consent rules.
 */
public record InteractionLogged(UUID eventId, Instant occurredAt, long interactionId, long hcpId, Channel channel,
		ConsentPurpose purpose, String departmentCode, Instant contactAt, List<Long> therapeuticAreaIds,
		List<Long> productIds, boolean withoutConsent, Long correctsId, String actor) implements DomainEvent {

	public InteractionLogged {
		therapeuticAreaIds = List.copyOf(therapeuticAreaIds);
		productIds = List.copyOf(productIds);
	}

	@Override
	public String eventType() {
		return "interaction.logged";
	}

}
