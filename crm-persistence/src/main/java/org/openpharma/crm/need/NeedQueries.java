package org.openpharma.crm.need;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.openpharma.crm.shared.PagedSql;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read models of needs: the board (needs across all HCPs, filtered and paged, oldest open first) and one need as
 * its reader may see it, with the commercial/medical firewall built into the SQL (docs/adr/0011, 0024).
 */
@Service
@Transactional(readOnly = true)
public class NeedQueries {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	NeedQueries(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Board filters; nulls mean "any". {@code minAgeDays}: only needs at least this old; {@code hcpId}: one
	 * HCP's; {@code prefectures}: only HCPs whose institution lies in these prefectures (a territory).
	 */
	public record Filter(NeedStatus status, Long therapeuticAreaId, NeedCategory category, Urgency urgency,
			RoutedTo routedTo, Integer minAgeDays, Long hcpId, java.util.Set<Integer> prefectures) {

		public Filter(NeedStatus status, Long therapeuticAreaId, NeedCategory category, Urgency urgency,
				RoutedTo routedTo, Integer minAgeDays, Long hcpId) {
			this(status, therapeuticAreaId, category, urgency, routedTo, minAgeDays, hcpId, null);
		}

		public Filter(NeedStatus status, Long therapeuticAreaId, NeedCategory category, Urgency urgency,
				RoutedTo routedTo, Integer minAgeDays) {
			this(status, therapeuticAreaId, category, urgency, routedTo, minAgeDays, null);
		}

	}

	/** One row of the board. */
	public record BoardRow(long id, long hcpId, String hcpName, String topic, String category, String urgency,
			String status, String routedTo, Long therapeuticAreaId, Instant createdAt, String createdBy) {
	}

	public SearchPage<BoardRow> board(Filter filter, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (filter.status() != null) {
			where.append(" AND n.status = ?");
			args.add(filter.status().name());
		}
		if (filter.therapeuticAreaId() != null) {
			where.append(" AND n.therapeutic_area_id = ?");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.category() != null) {
			where.append(" AND n.category = ?");
			args.add(filter.category().name());
		}
		if (filter.urgency() != null) {
			where.append(" AND n.urgency = ?");
			args.add(filter.urgency().name());
		}
		if (filter.routedTo() != null) {
			where.append(" AND n.routed_to = ?");
			args.add(filter.routedTo().name());
		}
		if (filter.hcpId() != null) {
			where.append(" AND n.hcp_id = ?");
			args.add(filter.hcpId());
		}
		if (filter.prefectures() != null) {
			where.append(" AND h.primary_hco_id IN (SELECT o.id FROM hco o WHERE o.prefecture_code = ANY (?))");
			args.add(filter.prefectures().toArray(Integer[]::new));
		}
		if (filter.minAgeDays() != null) {
			where.append(" AND n.created_at <= ?");
			args.add(Timestamp.from(this.clock.instant().minus(Duration.ofDays(filter.minAgeDays()))));
		}
		return PagedSql.page(this.jdbc, "SELECT n.id, n.hcp_id, h.name_kanji, n.topic, n.category, n.urgency,"
				+ " n.status, n.routed_to, n.therapeutic_area_id, n.created_at, n.created_by"
				+ " FROM information_need n JOIN hcp h ON h.id = n.hcp_id" + where,
				"ORDER BY (n.urgency = 'HIGH') DESC, n.created_at, n.id", args,
				(rs, i) -> new BoardRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9),
						rs.getTimestamp(10).toInstant(), rs.getString(11)),
				page, size);
	}

	/**
	 * One need as a reader may see it. For a need routed to medical affairs, how it was met (the text and the
	 * interaction), why it was closed unmet and what the HCP said about the answer are medical content: the query
	 * returns them as null to a reader without {@link Capability#READ_MEDICAL_CONTENT} and says so in
	 * {@code medicalWithheld}. The inquiry that answered a need is medical whatever the route: such a reader learns
	 * only that there is one ({@code inquiryLinked}), {@code answeredBy} is null.
	 */
	public record NeedView(long id, long hcpId, String topic, NeedCategory category, Long therapeuticAreaId,
			Urgency urgency, String details, NeedStatus status, RoutedTo routedTo, String routeReason, String fulfilment,
			Long fulfilledByInteractionId, String closeReason, Boolean feedbackHelpful, Integer feedbackScore,
			String createdBy, long version, boolean medicalWithheld, String feedbackComment,
			InteractionChoice fulfilledBy, boolean inquiryLinked, InquiryChoice answeredBy) {
	}

	/** An interaction of the HCP as a need names it: when, on which channel, who logged it, its key messages. */
	public record InteractionChoice(long id, Instant occurredAt, String channel, String author, String authorName,
			String keyMessages) {

		/** Who logged it, by display name when the user is known. */
		public String who() {
			return (this.authorName != null) ? this.authorName : this.author;
		}

	}

	/** A medical inquiry of the HCP as every role may know it (InquiryFirewall): its short subject and status. */
	public record InquiryChoice(long id, String subject, String status, Instant receivedAt) {
	}

	/** A need an inquiry answered, for the inquiry's page (medical affairs). */
	public record AnsweredNeed(long id, String topic, NeedStatus status, RoutedTo routedTo, Instant createdAt) {
	}

	/** The need, its medical content withheld in SQL unless one of {@code readerRoles} may read it. */
	public Optional<NeedView> detail(long id, Collection<Role> readerRoles) {
		boolean readsMedical = Capability.READ_MEDICAL_CONTENT.heldByAny(readerRoles);
		return this.jdbc.query("SELECT n.id, n.hcp_id, n.topic, n.category, n.therapeutic_area_id, n.urgency, n.details,"
				+ " n.status, n.routed_to, n.route_reason,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.fulfilment END AS fulfilment,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.fulfilled_by_interaction_id END AS fulfilled_by_interaction_id,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.close_reason END AS close_reason,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.feedback_comment END AS feedback_comment,"
				+ " n.feedback_helpful, n.feedback_score, n.created_by, n.version, f.withheld,"
				+ " i.occurred_at AS i_occurred_at, i.channel AS i_channel, i.author AS i_author,"
				+ " u.display_name AS i_author_name, i.key_messages AS i_key_messages,"
				+ " n.answered_by_inquiry_id IS NOT NULL AS inquiry_linked, q.id AS q_id, q.subject AS q_subject,"
				+ " q.status AS q_status, q.received_at AS q_received_at"
				+ " FROM information_need n"
				+ " CROSS JOIN LATERAL (SELECT n.routed_to IS NOT DISTINCT FROM ? AND NOT ? AS withheld) f"
				+ " LEFT JOIN interaction i ON i.id = n.fulfilled_by_interaction_id AND NOT f.withheld"
				+ " LEFT JOIN app_user u ON u.username = i.author"
				+ " LEFT JOIN medical_inquiry q ON q.id = n.answered_by_inquiry_id AND ?"
				+ " WHERE n.id = ?",
				(rs, i) -> new NeedView(rs.getLong("id"), rs.getLong("hcp_id"), rs.getString("topic"),
						NeedCategory.valueOf(rs.getString("category")), rs.getObject("therapeutic_area_id", Long.class),
						Urgency.valueOf(rs.getString("urgency")), rs.getString("details"),
						NeedStatus.valueOf(rs.getString("status")),
						(rs.getString("routed_to") != null) ? RoutedTo.valueOf(rs.getString("routed_to")) : null,
						rs.getString("route_reason"), rs.getString("fulfilment"),
						rs.getObject("fulfilled_by_interaction_id", Long.class), rs.getString("close_reason"),
						rs.getObject("feedback_helpful", Boolean.class), rs.getObject("feedback_score", Integer.class),
						rs.getString("created_by"), rs.getLong("version"), rs.getBoolean("withheld"),
						rs.getString("feedback_comment"),
						(rs.getTimestamp("i_occurred_at") != null)
								? new InteractionChoice(rs.getLong("fulfilled_by_interaction_id"),
										rs.getTimestamp("i_occurred_at").toInstant(), rs.getString("i_channel"),
										rs.getString("i_author"), rs.getString("i_author_name"),
										rs.getString("i_key_messages"))
								: null,
						rs.getBoolean("inquiry_linked"),
						(rs.getObject("q_id") != null) ? new InquiryChoice(rs.getLong("q_id"), rs.getString("q_subject"),
								rs.getString("q_status"), rs.getTimestamp("q_received_at").toInstant()) : null),
				RoutedTo.MEDICAL.name(), readsMedical, readsMedical, id)
			.stream()
			.findFirst();
	}

	/**
	 * The HCP's latest interactions, newest first, to pick the one a need was met in; a record another one corrected
	 * is left out (its correction is listed).
	 */
	public List<InteractionChoice> recentInteractions(long hcpId, int limit) {
		return this.jdbc.query("SELECT i.id, i.occurred_at, i.channel, i.author, u.display_name, i.key_messages"
				+ " FROM interaction i LEFT JOIN app_user u ON u.username = i.author WHERE i.hcp_id = ?"
				+ " AND NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id)"
				+ " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?",
				(rs, i) -> new InteractionChoice(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getString(6)),
				hcpId, limit);
	}

	/**
	 * The HCP's medical inquiries, newest first, to pick the one that answered a need: no medical column, only what
	 * every role may know of an inquiry (InquiryFirewall).
	 */
	public List<InquiryChoice> inquiriesOf(long hcpId, int limit) {
		return this.jdbc.query("SELECT id, subject, status, received_at FROM medical_inquiry WHERE hcp_id = ?"
				+ " ORDER BY received_at DESC, id DESC LIMIT ?",
				(rs, i) -> new InquiryChoice(rs.getLong(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant()),
				hcpId, limit);
	}

	/** The needs an inquiry answered, oldest first (the inquiry's page, medical affairs only). */
	public List<AnsweredNeed> answeredBy(long inquiryId) {
		return this.jdbc.query("SELECT id, topic, status, routed_to, created_at FROM information_need"
				+ " WHERE answered_by_inquiry_id = ? ORDER BY created_at, id",
				(rs, i) -> new AnsweredNeed(rs.getLong(1), rs.getString(2), NeedStatus.valueOf(rs.getString(3)),
						(rs.getString(4) != null) ? RoutedTo.valueOf(rs.getString(4)) : null,
						rs.getTimestamp(5).toInstant()),
				inquiryId);
	}

}
