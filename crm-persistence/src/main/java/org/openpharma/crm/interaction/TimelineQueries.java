package org.openpharma.crm.interaction;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read model of an HCP's relationship for the 360 page: every department's interactions (filtered,
 * paginated by an index on hcp and time), needs with status, stage per therapeutic area with history,
 * policy notes and patient counts.
 */
@Service
@Transactional(readOnly = true)
public class TimelineQueries {

	private final JdbcTemplate jdbc;

	TimelineQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Filters of the timeline; nulls mean "any". */
	public record Filter(String department, Channel channel, Long therapeuticAreaId, LocalDate from, LocalDate to) {

		public static Filter none() {
			return new Filter(null, null, null, null, null);
		}

	}

	/**
	 * One interaction on the timeline; {@code inquiryId} is set on the inbound call in which a medical inquiry was
	 * taken (the call holds none of the inquiry's text, so every role may see it).
	 */
	public record TimelineEntry(long id, Instant occurredAt, String channel, boolean push, String departmentCode,
			String author, Integer durationMinutes, String outcome, String keyMessages, String notes, Long correctsId,
			Instant recordedAt, int needCount, String consentBreach, String correctionReason, Long inquiryId,
			String authorName) {
	}

	/**
	 * A need with its status, as every role may see it: how it was met is not here, since for a need routed to
	 * medical affairs that is medical content (NeedQueries.detail withholds it from other readers).
	 */
	public record NeedEntry(long id, String topic, String category, String urgency, String status, String routedTo,
			Long therapeuticAreaId, Instant createdAt, String createdBy, Boolean feedbackHelpful, Integer feedbackScore) {
	}

	/** A stage change in the history. */
	public record StageEntry(long therapeuticAreaId, String fromStage, String toStage, String reason, String changedBy,
			Instant changedAt) {
	}

	/** A treatment-policy note. */
	public record PolicyEntry(Long therapeuticAreaId, String note, String author, Instant createdAt) {
	}

	/** Patient numbers reported for a month. */
	public record CountEntry(Long therapeuticAreaId, Long productId, LocalDate period, Integer eligible,
			Integer treated, String reportedBy) {
	}

	/**
	 * One interaction as its read-only page shows it: the contact, who logged it (display name and department) and
	 * when, and everything captured with it. Firewall: the needs carry no fulfilment (see {@link NeedEntry}), an
	 * inquiry call carries no text of its inquiry, and the notes of a medical affairs contact are withheld from
	 * readers outside medical affairs ({@code medicalContent} false): {@code notes} is then null, {@code notesWithheld}
	 * true.
	 */
	public record InteractionDetail(long id, long hcpId, String channel, boolean push, Instant occurredAt,
			Integer durationMinutes, String author, String authorName, String departmentCode, String purpose,
			String keyMessages, String outcome, String notes, boolean notesWithheld, String consentBreach,
			Long correctsId, String correctionReason, List<Long> correctedByIds, Long inquiryId, Instant recordedAt,
			Instant updatedAt, List<Long> productIds, List<Long> therapeuticAreaIds, List<NeedEntry> needs,
			List<StageEntry> stages, List<PolicyEntry> policies, List<CountEntry> counts) {
	}

	/** The department whose contacts' notes are medical content (scientific exchange). */
	static final String MEDICAL_DEPARTMENT = "MEDICAL";

