package org.openpharma.crm.dashboard;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.dashboard.DashboardSql.Where;
import org.openpharma.crm.need.NeedStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The needs funnel: where HCPs stand in each area now and how they moved (rollup_stage, rollup_stage_move), the
 * open needs by age and the period's needs by outcome (rollup_need); the HCPs at a stage are DrillDownQueries'.
 */
@Service
@Transactional(readOnly = true)
public class NeedsDashboardQueries {

	/** Age buckets of open needs, in whole months since the month they were raised. */
	public static final int[] AGE_FROM_MONTHS = { 0, 1, 3, 6, 12 };

	/** HCPs at one adoption stage of one area, now. */
	public record StageCount(long therapeuticAreaId, String stage, long hcps) {
	}

	/** Stage changes from one stage to another in the period ("NONE" = first stage). */
	public record StageMove(String fromStage, String toStage, long changes) {
	}

	/** Open needs routed to one department (or "-" when not yet routed), by age in whole months. */
	public record OpenNeeds(String routedTo, long[] byAge) {

		public long total() {
			long total = 0;
			for (long n : this.byAge) {
				total += n;
			}
			return total;
		}

	}

	/** Needs raised in the period, by where they stand now. */
	public record NeedOutcome(String status, long needs) {
	}

	public record NeedsDashboard(List<StageCount> stages, List<StageMove> moves, List<OpenNeeds> open,
			List<NeedOutcome> outcomes) {

		public long raised() {
			return this.outcomes.stream().mapToLong(NeedOutcome::needs).sum();
		}

		private long count(NeedStatus... statuses) {
			List<String> names = Arrays.stream(statuses).map(NeedStatus::name).toList();
			return this.outcomes.stream().filter(o -> names.contains(o.status())).mapToLong(NeedOutcome::needs).sum();
		}

		/** Share of the period's needs fulfilled (including those the HCP confirmed), in percent. */
		public Integer fulfilledShare() {
			return DashboardSql.share(count(NeedStatus.FULFILLED, NeedStatus.CONFIRMED_BY_HCP), raised());
		}

		/** Share of the period's needs the HCP confirmed as met, in percent. */
		public Integer confirmedShare() {
			return DashboardSql.share(count(NeedStatus.CONFIRMED_BY_HCP), raised());
		}

		/** Stage changes forward (toward advocacy) in the period. */
		public long forward() {
			return this.moves.stream().filter(m -> DashboardSql.rank(m.toStage()) > DashboardSql.rank(m.fromStage()))
				.mapToLong(StageMove::changes).sum();
		}

		/** Stage changes backward in the period. */
		public long backward() {
			return this.moves.stream().filter(m -> DashboardSql.rank(m.toStage()) < DashboardSql.rank(m.fromStage()))
				.mapToLong(StageMove::changes).sum();
		}

	}

	private final JdbcTemplate jdbc;

	private final DashboardFilters filters;

	NeedsDashboardQueries(JdbcTemplate jdbc, DashboardFilters filters) {
		this.jdbc = jdbc;
		this.filters = filters;
	}

	public NeedsDashboard needs(DashboardFilter filter, DashboardSource source) {
		Long area = this.filters.areaFor(filter);
		Where stageWhere = new Where().eq("r.ta_id", area).eq("r.region_code", filter.regionCode());
		List<StageCount> stages = this.jdbc.query("SELECT r.ta_id, r.stage, sum(r.n) AS hcps FROM "
				+ source.table("rollup_stage") + " r" + stageWhere.sql() + " GROUP BY r.ta_id, r.stage"
				+ " HAVING sum(r.n) <> 0 ORDER BY r.ta_id, r.stage",
				(rs, i) -> new StageCount(rs.getLong("ta_id"), rs.getString("stage"), rs.getLong("hcps")),
				stageWhere.args());
		Where moveWhere = new Where().period("r.month", filter).eq("r.ta_id", area).eq("r.region_code", filter.regionCode());
		List<StageMove> moves = this.jdbc.query("SELECT r.from_stage, r.to_stage, sum(r.n) AS changes FROM "
				+ source.table("rollup_stage_move") + " r" + moveWhere.sql() + " GROUP BY r.from_stage, r.to_stage"
				+ " HAVING sum(r.n) <> 0 ORDER BY sum(r.n) DESC, r.from_stage, r.to_stage",
				(rs, i) -> new StageMove(rs.getString("from_stage"), rs.getString("to_stage"), rs.getLong("changes")),
				moveWhere.args());
		String table = source.table("rollup_need");
		Where openWhere = new Where().eq("r.ta_id", filter.therapeuticAreaId()).eq("r.product_id", filter.productId())
			.eq("r.region_code", filter.regionCode()).eq("r.routed_to", filter.departmentCode());
		YearMonth current = this.filters.currentMonth();
		Map<String, long[]> open = new LinkedHashMap<>();
		this.jdbc.query("SELECT r.routed_to, r.month, sum(r.n) AS needs FROM " + table + " r" + openWhere.sql()
				+ openWhere.and() + "r.status IN " + DashboardSql.OPEN_NEEDS
				+ " GROUP BY r.routed_to, r.month HAVING sum(r.n) <> 0 ORDER BY r.routed_to, r.month", rs -> {
					YearMonth month = YearMonth.from(rs.getDate("month").toLocalDate());
					long age = Math.max(0, month.until(current, ChronoUnit.MONTHS));
					int bucket = 0;
					for (int b = 0; b < AGE_FROM_MONTHS.length; b++) {
						if (age >= AGE_FROM_MONTHS[b]) {
							bucket = b;
						}
					}
					open.computeIfAbsent(rs.getString("routed_to"), k -> new long[AGE_FROM_MONTHS.length])[bucket] += rs
						.getLong("needs");
				}, openWhere.args());
		Where outcomeWhere = new Where().period("r.month", filter).eq("r.ta_id", filter.therapeuticAreaId())
			.eq("r.product_id", filter.productId()).eq("r.region_code", filter.regionCode())
			.eq("r.routed_to", filter.departmentCode());
		List<NeedOutcome> outcomes = this.jdbc.query("SELECT r.status, sum(r.n) AS needs FROM " + table + " r"
				+ outcomeWhere.sql() + " GROUP BY r.status HAVING sum(r.n) <> 0 ORDER BY r.status",
				(rs, i) -> new NeedOutcome(rs.getString("status"), rs.getLong("needs")), outcomeWhere.args());
		return new NeedsDashboard(stages, moves,
				open.entrySet().stream().map(e -> new OpenNeeds(e.getKey(), e.getValue())).toList(), outcomes);
	}

}
