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