	/** The interaction, if it exists; {@code medicalContent}: the reader may see medical affairs' notes. */
	public java.util.Optional<InteractionDetail> detail(long id, boolean medicalContent) {
		List<InteractionDetail> found = this.jdbc.query("SELECT i.id, i.hcp_id, i.channel, i.occurred_at,"
				+ " i.duration_minutes, i.author, coalesce(u.display_name, i.author), i.department_code, i.purpose,"
				+ " i.key_messages, i.outcome, i.notes, i.consent_breach, i.corrects_id, i.correction_reason,"
				+ " i.inquiry_id, i.recorded_at, i.updated_at,"
				+ " ARRAY(SELECT c.id FROM interaction c WHERE c.corrects_id = i.id ORDER BY c.id),"
				+ " ARRAY(SELECT p.product_id FROM interaction_product p WHERE p.interaction_id = i.id ORDER BY 1),"
				+ " ARRAY(SELECT t.therapeutic_area_id FROM interaction_therapeutic_area t WHERE t.interaction_id = i.id"
				+ " ORDER BY 1)"
				+ " FROM interaction i LEFT JOIN app_user u ON u.username = i.author WHERE i.id = ?", (rs, n) -> {
					boolean withheld = !medicalContent && MEDICAL_DEPARTMENT.equals(rs.getString(8))
							&& rs.getString(12) != null;
					return new InteractionDetail(rs.getLong(1), rs.getLong(2), rs.getString(3),
							Channel.valueOf(rs.getString(3)).isPush(), rs.getTimestamp(4).toInstant(),
							(Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
							rs.getString(10), rs.getString(11), withheld ? null : rs.getString(12), withheld,
							rs.getString(13), (Long) rs.getObject(14), rs.getString(15), longs(rs.getArray(19)),
							(Long) rs.getObject(16), rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant(),
							longs(rs.getArray(20)), longs(rs.getArray(21)), List.of(), List.of(), List.of(), List.of());
				}, id);
		if (found.isEmpty()) {
			return java.util.Optional.empty();
		}
		InteractionDetail d = found.get(0);
		List<NeedEntry> needs = this.jdbc.query("SELECT id, topic, category, urgency, status, routed_to,"
				+ " therapeutic_area_id, created_at, created_by, feedback_helpful, feedback_score FROM information_need"
				+ " WHERE interaction_id = ? ORDER BY id",
				(rs, n) -> new NeedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getTimestamp(8).toInstant(),
						rs.getString(9), (Boolean) rs.getObject(10), (Integer) rs.getObject(11)),
				id);
		List<StageEntry> stages = this.jdbc.query("SELECT therapeutic_area_id, from_stage, to_stage, reason, changed_by,"
				+ " changed_at FROM stage_change WHERE interaction_id = ? ORDER BY id",
				(rs, n) -> new StageEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getTimestamp(6).toInstant()),
				id);
		List<PolicyEntry> policies = this.jdbc.query("SELECT therapeutic_area_id, note, author, created_at"
				+ " FROM treatment_policy_note WHERE interaction_id = ? ORDER BY id",
				(rs, n) -> new PolicyEntry((Long) rs.getObject(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant()),
				id);
		List<CountEntry> counts = this.jdbc.query("SELECT therapeutic_area_id, product_id, period, eligible_patients,"
				+ " treated_patients, reported_by FROM patient_count WHERE interaction_id = ? ORDER BY id",
				(rs, n) -> new CountEntry((Long) rs.getObject(1), (Long) rs.getObject(2),
						rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4), (Integer) rs.getObject(5),
						rs.getString(6)),
				id);
		return java.util.Optional.of(new InteractionDetail(d.id(), d.hcpId(), d.channel(), d.push(), d.occurredAt(),
				d.durationMinutes(), d.author(), d.authorName(), d.departmentCode(), d.purpose(), d.keyMessages(),
				d.outcome(), d.notes(), d.notesWithheld(), d.consentBreach(), d.correctsId(), d.correctionReason(),
				d.correctedByIds(), d.inquiryId(), d.recordedAt(), d.updatedAt(), d.productIds(), d.therapeuticAreaIds(),
				needs, stages, policies, counts));
	}

	private static List<Long> longs(java.sql.Array array) throws java.sql.SQLException {
		List<Long> values = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add(((Number) value).longValue());
		}
		return values;
	}

	public SearchPage<TimelineEntry> interactions(long hcpId, Filter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE i.hcp_id = ?");
		List<Object> args = new ArrayList<>(List.of(hcpId));
		if (filter.department() != null) {
			where.append(" AND i.department_code = ?");
			args.add(filter.department());
		}
		if (filter.channel() != null) {
			where.append(" AND i.channel = ?");
			args.add(filter.channel().name());
		}
		if (filter.therapeuticAreaId() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM interaction_therapeutic_area t WHERE t.interaction_id = i.id"
					+ " AND t.therapeutic_area_id = ?)");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.from() != null) {
			where.append(" AND i.occurred_at >= ?");
			args.add(Timestamp.from(filter.from().atStartOfDay(Japan.ZONE).toInstant()));
		}
		if (filter.to() != null) {
			where.append(" AND i.occurred_at < ?");
			args.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(Japan.ZONE).toInstant()));
		}
		return PagedSql.page(this.jdbc, "SELECT i.id, i.occurred_at, i.channel, i.department_code, i.author,"
				+ " i.duration_minutes, i.outcome, i.key_messages, i.notes, i.corrects_id, i.recorded_at,"
				+ " (SELECT count(*) FROM information_need n WHERE n.interaction_id = i.id), i.consent_breach,"
				+ " i.correction_reason, i.inquiry_id, coalesce(u.display_name, i.author) FROM interaction i"
				+ " LEFT JOIN app_user u ON u.username = i.author" + where, "ORDER BY i.occurred_at DESC, i.id DESC", args,
				(rs, n) -> new TimelineEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
						Channel.valueOf(rs.getString(3)).isPush(), rs.getString(4), rs.getString(5),
						(Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9),
						(Long) rs.getObject(10), rs.getTimestamp(11).toInstant(), rs.getInt(12), rs.getString(13),
						rs.getString(14), (Long) rs.getObject(15), rs.getString(16)),
				page, size);
	}

	public List<NeedEntry> needs(long hcpId, int limit) {
		return this.jdbc.query("SELECT id, topic, category, urgency, status, routed_to, therapeutic_area_id, created_at,"
				+ " created_by, feedback_helpful, feedback_score FROM information_need WHERE hcp_id = ?"
				+ " ORDER BY (status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS')) DESC, created_at DESC, id DESC LIMIT ?",
				(rs, n) -> new NeedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getTimestamp(8).toInstant(),
						rs.getString(9), (Boolean) rs.getObject(10), (Integer) rs.getObject(11)),
				hcpId, limit);
	}

	/** Stage history per therapeutic area, newest first; the first entry of each area is its current stage. */
	public List<StageEntry> stages(long hcpId, int limit) {
		return this.jdbc.query("SELECT therapeutic_area_id, from_stage, to_stage, reason, changed_by, changed_at"
				+ " FROM stage_change WHERE hcp_id = ? ORDER BY therapeutic_area_id, changed_at DESC, id DESC LIMIT ?",
				(rs, n) -> new StageEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getTimestamp(6).toInstant()),
				hcpId, limit);
	}

	public List<PolicyEntry> policyNotes(long hcpId, int limit) {
		return this.jdbc.query("SELECT therapeutic_area_id, note, author, created_at FROM treatment_policy_note"
				+ " WHERE hcp_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
				(rs, n) -> new PolicyEntry((Long) rs.getObject(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant()),
				hcpId, limit);
	}

	public List<CountEntry> patientCounts(long hcpId, int limit) {
		return this.jdbc.query("SELECT therapeutic_area_id, product_id, period, eligible_patients, treated_patients,"
				+ " reported_by FROM patient_count WHERE hcp_id = ? ORDER BY period DESC, id DESC LIMIT ?",
				(rs, n) -> new CountEntry((Long) rs.getObject(1), (Long) rs.getObject(2),
						rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4), (Integer) rs.getObject(5),
						rs.getString(6)),
				hcpId, limit);
	}

}
