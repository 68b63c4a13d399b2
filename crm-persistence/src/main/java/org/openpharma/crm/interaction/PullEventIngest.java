package org.openpharma.crm.interaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.DomainEvent;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes batches of pull-channel events (content viewed, webinar attended, e-mail opened, inbound call)
 * from other systems: each bad item is reported with its reasons, the good ones are stored, and an
 * event id seen before is a duplicate, not a second interaction. Rows are inserted in external-id order,
 * so that batches sent at the same time with overlapping ids wait for each other instead of
 * deadlocking (each takes the unique-key locks in the same order).
 */
@Service
@Transactional
public class PullEventIngest {

	public static final int MAX_BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	PullEventIngest(JdbcTemplate jdbc, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/** One event as another system reports it; the HCP by id or by registry number. */
	public record PullEvent(String externalId, Long hcpId, String registryNumber, String channel, Instant occurredAt,
			Integer durationMinutes, String contentTitle) {
	}

	/** An item that was not stored, with why. */
	public record Rejected(int index, String externalId, List<FieldViolation> errors) {
	}

	/** What happened to a batch. */
	public record Result(int accepted, int duplicates, List<Rejected> rejected) {
	}

	static final String UNSTORABLE = "contains a character that cannot be stored (NUL or half a surrogate pair)";

	public Result ingest(List<PullEvent> events, String systemUser, String departmentCode) {
		Instant now = this.clock.instant();
		// Text the database cannot hold must not reach a query either: it would fail the whole batch.
		List<PullEvent> storable = events.stream().filter(PullEventIngest::isStorable).toList();
		Map<String, Long> byRegistry = resolveRegistryNumbers(storable);
		Map<Long, Object[]> hcps = loadHcps(storable, byRegistry);
		Set<String> known = knownExternalIds(storable);
		List<Rejected> rejected = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int duplicates = 0;
		for (int i = 0; i < events.size(); i++) {
			PullEvent event = events.get(i);
			List<FieldViolation> errors = new ArrayList<>();
			if (event == null) {
				rejected.add(new Rejected(i, null, List.of(new FieldViolation("event", "required"))));
				continue;
			}
			if (!isStorable(event)) {
				rejected.add(new Rejected(i, StorableText.isStorable(event.externalId()) ? event.externalId() : null,
						unstorable(event)));
				continue;
			}
			String externalId = (event.externalId() != null) ? event.externalId().strip() : "";
			if (externalId.isEmpty() || externalId.length() > 100) {
				errors.add(new FieldViolation("externalId", "required, at most 100 characters"));
			}
			Channel channel = channel(event.channel());
			if (channel == null || channel.isPush()) {
				errors.add(new FieldViolation("channel", "one of WEB_CONTENT, WEBINAR, EMAIL_OPENED, PHONE_IN"));
			}
			if (event.occurredAt() == null || !InteractionRules.plausibleTime(event.occurredAt(), now)) {
				errors.add(new FieldViolation("occurredAt", "required, within the last three years, not more than a day ahead"));
			}
			if (event.durationMinutes() != null
					&& (event.durationMinutes() < 0 || event.durationMinutes() > InteractionRules.MAX_DURATION_MINUTES)) {
				errors.add(new FieldViolation("durationMinutes", "0-1440"));
			}
			if (event.contentTitle() != null && event.contentTitle().length() > 4000) {
				errors.add(new FieldViolation("contentTitle", "at most 4000 characters"));
			}
			Long hcpId = (event.hcpId() != null) ? event.hcpId()
					: (event.registryNumber() != null) ? byRegistry.get(event.registryNumber().strip()) : null;
			Object[] hcp = (hcpId != null) ? hcps.get(hcpId) : null;
			if (hcp == null) {
				errors.add(new FieldViolation((event.hcpId() != null) ? "hcpId" : "registryNumber", "unknown HCP"));
			}
			if (!errors.isEmpty()) {
				rejected.add(new Rejected(i, externalId, errors));
				continue;
			}
			if (known.contains(externalId) || !seen.add(externalId)) {
				duplicates++;
				continue;
			}
			// An event for a merged record belongs to the record it was merged into.
			long target = (hcp[1] != null) ? (Long) hcp[1] : hcpId;
			rows.add(new Object[] { target, channel.name(), Timestamp.from(event.occurredAt()), event.durationMinutes(),
					systemUser, departmentCode, event.contentTitle(), externalId, Timestamp.from(now), Timestamp.from(now) });
		}
		int accepted = 0;
		if (!rows.isEmpty()) {
			rows.sort(Comparator.comparing(row -> (String) row[7]));
			int[] counts = this.jdbc.batchUpdate("INSERT INTO interaction (hcp_id, channel, occurred_at, duration_minutes,"
					+ " author, department_code, key_messages, external_event_id, recorded_at, updated_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (external_event_id) DO NOTHING", rows);
			List<PullEventsRecorded.Item> items = new ArrayList<>();
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] > 0) {
					accepted++;
					Object[] row = rows.get(i);
					items.add(new PullEventsRecorded.Item((String) row[7], (Long) row[0], Channel.valueOf((String) row[1]),
							((Timestamp) row[2]).toInstant()));
				}
			}
			if (!items.isEmpty()) {
				this.events.publishEvent(new PullEventsRecorded(DomainEvent.newId(), now, departmentCode, items));
			}
			// Another batch may have stored the same event id a moment ago: that is a duplicate too.
			duplicates += rows.size() - accepted;
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("received", events.size());
		summary.put("accepted", accepted);
		summary.put("duplicates", duplicates);
		summary.put("rejected", rejected.size());
		this.audit.record(systemUser, "INGEST_EVENTS", "INTERACTION_BATCH", null, null, summary);
		return new Result(accepted, duplicates, rejected);
	}

	private static boolean isStorable(PullEvent event) {
		return event == null || unstorable(event).isEmpty();
	}

	private static List<FieldViolation> unstorable(PullEvent event) {
		List<FieldViolation> errors = new ArrayList<>();
		if (!StorableText.isStorable(event.externalId())) {
			errors.add(new FieldViolation("externalId", UNSTORABLE));
		}
		if (!StorableText.isStorable(event.registryNumber())) {
			errors.add(new FieldViolation("registryNumber", UNSTORABLE));
		}
		if (!StorableText.isStorable(event.channel())) {
			errors.add(new FieldViolation("channel", UNSTORABLE));
		}
		if (!StorableText.isStorable(event.contentTitle())) {
			errors.add(new FieldViolation("contentTitle", UNSTORABLE));
		}
		return errors;
	}

	private static Channel channel(String name) {
		try {
			return (name != null) ? Channel.valueOf(name) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private Map<String, Long> resolveRegistryNumbers(List<PullEvent> events) {
		Set<String> numbers = new HashSet<>();
		events.stream().filter(e -> e != null && e.hcpId() == null && e.registryNumber() != null)
			.forEach(e -> numbers.add(e.registryNumber().strip()));
		Map<String, Long> ids = new HashMap<>();
		if (!numbers.isEmpty()) {
			this.jdbc.query("SELECT registry_number, id FROM hcp WHERE registry_number = ANY (?)",
					rs -> {
						ids.put(rs.getString(1), rs.getLong(2));
					}, (Object) numbers.toArray(String[]::new));
		}
		return ids;
	}

	private Map<Long, Object[]> loadHcps(List<PullEvent> events, Map<String, Long> byRegistry) {
		Set<Long> ids = new HashSet<>(byRegistry.values());
		events.stream().filter(e -> e != null && e.hcpId() != null).forEach(e -> ids.add(e.hcpId()));
		Map<Long, Object[]> found = new HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.query("SELECT id, merged_into_id FROM hcp WHERE id = ANY (?)", rs -> {
				found.put(rs.getLong(1), new Object[] { rs.getLong(1), (Long) rs.getObject(2) });
			}, (Object) ids.toArray(Long[]::new));
		}
		return found;
	}

	private Set<String> knownExternalIds(List<PullEvent> events) {
		Set<String> ids = new HashSet<>();
		events.stream().filter(e -> e != null && e.externalId() != null).forEach(e -> ids.add(e.externalId().strip()));
		Set<String> known = new HashSet<>();
		if (!ids.isEmpty()) {
			known.addAll(this.jdbc.queryForList("SELECT external_event_id FROM interaction WHERE external_event_id = ANY (?)",
					String.class, (Object) ids.toArray(String[]::new)));
		}
		return known;
	}

}
