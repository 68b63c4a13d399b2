package org.openpharma.crm.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.StorableText;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Saved segments and the query behind them (docs/adr/0034): the live count and the members of any criteria, and
 * marketing's saved segments, versioned by optimistic locking and audited. The criteria become one SQL statement
 * over {@code hcp} with one {@code EXISTS} per criterion, read against the data as it is now: a saved segment stays
 * live.
 */
@Service
@Transactional
public class Segments {

	public static final int NAME_MAX = 120;

	public static final int DESCRIPTION_MAX = 1000;

	/** Members per page of the list. */
	public static final int PAGE_SIZE = 25;

	/** How far back "the product was discussed" looks. */
	static final Duration PRODUCT_WINDOW = Duration.ofDays(365);

	/** A saved segment. */
	public record Saved(long id, String name, String description, SegmentCriteria criteria, boolean archived,
			String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, long version) {
	}

	/** One member as the list shows them; the stage is the one in the criteria's area. */
	public record Member(long id, String name, String kana, String specialtyCode, String institution,
			Integer prefectureCode, String stage, Instant lastContactAt) {
	}

	/** The criteria as a WHERE clause over {@code hcp h LEFT JOIN hco o} and its arguments. */
	record Where(String sql, List<Object> args) {
	}

	static final String FROM = " FROM hcp h LEFT JOIN hco o ON o.id = h.primary_hco_id WHERE ";

	private final JdbcTemplate jdbc;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final JsonMapper json;

	private final Clock clock;

