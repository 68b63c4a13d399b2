package org.openpharma.crm.dashboard;

/**
 * Where a dashboard's figures come from: the rollup tables (kept by triggers in the writing transaction, see
 * db/migration/R__dashboard_rollups.sql) or each rollup's source view, which computes the same figures from raw
 * rows with the identical query: the benchmark compares the two, the tests check they agree.
 */
public enum DashboardSource {

	/** The incrementally kept rollup tables (what the screens use). */
	ROLLUP(""),

	/** The same figures recomputed from raw rows (naive GROUP BY; for comparison and checks). */
	RAW("_source");

	private final String suffix;

	DashboardSource(String suffix) {
		this.suffix = suffix;
	}

	/** The relation to read for a rollup: the table itself or its source view. */
	String table(String rollup) {
		return rollup + this.suffix;
	}

}
