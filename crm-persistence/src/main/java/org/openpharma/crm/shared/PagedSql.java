package org.openpharma.crm.shared;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One page of a SQL read model: the count stops at {@link SearchPage#COUNT_CAP} (+1, so that "more
 * than" can be shown) instead of counting every row of a broad filter. A first page that is not full
 * is the whole result, so it needs no count (most HCPs' timelines fit on one page). A page after the last one
 * shows the last one.
 */
public final class PagedSql {

	private PagedSql() {
	}

	/**
	 * @param select a SELECT without ORDER BY or LIMIT
	 * @param orderBy the ORDER BY clause (with a unique last key, so pages never overlap)
	 */
	public static <T> SearchPage<T> page(JdbcTemplate jdbc, String select, String orderBy, List<Object> args,
			RowMapper<T> rows, int page, int size) {
		int requested = Math.max(0, page);
		List<T> items = fetch(jdbc, select, orderBy, args, rows, requested, size);
		if (requested == 0 && items.size() < size) {
			return new SearchPage<>(items, requested, size, items.size(), false);
		}
		List<Object> countArgs = new ArrayList<>(args);
		countArgs.add(SearchPage.COUNT_CAP + 1);
		Long counted = jdbc.queryForObject("SELECT count(*) FROM (" + select + " LIMIT ?) counted", Long.class,
				countArgs.toArray());
		long total = (counted != null) ? counted : 0;
		int shown = SearchPage.clamp(requested, total, size);
		if (shown != requested) {
			items = fetch(jdbc, select, orderBy, args, rows, shown, size);
		}
		return new SearchPage<>(items, shown, size, total, false);
	}

	private static <T> List<T> fetch(JdbcTemplate jdbc, String select, String orderBy, List<Object> args,
			RowMapper<T> rows, int page, int size) {
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add(size);
		pageArgs.add((long) page * size);
		return jdbc.query(select + " " + orderBy + " LIMIT ? OFFSET ?", rows, pageArgs.toArray());
	}

}
