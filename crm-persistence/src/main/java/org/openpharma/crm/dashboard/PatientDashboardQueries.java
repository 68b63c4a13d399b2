package org.openpharma.crm.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.dashboard.DashboardSql.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patients dashboard: eligible and treated patients HCPs reported, against the targets managers set, by month,
 * place and product (rollup_patient); the HCPs who reported are DrillDownQueries'. Counts only, never a patient.
 */
@Service
@Transactional(readOnly = true)
public class PatientDashboardQueries {

	// GROUPING(r.period, r.prefecture_code, r.ta_id) has one bit per argument, the first one highest; a bit is set
	// when its column is rolled up in the row's grouping set.

	/** The row of one month: prefecture_code and ta_id rolled up. */
	private static final int BY_MONTH = 0b011;

	/** The row of one prefecture: period and ta_id rolled up. */
	private static final int BY_PREFECTURE = 0b101;

	/** The row of one area and product: period and prefecture_code rolled up. */
	private static final int BY_PRODUCT = 0b110;

	/** Eligible and treated patients HCPs reported for one month, with the target set for it (or null). */
	public record MonthPatients(YearMonth month, long eligible, long treated, long reports, Long target) {

		/** Treated against target in percent, or null without a target. */
		public Integer attainment() {
			return (this.target == null || this.target == 0) ? null : (int) Math.round(100.0 * this.treated / this.target);
		}

	}

	/** Patients reported in one prefecture (0 = HCPs without an institution) over the period. */
	public record PlacePatients(int prefectureCode, long eligible, long treated, long reports) {
	}

	/** Patients reported for one area and product (0 = reports for the area as a whole) over the period. */
	public record ProductPatients(long therapeuticAreaId, long productId, long eligible, long treated, long reports) {
	}

	public record PatientDashboard(List<MonthPatients> months, List<PlacePatients> places,
			List<ProductPatients> products) {

		public long eligible() {
			return this.months.stream().mapToLong(MonthPatients::eligible).sum();
		}

		public long treated() {
			return this.months.stream().mapToLong(MonthPatients::treated).sum();
		}

		/** Sum of the targets of the months that have one, or null when none has. */
		public Long target() {
			return this.months.stream().anyMatch(m -> m.target() != null)
					? this.months.stream().mapToLong(m -> (m.target() != null) ? m.target() : 0).sum() : null;
		}

		/** Treated patients of the months with a target against their targets, in percent; null without. */
		public Integer attainment() {
			long target = this.months.stream().mapToLong(m -> (m.target() != null) ? m.target() : 0).sum();
			long treated = this.months.stream().filter(m -> m.target() != null).mapToLong(MonthPatients::treated).sum();
			return (target == 0) ? null : (int) Math.round(100.0 * treated / target);
		}

	}

	private final JdbcTemplate jdbc;

	PatientDashboardQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public PatientDashboard patients(DashboardFilter filter, DashboardSource source) {
		Where where = new Where().period("r.period", filter).eq("r.ta_id", filter.therapeuticAreaId())
			.eq("r.product_id", filter.productId()).prefectureRegion("r.prefecture_code", filter.regionCode());
		// One pass over the rows: per month, per prefecture and per area/product (GROUPING tells which).
		Map<YearMonth, long[]> byMonth = new LinkedHashMap<>();
		List<PlacePatients> places = new ArrayList<>();
		List<ProductPatients> products = new ArrayList<>();
		this.jdbc.query("SELECT GROUPING(r.period, r.prefecture_code, r.ta_id) AS grouping_set, r.period,"
				+ " r.prefecture_code, r.ta_id, r.product_id, sum(r.eligible) AS eligible, sum(r.treated) AS treated,"
				+ " sum(r.reports) AS reports FROM " + source.table("rollup_patient") + " r" + where.sql()
				+ " GROUP BY GROUPING SETS ((r.period), (r.prefecture_code), (r.ta_id, r.product_id))", rs -> {
					long eligible = rs.getLong("eligible");
					long treated = rs.getLong("treated");
					long reports = rs.getLong("reports");
					int set = rs.getInt("grouping_set");
					switch (set) {
						case BY_MONTH -> byMonth.put(YearMonth.from(rs.getDate("period").toLocalDate()),
								new long[] { eligible, treated, reports });
						case BY_PREFECTURE -> {
							if (reports != 0 || treated != 0) {
								places.add(new PlacePatients(rs.getInt("prefecture_code"), eligible, treated, reports));
							}
						}
						case BY_PRODUCT -> {
							if (reports != 0 || treated != 0) {
								products.add(new ProductPatients(rs.getLong("ta_id"), rs.getLong("product_id"), eligible,
										treated, reports));
							}
						}
						default -> throw new IllegalStateException("unexpected grouping set " + set);
					}
				}, where.args());
		places.sort(Comparator.comparingInt(PlacePatients::prefectureCode));
		products.sort(Comparator.comparingLong(ProductPatients::therapeuticAreaId)
			.thenComparingLong(ProductPatients::productId));
		Map<YearMonth, Long> targets = targets(filter);
		List<MonthPatients> months = new ArrayList<>();
		for (YearMonth month : filter.monthList()) {
			long[] figures = byMonth.getOrDefault(month, new long[3]);
			months.add(new MonthPatients(month, figures[0], figures[1], figures[2], targets.get(month)));
		}
		return new PatientDashboard(months, places, products);
	}

	/**
	 * The targets at exactly the filter's level: an area's (or a product's) target for Japan as a whole, or for
	 * the region when one is chosen; without an area, the sum of all areas' targets at that level.
	 */
	private Map<YearMonth, Long> targets(DashboardFilter filter) {
		Where where = new Where().period("t.period", filter).eq("t.therapeutic_area_id", filter.therapeuticAreaId());
		String level = ((filter.productId() != null) ? " AND t.product_id = " + filter.productId()
				: " AND t.product_id IS NULL")
				+ ((filter.regionCode() != null) ? " AND t.region_code = ?" : " AND t.region_code IS NULL");
		List<Object> args = new ArrayList<>(List.of(where.args()));
		if (filter.regionCode() != null) {
			args.add(filter.regionCode());
		}
		Map<YearMonth, Long> targets = new LinkedHashMap<>();
		this.jdbc.query("SELECT t.period, sum(t.treated_target) AS treated_target FROM patient_target t" + where.sql()
				+ level + " GROUP BY t.period", rs -> {
					targets.put(YearMonth.from(rs.getDate("period").toLocalDate()), rs.getLong("treated_target"));
				}, args.toArray());
		return targets;
	}

}
