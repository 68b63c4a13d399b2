package org.openpharma.crm.dashboard.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardFilters;
import org.openpharma.crm.dashboard.DrillDown;
import org.openpharma.crm.dashboard.DrillDownQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.CsvExport;
import org.openpharma.crm.user.Capability;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The HCPs behind a dashboard figure (who reported patients, who is at a stage, who was not contacted lately),
 * each with their share of the figure, the filter in words, pages of a hundred and the whole list as CSV. Within
 * the user's scope, as the dashboards.
 */
@Controller
@Allowed(Capability.READ_DASHBOARDS)
class DashboardDrillController {

	/** The list a request names, or the message code of what is wrong with it. */
	private record Choice(DrillDown drill, String error) {
	}

	private final DrillDownQueries drills;

	private final DashboardFilters filters;

	private final DashboardSupport support;

	private final DrillWords words;

	private final ReferenceData reference;

	private final MessageSource messages;

	private final AuditTrail audit;

	DashboardDrillController(DrillDownQueries drills, DashboardFilters filters, DashboardSupport support,
			DrillWords words, ReferenceData reference, MessageSource messages, AuditTrail audit) {
		this.drills = drills;
		this.filters = filters;
		this.support = support;
		this.words = words;
		this.reference = reference;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/dashboards/hcps")
	String hcps(@ModelAttribute("filter") DashboardParams params, BindingResult errors,
			@RequestParam(name = "list", defaultValue = "") String list,
			@RequestParam(name = "prefecture", required = false) String prefecture,
			@RequestParam(name = "stage", required = false) String stage,
			@RequestParam(name = "days", required = false) String days,
			@RequestParam(name = "page", defaultValue = "0") String page, Model model, Locale locale, Principal user,
			HttpServletResponse response) {
		this.support.choices(model, locale, user.getName());
		model.addAttribute("list", list);
		DashboardFilter filter = this.support.filter(params, errors, response, user.getName());
		if (filter == null) {
			return "dashboard/hcps";
		}
		Choice choice = choose(filter, list, prefecture, stage, days);
		if (choice.error() != null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("drillError", choice.error());
			return "dashboard/hcps";
		}
		DrillDown drill = choice.drill();
		String query = query(filter, drill);
		model.addAttribute("drill", drill);
		model.addAttribute("stage", (drill instanceof DrillDown.Stage s) ? s.stage().name() : null);
		model.addAttribute("days", (drill instanceof DrillDown.Uncovered u) ? u.days() : null);
		model.addAttribute("results", this.drills.page(filter, drill, pageNumber(page)));
		model.addAttribute("words", this.words.describe(filter, drill, this.filters.today(), locale));
		model.addAttribute("base", "/dashboards/hcps?" + query);
		model.addAttribute("csv", "/dashboards/hcps.csv?" + query);
		model.addAttribute("back", backLink(drill, filter));
		return "dashboard/hcps";
	}

	/** The whole list as CSV (every page), audited as an export of HCPs. */
	@GetMapping("/dashboards/hcps.csv")
	@ResponseBody
	ResponseEntity<String> csv(@ModelAttribute("filter") DashboardParams params,
			@RequestParam(name = "list", defaultValue = "") String list,
			@RequestParam(name = "prefecture", required = false) String prefecture,
			@RequestParam(name = "stage", required = false) String stage,
			@RequestParam(name = "days", required = false) String days, Locale locale, Principal user,
			HttpServletResponse response) throws IOException {
		BindingResult errors = new org.springframework.validation.BeanPropertyBindingResult(params, "filter");
		DashboardFilter filter = this.support.filter(params, errors, response, user.getName());
		if (filter == null) {
			return badRequest(errors.getFieldErrors().stream()
				.map(e -> e.getField() + ": " + this.messages.getMessage(e, locale)).toList());
		}
		Choice choice = choose(filter, list, prefecture, stage, days);
		if (choice.error() != null) {
			return badRequest(List.of(this.messages.getMessage(choice.error(), null, locale)));
		}
		DrillDown drill = choice.drill();
		List<String> headers = new ArrayList<>(List.of("hcp.name", "hcp.nameKana", "dashboard.institution",
				"dashboard.region", "dashboard.prefecture"));
		boolean dated = !(drill instanceof DrillDown.Reporting);
		if (dated) {
			headers.add("dashboard.drill.date." + drill.list());
		}
		drill.figures().forEach(f -> headers.add("dashboard.drill.figure." + f));
		Map<String, String> regionOfPrefecture = new java.util.HashMap<>();
		this.reference.prefectures().forEach(p -> regionOfPrefecture.put(p.code(), p.group()));
		Map<String, String> regionNames = new java.util.HashMap<>();
		this.reference.regions().forEach(r -> regionNames.put(r.code(), r.name(locale)));
		String unknownPlace = this.messages.getMessage("dashboard.unknownPlace", null, locale);
		AtomicLong rows = new AtomicLong();
		String fileName = "hcps-" + drill.list() + "-" + ((drill instanceof DrillDown.Reporting)
				? filter.from() + "-" + filter.to() : this.filters.today().toString()) + ".csv";
		try (CsvExport csv = CsvExport.download(response, fileName,
				headers.stream().map(h -> this.messages.getMessage(h, null, h, locale)).toArray(String[]::new))) {
			this.drills.forEach(filter, drill, h -> {
				List<Object> row = new ArrayList<>();
				String prefectureCode = String.valueOf(h.prefectureCode());
				row.add(h.nameKanji());
				row.add(h.nameKana());
				row.add(h.institution());
				row.add((h.prefectureCode() > 0) ? regionNames.get(regionOfPrefecture.get(prefectureCode)) : unknownPlace);
				row.add((h.prefectureCode() > 0) ? this.reference.prefectureName(h.prefectureCode(), locale) : unknownPlace);
				if (dated) {
					row.add((h.date() != null) ? h.date().toString() : "");
				}
				row.addAll(h.figures());
				csv.row(row);
				rows.incrementAndGet();
			});
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "HCP", null,
				Map.of("list", drill.list(), "filter", query(filter, drill), "rows", rows.get()));
		return null;
	}

	/** The list the parameters name within the filter, or why there is none. */
	private Choice choose(DashboardFilter filter, String list, String prefecture, String stage, String days) {
		Integer prefectureCode = null;
		if (prefecture != null && !prefecture.isBlank()) {
			prefectureCode = this.reference.prefectureCode(prefecture);
			if (prefectureCode == null) {
				return new Choice(null, "dashboard.drill.prefecture");
			}
			// A prefecture outside the region (a territorial manager's region included) is not one of its figures.
			String code = prefectureCode.toString();
			if (filter.regionCode() != null && this.reference.prefectures().stream()
				.noneMatch(p -> p.code().equals(code) && filter.regionCode().equals(p.group()))) {
				return new Choice(null, "dashboard.drill.prefectureOutsideRegion");
			}
		}
		switch (list) {
			case "reporting" -> {
				return new Choice(new DrillDown.Reporting(prefectureCode), null);
			}
			case "stage" -> {
				AdoptionStage adoptionStage = Arrays.stream(AdoptionStage.values()).filter(s -> s.name().equals(stage))
					.findFirst().orElse(null);
				if (filter.therapeuticAreaId() == null || adoptionStage == null) {
					return new Choice(null, "dashboard.drill.badStage");
				}
				return new Choice(new DrillDown.Stage(filter.therapeuticAreaId(), adoptionStage), null);
			}
			case "uncovered" -> {
				if (!"30".equals(days) && !"90".equals(days)) {
					return new Choice(null, "dashboard.drill.days");
				}
				return new Choice(new DrillDown.Uncovered(Integer.parseInt(days), prefectureCode), null);
			}
			default -> {
				return new Choice(null, "dashboard.drill.unknown");
			}
		}
	}

	/** A page number as typed; anything that is not one is the first page, one past the end the last. */
	private static int pageNumber(String page) {
		try {
			return Math.max(0, Integer.parseInt(page.trim()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** The list's own parameters and the filter, as a query string (without "?"). */
	private static String query(DashboardFilter filter, DrillDown drill) {
		StringBuilder query = new StringBuilder("list=").append(drill.list());
		if (drill instanceof DrillDown.Reporting reporting && reporting.prefecture() != null) {
			query.append("&prefecture=").append(reporting.prefecture());
		}
		if (drill instanceof DrillDown.Stage stage) {
			query.append("&stage=").append(stage.stage().name());
		}
		if (drill instanceof DrillDown.Uncovered uncovered) {
			query.append("&days=").append(uncovered.days());
			if (uncovered.prefecture() != null) {
				query.append("&prefecture=").append(uncovered.prefecture());
			}
		}
		return query.append('&').append(DashboardController.query(filter)).toString();
	}

	private static String backLink(DrillDown drill, DashboardFilter filter) {
		String page = (drill instanceof DrillDown.Stage) ? "needs"
				: (drill instanceof DrillDown.Uncovered) ? "channels" : "patients";
		return "/dashboards/" + page + "?" + DashboardController.query(filter);
	}

	private static ResponseEntity<String> badRequest(List<String> messages) {
		return ResponseEntity.badRequest().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
			.body(String.join("\n", messages) + "\n");
	}

}
