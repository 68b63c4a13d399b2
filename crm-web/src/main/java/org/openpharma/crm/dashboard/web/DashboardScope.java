package org.openpharma.crm.dashboard.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.stereotype.Component;

/**
 * Which figures a user's dashboards show (WorkScope): national roles see every region and the whole
 * country; a territorial manager sees the regions of their territories, their first by default. The same
 * rule for screens, CSV and the JSON API.
 */
@Component
class DashboardScope {

	private final UserManagement users;

	private final ReferenceData reference;

	DashboardScope(UserManagement users, ReferenceData reference) {
		this.users = users;
		this.reference = reference;
	}

	/** The regions the user may choose, in reference order; null for national users (every region and Japan). */
	List<Item> regions(String username) {
		List<String> mine = this.users.scopeOf(username).dashboardRegions(regionOrder(), regionOfPrefecture());
		if (mine == null) {
			return null;
		}
		return this.reference.regions().stream().filter(r -> mine.contains(r.code())).toList();
	}

	/** The filter within the user's scope; a region outside it is a field error (ValidationException). */
	DashboardFilter apply(DashboardFilter filter, String username) {
		WorkScope scope = this.users.scopeOf(username);
		try {
			String region = scope.dashboardRegion(filter.regionCode(), regionOrder(), regionOfPrefecture());
			return new DashboardFilter(filter.from(), filter.to(), filter.therapeuticAreaId(), filter.productId(), region,
					filter.departmentCode());
		}
		catch (DomainException ex) {
			throw ValidationException.of(ex.getField(), ex.getCode());
		}
	}

	private List<String> regionOrder() {
		return this.reference.regions().stream().map(Item::code).toList();
	}

	private Map<Integer, String> regionOfPrefecture() {
		Map<Integer, String> regions = new HashMap<>();
		this.reference.prefectures().forEach(p -> regions.put(Integer.valueOf(p.code()), p.group()));
		return regions;
	}

}
