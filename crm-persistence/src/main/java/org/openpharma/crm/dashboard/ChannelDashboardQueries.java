package org.openpharma.crm.dashboard;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openpharma.crm.dashboard.DashboardSql.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel mix and coverage: push (company-initiated) against pull (HCP-initiated) contacts by month, stage,
 * department and channel (rollup_interaction), the share of active HCPs contacted lately (rollup_coverage), and the
 * HCPs nobody contacted (DrillDownQueries).
 */
@Service
@Transactional(readOnly = true)
public class ChannelDashboardQueries {

	// GROUPING(r.month, r.department_code, r.channel) has one bit per argument, the first one highest; a bit is set
	// when its column is rolled up in the row's grouping set.

	/** The row of one month: department_code and channel rolled up. */
	private static final int BY_MONTH = 0b011;

	/** The row of one department: month and channel rolled up. */
	private static final int BY_DEPARTMENT = 0b101;

	/** The row of one channel: month and department_code rolled up. */
	private static final int BY_CHANNEL = 0b110;

	/** Push and pull contacts of the rows summed, as columns {@code push} and {@code pull}. */
	private static final String PUSH_PULL = "sum(r.n) FILTER (WHERE r.channel IN " + DashboardSql.PUSH_CHANNELS
			+ ") AS push, sum(r.n) FILTER (WHERE r.channel NOT IN " + DashboardSql.PUSH_CHANNELS + ") AS pull";

	/** Push (company-initiated) and pull (HCP-initiated) interactions for one label (month, stage, department). */
	public record PushPull(String label, long push, long pull) {

		public Integer pushShare() {
			return DashboardSql.share(this.push, this.push + this.pull);
		}

	}

	/** Active HCPs of one prefecture and how many were contacted (outbound) in the last 30 and 90 days. */
	public record Coverage(int prefectureCode, long hcps, long contacted30, long contacted90) {
	}

	public record ChannelDashboard(List<PushPull> months, List<PushPull> stages, List<PushPull> departments,
			List<PushPull> channels, List<Coverage> coverage) {

		public long push() {
			return this.months.stream().mapToLong(PushPull::push).sum();
		}

		public long pull() {
			return this.months.stream().mapToLong(PushPull::pull).sum();
		}

		public long hcps() {
			return this.coverage.stream().mapToLong(Coverage::hcps).sum();
		}

		public Integer coverage30() {
			return DashboardSql.share(this.coverage.stream().mapToLong(Coverage::contacted30).sum(), hcps());
		}

		public Integer coverage90() {
			return DashboardSql.share(this.coverage.stream().mapToLong(Coverage::contacted90).sum(), hcps());
		}

	}

	private final JdbcTemplate jdbc;

	private final DashboardFilters filters;

	ChannelDashboardQueries(JdbcTemplate jdbc, DashboardFilters filters) {
		this.jdbc = jdbc;
		this.filters = filters;
	}

	public ChannelDashboard channels(DashboardFilter filter, DashboardSource source) {
		String table = source.table("rollup_interaction");
		// A filter by product reads the product's rows, by area the area's; the stage breakdown needs an area's rows.
		Where base = new Where().eq("r.ta_id", (filter.productId() != null) ? 0L
				: (filter.therapeuticAreaId() != null) ? filter.therapeuticAreaId() : 0L)
			.eq("r.product_id", (filter.productId() != null) ? filter.productId() : 0L)
			.period("r.month", filter).eq("r.region_code", filter.regionCode())
			.eq("r.department_code", filter.departmentCode());
		// One pass over the rows: per month, per department and per channel (GROUPING tells which).
		Map<String, long[]> months = new LinkedHashMap<>();
		List<PushPull> departments = new ArrayList<>();
		List<PushPull> channels = new ArrayList<>();
		this.jdbc.query("SELECT GROUPING(r.month, r.department_code, r.channel) AS grouping_set, r.month,"
				+ " r.department_code, r.channel, " + PUSH_PULL + " FROM " + table + " r" + base.sql()
				+ " GROUP BY GROUPING SETS ((r.month), (r.department_code), (r.channel))", rs -> {
					long push = rs.getLong("push");
					long pull = rs.getLong("pull");
					int set = rs.getInt("grouping_set");
					switch (set) {
						case BY_MONTH -> months.put(YearMonth.from(rs.getDate("month").toLocalDate()).toString(),
								new long[] { push, pull });
						case BY_DEPARTMENT -> {
							if (push + pull != 0) {
								departments.add(new PushPull(rs.getString("department_code"), push, pull));
							}
						}
						case BY_CHANNEL -> {
							if (push + pull != 0) {
								channels.add(new PushPull(rs.getString("channel"), push, pull));
							}
						}
						default -> throw new IllegalStateException("unexpected grouping set " + set);
					}
				}, base.args());
		departments.sort(Comparator.comparing(PushPull::label));
		channels.sort(Comparator.comparingLong((PushPull c) -> c.push() + c.pull()).reversed());
		List<PushPull> monthRows = filter.monthList().stream().map(m -> {
			long[] figures = months.getOrDefault(m.toString(), new long[2]);
			return new PushPull(m.toString(), figures[0], figures[1]);
		}).toList();
		return new ChannelDashboard(monthRows, stages(filter, table), departments, channels, coverage(filter, source));
	}

