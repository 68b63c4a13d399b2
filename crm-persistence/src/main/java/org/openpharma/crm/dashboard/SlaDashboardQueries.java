package org.openpharma.crm.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.Japan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inquiry SLA dashboard: medical inquiries and adverse-event hand-offs received in the period against their
 * due times, live from the inquiry tables (they stay small: thousands a year), and the open ones past due.
 */
@Service
@Transactional(readOnly = true)
public class SlaDashboardQueries {

	/**
	 * An open inquiry past its due time: no question or answer content, only what a queue shows.
	 *
	 * @param assignee the assignee's username, null when nobody is assigned
	 * @param assigneeName the assignee's display name, for screens
	 */
	public record OverdueInquiry(long id, String subject, Long productId, String priority, String status,
			Instant dueAt, String assignee, String assigneeName) {
	}

	public record SlaDashboard(long received, long answered, long answeredOnTime, long open, long openOverdue,
			long handoffs, long handoffsAcknowledged, long handoffsOnTime, long handoffsOpenOverdue,
			List<OverdueInquiry> overdue) {

		/**
		 * Inquiries answered by their due time, in percent of those whose outcome is known: answered, or still
		 * open past their due time (already late); open ones not yet due are not counted either way.
		 */
		public Integer onTimeShare() {
			return DashboardSql.share(this.answeredOnTime, this.answered + this.openOverdue);
		}

		/** Adverse-event hand-offs acknowledged by their due time, in percent of those acknowledged or overdue. */
		public Integer handoffOnTimeShare() {
			return DashboardSql.share(this.handoffsOnTime, this.handoffsAcknowledged + this.handoffsOpenOverdue);
		}

	}

	/** An inquiry still on the medical team's clock. */
	private static final String OPEN = "q.status NOT IN " + DashboardSql.FINISHED_INQUIRIES;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	SlaDashboardQueries(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Inquiries received in the period. */
	public SlaDashboard inquiries(DashboardFilter filter) {
		Instant start = filter.from().atDay(1).atStartOfDay(Japan.ZONE).toInstant();
		Instant end = filter.to().plusMonths(1).atDay(1).atStartOfDay(Japan.ZONE).toInstant();
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Object> args = new ArrayList<>(List.of(Timestamp.from(start), Timestamp.from(end)));
		StringBuilder where = new StringBuilder(" WHERE q.received_at >= ? AND q.received_at < ?");
		if (filter.productId() != null) {
			where.append(" AND q.product_id = ?");
			args.add(filter.productId());
		}
		else if (filter.therapeuticAreaId() != null) {
			where.append(" AND q.product_id IN (SELECT id FROM product WHERE therapeutic_area_id = ?)");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.regionCode() != null) {
			where.append(" AND q.hcp_id IN (SELECT hcp_id FROM rollup_hcp_place WHERE region_code = ?)");
			args.add(filter.regionCode());
		}
		String from = " FROM medical_inquiry q LEFT JOIN adverse_event_handoff a ON a.inquiry_id = q.id";
		List<Object> counted = new ArrayList<>(List.of(now, now));
		counted.addAll(args);
		SlaDashboard figures = this.jdbc.queryForObject("SELECT count(*) AS received,"
				+ " count(*) FILTER (WHERE q.delivered_at IS NOT NULL) AS answered,"
				+ " count(*) FILTER (WHERE q.delivered_at IS NOT NULL AND q.delivered_at <= q.due_at) AS answered_on_time,"
				+ " count(*) FILTER (WHERE " + OPEN + ") AS still_open,"
				+ " count(*) FILTER (WHERE " + OPEN + " AND q.due_at < ?) AS open_overdue,"
				+ " count(a.id) AS handoffs, count(a.acknowledged_at) AS handoffs_acknowledged,"
				+ " count(a.id) FILTER (WHERE a.acknowledged_at IS NOT NULL AND a.acknowledged_at <= a.due_at)"
				+ " AS handoffs_on_time,"
				+ " count(a.id) FILTER (WHERE a.acknowledged_at IS NULL AND a.due_at < ?) AS handoffs_open_overdue"
				+ from + where,
				(rs, i) -> new SlaDashboard(rs.getLong("received"), rs.getLong("answered"), rs.getLong("answered_on_time"),
						rs.getLong("still_open"), rs.getLong("open_overdue"), rs.getLong("handoffs"),
						rs.getLong("handoffs_acknowledged"), rs.getLong("handoffs_on_time"),
						rs.getLong("handoffs_open_overdue"), List.of()),
				counted.toArray());
		List<Object> overdueArgs = new ArrayList<>(args);
		overdueArgs.add(now);
		List<OverdueInquiry> overdue = this.jdbc.query("SELECT q.id, q.subject, q.product_id, q.priority, q.status,"
				+ " q.due_at, q.assignee, (SELECT u.display_name FROM app_user u WHERE u.username = q.assignee)"
				+ " AS assignee_name" + from + where + " AND " + OPEN + " AND q.due_at < ?"
				+ " ORDER BY q.due_at, q.id LIMIT 100", (rs, i) -> overdue(rs), overdueArgs.toArray());
		return new SlaDashboard(figures.received(), figures.answered(), figures.answeredOnTime(), figures.open(),
				figures.openOverdue(), figures.handoffs(), figures.handoffsAcknowledged(), figures.handoffsOnTime(),
				figures.handoffsOpenOverdue(), overdue);
	}

	private static OverdueInquiry overdue(ResultSet rs) throws SQLException {
		return new OverdueInquiry(rs.getLong("id"), rs.getString("subject"), rs.getObject("product_id", Long.class),
				rs.getString("priority"), rs.getString("status"), rs.getTimestamp("due_at").toInstant(),
				rs.getString("assignee"), rs.getString("assignee_name"));
	}

}
