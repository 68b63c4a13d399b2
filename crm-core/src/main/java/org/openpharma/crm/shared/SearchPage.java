package org.openpharma.crm.shared;

import java.util.List;

/**
 * One page of results. {@code total} is exact up to {@link #COUNT_CAP}; beyond that the page says
 * "more than" instead of counting every row of a broad search.
 *
 * @param fuzzy true when nothing matched exactly and the rows are similar names (typo tolerance)
 */
public record SearchPage<T>(List<T> items, int page, int size, long total, boolean fuzzy) {

	public static final int COUNT_CAP = 1_000;

	/**
	 * The page to show when {@code requested} was asked for: never before the first nor after the last page that
	 * holds rows (a bookmarked or typed {@code page=99999} shows the last page, not an empty "501 / 50").
	 */
	public static int clamp(int requested, long total, int size) {
		long shown = Math.min(total, COUNT_CAP);
		int last = (int) Math.max(0, (shown + size - 1) / size - 1);
		return Math.max(0, Math.min(requested, last));
	}

	public boolean totalCapped() {
		return this.total > COUNT_CAP;
	}

	public int totalPages() {
		long shown = Math.min(this.total, COUNT_CAP);
		return (int) Math.max(1, (shown + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < totalPages();
	}

}
