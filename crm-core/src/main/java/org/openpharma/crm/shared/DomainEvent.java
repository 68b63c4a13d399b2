package org.openpharma.crm.shared;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in one module, named in the past tense and published in the transaction that made it
 * happen (docs/adr/0023). Modules react to the events that concern them; every event also goes to the event stream
 * after commit. An event carries ids, codes, counts and dates, never a name or free text of a person, and never
 * medical answer content: what identifies the HCP is the id, which a consumer resolves with the rights it has.
 */
public interface DomainEvent {

	/** Unique per event and kept through retries: a consumer that saw this id has seen the event. */
	UUID eventId();

	/** When the change happened (the application's clock). */
	Instant occurredAt();

	/** The event's name on the stream, {@code module.past-tense}, e.g. {@code interaction.logged}. */
	String eventType();

	/** Who may read the event on the stream: commercial consumers never read a medical topic. */
	default EventAudience audience() {
		return EventAudience.COMMERCIAL;
	}

	/** The version of the event's JSON schema (docs/events/asyncapi.yaml); raised when a field changes meaning. */
	default int schemaVersion() {
		return 1;
	}

	/** A new event id. */
	static UUID newId() {
		return UUID.randomUUID();
	}

}
