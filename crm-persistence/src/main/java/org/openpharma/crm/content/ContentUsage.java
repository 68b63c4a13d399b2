package org.openpharma.crm.content;

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
 * What an item did (issue 15, "feedback and learning"): how often it was used on each channel, how many HCPs it
 * reached, how often they opened it, what they thought of it, which needs it met, and how the adoption stage of
 * the HCPs who received it moved in the 90 days after, compared with HCPs of the same area and starting stage who
 * did not receive it, in the same month. An association, not a proof: the page says so.
 */
@Service
@Transactional(readOnly = true)
public class ContentUsage {

	/** The window after an exposure in which a stage move counts. */
	public static final Duration WINDOW = Duration.ofDays(90);

	/** The item's figures. {@code helpful} is the mean rating (1–5), null without ratings. */
	public record Usage(Map<String, Long> usesByChannel, long hcpsReached, long views, long ratings, Double helpful,
			long needsFulfilled, StageMoves stageMoves) {

		public long uses() {
			return this.usesByChannel.values().stream().mapToLong(Long::longValue).sum();
		}

	}

	/**
	 * Stage moves after exposure: of {@code exposed} HCPs with a recorded starting stage and a full window behind
	 * them, {@code exposedUp} moved up; the comparison rate is that of unexposed HCPs with the same area, starting
	 * stage and month, weighted by the exposed HCPs in each (direct standardisation). {@code comparison} is how many
	 * unexposed HCP-months it rests on.
	 */
	public record StageMoves(long exposed, long exposedUp, long comparison, Double comparisonRate) {

		public Double exposedRate() {
			return (this.exposed == 0) ? null : (double) this.exposedUp / this.exposed;
		}

	}

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ContentUsage(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Usage of(long itemId, long areaId) {
		Map<String, Long> byChannel = new LinkedHashMap<>();
		this.jdbc.query("SELECT channel, count(*) FROM content_delivery WHERE item_id = ? GROUP BY channel ORDER BY channel",
				rs -> {
					byChannel.put(rs.getString(1), rs.getLong(2));
				}, itemId);
		Map<String, Object> totals = this.jdbc.queryForMap("SELECT"
				+ " (SELECT count(DISTINCT hcp_id) FROM content_delivery WHERE item_id = ?) AS reached,"
				+ " (SELECT count(*) FROM content_view v JOIN content_delivery d ON d.id = v.delivery_id"
				+ " WHERE d.item_id = ?) AS views,"
				+ " (SELECT count(*) FROM content_feedback f JOIN content_delivery d ON d.id = f.delivery_id"
				+ " WHERE d.item_id = ?) AS ratings,"
				+ " (SELECT avg(f.helpful) FROM content_feedback f JOIN content_delivery d ON d.id = f.delivery_id"
				+ " WHERE d.item_id = ?) AS helpful,"
				+ " (SELECT count(DISTINCT n.id) FROM information_need n JOIN content_delivery d"
				+ " ON (d.need_id = n.id OR (n.fulfilled_by_interaction_id = d.interaction_id AND n.hcp_id = d.hcp_id))"
				+ " WHERE d.item_id = ? AND n.status IN ('FULFILLED', 'CONFIRMED_BY_HCP')) AS needs",
				itemId, itemId, itemId, itemId, itemId);
		Number helpful = (Number) totals.get("helpful");
		return new Usage(byChannel, ((Number) totals.get("reached")).longValue(),
				((Number) totals.get("views")).longValue(), ((Number) totals.get("ratings")).longValue(),
				(helpful != null) ? helpful.doubleValue() : null, ((Number) totals.get("needs")).longValue(),
				stageMoves(itemId, areaId));
	}

	/**
	 * The exposed HCPs (first delivery of any version of the item, at least {@link #WINDOW} ago) by month and starting
	 * stage in the item's area, whether each moved up within the window; for each such cell, the unexposed HCPs whose
	 * stage in the area at the start of that month was the same, and whether they moved up in the 90 days after.
	 */
	StageMoves stageMoves(long itemId, long areaId) {
		Instant until = this.clock.instant().minus(WINDOW);
		return this.jdbc.queryForObject("WITH first_exposure AS ("
				+ " SELECT hcp_id, min(delivered_at) AS t0 FROM content_delivery WHERE item_id = ? GROUP BY hcp_id),"
				+ " exposed AS (SELECT e.hcp_id, e.t0, date_trunc('month', e.t0) AS m,"
				+ "  (SELECT crm_stage_rank(sc.to_stage) FROM stage_change sc WHERE sc.hcp_id = e.hcp_id"
				+ "   AND sc.therapeutic_area_id = ? AND sc.changed_at <= e.t0 ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1) AS s0"
				+ "  FROM first_exposure e WHERE e.t0 <= ?),"
				+ " moved AS (SELECT x.m, x.s0, EXISTS (SELECT 1 FROM stage_change sc WHERE sc.hcp_id = x.hcp_id"
				+ "   AND sc.therapeutic_area_id = ? AND sc.changed_at > x.t0 AND sc.changed_at <= x.t0 + interval '90 days'"
				+ "   AND crm_stage_rank(sc.to_stage) > x.s0) AS up FROM exposed x WHERE x.s0 IS NOT NULL),"
				+ " cells AS (SELECT m, s0, count(*) AS n, count(*) FILTER (WHERE up) AS up FROM moved GROUP BY m, s0),"
				+ " comparison AS (SELECT c.m, c.s0, c.n, count(u.hcp_id) AS cn, count(u.hcp_id) FILTER (WHERE u.up) AS cup"
				+ "  FROM cells c LEFT JOIN LATERAL ("
				+ "   SELECT s.hcp_id, EXISTS (SELECT 1 FROM stage_change up WHERE up.hcp_id = s.hcp_id"
				+ "     AND up.therapeutic_area_id = ? AND up.changed_at > c.m AND up.changed_at <= c.m + interval '90 days'"
				+ "     AND crm_stage_rank(up.to_stage) > c.s0) AS up"
				+ "   FROM (SELECT DISTINCT ON (sc.hcp_id) sc.hcp_id, sc.to_stage FROM stage_change sc"
				+ "     WHERE sc.therapeutic_area_id = ? AND sc.changed_at <= c.m"
				+ "     ORDER BY sc.hcp_id, sc.changed_at DESC, sc.id DESC) s"
				+ "   WHERE crm_stage_rank(s.to_stage) = c.s0"
				+ "   AND NOT EXISTS (SELECT 1 FROM first_exposure f WHERE f.hcp_id = s.hcp_id)) u ON true"
				+ "  GROUP BY c.m, c.s0, c.n)"
				+ " SELECT (SELECT coalesce(sum(n), 0) FROM cells), (SELECT coalesce(sum(up), 0) FROM cells),"
				+ " (SELECT coalesce(sum(cn), 0) FROM comparison),"
				+ " (SELECT sum(n * cup::numeric / cn) / nullif(sum(n), 0) FROM comparison WHERE cn > 0)",
				(rs, i) -> new StageMoves(rs.getLong(1), rs.getLong(2), rs.getLong(3),
						(rs.getObject(4) != null) ? rs.getBigDecimal(4).doubleValue() : null),
				itemId, areaId, Timestamp.from(until), areaId, areaId, areaId);
	}

	/** The rates as percentages for the page, one decimal. */
	public static List<String> percentages(StageMoves moves) {
		return List.of(percent(moves.exposedRate()), percent(moves.comparisonRate()));
	}

	private static String percent(Double rate) {
		return (rate == null) ? "" : String.format(java.util.Locale.ROOT, "%.1f", rate * 100);
	}

}
