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
	 * One need as a reader may see it. For a need routed to medical affairs, how it was met and why it was closed
	 * unmet are medical content: the query returns them as null to a reader without
	 * {@link Capability#READ_MEDICAL_CONTENT} and says so in {@code medicalWithheld}.
	 */
	public record NeedView(long id, long hcpId, String topic, NeedCategory category, Long therapeuticAreaId,
			Urgency urgency, String details, NeedStatus status, RoutedTo routedTo, String routeReason, String fulfilment,
			Long fulfilledByInteractionId, String closeReason, Boolean feedbackHelpful, Integer feedbackScore,
			String createdBy, long version, boolean medicalWithheld) {
	}

	/** The need, its medical content withheld in SQL unless one of {@code readerRoles} may read it. */
	public Optional<NeedView> detail(long id, Collection<Role> readerRoles) {
		boolean readsMedical = Capability.READ_MEDICAL_CONTENT.heldByAny(readerRoles);
		return this.jdbc.query("SELECT n.id, n.hcp_id, n.topic, n.category, n.therapeutic_area_id, n.urgency, n.details,"
				+ " n.status, n.routed_to, n.route_reason,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.fulfilment END AS fulfilment,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.fulfilled_by_interaction_id END AS fulfilled_by_interaction_id,"
				+ " CASE WHEN f.withheld THEN NULL ELSE n.close_reason END AS close_reason,"
				+ " n.feedback_helpful, n.feedback_score, n.created_by, n.version, f.withheld"
				+ " FROM information_need n"
				+ " CROSS JOIN LATERAL (SELECT n.routed_to IS NOT DISTINCT FROM ? AND NOT ? AS withheld) f WHERE n.id = ?",
				(rs, i) -> new NeedView(rs.getLong("id"), rs.getLong("hcp_id"), rs.getString("topic"),
						NeedCategory.valueOf(rs.getString("category")), rs.getObject("therapeutic_area_id", Long.class),
						Urgency.valueOf(rs.getString("urgency")), rs.getString("details"),
						NeedStatus.valueOf(rs.getString("status")),
						(rs.getString("routed_to") != null) ? RoutedTo.valueOf(rs.getString("routed_to")) : null,
						rs.getString("route_reason"), rs.getString("fulfilment"),
						rs.getObject("fulfilled_by_interaction_id", Long.class), rs.getString("close_reason"),
						rs.getObject("feedback_helpful", Boolean.class), rs.getObject("feedback_score", Integer.class),
						rs.getString("created_by"), rs.getLong("version"), rs.getBoolean("withheld")),
				RoutedTo.MEDICAL.name(), readsMedical, id)
			.stream()
			.findFirst();
	}

}
