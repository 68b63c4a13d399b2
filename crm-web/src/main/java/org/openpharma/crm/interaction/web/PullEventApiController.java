package org.openpharma.crm.interaction.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openpharma.crm.interaction.PullEventIngest.PullEvent;
import org.openpharma.crm.interaction.PullEventIngest;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.ApiParams;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Pull-channel events from other systems (web platform, webinar tool, mailer, telephony). */
@RestController
@Tag(name = "Interactions", description = "Pull-channel events from other systems")
class PullEventApiController {

	private final PullEventIngest ingest;

	private final UserManagement users;

	PullEventApiController(PullEventIngest ingest, UserManagement users) {
		this.ingest = ingest;
		this.users = users;
	}

	@PostMapping("/api/v1/interactions/events")
	@Allowed(Capability.SEND_PULL_EVENTS)
	@SecurityRequirement(name = "apiToken")
	@Operation(summary = "Record a batch of pull-channel events",
			description = "Up to 1,000 events per call, authenticated with a system user's API token"
					+ " (Authorization: Bearer ...). Each event names its HCP by hcpId or registryNumber and carries a"
					+ " unique externalId: sending the same id again counts as a duplicate, not a new interaction."
					+ " Bad items are listed with their reasons; good items are stored.")
	BatchResult events(@RequestBody EventBatch batch, Authentication system) {
		ApiParams.require(batch != null && batch.events() != null && !batch.events().isEmpty(), "events",
				"at least one event");
		ApiParams.require(batch.events().size() <= PullEventIngest.MAX_BATCH, "events", "at most 1000 events");
		String department = this.users.departmentOf(system.getName())
			.orElse("MARKETING");
		PullEventIngest.Result result = this.ingest.ingest(batch.events().stream().map(e -> (e != null) ? e.toEvent() : null).toList(),
				system.getName(), department);
		return new BatchResult(batch.events().size(), result.accepted(), result.duplicates(),
				result.rejected().stream().map(r -> new RejectedItem(r.index(), r.externalId(),
						r.errors().stream().map(v -> new ItemError(v.field(), v.code())).toList())).toList());
	}

	/** The request body. */
	record EventBatch(List<EventItem> events) {
	}

	/** One event: channel WEB_CONTENT, WEBINAR, EMAIL_OPENED or PHONE_IN. */
	record EventItem(String externalId, Long hcpId, String registryNumber, String channel, Instant occurredAt,
			Integer durationMinutes, String contentTitle) {

		PullEvent toEvent() {
			return new PullEvent(this.externalId, this.hcpId, this.registryNumber, this.channel, this.occurredAt,
					this.durationMinutes, this.contentTitle);
		}

	}

	/** What happened to the batch. */
	record BatchResult(int received, int accepted, int duplicates, List<RejectedItem> rejected) {
	}

	/** An item that was not stored. */
	record RejectedItem(int index, String externalId, List<ItemError> errors) {
	}

	/** Why. */
	record ItemError(String field, String message) {
	}

}
