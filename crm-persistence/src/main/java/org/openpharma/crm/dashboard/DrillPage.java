package org.openpharma.crm.dashboard;

import java.util.List;

/**
 * One page of a drill-down, with how many HCPs the whole list has and the sums of their figures (the figure
 * the list was opened from).
 *
 * @param page zero-based, within the list
 * @param totals the sums over the whole list, in the order of {@link DrillDown#figures()}
 */
public record DrillPage(List<DrillHcp> hcps, int page, int size, long total, List<Long> totals) {

	public int totalPages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < totalPages();
	}

}
