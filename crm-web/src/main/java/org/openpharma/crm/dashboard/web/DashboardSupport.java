package org.openpharma.crm.dashboard.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardFilters;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Forms;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

import jakarta.servlet.http.HttpServletResponse;

/** What every dashboard screen shares: the filter's choices and names, and reading the filter. */
@Component
class DashboardSupport {

	private final DashboardFilters filters;

	private final ReferenceData reference;

	private final DashboardScope scope;

	DashboardSupport(DashboardFilters filters, ReferenceData reference, DashboardScope scope) {
		this.filters = filters;
		this.reference = reference;
		this.scope = scope;
	}

	/** The choices of a dashboard screen, the regions limited to the user's scope. */
	void choices(Model model, Locale locale, String username) {
		choices(model, locale);
		List<Item> mine = this.scope.regions(username);
		model.addAttribute("allRegions", mine == null);
		if (mine != null) {
			model.addAttribute("regions", mine);
		}
	}

	void choices(Model model, Locale locale) {
		model.addAttribute("allRegions", true);
		List<Item> areas = this.reference.therapeuticAreas();
		List<Item> products = this.reference.products();
		List<Item> regions = this.reference.regions();
		List<Item> prefectures = this.reference.prefectures();
		List<Item> departments = this.reference.departments();
		model.addAttribute("areas", areas);
		model.addAttribute("products", products);
		model.addAttribute("regions", regions);
		model.addAttribute("departments", departments);
		Map<String, Map<String, String>> names = new LinkedHashMap<>();
		names.put("area", names(areas, locale));
		names.put("product", names(products, locale));
		names.put("region", names(regions, locale));
		names.put("prefecture", names(prefectures, locale));
		names.put("department", names(departments, locale));
		model.addAttribute("names", names);
		Map<String, String> regionOfPrefecture = new LinkedHashMap<>();
		prefectures.forEach(p -> regionOfPrefecture.put(p.code(), p.group()));
		model.addAttribute("regionOfPrefecture", regionOfPrefecture);
	}

	private static Map<String, String> names(List<Item> items, Locale locale) {
		Map<String, String> names = new LinkedHashMap<>();
		items.forEach(i -> names.put(i.code(), i.name(locale)));
		return names;
	}

	/**
	 * The filter, or null with field errors and a 400 status when a parameter is malformed, names an unknown
	 * code, or combines a product with another area.
	 */
	DashboardFilter filter(DashboardParams params, BindingResult errors, HttpServletResponse response) {
		return filter(params, errors, response, null);
	}

	/** As {@link #filter(DashboardParams, BindingResult, HttpServletResponse)}, within the user's scope. */
	DashboardFilter filter(DashboardParams params, BindingResult errors, HttpServletResponse response, String username) {
		try {
			DashboardFilter filter = params.toFilter(this.filters.currentMonth());
			this.filters.check(filter);
			if (username != null) {
				filter = this.scope.apply(filter, username);
				params.setRegion(filter.regionCode());
			}
			params.fillDefaults(filter);
			return filter;
		}
		catch (ValidationException ex) {
			Forms.reject(errors, ex);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			// Months left empty show the default period again, so that only the bad field needs attention.
			params.fillDefaults(DashboardFilter.defaults(this.filters.currentMonth()));
			return null;
		}
	}

}
