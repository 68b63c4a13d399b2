package org.openpharma.crm.stream;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * What a consumer reads: the event's identity and schema version next to its data (docs/events/asyncapi.yaml).
 * {@code id} is the same on every delivery of the event, so a consumer that stores the ids it processed handles
 * each event once although the broker may deliver it more than once.
 */
record EventEnvelope(UUID id, String type, int schemaVersion, String audience, Instant occurredAt, DomainEvent data) {

	static EventEnvelope of(DomainEvent event) {
		return new EventEnvelope(event.eventId(), event.eventType(), event.schemaVersion(),
				event.audience().name().toLowerCase(java.util.Locale.ROOT), event.occurredAt(), event);
	}

	/** The routing key: audience, then the event type ({@code commercial.interaction.logged}). */
	String routingKey() {
		return this.audience + "." + this.type;
	}

}
