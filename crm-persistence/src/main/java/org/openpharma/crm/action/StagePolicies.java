package org.openpharma.crm.action;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stage policies of the therapeutic areas (docs/adr/0031): the current one of an area (its newest version, or
 * {@link StagePolicy#defaults} while none was saved), its history, and a save that appends a version when the caller
 * saw the current one (optimistic locking on the version number), audited. Authorisation is the caller's
 * (EDIT_STAGE_POLICY to save).
 */
@Service
@Transactional(readOnly = true)
public class StagePolicies {

	public static final int NOTE_MAX = 500;

	/**
	 * One version of an area's policy with who saved it, when and why; for the defaults (version 0) nobody, never
	 * and no note.
	 *
	 * @param savedBy the user name; {@code savedByName} their display name (the user name if the user is gone)
	 */
	public record PolicyVersion(StagePolicy policy, String savedBy, String savedByName, Instant savedAt, String note) {

		public long version() {
			return this.policy.version();
		}

		/** Whether the area runs on the built-in defaults: nobody saved a policy for it yet. */
		public boolean isDefaults() {
			return this.policy.isDefaults();
		}

	}

	/** An active area and its current policy's version (0: the defaults), who saved it and when (null for defaults). */
	public record AreaPolicy(long therapeuticAreaId, String code, String nameJa, String nameEn, long version,
			String savedByName, Instant savedAt) {

		public String name(java.util.Locale locale) {
			return "ja".equals(locale.getLanguage()) ? this.nameJa : this.nameEn;
		}

		public boolean isDefaults() {
			return this.version == 0;
		}

	}

	private static final String VERSIONS = "SELECT p.id, p.therapeutic_area_id, p.version, p.min_days_between_push,"
			+ " p.saved_by, coalesce(u.display_name, p.saved_by), p.saved_at, p.note FROM stage_policy p"
			+ " LEFT JOIN app_user u ON u.username = p.saved_by";

	private final JdbcTemplate jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	StagePolicies(JdbcTemplate jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** Every active area with its current policy's version, in the order of the area codes. */
	public List<AreaPolicy> areas() {
		return this.jdbc.query("SELECT a.id, a.code, a.name_ja, a.name_en, coalesce(p.version, 0),"
				+ " coalesce(u.display_name, p.saved_by), p.saved_at FROM therapeutic_area a"
				+ " LEFT JOIN LATERAL (SELECT version, saved_by, saved_at FROM stage_policy s"
				+ "  WHERE s.therapeutic_area_id = a.id ORDER BY version DESC LIMIT 1) p ON true"
				+ " LEFT JOIN app_user u ON u.username = p.saved_by WHERE a.active ORDER BY a.code",
				(rs, i) -> new AreaPolicy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getString(6), instant(rs.getTimestamp(7))));
	}

	/** The policy the area runs on now: its newest version, or the defaults (version 0) when none was saved. */
	public PolicyVersion current(long therapeuticAreaId) {
		requireArea(therapeuticAreaId);
		List<PolicyVersion> newest = load(" WHERE p.therapeutic_area_id = ? ORDER BY p.version DESC LIMIT 1",
				therapeuticAreaId);
		return newest.isEmpty() ? new PolicyVersion(StagePolicy.defaults(therapeuticAreaId), null, null, null, null)
				: newest.get(0);
	}

	/** One saved version of the area's policy. */
	public Optional<PolicyVersion> version(long therapeuticAreaId, long version) {
		return load(" WHERE p.therapeutic_area_id = ? AND p.version = ?", therapeuticAreaId, version).stream().findFirst();
	}

	/** Every saved version of the area's policy, the newest first; empty while the area runs on the defaults. */
	public List<PolicyVersion> history(long therapeuticAreaId) {
		requireArea(therapeuticAreaId);
		return load(" WHERE p.therapeutic_area_id = ? ORDER BY p.version DESC", therapeuticAreaId);
	}

	/**
	 * Saves the policy as the area's next version, when {@code expectedVersion} is still the current one (0 while the
	 * area runs on the defaults); returns what was saved. The area's HCPs (with a stored suggestion or a stage in it)
	 * are marked for a refresh of their suggestions in the same transaction. The policy's own area id and version are ignored: the area
	 * is the one named, the version the next. Quiet periods are kept in the order of their first day.
	 * @throws ValidationException the policy or the note breaks a rule (fields as {@link StagePolicy#violations} names
	 * them, and {@code note})
	 * @throws StaleVersionException someone saved another version since the caller read {@code expectedVersion}
	 * @throws NotFoundException no such area
	 */
	@Transactional
	public PolicyVersion save(long therapeuticAreaId, long expectedVersion, StagePolicy policy, String note,
			String actor) {
		requireArea(therapeuticAreaId);
		String cleanNote = (note == null || note.isBlank()) ? null : note.strip();
		StagePolicy next = new StagePolicy(therapeuticAreaId, expectedVersion + 1, policy.rules(), policy.caps(),
				policy.quietPeriods(), policy.minDaysBetweenPush());
		List<FieldViolation> violations = new ArrayList<>(next.violations());
		if (cleanNote != null && (cleanNote.length() > NOTE_MAX || !StorableText.isStorable(cleanNote))) {
			violations.add(new FieldViolation("note", "policy.note.tooLong", NOTE_MAX));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		PolicyVersion before = current(therapeuticAreaId);
		if (before.version() != expectedVersion) {
			throw new StaleVersionException("stage policy of area", therapeuticAreaId, expectedVersion, before.version());
		}
		Instant now = this.clock.instant();
		long id;
		try {
			id = this.jdbc.queryForObject("INSERT INTO stage_policy (therapeutic_area_id, version, min_days_between_push,"
					+ " saved_by, saved_at, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", Long.class, therapeuticAreaId,
					next.version(), next.minDaysBetweenPush(), actor, Timestamp.from(now), cleanNote);
		}
		catch (DuplicateKeyException ex) {
			// Another save from the same version committed first: its number is taken.
			throw new StaleVersionException("stage policy of area", therapeuticAreaId, expectedVersion,
					expectedVersion + 1);
		}
		List<Object[]> rules = new ArrayList<>();
		next.rules().forEach((stage, rule) -> rules.add(new Object[] { id, stage.name(), rule.approach().name(),
				array(rule.actions().stream().map(Enum::name).toList()), rule.rationale() }));
		this.jdbc.batchUpdate("INSERT INTO stage_policy_rule (policy_id, stage, approach, actions, rationale)"
				+ " VALUES (?, ?, ?, ?::varchar[], ?)", rules);
		List<Object[]> caps = new ArrayList<>();
		next.caps().forEach((channel, cap) -> caps.add(new Object[] { id, channel.name(), cap.max(), cap.days() }));
		this.jdbc.batchUpdate("INSERT INTO stage_policy_cap (policy_id, channel, max_contacts, days) VALUES (?, ?, ?, ?)",
				caps);
		List<QuietPeriod> periods = next.quietPeriods().stream().sorted(Comparator.comparing(QuietPeriod::from)).toList();
		List<Object[]> quiet = new ArrayList<>();
		for (int i = 0; i < periods.size(); i++) {
			QuietPeriod period = periods.get(i);
			quiet.add(new Object[] { id, i, Date.valueOf(period.from()), Date.valueOf(period.to()), period.label() });
		}
		this.jdbc.batchUpdate("INSERT INTO stage_policy_quiet_period (policy_id, position, from_day, to_day, label)"
				+ " VALUES (?, ?, ?, ?, ?)", quiet);
		// The stored suggestions of the area follow the new policy: its HCPs (those with a suggestion or a stage in the
		// area) are refreshed by the background refresher, as after any other write that changes a reason.
		this.jdbc.update("INSERT INTO next_action_stale (hcp_id, since) SELECT h.id, ? FROM hcp h"
				+ " WHERE h.id IN (SELECT a.hcp_id FROM next_action a WHERE a.therapeutic_area_id = ?"
				+ "  UNION SELECT s.hcp_id FROM hcp_stage s WHERE s.therapeutic_area_id = ?)"
				+ " AND h.status <> 'MERGED' AND h.erased_at IS NULL ON CONFLICT (hcp_id) DO NOTHING", Timestamp.from(now),
				therapeuticAreaId, therapeuticAreaId);
		Map<String, Object> after = describe(next);
		after.put("note", cleanNote);
		this.audit.record(actor, "SAVE", "STAGE_POLICY", therapeuticAreaId, describe(before.policy()), after);
		return current(therapeuticAreaId);
	}

	/** The policy as the audit trail keeps it. */
	static Map<String, Object> describe(StagePolicy policy) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("version", policy.version());
		Map<String, Object> rules = new LinkedHashMap<>();
		policy.rules().forEach((stage, rule) -> {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("approach", rule.approach().name());
			r.put("actions", rule.actions().stream().map(Enum::name).toList());
			r.put("rationale", rule.rationale());
			rules.put(stage.name(), r);
		});
		state.put("rules", rules);
		Map<String, Object> caps = new LinkedHashMap<>();
		policy.caps().forEach((channel, cap) -> caps.put(channel.name(), Map.of("max", cap.max(), "days", cap.days())));
		state.put("caps", caps);
		state.put("quietPeriods", policy.quietPeriods().stream()
			.map(p -> Map.of("from", p.from().toString(), "to", p.to().toString(), "label", p.label()))
			.toList());
		state.put("minDaysBetweenPush", policy.minDaysBetweenPush());
		return state;
	}

	private void requireArea(long therapeuticAreaId) {
		if (!Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM therapeutic_area WHERE id = ?)",
				Boolean.class, therapeuticAreaId))) {
			throw new NotFoundException("therapeutic area", therapeuticAreaId);
		}
	}

	/** Versions and their rules, caps and quiet periods: four statements however many versions. */
	private List<PolicyVersion> load(String where, Object... args) {
		record Row(long id, long area, long version, int minDays, String savedBy, String savedByName, Instant savedAt,
				String note) {
		}
		List<Row> rows = this.jdbc.query(VERSIONS + where, (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3),
				rs.getInt(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), rs.getString(8)), args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
		Map<Long, Map<AdoptionStage, StageRule>> rules = new HashMap<>();
		this.jdbc.query("SELECT policy_id, stage, approach, actions, rationale FROM stage_policy_rule"
				+ " WHERE policy_id = ANY (?)", rs -> {
					rules.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(AdoptionStage.class))
						.put(AdoptionStage.valueOf(rs.getString(2)), new StageRule(Approach.valueOf(rs.getString(3)),
								actions(rs.getArray(4)), rs.getString(5)));
				}, (Object) ids);
		Map<Long, Map<ConsentChannel, FatigueCap>> caps = new HashMap<>();
		this.jdbc.query("SELECT policy_id, channel, max_contacts, days FROM stage_policy_cap WHERE policy_id = ANY (?)",
				rs -> {
					caps.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(ConsentChannel.class))
						.put(ConsentChannel.valueOf(rs.getString(2)), new FatigueCap(rs.getInt(3), rs.getInt(4)));
				}, (Object) ids);
		Map<Long, List<QuietPeriod>> quiet = new HashMap<>();
		this.jdbc.query("SELECT policy_id, from_day, to_day, label FROM stage_policy_quiet_period"
				+ " WHERE policy_id = ANY (?) ORDER BY policy_id, position", rs -> {
					quiet.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new QuietPeriod(rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(), rs.getString(4)));
				}, (Object) ids);
		return rows.stream()
			.map(r -> new PolicyVersion(new StagePolicy(r.area(), r.version(), rules.get(r.id()), caps.get(r.id()),
					quiet.get(r.id()), r.minDays()), r.savedBy(), r.savedByName(), r.savedAt(), r.note()))
			.toList();
	}

	private static List<ActionKind> actions(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(a -> ActionKind.valueOf((String) a)).toList();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static String array(List<String> values) {
		return "{" + String.join(",", values) + "}";
	}

}