	Segments(JdbcTemplate jdbc, ReferenceData reference, AuditTrail audit, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.reference = reference;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** How many active HCPs meet the criteria now; throws a field-level ValidationException for bad criteria. */
	@Transactional(readOnly = true)
	public long count(SegmentCriteria criteria) {
		require(criteria);
		Where where = where(criteria);
		Long count = this.jdbc.queryForObject("SELECT count(*)" + FROM + where.sql(), Long.class, where.args().toArray());
		return (count != null) ? count : 0;
	}

	/** One page of the members, in kana order, with the total. */
	@Transactional(readOnly = true)
	public SearchPage<Member> members(SegmentCriteria criteria, int page) {
		long total = count(criteria);
		int shown = SearchPage.clamp(page, total, PAGE_SIZE);
		Where where = where(criteria);
		List<Object> args = new ArrayList<>();
		args.add((criteria.therapeuticAreaId() != null) ? criteria.therapeuticAreaId() : -1L);
		args.addAll(where.args());
		args.add(PAGE_SIZE);
		args.add((long) shown * PAGE_SIZE);
		List<Member> members = this.jdbc.query("SELECT h.id, h.name_kanji, h.name_kana, h.specialty_code, o.name,"
				+ " o.prefecture_code, (SELECT s.stage FROM hcp_stage s WHERE s.hcp_id = h.id AND s.therapeutic_area_id = ?),"
				+ " (SELECT max(i.occurred_at) FROM interaction i WHERE i.hcp_id = h.id)" + FROM + where.sql()
				+ " ORDER BY h.kana_key, h.id LIMIT ? OFFSET ?", MEMBER, args.toArray());
		return new SearchPage<>(members, shown, PAGE_SIZE, total, false);
	}

	/** Every member's id (a campaign's launch freezes them). */
	@Transactional(readOnly = true)
	public List<Long> memberIds(SegmentCriteria criteria) {
		require(criteria);
		Where where = where(criteria);
		return this.jdbc.queryForList("SELECT h.id" + FROM + where.sql() + " ORDER BY h.id", Long.class,
				where.args().toArray());
	}

	/** The saved segments, newest change first; archived ones only when asked. */
	@Transactional(readOnly = true)
	public List<Saved> list(boolean withArchived) {
		return this.jdbc.query("SELECT * FROM segment" + (withArchived ? "" : " WHERE NOT archived")
				+ " ORDER BY updated_at DESC, id DESC", this::saved);
	}

	@Transactional(readOnly = true)
	public Optional<Saved> find(long id) {
		return this.jdbc.query("SELECT * FROM segment WHERE id = ?", this::saved, id).stream().findFirst();
	}

	@Transactional(readOnly = true)
	public Saved get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("segment", id));
	}

	/** Saves a new segment, or throws a ValidationException naming the fields. */
	public Saved create(String name, String description, SegmentCriteria criteria, String actor) {
		String cleanName = clean(name);
		String cleanDescription = clean(description);
		checkForSave(null, cleanName, cleanDescription, criteria);
		Instant now = this.clock.instant();
		Long id = this.jdbc.queryForObject("INSERT INTO segment (name, description, criteria, created_by, created_at,"
				+ " updated_by, updated_at) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id", Long.class, cleanName,
				cleanDescription, this.json.writeValueAsString(criteria), actor, Timestamp.from(now), actor,
				Timestamp.from(now));
		this.audit.record(actor, "CREATE", "SEGMENT", id, null, describe(cleanName, cleanDescription, criteria));
		return get(id);
	}

	/**
	 * Saves changed criteria, name or description from the version the user saw: a stale version is refused
	 * ({@link StaleVersionException}), bad input field by field.
	 */
	public Saved update(long id, long version, String name, String description, SegmentCriteria criteria,
			String actor) {
		Saved before = lockForUpdate(id, version);
		if (before.archived()) {
			throw new ValidationException(List.of(new FieldViolation("name", "segment.archived.edit")));
		}
		String cleanName = clean(name);
		String cleanDescription = clean(description);
		checkForSave(id, cleanName, cleanDescription, criteria);
		this.jdbc.update("UPDATE segment SET name = ?, description = ?, criteria = ?::jsonb, updated_by = ?,"
				+ " updated_at = ?, version = version + 1 WHERE id = ?", cleanName, cleanDescription,
				this.json.writeValueAsString(criteria), actor, Timestamp.from(this.clock.instant()), id);
		this.audit.record(actor, "UPDATE", "SEGMENT", id,
				describe(before.name(), before.description(), before.criteria()),
				describe(cleanName, cleanDescription, criteria));
		return get(id);
	}

	/** Archives a segment: it leaves the list; campaigns launched from it keep their frozen members. */
	public void archive(long id, long version, String actor) {
		Saved before = lockForUpdate(id, version);
		this.jdbc.update("UPDATE segment SET archived = true, updated_by = ?, updated_at = ?, version = version + 1"
				+ " WHERE id = ?", actor, Timestamp.from(this.clock.instant()), id);
		this.audit.record(actor, "ARCHIVE", "SEGMENT", id, Map.of("archived", before.archived()),
				Map.of("archived", true));
	}

	/** The criteria's violations, the reference codes included; empty when they can be read. */
	@Transactional(readOnly = true)
	public List<FieldViolation> violations(SegmentCriteria criteria) {
		List<FieldViolation> violations = new ArrayList<>(criteria.violations());
		if (criteria.therapeuticAreaId() != null
				&& !this.reference.therapeuticAreasExist(List.of(criteria.therapeuticAreaId()))) {
			violations.add(new FieldViolation("therapeuticAreaId", "segment.unknown"));
		}
		if (criteria.productId() != null && !this.reference.productsExist(List.of(criteria.productId()))) {
			violations.add(new FieldViolation("productId", "segment.unknown"));
		}
		if (criteria.specialties().stream().anyMatch(s -> !this.reference.isSpecialty(s))) {
			violations.add(new FieldViolation("specialties", "segment.unknown"));
		}
		if (criteria.regions().stream().anyMatch(r -> !this.reference.isRegion(r))) {
			violations.add(new FieldViolation("regions", "segment.unknown"));
		}
		if (criteria.prefectures().stream().anyMatch(p -> !this.reference.isPrefecture(p))) {
			violations.add(new FieldViolation("prefectures", "segment.unknown"));
		}
		if (criteria.seenItemId() != null && !Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM content_item WHERE id = ?)", Boolean.class, criteria.seenItemId()))) {
			violations.add(new FieldViolation("seenItemId", "segment.unknown"));
		}
		return violations;
	}

	SegmentCriteria criteriaOf(String json) {
		return this.json.readValue(json, SegmentCriteria.class);
	}

	String toJson(SegmentCriteria criteria) {
		return this.json.writeValueAsString(criteria);
	}

	/**
	 * The WHERE clause of the criteria: one condition per criterion set, all of which must hold, over active HCPs.
	 * Consent is read as a send reads it: the latest record captured for the channel and promotion (granted and not
	 * expired allows; withdrawn or expired does not), and without one the channel's mode (opt-out allows).
	 */
	Where where(SegmentCriteria c) {
		Instant now = this.clock.instant();
		StringBuilder sql = new StringBuilder("h.status = 'ACTIVE'");
		List<Object> args = new ArrayList<>();
		Long area = c.therapeuticAreaId();
		if (area != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM hcp_stage s WHERE s.hcp_id = h.id AND s.therapeutic_area_id = ?");
			args.add(area);
			if (!c.stages().isEmpty()) {
				sql.append(" AND s.stage IN (").append(marks(c.stages().size())).append(')');
				c.stages().forEach(s -> args.add(s.name()));
			}
			sql.append(')');
		}
		if (c.productId() != null) {
			sql.append(" AND (EXISTS (SELECT 1 FROM interaction_product ip JOIN interaction i ON i.id = ip.interaction_id"
					+ " WHERE i.hcp_id = h.id AND ip.product_id = ? AND i.occurred_at >= ?)"
					+ " OR EXISTS (SELECT 1 FROM patient_count pc WHERE pc.hcp_id = h.id AND pc.product_id = ?))");
			args.add(c.productId());
			args.add(Timestamp.from(now.minus(PRODUCT_WINDOW)));
			args.add(c.productId());
		}
		if (!c.specialties().isEmpty()) {
			sql.append(" AND h.specialty_code IN (").append(marks(c.specialties().size())).append(')');
			args.addAll(c.specialties().stream().sorted().toList());
		}
		if (!c.regions().isEmpty() || !c.prefectures().isEmpty()) {
			sql.append(" AND (false");
			if (!c.prefectures().isEmpty()) {
				sql.append(" OR o.prefecture_code IN (").append(marks(c.prefectures().size())).append(')');
				c.prefectures().stream().sorted().forEach(p -> args.add(p.shortValue()));
			}
			if (!c.regions().isEmpty()) {
				sql.append(" OR o.prefecture_code IN (SELECT p.code FROM prefecture p WHERE p.region_code IN (")
					.append(marks(c.regions().size()))
					.append("))");
				args.addAll(c.regions().stream().sorted().toList());
			}
			sql.append(')');
		}
		if (!c.needCategories().isEmpty()) {
			sql.append(" AND EXISTS (SELECT 1 FROM information_need n WHERE n.hcp_id = h.id"
					+ " AND n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS') AND n.category IN (")
				.append(marks(c.needCategories().size()))
				.append(')');
			c.needCategories().stream().sorted().forEach(n -> args.add(n.name()));
			if (area != null) {
				sql.append(" AND n.therapeutic_area_id = ?");
				args.add(area);
			}
			sql.append(')');
		}
		if (c.seenItemId() != null) {
			sql.append(Boolean.TRUE.equals(c.seen()) ? " AND" : " AND NOT")
				.append(" EXISTS (SELECT 1 FROM content_delivery d WHERE d.hcp_id = h.id AND d.item_id = ?"
						+ " AND (d.channel IN ('VISIT', 'REMOTE') OR EXISTS (SELECT 1 FROM content_view v"
						+ " WHERE v.delivery_id = d.id)))");
			args.add(c.seenItemId());
		}
		if (c.contactWithinDays() != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM interaction i WHERE i.hcp_id = h.id AND i.occurred_at >= ?)");
			args.add(Timestamp.from(daysAgo(now, c.contactWithinDays())));
		}
		if (c.noContactForDays() != null) {
			sql.append(" AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.hcp_id = h.id AND i.occurred_at >= ?)");
			args.add(Timestamp.from(daysAgo(now, c.noContactForDays())));
		}
		for (ConsentChannel channel : c.consentChannels().stream().sorted().toList()) {
			sql.append(" AND coalesce((SELECT r.state = 'GRANTED' AND (r.expires_at IS NULL OR r.expires_at > ?)"
					+ " FROM consent_record r WHERE r.hcp_id = h.id AND r.channel = ? AND r.purpose = ?"
					+ " AND r.captured_at <= ? ORDER BY r.captured_at DESC, r.id DESC LIMIT 1),"
					+ " (SELECT cr.mode = 'OPT_OUT' FROM consent_rule cr WHERE cr.channel = ? AND cr.purpose = ?), false)");
			args.add(Timestamp.from(now));
			args.add(channel.name());
			args.add(ConsentPurpose.PROMOTIONAL.name());
			args.add(Timestamp.from(now));
			args.add(channel.name());
			args.add(ConsentPurpose.PROMOTIONAL.name());
		}
		if (c.minPatientMonths() != null && area != null) {
			sql.append(" AND EXISTS (SELECT 1 FROM hcp_patient_lifetime l WHERE l.hcp_id = h.id AND l.ta_id = ?"
					+ " AND l.patient_months >= ?)");
			args.add(area);
			args.add(c.minPatientMonths().longValue());
		}
		return new Where(sql.toString(), args);
	}

	/** The start of Japan's day {@code days} days before today: "within 30 days" counts whole days. */
	private static Instant daysAgo(Instant now, int days) {
		LocalDate today = now.atZone(Japan.ZONE).toLocalDate();
		return today.minusDays(days).atStartOfDay(Japan.ZONE).toInstant();
	}

	private void require(SegmentCriteria criteria) {
		List<FieldViolation> violations = violations(criteria);
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
	}

	private void checkForSave(Long id, String name, String description, SegmentCriteria criteria) {
		List<FieldViolation> violations = new ArrayList<>();
		if (name == null) {
			violations.add(new FieldViolation("name", "segment.name.required"));
		}
		else if (name.length() > NAME_MAX || !StorableText.isStorable(name)) {
			violations.add(new FieldViolation("name", "validation.tooLong", NAME_MAX));
		}
		else if (Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM segment WHERE NOT archived"
				+ " AND lower(name) = lower(?) AND id IS DISTINCT FROM ?)", Boolean.class, name, id))) {
			violations.add(new FieldViolation("name", "segment.name.taken"));
		}
		if (description != null && (description.length() > DESCRIPTION_MAX || !StorableText.isStorable(description))) {
			violations.add(new FieldViolation("description", "validation.tooLong", DESCRIPTION_MAX));
		}
		violations.addAll(violations(criteria));
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
	}

	private Saved lockForUpdate(long id, long version) {
		Saved current = this.jdbc.query("SELECT * FROM segment WHERE id = ? FOR UPDATE", this::saved, id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("segment", id));
		if (current.version() != version) {
			throw new StaleVersionException("segment", id, version, current.version());
		}
		return current;
	}

	private Map<String, Object> describe(String name, String description, SegmentCriteria criteria) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", name);
		map.put("description", description);
		map.put("criteria", this.json.writeValueAsString(criteria));
		return map;
	}

	private Saved saved(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Saved(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				criteriaOf(rs.getString("criteria")), rs.getBoolean("archived"), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("updated_by"),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
	}

	private static final RowMapper<Member> MEMBER = (rs, i) -> new Member(rs.getLong(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7),
			(rs.getTimestamp(8) != null) ? rs.getTimestamp(8).toInstant() : null);

	private static String marks(int n) {
		return java.util.Collections.nCopies(n, "?").stream().collect(Collectors.joining(", "));
	}

	private static String clean(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
