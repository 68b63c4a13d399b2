package org.openpharma.crm.gap;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Content requests: raised from a group of the content-gap report, with a snapshot of the group's open needs,
 * assigned to the department that makes such content ({@link RequestDepartment#forCategory}). Whether one is
 * answered is read, not written: {@link ContentRequestQueries} matches it against the content usable now.
 */
@Service
@Transactional
public class ContentRequests {

	private final JdbcTemplate jdbc;

	private final ContentGapQueries gaps;

	private final AuditTrail audit;

	private final Clock clock;

	ContentRequests(JdbcTemplate jdbc, ContentGapQueries gaps, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.gaps = gaps;
		this.audit = audit;
		this.clock = clock;
	}

	/** Raises a request for the group; returns its id. Authorisation is the caller's (READ_CONTENT_GAPS). */
	public long raise(ContentRequestDraft draft, String actor) {
		List<FieldViolation> violations = draft.violations();
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		GapKey group = draft.group();
		Boolean known = this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM therapeutic_area WHERE id = ?)"
				+ " AND (? = 0 OR EXISTS (SELECT 1 FROM product WHERE id = ?))", Boolean.class,
				group.therapeuticAreaId(), group.productId(), group.productId());
		if (!Boolean.TRUE.equals(known)) {
			throw ValidationException.of("group", "gap.request.unknownGroup");
		}
		List<long[]> needs = this.gaps.openNeeds(group);
		Set<Long> hcps = new HashSet<>();
		needs.forEach(n -> hcps.add(n[1]));
		String topic = this.gaps.topics(List.of(group)).get(group);
		if (topic.length() > 200) {
			topic = topic.substring(0, 200);
		}
		Long id = this.jdbc.queryForObject("INSERT INTO content_request (ta_id, product_id, category, topic_key, topic,"
				+ " assigned_to, note, hcp_count, need_count, requested_by, requested_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", Long.class, group.therapeuticAreaId(),
				group.hasProduct() ? group.productId() : null, group.category().name(), group.topicKey(), topic,
				draft.department().name(), draft.note(), hcps.size(), needs.size(), actor,
				Timestamp.from(this.clock.instant()));
		this.jdbc.batchUpdate("INSERT INTO content_request_need (request_id, need_id) VALUES (?, ?)",
				needs.stream().map(n -> new Object[] { id, n[0] }).toList());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("therapeuticAreaId", group.therapeuticAreaId());
		after.put("productId", group.hasProduct() ? group.productId() : null);
		after.put("category", group.category().name());
		after.put("topicKey", group.topicKey());
		after.put("assignedTo", draft.department().name());
		after.put("hcps", hcps.size());
		after.put("needs", needs.stream().map(n -> n[0]).toList());
		after.put("note", draft.note());
		this.audit.record(actor, "RAISE", "CONTENT_REQUEST", id, null, after);
		return id;
	}

}
