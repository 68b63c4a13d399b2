package org.openpharma.crm.stage;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/** The HCP's adoption stage in a therapeutic area moved ({@code from} is null for the first stage set). */
public record StageChanged(UUID eventId, Instant occurredAt, long hcpId, long therapeuticAreaId, AdoptionStage from,
		AdoptionStage to, Long interactionId, String actor) implements DomainEvent {

	@Override
	public String eventType() {
		return "stage.changed";
	}

}
