package org.openpharma.crm.system;

import java.util.List;

import org.openpharma.crm.shared.SearchPage;

/** A page of API results with its totals ({@code totalCapped}: there are more than {@code total}). */
public record ApiPage<T>(List<T> items, int page, int size, long total, boolean totalCapped, boolean fuzzy) {

	public static <T> ApiPage<T> of(SearchPage<T> page) {
		return new ApiPage<>(page.items(), page.page(), page.size(), Math.min(page.total(), SearchPage.COUNT_CAP),
				page.totalCapped(), page.fuzzy());
	}

}
