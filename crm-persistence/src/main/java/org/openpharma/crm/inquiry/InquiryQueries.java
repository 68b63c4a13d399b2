package org.openpharma.crm.inquiry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
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
			boolean adverseEvent, long version, String assigneeName) {

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

	/**
	 * An adverse-event hand-off with its clocks, for pharmacovigilance: day 0 ({@code awareAt}, when the first
	 * employee learned of it), the company's internal deadline ({@code dueAt}) and the regulator's, by the
	 * HCP's country and the case, with the rule that set it. Acknowledged ones keep all of it, as history.
	 */
	public record Handoff(long id, long inquiryId, long hcpId, String hcpName, String hcpCountry, Long suspectProductId,
			String productNameJa, String productNameEn, String description, String seriousness, String expectedness,
			Boolean fatal, String ageBand, String sex, String reporter, Instant awareAt, Instant createdAt, Instant dueAt,
			Instant acknowledgedAt, String acknowledgedBy, String pvReference, RegulatoryDeadline regulatory,
			String acknowledgedByName) {

		public boolean acknowledged() {
			return this.acknowledgedAt != null;
		}

		/** Past the internal deadline and still not acknowledged. */
		public boolean overdue(Instant now) {
			return !acknowledged() && this.dueAt.isBefore(now);
		}

		/** Acknowledged after the internal deadline. */
		public boolean acknowledgedLate() {
			return acknowledged() && this.acknowledgedAt.isAfter(this.dueAt);
		}

		/** The regulator's due date has passed (day 0 + N days is the last day). */
		public boolean regulatoryOverdue(java.time.LocalDate today) {
			return this.regulatory.dueDate() != null && this.regulatory.dueDate().isBefore(today);
		}

		public String productName(java.util.Locale locale) {
			return "ja".equals(locale.getLanguage()) ? this.productNameJa : this.productNameEn;
		}

	}

	/** How the hand-off list is ordered; {@link #DUE} (what is due first) by default. */
	public enum HandoffSort {

		/** The internal deadline first, then the regulator's. */
		DUE,
		/** The regulator's deadline first (none last), then the internal one. */
		REGULATORY,
		/** The oldest day 0 first. */
		DAY_ZERO;

		/** The sort named by a request parameter (any case); the default for anything else. */
		public static HandoffSort parse(String value) {
			if (value != null) {
				for (HandoffSort sort : values()) {
					if (sort.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
						return sort;
					}
				}
			}
			return DUE;
		}

		Comparator<Handoff> comparator() {
			Comparator<Handoff> internal = Comparator.comparing(Handoff::dueAt);
			Comparator<Handoff> regulatory = Comparator.comparing((Handoff h) -> h.regulatory().dueDate(),
					Comparator.nullsLast(Comparator.naturalOrder()));
			Comparator<Handoff> order = switch (this) {
				case DUE -> internal.thenComparing(regulatory);
				case REGULATORY -> regulatory.thenComparing(internal);
				case DAY_ZERO -> Comparator.comparing(Handoff::awareAt).thenComparing(internal);
			};
			return order.thenComparingLong(Handoff::id);
		}

	}

	/**
	 * The hand-off screen: every open hand-off in the chosen order, and the acknowledged ones as history, most
	 * recently acknowledged first, a page at a time.
	 */
	public record HandoffBoard(List<Handoff> open, List<Handoff> history, int historyPage, boolean moreHistory) {
	}

	/** Acknowledged hand-offs per page of history. */
	public static final int HISTORY_PAGE_SIZE = 50;

	/** An inquiry with its medical content, for medical affairs. */
	public record Detail(long id, long hcpId, String hcpName, String subject, String question, Long productId,
			String answerChannel, String urgency, String priority, boolean offLabel, String category, String status,
			String receivedBy, String receivedVia, Instant receivedAt, Instant awareAt, Instant dueAt, String assignee,
			long version, Handoff adverseEvent, Answer answer, String receivedChannel) {
	}

	/**
	 * The answer as prepared, reviewed, approved and delivered (null fields for steps not done yet); a custom
	 * answer returned by its reviewer carries who returned it, when and why until its author submits it again.
	 */
	public record Answer(String text, Long standardResponseId, String author, String approvedBy, String deliveredChannel,
			Instant deliveredAt, Boolean feedbackHelpful, Integer feedbackScore, String returnedBy, Instant returnedAt,
			String returnReason) {

		public boolean approved() {
			return this.approvedBy != null;
		}

		public AnswerState state() {
			return AnswerState.of(this.text, this.standardResponseId, this.approvedBy, this.returnedAt);
		}

	}

	/** An approved standard response, usable until {@code validTo}. */
	public record StandardResponse(long id, String code, String title, String approvalRef, java.time.LocalDate validTo) {
	}

	/** One step of an inquiry's own timeline: who (username and display name), what (a code) and its detail. */
	public record Step(Instant at, String actor, String actorName, String action, String detail) {
	}

	private final JdbcTemplate jdbc;

	private final AdverseEventClocks clocks;

	InquiryQueries(JdbcTemplate jdbc, AdverseEventClocks clocks) {
		this.jdbc = jdbc;
		this.clocks = clocks;
	}

	private static final String HANDOFF = "SELECT a.id, a.inquiry_id, q.hcp_id, h.name_kanji, h.country,"
			+ " a.suspect_product_id, p.name_ja, p.name_en, a.description, a.seriousness, a.expectedness, a.fatal,"
			+ " a.age_band, a.sex, a.reporter, q.aware_at, a.created_at, a.due_at, a.acknowledged_at, a.acknowledged_by,"
			+ " a.pv_reference, COALESCE(u.display_name, a.acknowledged_by) FROM adverse_event_handoff a"
			+ " JOIN medical_inquiry q ON q.id = a.inquiry_id JOIN hcp h ON h.id = q.hcp_id"
			+ " JOIN product p ON p.id = a.suspect_product_id LEFT JOIN app_user u ON u.username = a.acknowledged_by";

	/** Hand-offs with their regulator's deadline, decided by the rules in force on each one's day 0. */
	private List<Handoff> handoffs(String where, Object... args) {
		AdverseEventClockRules rules = this.clocks.rules();
		return this.jdbc.query(HANDOFF + where, (rs, i) -> {
			String country = rs.getString(5);
			Boolean fatal = (Boolean) rs.getObject(12);
			Instant awareAt = rs.getTimestamp(16).toInstant();
			RegulatoryDeadline regulatory = rules.deadline(country, awareAt,
					AdverseEventCase.of(AdverseEventFacts.Seriousness.valueOf(rs.getString(10)),
							AdverseEventFacts.Expectedness.valueOf(rs.getString(11)), fatal));
			return new Handoff(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), country,
					(Long) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
					rs.getString(11), fatal, rs.getString(13), rs.getString(14), rs.getString(15), awareAt,
					rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant(), instant(rs.getTimestamp(19)),
					rs.getString(20), rs.getString(21), regulatory, rs.getString(22));
		}, args);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
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
	public SearchPage<QueueRow> queue(Filter filter, Collection<Role> roles, int page, int size) {
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
				+ " EXISTS (SELECT 1 FROM adverse_event_handoff a WHERE a.inquiry_id = q.id), q.version,"
				+ " COALESCE(u.display_name, q.assignee) FROM medical_inquiry q JOIN hcp h ON h.id = q.hcp_id"
				+ " LEFT JOIN app_user u ON u.username = q.assignee" + where,
				"ORDER BY (q.status IN ('ANSWERED', 'CLOSED')), q.due_at, q.id", args,
				(rs, i) -> new QueueRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						(Long) rs.getObject(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getString(10),
						rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), rs.getBoolean(13),
						rs.getLong(14), rs.getString(15)),
				page, size);
	}

	/** Adverse-event hand-offs not yet acknowledged by pharmacovigilance, soonest due first. */
	public List<Handoff> openHandoffs(Collection<Role> roles) {
		return handoffBoard(HandoffSort.DUE, 0, roles).open();
	}

	/**
	 * The hand-off screen: open hand-offs in {@code sort} order (the regulator's deadline is decided per row, so
	 * they are ordered here; there are few open at any time), and page {@code historyPage} (from 0) of the
	 * acknowledged ones, most recently acknowledged first.
	 */
	public HandoffBoard handoffBoard(HandoffSort sort, int historyPage, Collection<Role> roles) {
		requireMedical(roles);
		List<Handoff> open = new ArrayList<>(handoffs(" WHERE a.acknowledged_at IS NULL"));
		open.sort(sort.comparator());
		int page = Math.max(0, historyPage);
		List<Handoff> history = handoffs(" WHERE a.acknowledged_at IS NOT NULL ORDER BY a.acknowledged_at DESC, a.id DESC"
				+ " LIMIT ? OFFSET ?", HISTORY_PAGE_SIZE + 1, (long) page * HISTORY_PAGE_SIZE);
		boolean more = history.size() > HISTORY_PAGE_SIZE;
		return new HandoffBoard(List.copyOf(open), List.copyOf(more ? history.subList(0, HISTORY_PAGE_SIZE) : history),
				page, more);
	}

	/** One inquiry with its question and adverse-event facts, for medical affairs only. */
	public java.util.Optional<Detail> detail(long id, Collection<Role> roles) {
		requireMedical(roles);
		Handoff handoff = handoffs(" WHERE a.inquiry_id = ?", id).stream().findFirst().orElse(null);
		return this.jdbc.query("SELECT q.id, q.hcp_id, h.name_kanji, q.subject, q.question, q.product_id,"
				+ " q.answer_channel, q.urgency, q.priority, q.off_label, q.category, q.status, q.received_by,"
				+ " q.received_via, q.received_at, q.due_at, q.assignee, q.version, q.answer_text, q.standard_response_id,"
				+ " q.answer_author, q.answer_approved_by, q.delivered_channel, q.delivered_at, q.feedback_helpful,"
				+ " q.feedback_score, q.aware_at, q.answer_returned_by, q.answer_returned_at, q.answer_return_reason,"
				+ " q.received_channel FROM medical_inquiry q JOIN hcp h ON h.id = q.hcp_id WHERE q.id = ?",
				(rs, i) -> new Detail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						(Long) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
						rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
						rs.getTimestamp(15).toInstant(), rs.getTimestamp(27).toInstant(), rs.getTimestamp(16).toInstant(),
						rs.getString(17), rs.getLong(18),
						handoff, new Answer(rs.getString(19), (Long) rs.getObject(20), rs.getString(21), rs.getString(22),
								rs.getString(23), (rs.getTimestamp(24) != null) ? rs.getTimestamp(24).toInstant() : null,
								(Boolean) rs.getObject(25), (Integer) rs.getObject(26), rs.getString(28),
								instant(rs.getTimestamp(29)), rs.getString(30)), rs.getString(31)), id)
			.stream().findFirst();
	}

	/**
	 * Standard responses valid on {@code today} for the product (all products when it is null), leaving out those whose
	 * item of the content library was withdrawn (docs/adr/0028).
	 */
	public List<StandardResponse> standardResponses(Long productId, java.time.LocalDate today) {
		return this.jdbc.query("SELECT s.id, s.code, s.title, s.approval_ref, s.valid_to FROM standard_response s"
				+ " WHERE (CAST(? AS bigint) IS NULL OR s.product_id = ?) AND s.valid_from <= ? AND s.valid_to >= ?"
				+ " AND NOT EXISTS (SELECT 1 FROM content_version v WHERE v.id = s.content_version_id"
				+ " AND v.status = 'WITHDRAWN') ORDER BY s.code",
				(rs, i) -> new StandardResponse(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getDate(5).toLocalDate()),
				productId, productId, java.sql.Date.valueOf(today), java.sql.Date.valueOf(today));
	}

	/** Active users who work the inquiry queue ({@link Capability#WORK_INQUIRIES}), whom an inquiry can be assigned to. */
	public List<String> medicalUsers() {
		return this.jdbc.queryForList("SELECT DISTINCT u.username FROM app_user u JOIN app_user_role r ON r.user_id = u.id"
				+ " WHERE r.role = ANY (?) AND u.enabled AND NOT u.system_user ORDER BY u.username", String.class,
				(Object) Capability.WORK_INQUIRIES.roleNames());
	}

	/** One hand-off (open or acknowledged), for pharmacovigilance's file. */
	public java.util.Optional<Handoff> handoff(long id, Collection<Role> roles) {
		requireMedical(roles);
		return handoffs(" WHERE a.id = ?", id).stream().findFirst();
	}

	/** The inquiry's own timeline: every step, who and when. Medical affairs only (details may be medical). */
	public List<Step> timeline(long inquiryId, Collection<Role> roles) {
		requireMedical(roles);
		return this.jdbc.query("SELECT e.occurred_at, e.actor, COALESCE(u.display_name, e.actor), e.action, e.detail"
				+ " FROM inquiry_event e LEFT JOIN app_user u ON u.username = e.actor WHERE e.inquiry_id = ? ORDER BY e.id",
				(rs, i) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)),
				inquiryId);
	}

	private static void requireMedical(Collection<Role> roles) {
		if (!InquiryFirewall.seesMedicalContent(roles)) {
			throw DomainException.global("inquiry.firewall");
		}
	}

}
