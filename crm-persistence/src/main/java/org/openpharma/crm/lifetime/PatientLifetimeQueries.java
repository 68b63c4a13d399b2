package org.openpharma.crm.lifetime;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.openpharma.crm.user.WorkScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patient lifetime value (docs/adr/0035), read from the views of R__patient_lifetime.sql: hcp_patient_month holds
 * one figure per HCP, area and month (the latest report of each key; an area report stands for the whole area,
 * otherwise the area's product reports are added up), hcp_patient_lifetime the cumulative figures per HCP and area.
 * A patient-month is one patient treated in one month: the sum over the months of the patients treated. Counts
 * only, never a patient; no revenue.
 */
@Service
@Transactional(readOnly = true)
public class PatientLifetimeQueries {

	/**
	 * One month an HCP reported for an area.
	 *
	 * @param eligible eligible patients, null when the month's reports left them out
	 * @param treated treated patients, null when the month's reports left them out
	 * @param cumulative patient-months up to and including this month
	 * @param areaReport whether the figure is a report for the area as a whole (else the sum of its product reports)
	 * @param productReports the month's product reports of the area (left out of the figure when areaReport)
	 */
	public record LifetimeMonth(YearMonth month, Long eligible, Long treated, long cumulative, boolean areaReport,
			long productReports) {
	}

	/** An HCP's lifetime in one area: the months reported, oldest first, and the cumulative patient-months. */
	public record AreaLifetime(long therapeuticAreaId, List<LifetimeMonth> months) {

		public long patientMonths() {
			return this.months.isEmpty() ? 0 : this.months.get(this.months.size() - 1).cumulative();
		}

		public int monthsReported() {
			return this.months.size();
		}

		public YearMonth firstMonth() {
			return this.months.get(0).month();
		}

		public YearMonth lastMonth() {
			return this.months.get(this.months.size() - 1).month();
		}

		/** Patients treated in the latest month reported; null when that month gave eligible patients only. */
		public Long lastTreated() {
			return this.months.get(this.months.size() - 1).treated();
		}

	}

	/**
	 * The figures of one region (or of the whole scope when regionCode is null) and area over the period.
	 *
	 * @param regionCode the region of the HCPs' primary institutions ('-' when unknown), null for the total
	 * @param hcps HCPs who reported at least one month of the area in the period
	 * @param patientMonths patients treated, summed over the months of the period
	 * @param median patient-months of the median reporting HCP
	 */
	public record RegionLifetime(String regionCode, long therapeuticAreaId, long hcps, long patientMonths,
			double median) {
	}

	/**
	 * One month of the period: patients treated per area (areas without a report left out) and the HCPs who
	 * reported, and the cumulative patient-months of the period up to this month.
	 */
	public record MonthTotal(YearMonth month, Map<Long, Long> treatedByArea, long hcps, long treated, long cumulative) {

		/** Patients treated in the month in one area (0 when none reported). */
		public long treatedIn(long therapeuticAreaId) {
			return this.treatedByArea.getOrDefault(therapeuticAreaId, 0L);
		}

	}

	/**
	 * The managers' view: per region and area, and per area for the whole scope; the months of the period.
	 *
	 * @param areas the areas with reports in the period, in id order (the columns of the months)
	 */
	public record RegionReport(List<RegionLifetime> regions, List<RegionLifetime> totals, List<Long> areas,
			List<MonthTotal> months) {

		public long patientMonths() {
			return this.totals.stream().mapToLong(RegionLifetime::patientMonths).sum();
		}

	}

	/**
	 * What the managers' view shows.
	 *
	 * @param from first month, inclusive
	 * @param to last month, inclusive
	 * @param therapeuticAreaId one area, or null for all
	 * @param regionCode one region, or null for every region of the scope
	 */
	public record RegionFilter(YearMonth from, YearMonth to, Long therapeuticAreaId, String regionCode) {
	}

	private final JdbcTemplate jdbc;

	PatientLifetimeQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An HCP's lifetime per area, in area id order; areas without a report are left out. */
	public List<AreaLifetime> ofHcp(long hcpId) {
		Map<Long, List<LifetimeMonth>> areas = new LinkedHashMap<>();
		long[] cumulative = new long[1];
		long[] area = { -1 };
		this.jdbc.query("SELECT ta_id, period, eligible, treated, area_report, product_reports FROM hcp_patient_month"
				+ " WHERE hcp_id = ? ORDER BY ta_id, period", rs -> {
					long ta = rs.getLong("ta_id");
					if (ta != area[0]) {
						area[0] = ta;
						cumulative[0] = 0;
					}
					Long treated = (Long) rs.getObject("treated");
					cumulative[0] += (treated != null) ? treated : 0;
					areas.computeIfAbsent(ta, k -> new ArrayList<>())
						.add(new LifetimeMonth(YearMonth.from(rs.getDate("period").toLocalDate()),
								(Long) rs.getObject("eligible"), treated, cumulative[0], rs.getBoolean("area_report"),
								rs.getLong("product_reports")));
				}, hcpId);
		List<AreaLifetime> lifetimes = new ArrayList<>();
		areas.forEach((ta, months) -> lifetimes.add(new AreaLifetime(ta, List.copyOf(months))));
		return lifetimes;
	}

	/**
	 * The managers' view over the HCPs of the scope: a territorial manager's HCPs are those whose primary institution
	 * lies in a prefecture of their territories; national users see every HCP, those without an institution under
	 * region '-'. Which regions a user may ask for is the caller's check (WorkScope#dashboardRegions).
	 */
	public RegionReport byRegion(RegionFilter filter, WorkScope scope) {
		StringBuilder where = new StringBuilder(" WHERE m.period >= ? AND m.period <= ?");
		List<Object> args = new ArrayList<>();
		args.add(Date.valueOf(filter.from().atDay(1)));
		args.add(Date.valueOf(filter.to().atDay(1)));
		if (filter.therapeuticAreaId() != null) {
			where.append(" AND m.ta_id = ?");
			args.add(filter.therapeuticAreaId());
		}
		if (filter.regionCode() != null) {
			where.append(" AND hp.region_code = ?");
			args.add(filter.regionCode());
		}
		if (!scope.national()) {
			where.append(" AND hp.prefecture_code = ANY (?::smallint[])");
			args.add(scope.prefectures().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
		}
		String months = "SELECT m.hcp_id, m.ta_id, m.period, coalesce(m.treated, 0) AS treated, hp.region_code"
				+ " FROM hcp_patient_month m JOIN rollup_hcp_place hp ON hp.hcp_id = m.hcp_id" + where;
		List<RegionLifetime> regions = new ArrayList<>();
		List<RegionLifetime> totals = new ArrayList<>();
		// Per HCP first (their patient-months in the period), then per region and area and per area: GROUPING tells
		// which row is the area's total over the scope.
		this.jdbc.query("WITH months AS (" + months + "),"
				+ " per_hcp AS (SELECT hcp_id, ta_id, region_code, sum(treated) AS patient_months FROM months"
				+ "   GROUP BY hcp_id, ta_id, region_code)"
				+ " SELECT GROUPING(region_code) AS total, region_code, ta_id, count(*) AS hcps,"
				+ " sum(patient_months) AS patient_months,"
				+ " percentile_cont(0.5) WITHIN GROUP (ORDER BY patient_months) AS median FROM per_hcp"
				+ " GROUP BY GROUPING SETS ((region_code, ta_id), (ta_id))"
				+ " ORDER BY ta_id, region_code NULLS FIRST", rs -> {
					boolean total = rs.getInt("total") == 1;
					RegionLifetime row = new RegionLifetime(total ? null : rs.getString("region_code"),
							rs.getLong("ta_id"), rs.getLong("hcps"), rs.getLong("patient_months"), rs.getDouble("median"));
					(total ? totals : regions).add(row);
				}, args.toArray());
		Map<YearMonth, Map<Long, Long>> treated = new TreeMap<>();
		Map<YearMonth, Long> hcps = new TreeMap<>();
		TreeSet<Long> areas = new TreeSet<>();
		this.jdbc.query("WITH months AS (" + months + ")"
				+ " SELECT period, GROUPING(ta_id) AS total, ta_id, count(DISTINCT hcp_id) AS hcps,"
				+ " sum(treated) AS treated FROM months GROUP BY GROUPING SETS ((period, ta_id), (period))", rs -> {
					YearMonth month = YearMonth.from(rs.getDate("period").toLocalDate());
					if (rs.getInt("total") == 1) {
						hcps.put(month, rs.getLong("hcps"));
					}
					else {
						areas.add(rs.getLong("ta_id"));
						treated.computeIfAbsent(month, k -> new TreeMap<>()).put(rs.getLong("ta_id"), rs.getLong("treated"));
					}
				}, args.toArray());
		List<MonthTotal> monthTotals = new ArrayList<>();
		long cumulative = 0;
		for (YearMonth month = filter.from(); !month.isAfter(filter.to()); month = month.plusMonths(1)) {
			Map<Long, Long> byArea = treated.getOrDefault(month, Map.of());
			long sum = byArea.values().stream().mapToLong(Long::longValue).sum();
			cumulative += sum;
			monthTotals.add(new MonthTotal(month, Map.copyOf(byArea), hcps.getOrDefault(month, 0L), sum, cumulative));
		}
		return new RegionReport(regions, totals, List.copyOf(areas), monthTotals);
	}

}
