package org.openpharma.crm.inquiry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read models of medical inquiries, with the firewall built into the SQL: {@link #summaries} selects no
 * medical column at all (anyone may see it); the queue, an inquiry's content and the adverse-event list
 * answer only for medical affairs and refuse everyone else.
 */
@Service
@Transactional(readOnly = true)
public class InquiryQueries {

	/** What every role may know: that an inquiry exists, its short subject, status and clock. */
	public record InquirySummary(long id, long hcpId, String subject, String status, Instant receivedAt, Instant dueAt) {
	}

	/** A row of medical affairs' queue. */
	public record QueueRow(long id, long hcpId, String hcpName, String subject, String question, Long productId,
			String priority, boolean offLabel, String status, String assignee, Instant receivedAt, Instant dueAt,
			boolean adverseEvent, long version) {

		public boolean overdue(Instant now) {
			return this.dueAt.isBefore(now) && !"ANSWERED".equals(this.status) && !"CLOSED".equals(this.status);
		}

	}

	/** Queue filters; null means any. {@code dueBefore} finds what is due by then (e.g. end of today). */
	public record Filter(InquiryStatus status, InquiryPriority priority, Long productId, String assignee,
			Instant dueBefore) {

		public static Filter none() {
			return new Filter(null, null, null, null, null);
		}

	}

	/** An open adverse-event hand-off with its clock, for pharmacovigilance. */
	public record Handoff(long id, long inquiryId, long hcpId, Long suspectProductId, String description,
			String seriousness, String ageBand, String sex, String reporter, Instant createdAt, Instant dueAt) {
	}

	/** An inquiry with its medical content, for medical affairs. */
	public record Detail(long id, long hcpId, String hcpName, String subject, String question, Long productId,
			String answerChannel, String urgency, String priority, boolean offLabel, String category, String status,
			String receivedBy, String receivedVia, Instant receivedAt, Instant dueAt, String assignee, long version,
			Handoff adverseEvent, Answer answer) {
	}

	/** The answer as prepared, approved and delivered (null fields for steps not done yet). */
	public record Answer(String text, Long standardResponseId, String author, String approvedBy, String deliveredChannel,
			Instant deliveredAt, Boolean feedbackHelpful, Integer feedbackScore) {

		public boolean approved() {
			return this.approvedBy != null;
		}

	}

	/** An approved standard response, usable until {@code validTo}. */
	public record StandardResponse(long id, String code, String title, String approvalRef, java.time.LocalDate validTo) {
	}

	/** One step of an inquiry's own timeline. */
	public record Step(Instant at, String actor, String action, String detail) {
	}

	private final JdbcTemplate jdbc;

	InquiryQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	private static final String SUMMARY = "SELECT id, hcp_id, subject, status, received_at, due_at FROM medical_inquiry";

	private static final org.springframework.jdbc.core.RowMapper<InquirySummary> SUMMARY_ROW = (rs,
			i) -> new InquirySummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());

	/** An HCP's inquiries as every role may see them (no question, answer or adverse-event facts). */
	public List<InquirySummary> summaries(long hcpId) {
		return this.jdbc.query(SUMMARY + " WHERE hcp_id = ? ORDER BY received_at DESC, id DESC LIMIT 50", SUMMARY_ROW,
				hcpId);
	}

	/** One inquiry as every role may see it. */
	public java.util.Optional<InquirySummary> summary(long id) {
		return this.jdbc.query(SUMMARY + " WHERE id = ?", SUMMARY_ROW, id).stream().findFirst();
	}

	/** Medical affairs' queue, soonest due first. */
	public SearchPage<QueueRow> queue(Filter filter, Collection<String> roles, int page, int size) {
		requireMedical(roles);
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (filter.status() != null) {
			where.append(" AND q.status = ?");
			args.add(filter.status().name());
		}
		if (filter.priority() != null) {
			where.append(" AND q.priority = ?");
			args.add(filter.priority().name());
		}
		if (filter.productId() != null) {
			where.append(" AND q.product_id = ?");
			args.add(filter.productId());
		}
		if (filter.assignee() != null && !filter.assignee().isBlank()) {
			where.append(" AND q.assignee = ?");
			args.add(filter.assignee().strip().toLowerCase(java.util.Locale.ROOT));
		}
		if (filter.dueBefore() != null) {
			where.append(" AND q.due_at < ?");
			args.add(Timestamp.from(filter.dueBefore()));
		}
		return PagedSql.page(this.jdbc, "SELECT q.id, q.hcp_id, h.name_kanji, q.subject, q.question, q.product_id,"
				+ " q.priority, q.off_label, q.status, q.assignee, q.received_at, q.due_at,"
				+ " EXISTS (SELECT 1 FROM adverse_event_handoff a WHERE a.inquiry_id = q.id), q.version"
				+ " FROM medical_inquiry q JOIN hcp h ON h.id = q.hcp_id" + where,
				"ORDER BY (q.status IN ('ANSWERED', 'CLOSED')), q.due_at, q.id", args,
				(rs, i) -> new QueueRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						(Long) rs.getObject(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
						rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), rs.getBoolean(13),
						rs.getLong(14)),
				page, size);
	}

	/** Adverse-event hand-offs not yet acknowledged by pharmacovigilance, soonest due first. */
	public List<Handoff> openHandoffs(Collection<String> roles) {
		requireMedical(roles);
		return this.jdbc.query("SELECT a.id, a.inquiry_id, q.hcp_id, a.suspect_product_id, a.description, a.seriousness,"
				+ " a.age_band, a.sex, a.reporter, a.created_at, a.due_at FROM adverse_event_handoff a"
				+ " JOIN medical_inquiry q ON q.id = a.inquiry_id WHERE a.acknowledged_at IS NULL ORDER BY a.due_at, a.id",
				(rs, i) -> new Handoff(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4),
						rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
	}

	/** One inquiry with its question and adverse-event facts, for medical affairs only. */
	public java.util.Optional<Detail> detail(long id, Collection<String> roles) {
		requireMedical(roles);
		Handoff handoff = this.jdbc.query("SELECT a.id, a.inquiry_id, q.hcp_id, a.suspect_product_id, a.description,"
				+ " a.seriousness, a.age_band, a.sex, a.reporter, a.created_at, a.due_at FROM adverse_event_handoff a"
				+ " JOIN medical_inquiry q ON q.id = a.inquiry_id WHERE a.inquiry_id = ?", (rs, i) -> new Handoff(
						rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4), rs.getString(5),
						rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
						rs.getTimestamp(11).toInstant()), id).stream().findFirst().orElse(null);
		return this.jdbc.query("SELECT q.id, q.hcp_id, h.name_kanji, q.subject, q.question, q.product_id,"
				+ " q.answer_channel, q.urgency, q.priority, q.off_label, q.category, q.status, q.received_by,"
				+ " q.received_via, q.received_at, q.due_at, q.assignee, q.version, q.answer_text, q.standard_response_id,"
				+ " q.answer_author, q.answer_approved_by, q.delivered_channel, q.delivered_at, q.feedback_helpful,"
				+ " q.feedback_score FROM medical_inquiry q JOIN hcp h ON h.id = q.hcp_id WHERE q.id = ?",
				(rs, i) -> new Detail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						(Long) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
						rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
						rs.getTimestamp(15).toInstant(), rs.getTimestamp(16).toInstant(), rs.getString(17), rs.getLong(18),
						handoff, new Answer(rs.getString(19), (Long) rs.getObject(20), rs.getString(21), rs.getString(22),
								rs.getString(23), (rs.getTimestamp(24) != null) ? rs.getTimestamp(24).toInstant() : null,
								(Boolean) rs.getObject(25), (Integer) rs.getObject(26))), id)
			.stream().findFirst();
	}

	/** Standard responses valid on {@code today} for the product (all products when it is null). */
	public List<StandardResponse> standardResponses(Long productId, java.time.LocalDate today) {
		return this.jdbc.query("SELECT id, code, title, approval_ref, valid_to FROM standard_response"
				+ " WHERE (CAST(? AS bigint) IS NULL OR product_id = ?) AND valid_from <= ? AND valid_to >= ? ORDER BY code",
				(rs, i) -> new StandardResponse(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getDate(5).toLocalDate()),
				productId, productId, java.sql.Date.valueOf(today), java.sql.Date.valueOf(today));
	}

	/** Active medical affairs users, whom an inquiry can be assigned to. */
	public List<String> medicalUsers() {
		return this.jdbc.queryForList("SELECT u.username FROM app_user u JOIN app_user_role r ON r.user_id = u.id"
				+ " WHERE r.role = 'MEDICAL' AND u.enabled AND NOT u.system_user ORDER BY u.username", String.class);
	}

	/** One hand-off (open or acknowledged), for pharmacovigilance's file. */
	public java.util.Optional<Handoff> handoff(long id, Collection<String> roles) {
		requireMedical(roles);
		return this.jdbc.query("SELECT a.id, a.inquiry_id, q.hcp_id, a.suspect_product_id, a.description, a.seriousness,"
				+ " a.age_band, a.sex, a.reporter, a.created_at, a.due_at FROM adverse_event_handoff a"
				+ " JOIN medical_inquiry q ON q.id = a.inquiry_id WHERE a.id = ?",
				(rs, i) -> new Handoff(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4),
						rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
						rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()), id).stream().findFirst();
	}

	/** The inquiry's own timeline: every step, who and when. Medical affairs only (details may be medical). */
	public List<Step> timeline(long inquiryId, Collection<String> roles) {
		requireMedical(roles);
		return this.jdbc.query("SELECT occurred_at, actor, action, detail FROM inquiry_event WHERE inquiry_id = ?"
				+ " ORDER BY id", (rs, i) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
						rs.getString(4)), inquiryId);
	}

	private static void requireMedical(Collection<String> roles) {
		if (!InquiryFirewall.seesMedicalContent(roles)) {
			throw DomainException.global("inquiry.firewall");
		}
	}

}
