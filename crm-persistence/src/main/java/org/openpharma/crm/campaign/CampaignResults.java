package org.openpharma.crm.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happened to a campaign's members in the {@value #WINDOW_DAYS} days after its start (docs/adr/0034): the
 * members it was meant to reach against the holdout, side by side, each figure a count of HCPs with its group's size.
 * Both groups are read the same way (intention to treat: a member excluded for lack of consent still counts in the
 * reached group), so the difference is an association with its counts, never proof.
 */
@Service
@Transactional(readOnly = true)
public class CampaignResults {

	public static final int WINDOW_DAYS = 90;

	/**
	 * One group's figures: members, mailed (queued), contacted in a visit or remote detailing in the area, opened
	 * the item, rated it, had a need in the area fulfilled, moved forward a stage in the area, reported patients in the
	 * area, and the patients they reported (latest figure per month and product line reported in the window).
	 */
	public record Group(long members, long mailed, long visited, long viewed, long rated, long needsFulfilled,
			long movedForward, long reporting, long treatedPatients) {

		/** A share of the group in whole percent; null for an empty group. */
		public Integer percent(long count) {
			return (this.members == 0) ? null : (int) Math.round(100.0 * count / this.members);
		}

	}

	/** Suggestions of a push campaign, by what the MRs did with them. */
	public record Decisions(long accepted, long dismissed, Map<String, Long> dismissalReasons) {
	}

	/** The campaign's results: targeted and held-out groups, and whether the window has closed yet. */
	public record Results(Group targeted, Group holdout, Decisions decisions, Instant windowEnds, boolean windowClosed) {
	}

	private static final String STAGES = "ARRAY['UNAWARE', 'AWARE', 'INTERESTED', 'TRIAL', 'ADOPTER', 'ADVOCATE']::varchar[]";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	CampaignResults(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Results of(Campaigns.Campaign campaign) {
		Instant from = campaign.startsAt();
		Instant to = from.plus(Duration.ofDays(WINDOW_DAYS));
		Map<Boolean, Group> groups = new LinkedHashMap<>();
		Timestamp s = Timestamp.from(from);
		Timestamp e = Timestamp.from(to);
		long area = campaign.therapeuticAreaId();
		this.jdbc.query("SELECT m.status = 'HOLDOUT', count(*),"
				+ " count(*) FILTER (WHERE m.status = 'QUEUED'),"
				+ " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM interaction i JOIN interaction_therapeutic_area ita"
				+ "   ON ita.interaction_id = i.id WHERE i.hcp_id = m.hcp_id AND i.channel IN ('VISIT', 'REMOTE_DETAIL')"
				+ "   AND i.occurred_at >= ? AND i.occurred_at < ? AND ita.therapeutic_area_id = ?)),"
				+ " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM content_delivery d JOIN content_view v ON v.delivery_id = d.id"
				+ "   WHERE d.hcp_id = m.hcp_id AND d.item_id = cv.item_id AND v.viewed_at >= ? AND v.viewed_at < ?)),"
				+ " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM content_feedback f JOIN content_delivery d ON d.id = f.delivery_id"
				+ "   WHERE f.hcp_id = m.hcp_id AND d.item_id = cv.item_id AND f.recorded_at >= ? AND f.recorded_at < ?)),"
				+ " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM information_need n WHERE n.hcp_id = m.hcp_id"
				+ "   AND n.status IN ('FULFILLED', 'CONFIRMED_BY_HCP') AND n.therapeutic_area_id = ?"
				+ "   AND n.updated_at >= ? AND n.updated_at < ?)),"
				+ " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM stage_change sc WHERE sc.hcp_id = m.hcp_id"
				+ "   AND sc.therapeutic_area_id = ? AND sc.changed_at >= ? AND sc.changed_at < ? AND sc.from_stage IS NOT NULL"
				+ "   AND array_position(" + STAGES + ", sc.to_stage) > array_position(" + STAGES + ", sc.from_stage))),"
				+ " count(t.treated) FILTER (WHERE t.treated IS NOT NULL), coalesce(sum(t.treated), 0)"
				+ " FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id"
				+ " JOIN content_version cv ON cv.id = c.content_version_id"
				+ " LEFT JOIN LATERAL (SELECT sum(coalesce(l.treated_patients, 0)) AS treated FROM ("
				+ "   SELECT DISTINCT ON (pc.period, coalesce(pc.product_id, 0)) pc.treated_patients FROM patient_count pc"
				+ "   LEFT JOIN product p ON p.id = pc.product_id WHERE pc.hcp_id = m.hcp_id"
				+ "   AND coalesce(pc.therapeutic_area_id, p.therapeutic_area_id) = ? AND pc.reported_at >= ? AND pc.reported_at < ?"
				+ "   ORDER BY pc.period, coalesce(pc.product_id, 0), pc.reported_at DESC, pc.id DESC) l"
				+ "   HAVING count(*) > 0) t ON true"
				+ " WHERE m.campaign_id = ? GROUP BY 1",
				rs -> {
					groups.put(rs.getBoolean(1), new Group(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
							rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
				}, s, e, area, s, e, s, e, area, s, e, area, s, e, area, s, e, campaign.id());
		Group empty = new Group(0, 0, 0, 0, 0, 0, 0, 0, 0);
		Map<String, Long> reasons = new LinkedHashMap<>();
		long[] counts = new long[2];
		this.jdbc.query("SELECT decision, count(*) FROM next_action_decision WHERE campaign_id = ? GROUP BY decision",
				rs -> {
					counts[rs.getString(1).equals("ACCEPTED") ? 0 : 1] = rs.getLong(2);
				}, campaign.id());
		this.jdbc.query("SELECT reason, count(*) FROM next_action_decision WHERE campaign_id = ? AND decision = 'DISMISSED'"
				+ " GROUP BY reason ORDER BY count(*) DESC, reason LIMIT 5", rs -> {
					reasons.put(rs.getString(1), rs.getLong(2));
				}, campaign.id());
		return new Results(groups.getOrDefault(false, empty), groups.getOrDefault(true, empty),
				new Decisions(counts[0], counts[1], reasons), to, !this.clock.instant().isBefore(to));
	}

	/** The results of several campaigns (the "what worked" page). */
	public Map<Long, Results> of(List<Campaigns.Campaign> campaigns) {
		Map<Long, Results> results = new LinkedHashMap<>();
		campaigns.forEach(c -> results.put(c.id(), of(c)));
		return results;
	}

}
