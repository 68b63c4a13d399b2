package org.openpharma.crm.dashboard;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.openpharma.crm.dashboard.DashboardSql.Where;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The HCPs behind a dashboard figure, each with their share of it. Each list reads the same definition as its
 * figure (the rollup's source view, or the rule the rollup keeps), so the rows add up to the figure clicked.
 */
@Service
@Transactional(readOnly = true)
public class DrillDownQueries {

	/** Rows of one page of a drill-down. */
	public static final int PAGE_SIZE = 100;

	private final JdbcTemplate jdbc;

	private final DashboardFilters filters;

	DrillDownQueries(JdbcTemplate jdbc, DashboardFilters filters) {
		this.jdbc = jdbc;
		this.filters = filters;
	}

	/**
	 * One page of the list (a page past the end shows the last one), with the count and the figures' sums over
	 * the whole list.
	 */
	public DrillPage page(DashboardFilter filter, DrillDown drill, int page) {
		int wanted = Math.max(0, page);
		DrillPage result = fetch(filter, drill, wanted);
		if (result.hcps().isEmpty() && wanted > 0) {
			DrillPage first = fetch(filter, drill, 0);
			return (first.totalPages() > 1) ? fetch(filter, drill, first.totalPages() - 1) : first;
		}
		return result;
	}

	/** Every HCP of the list in the same order (for CSV), streamed without holding them all in memory. */
	public void forEach(DashboardFilter filter, DrillDown drill, Consumer<DrillHcp> consumer) {
		Core core = core(filter, drill);
		int figures = drill.figures().size();
		this.jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement(select(core, figures, false) + " ORDER BY h.kana_key, h.id");
			statement.setFetchSize(500);
			new ArgumentPreparedStatementSetter(core.args().toArray()).setValues(statement);
			return statement;
		}, rs -> {
			consumer.accept(row(rs, figures));
		});
	}

	private DrillPage fetch(DashboardFilter filter, DrillDown drill, int page) {
		Core core = core(filter, drill);
		int figures = drill.figures().size();
		List<Object> args = new ArrayList<>(core.args());
		args.add(PAGE_SIZE);
		args.add((long) page * PAGE_SIZE);
		long[] total = new long[1 + figures];
		List<DrillHcp> rows = this.jdbc.query(select(core, figures, true) + " ORDER BY h.kana_key, h.id LIMIT ? OFFSET ?",
				(rs, i) -> {
					total[0] = rs.getLong("total_hcps");
					for (int f = 0; f < figures; f++) {
						total[1 + f] = rs.getLong("total_f" + f);
					}
					return row(rs, figures);
				}, args.toArray());
		List<Long> totals = new ArrayList<>();
		for (int f = 0; f < figures; f++) {
			totals.add(total[1 + f]);
		}
		return new DrillPage(rows, page, PAGE_SIZE, total[0], totals);
	}

	/** The HCP's columns around the list's own rows {@code d} (hcp_id, day, f0…); with totals over the whole list. */
	private static String select(Core core, int figures, boolean totals) {
		StringBuilder sql = new StringBuilder("SELECT h.id, h.name_kanji, h.name_kana, o.name AS institution,"
				+ " coalesce(o.prefecture_code, 0) AS prefecture_code, d.day");
		for (int f = 0; f < figures; f++) {
			sql.append(", d.f").append(f);
			if (totals) {
				sql.append(", sum(d.f").append(f).append(") OVER () AS total_f").append(f);
			}
		}
		if (totals) {
			sql.append(", count(*) OVER () AS total_hcps");
		}
		return sql.append(" FROM (").append(core.sql()).append(") d JOIN hcp h ON h.id = d.hcp_id")
			.append(" LEFT JOIN hco o ON o.id = h.primary_hco_id").toString();
	}

	private static DrillHcp row(ResultSet rs, int figures) throws SQLException {
		List<Long> values = new ArrayList<>();
		for (int f = 0; f < figures; f++) {
			values.add(rs.getLong("f" + f));
		}
		Date day = rs.getDate("day");
		return new DrillHcp(rs.getLong("id"), rs.getString("name_kanji"), rs.getString("name_kana"),
				rs.getString("institution"), rs.getInt("prefecture_code"), (day != null) ? day.toLocalDate() : null,
				values);
	}

	/** The list's own rows: one per HCP, as {@code hcp_id, day, f0, f1, …}. */
	private record Core(String sql, List<Object> args) {
	}

	private Core core(DashboardFilter filter, DrillDown drill) {
		if (drill instanceof DrillDown.Reporting reporting) {
			return reporting(filter, reporting);
		}
		if (drill instanceof DrillDown.Stage stage) {
			return stage(filter, stage);
		}
		return uncovered(filter, (DrillDown.Uncovered) drill);
	}

	/** The patients dashboard's figures per HCP: rollup_patient_source is the definition rollup_patient keeps. */
	private static Core reporting(DashboardFilter filter, DrillDown.Reporting drill) {
		Where where = new Where().period("s.period", filter).eq("s.ta_id", filter.therapeuticAreaId())
			.eq("s.product_id", filter.productId()).prefectureRegion("s.prefecture_code", filter.regionCode())
			.eq("s.prefecture_code", drill.prefecture());
		return new Core("SELECT s.hcp_id, NULL::date AS day, sum(s.eligible) AS f0, sum(s.treated) AS f1,"
				+ " sum(s.reports) AS f2 FROM rollup_patient_source s" + where.sql() + " GROUP BY s.hcp_id",
				List.of(where.args()));
	}

	/** The needs funnel's HCPs at a stage: rollup_stage_source is the definition rollup_stage keeps. */
	private static Core stage(DashboardFilter filter, DrillDown.Stage drill) {
		Where where = new Where().eq("s.ta_id", drill.therapeuticAreaId()).eq("s.stage", drill.stage().name())
			.eq("s.region_code", filter.regionCode());
		return new Core("SELECT s.hcp_id, rollup_day(t.changed_at) AS day FROM rollup_stage_source s"
				+ " JOIN hcp_stage t ON t.hcp_id = s.hcp_id AND t.therapeutic_area_id = s.ta_id" + where.sql(),
				List.of(where.args()));
	}

	/**
	 * Coverage's active HCPs whose last outbound contact (by the department, when chosen) is older than
	 * {@code days} days or missing: the HCPs of the coverage figure less those contacted (rollup_coverage_source).
	 */
	private Core uncovered(DashboardFilter filter, DrillDown.Uncovered drill) {
		Date since = Date.valueOf(this.filters.today().minusDays(drill.days() - 1L));
		String department = (filter.departmentCode() != null) ? " AND i.department_code = ?" : "";
		List<Object> args = new ArrayList<>();
		if (filter.departmentCode() != null) {
			args.add(filter.departmentCode());
		}
		Where where = new Where().eq("hp.status", "ACTIVE").eq("hp.region_code", filter.regionCode())
			.eq("hp.prefecture_code", drill.prefecture());
		args.addAll(List.of(where.args()));
		args.add(since);
		return new Core("SELECT hp.hcp_id, last.day FROM rollup_hcp_place hp CROSS JOIN LATERAL"
				+ " (SELECT rollup_day(max(i.occurred_at)) AS day FROM interaction i WHERE i.hcp_id = hp.hcp_id"
				+ " AND rollup_push(i.channel)" + department + ") last" + where.sql() + where.and()
				+ "(last.day IS NULL OR last.day < ?)", args);
	}

}
