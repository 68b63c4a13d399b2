package org.openpharma.crm.lifetime.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.lifetime.PatientLifetimeQueries;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionFilter;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionLifetime;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionReport;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Patient lifetime by region, a tab of the dashboards (docs/adr/0035): per region and area the HCPs who reported,
 * their patient-months and the median per reporting HCP, and the months of the period. A territorial manager sees
 * the HCPs of their territories' prefectures (WorkScope), by the regions those lie in; marketing and head office
 * see Japan. Counts only; no revenue.
 */
@Controller
@Allowed(Capability.READ_PATIENT_LIFETIME)
class LifetimeDashboardController {

	/** A table row: one region (or the scope's total when regionCode is null) in one area. */
	record Row(String regionCode, String regionName, long areaId, String areaName, long hcps, long patientMonths,
			double median, boolean total) {
	}

	private final PatientLifetimeQueries lifetimes;

	private final ReferenceData reference;

	private final UserManagement users;

	private final Clock clock;

	LifetimeDashboardController(PatientLifetimeQueries lifetimes, ReferenceData reference, UserManagement users,
			Clock clock) {
		this.lifetimes = lifetimes;
		this.reference = reference;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/dashboards/lifetime")
	String regions(@ModelAttribute("filter") LifetimeParams params, BindingResult errors, Model model, Principal user,
			Locale locale, HttpServletResponse response) {
		WorkScope scope = this.users.scopeOf(user.getName());
		List<String> mine = scope.dashboardRegions(this.reference.regions().stream().map(Item::code).toList(),
				regionOfPrefecture());
		List<Item> areas = this.reference.therapeuticAreas();
		model.addAttribute("page", "lifetime");
		model.addAttribute("areas", areas);
		model.addAttribute("regions",
				(mine == null) ? this.reference.regions() : this.reference.regions().stream().filter(r -> mine.contains(r.code())).toList());
		model.addAttribute("national", mine == null);
		RegionFilter filter;
		try {
			filter = filter(params, mine);
		}
		catch (ValidationException ex) {
			Forms.reject(errors, ex);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "lifetime/regions";
		}
		params.setFrom(filter.from().toString());
		params.setTo(filter.to().toString());
		RegionReport report = this.lifetimes.byRegion(filter, scope);
		Map<Long, String> areaNames = new LinkedHashMap<>();
		areas.forEach(a -> areaNames.put(Long.valueOf(a.code()), a.name(locale)));
		Map<String, String> regionNames = new HashMap<>();
		Map<String, Integer> regionOrder = new HashMap<>();
		List<Item> allRegions = this.reference.regions();
		for (int i = 0; i < allRegions.size(); i++) {
			regionNames.put(allRegions.get(i).code(), allRegions.get(i).name(locale));
			regionOrder.put(allRegions.get(i).code(), i);
		}
		model.addAttribute("report", report);
		model.addAttribute("rows", rows(report, areaNames, regionNames, regionOrder));
		model.addAttribute("areaNames", areaNames);
		model.addAttribute("query", query(params));
		return "lifetime/regions";
	}

	/** The filter within the user's regions (null: national); throws ValidationException with field messages. */
	private RegionFilter filter(LifetimeParams params, List<String> mine) {
		YearMonth current = YearMonth.now(this.clock.withZone(Japan.ZONE));
		// Lifetime looks back further than the other dashboards: the three years the data keeps at hand by default.
		String from = blank(params.getFrom()) ? current.minusMonths(DashboardFilter.MAX_MONTHS - 1).toString()
				: params.getFrom();
		DashboardFilter parsed = DashboardFilter.parse(from, params.getTo(), params.getTa(), null, params.getRegion(),
				null, current);
		List<FieldViolation> violations = new ArrayList<>();
		if (parsed.therapeuticAreaId() != null
				&& !this.reference.therapeuticAreasExist(List.of(parsed.therapeuticAreaId()))) {
			violations.add(new FieldViolation("ta", "dashboard.code.unknown"));
		}
		if (parsed.regionCode() != null && !this.reference.isRegion(parsed.regionCode())) {
			violations.add(new FieldViolation("region", "dashboard.code.unknown"));
		}
		else if (mine != null && mine.isEmpty()) {
			violations.add(new FieldViolation("region", "dashboard.region.noTerritory"));
		}
		else if (mine != null && parsed.regionCode() != null && !mine.contains(parsed.regionCode())) {
			violations.add(new FieldViolation("region", "dashboard.region.outOfScope"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		return new RegionFilter(parsed.from(), parsed.to(), parsed.therapeuticAreaId(), parsed.regionCode());
	}

	/** Per area: its regions in the usual order, then the area's total over the scope. */
	private static List<Row> rows(RegionReport report, Map<Long, String> areaNames, Map<String, String> regionNames,
			Map<String, Integer> regionOrder) {
		List<Row> rows = new ArrayList<>();
		for (RegionLifetime total : report.totals()) {
			report.regions()
				.stream()
				.filter(r -> r.therapeuticAreaId() == total.therapeuticAreaId())
				.sorted(Comparator.comparingInt(r -> regionOrder.getOrDefault(r.regionCode(), Integer.MAX_VALUE)))
				.forEach(r -> rows.add(new Row(r.regionCode(), regionNames.get(r.regionCode()), r.therapeuticAreaId(),
						areaNames.get(r.therapeuticAreaId()), r.hcps(), r.patientMonths(), r.median(), false)));
			rows.add(new Row(null, null, total.therapeuticAreaId(), areaNames.get(total.therapeuticAreaId()),
					total.hcps(), total.patientMonths(), total.median(), true));
		}
		return rows;
	}

	private Map<Integer, String> regionOfPrefecture() {
		Map<Integer, String> regions = new HashMap<>();
		this.reference.prefectures().forEach(p -> regions.put(Integer.valueOf(p.code()), p.group()));
		return regions;
	}

	/** The filter as a query string for the dashboards' tabs. */
	private static String query(LifetimeParams params) {
		StringBuilder query = new StringBuilder();
		append(query, "from", params.getFrom());
		append(query, "to", params.getTo());
		append(query, "ta", params.getTa());
		append(query, "region", params.getRegion());
		return query.toString();
	}

	private static void append(StringBuilder query, String name, String value) {
		if (!blank(value)) {
			query.append(query.isEmpty() ? "" : "&").append(name).append('=')
				.append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
