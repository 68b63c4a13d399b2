package org.openpharma.crm.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the append-only audit log: who changed what, when, and the state before and after.
 * Writes join the caller's transaction, so a change and its audit row commit together or not at all.
 */
@Service
public class AuditTrail {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	public AuditTrail(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String actor, String action, String entityType, Long entityId, Map<String, ?> before,
			Map<String, ?> after) {
		this.jdbc.update(
				"INSERT INTO audit_event (occurred_at, actor, action, entity_type, entity_id, before_state, after_state)"
						+ " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
				Timestamp.from(this.clock.instant()), actor, action, entityType, entityId, toJson(before),
				toJson(after));
	}

	/** Audit rows that stand on their own (sign-in events): written in a transaction of their own. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordSeparately(String actor, String action, String entityType, Long entityId,
			Map<String, ?> after) {
		record(actor, action, entityType, entityId, null, after);
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> history(String entityType, long entityId, int limit) {
		return this.jdbc.query(
				"SELECT id, occurred_at, actor, action, before_state::text, after_state::text FROM audit_event"
						+ " WHERE entity_type = ? AND entity_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?",
				(rs, i) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
						rs.getString(4), fromJson(rs.getString(5)), fromJson(rs.getString(6))),
				entityType, entityId, limit);
	}

	/**
	 * Who did what and when, without the states before and after (empty maps): for pages whose readers may not
	 * see every field of the entity, such as a need's medical content (docs/adr/0024). The actor is the user's
	 * display name where the user exists (a page shows people, not user names), else what was recorded.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> actions(String entityType, long entityId, int limit) {
		return this.jdbc.query("SELECT e.id, e.occurred_at, coalesce(u.display_name, e.actor), e.action"
				+ " FROM audit_event e LEFT JOIN app_user u ON u.username = e.actor"
				+ " WHERE e.entity_type = ? AND e.entity_id = ? ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?",
				(rs, i) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
						rs.getString(4), Map.of(), Map.of()),
				entityType, entityId, limit);
	}

	private String toJson(Map<String, ?> state) {
		return (state != null) ? this.json.writeValueAsString(state) : null;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> fromJson(String text) {
		return (text != null) ? this.json.readValue(text, Map.class) : Map.of();
	}

}