	/** Stages belong to one area: summing "adopter" across areas would mean nothing, so only with an area. */
	private List<PushPull> stages(DashboardFilter filter, String table) {
		Long area = this.filters.areaFor(filter);
		if (area == null) {
			return List.of();
		}
		Where staged = new Where().eq("r.ta_id", area).eq("r.product_id", 0L).period("r.month", filter)
			.eq("r.region_code", filter.regionCode()).eq("r.department_code", filter.departmentCode());
		Map<String, long[]> byStage = new LinkedHashMap<>();
		this.jdbc.query("SELECT r.stage, " + PUSH_PULL + " FROM " + table + " r" + staged.sql() + " GROUP BY r.stage",
				rs -> {
					byStage.put(rs.getString("stage"), new long[] { rs.getLong("push"), rs.getLong("pull") });
				}, staged.args());
		return DashboardSql.STAGES.stream().filter(byStage::containsKey)
			.map(s -> new PushPull(s, byStage.get(s)[0], byStage.get(s)[1]))
			.filter(p -> p.push() + p.pull() != 0)
			.toList();
	}

	/**
	 * Active HCPs per prefecture (the '*' rows, one per HCP), and those whose last outbound contact (by the
	 * department, when chosen) is within 90 and 30 days: a short range read of the recent days only.
	 */
	private List<Coverage> coverage(DashboardFilter filter, DashboardSource source) {
		LocalDate today = this.filters.today();
		String table = source.table("rollup_coverage");
		Where all = new Where().eq("r.department_code", "*").prefectureRegion("r.prefecture_code", filter.regionCode());
		Map<Integer, long[]> byPrefecture = new TreeMap<>();
		this.jdbc.query("SELECT r.prefecture_code, sum(r.n) AS hcps FROM " + table + " r" + all.sql()
				+ " GROUP BY r.prefecture_code", rs -> {
					byPrefecture.put(rs.getInt("prefecture_code"), new long[] { rs.getLong("hcps"), 0, 0 });
				}, all.args());
		Where recent = new Where().eq("r.department_code", (filter.departmentCode() != null) ? filter.departmentCode() : "*")
			.prefectureRegion("r.prefecture_code", filter.regionCode());
		List<Object> args = new ArrayList<>();
		args.add(Date.valueOf(today.minusDays(29)));
		args.addAll(List.of(recent.args()));
		args.add(Date.valueOf(today.minusDays(89)));
		this.jdbc.query("SELECT r.prefecture_code, coalesce(sum(r.n) FILTER (WHERE r.last_contact >= ?), 0) AS contacted30,"
				+ " sum(r.n) AS contacted90 FROM " + table + " r" + recent.sql()
				+ " AND r.last_contact >= ? GROUP BY r.prefecture_code", rs -> {
					long[] figures = byPrefecture.get(rs.getInt("prefecture_code"));
					if (figures != null) {
						figures[1] = rs.getLong("contacted30");
						figures[2] = rs.getLong("contacted90");
					}
				}, args.toArray());
		List<Coverage> coverage = new ArrayList<>();
		byPrefecture.forEach((prefecture, figures) -> {
			if (figures[0] > 0) {
				coverage.add(new Coverage(prefecture, figures[0], figures[1], figures[2]));
			}
		});
		return coverage;
	}

}
