package org.openpharma.crm.interaction;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * A batch of pull events (web visits, downloads, webinar attendance) was accepted: one event per batch, so that a
 * high-volume feed costs one publication, not one per view.
 */
public record PullEventsRecorded(UUID eventId, Instant occurredAt, String departmentCode, List<Item> items)
		implements DomainEvent {

	/** One accepted pull event, by the sending system's event id. */
	public record Item(String externalEventId, long hcpId, Channel channel, Instant contactAt) {
	}

	public PullEventsRecorded {
		items = List.copyOf(items);
	}

	@Override
	public String eventType() {
		return "interaction.pull-events-recorded";
	}

}
