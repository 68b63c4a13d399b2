package org.openpharma.crm.dashboard.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.openpharma.crm.dashboard.ChannelDashboardQueries.ChannelDashboard;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.PushPull;
import org.openpharma.crm.dashboard.ChannelDashboardQueries;
import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardFilters;
import org.openpharma.crm.dashboard.DashboardSource;
import org.openpharma.crm.dashboard.NeedsDashboardQueries.NeedsDashboard;
import org.openpharma.crm.dashboard.NeedsDashboardQueries;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PatientDashboard;
import org.openpharma.crm.dashboard.PatientDashboardQueries;
import org.openpharma.crm.dashboard.SlaDashboardQueries.SlaDashboard;
import org.openpharma.crm.dashboard.SlaDashboardQueries;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.CsvExport;
import org.openpharma.crm.system.JapanTime;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Each table of each dashboard as CSV (UTF-8 with a byte-order mark, headers in the user's language), with
 * the same filter as the screen. Aggregates only: the inquiry list carries no question or answer.
 */
@Controller
@Allowed(Capability.READ_DASHBOARDS)
class DashboardExportController {

	/** A table: header message codes and rows of cells. */
	record Table(List<String> headers, List<List<Object>> rows) {
	}

	private final DashboardFilters filters;

	private final PatientDashboardQueries patients;

	private final NeedsDashboardQueries needs;

	private final ChannelDashboardQueries channels;

	private final SlaDashboardQueries sla;

	private final ReferenceData reference;

	private final MessageSource messages;

	private final JapanTime time;

	private final Policy policy;

	private final DashboardScope scope;

	DashboardExportController(DashboardFilters filters, PatientDashboardQueries patients, NeedsDashboardQueries needs,
			ChannelDashboardQueries channels, SlaDashboardQueries sla, ReferenceData reference, MessageSource messages,
			JapanTime time, Policy policy, DashboardScope scope) {
		this.scope = scope;
		this.filters = filters;
		this.patients = patients;
		this.needs = needs;
		this.channels = channels;
		this.sla = sla;
		this.reference = reference;
		this.messages = messages;
		this.time = time;
		this.policy = policy;
	}

	@GetMapping("/dashboards/{page}.csv")
	@ResponseBody
	ResponseEntity<String> export(@PathVariable String page, @RequestParam(name = "table", defaultValue = "") String table,
			@ModelAttribute("filter") DashboardParams params, Locale locale, HttpServletResponse response,
			java.security.Principal user)
			throws IOException {
		DashboardFilter filter;
		try {
			filter = params.toFilter(this.filters.currentMonth());
			this.filters.check(filter);
			filter = this.scope.apply(filter, user.getName());
		}
		catch (ValidationException ex) {
			return badRequest(ex.getViolations().stream()
				.map(v -> v.field() + ": " + this.messages.getMessage(v.code(), v.arguments(), v.code(), locale))
				.toList());
		}
		if ("inquiries".equals(page) && !this.policy.may(Capability.READ_SLA_DASHBOARD)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body("");
		}
		Table data = table(page, table, filter, locale);
		if (data == null) {
			return badRequest(List.of(this.messages.getMessage("dashboard.export.unknown", null, locale)));
		}
		String[] headers = data.headers().stream().map(h -> this.messages.getMessage(h, null, h, locale))
			.toArray(String[]::new);
		try (CsvExport csv = CsvExport.download(response,
				page + "-" + table + "-" + filter.from() + "-" + filter.to() + ".csv", headers)) {
			for (List<Object> row : data.rows()) {
				csv.row(row);
			}
		}
		return null;
	}

	private static ResponseEntity<String> badRequest(List<String> messages) {
		return ResponseEntity.badRequest()
			.contentType(new org.springframework.http.MediaType("text", "plain", StandardCharsets.UTF_8))
			.body(String.join("\n", messages) + "\n");
	}

	Table table(String page, String table, DashboardFilter filter, Locale locale) {
		Function<String, String> area = names(this.reference.therapeuticAreas(), locale);
		Function<String, String> product = names(this.reference.products(), locale);
		Function<String, String> region = names(this.reference.regions(), locale);
		Function<String, String> department = names(this.reference.departments(), locale);
		Map<String, String> regionOfPrefecture = new java.util.HashMap<>();
		this.reference.prefectures().forEach(p -> regionOfPrefecture.put(p.code(), p.group()));
		return switch (page + "/" + table) {
			case "patients/months" -> {
				PatientDashboard d = this.patients.patients(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.month", "dashboard.patients.eligible", "dashboard.patients.treated",
						"dashboard.patients.target", "dashboard.patients.attainment"),
						d.months().stream().map(m -> row(m.month(), m.eligible(), m.treated(), m.target(), m.attainment()))
							.toList());
			}
			case "patients/places" -> {
				PatientDashboard d = this.patients.patients(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.region", "dashboard.prefecture", "dashboard.patients.eligible",
						"dashboard.patients.treated", "dashboard.patients.reports"),
						d.places().stream().map(p -> row(region.apply(regionOfPrefecture.get(String.valueOf(p.prefectureCode()))),
								this.reference.prefectureName(p.prefectureCode(), locale), p.eligible(), p.treated(), p.reports()))
							.toList());
			}
			case "patients/products" -> {
				PatientDashboard d = this.patients.patients(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.area", "dashboard.product", "dashboard.patients.eligible",
						"dashboard.patients.treated", "dashboard.patients.reports"),
						d.products().stream().map(p -> row(area.apply(String.valueOf(p.therapeuticAreaId())),
								(p.productId() == 0) ? "" : product.apply(String.valueOf(p.productId())), p.eligible(),
								p.treated(), p.reports())).toList());
			}
			case "needs/stages" -> {
				NeedsDashboard d = this.needs.needs(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.area", "dashboard.stage", "dashboard.hcps"),
						d.stages().stream().map(s -> row(area.apply(String.valueOf(s.therapeuticAreaId())),
								message("stage." + s.stage(), locale), s.hcps())).toList());
			}
			case "needs/moves" -> {
				NeedsDashboard d = this.needs.needs(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.stage.from", "dashboard.stage.to", "dashboard.stage.changes"),
						d.moves().stream().map(m -> row(message("stage." + m.fromStage(), locale),
								message("stage." + m.toStage(), locale), m.changes())).toList());
			}
			case "needs/open" -> {
				NeedsDashboard d = this.needs.needs(filter, DashboardSource.ROLLUP);
				List<String> headers = new ArrayList<>(codes("dashboard.needs.routedTo"));
				for (int b = 0; b < NeedsDashboardQueries.AGE_FROM_MONTHS.length; b++) {
					headers.add("dashboard.needs.age." + b);
				}
				headers.add("dashboard.total");
				yield new Table(headers, d.open().stream().map(o -> {
					List<Object> row = new ArrayList<>();
					row.add("-".equals(o.routedTo()) ? message("dashboard.needs.unrouted", locale) : department.apply(o.routedTo()));
					Arrays.stream(o.byAge()).forEach(row::add);
					row.add(o.total());
					return row;
				}).toList());
			}
			case "needs/outcomes" -> {
				NeedsDashboard d = this.needs.needs(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.needs.status", "dashboard.needs.count"), d.outcomes().stream()
					.map(o -> row(message("need.status." + o.status(), locale), o.needs())).toList());
			}
			case "channels/months", "channels/stages", "channels/departments" -> {
				ChannelDashboard d = this.channels.channels(filter, DashboardSource.ROLLUP);
				List<PushPull> rows = switch (table) {
					case "months" -> d.months();
					case "stages" -> d.stages();
					default -> d.departments();
				};
				Function<String, String> label = switch (table) {
					case "months" -> Function.identity();
					case "stages" -> s -> message("stage." + s, locale);
					default -> department;
				};
				yield new Table(codes("dashboard.channels." + table + ".label", "dashboard.channels.push",
						"dashboard.channels.pull", "dashboard.channels.pushShare"),
						rows.stream().map(r -> row(label.apply(r.label()), r.push(), r.pull(), r.pushShare())).toList());
			}
			case "channels/coverage" -> {
				ChannelDashboard d = this.channels.channels(filter, DashboardSource.ROLLUP);
				yield new Table(codes("dashboard.region", "dashboard.prefecture", "dashboard.coverage.hcps",
						"dashboard.coverage.contacted30", "dashboard.coverage.contacted90"),
						d.coverage().stream().map(c -> row(region.apply(regionOfPrefecture.get(String.valueOf(c.prefectureCode()))),
								this.reference.prefectureName(c.prefectureCode(), locale), c.hcps(), c.contacted30(),
								c.contacted90())).toList());
			}
			case "inquiries/overdue" -> {
				SlaDashboard d = this.sla.inquiries(filter);
				yield new Table(codes("dashboard.sla.inquiry", "inquiry.subject", "dashboard.product", "inquiry.priority",
						"inquiry.status", "inquiry.due", "inquiry.assignee"),
						d.overdue().stream().map(o -> row(o.id(), o.subject(),
								(o.productId() == null) ? "" : product.apply(String.valueOf(o.productId())),
								message("inquiry.priority." + o.priority(), locale), message("inquiry.status." + o.status(), locale),
								this.time.minute(o.dueAt()),
								(o.assigneeName() != null) ? o.assigneeName()
										: (o.assignee() != null) ? o.assignee() : message("dashboard.sla.unassigned", locale))).toList());
			}
			case "inquiries/summary" -> {
				SlaDashboard d = this.sla.inquiries(filter);
				yield new Table(codes("dashboard.sla.measure", "dashboard.sla.value"), List.of(
						row(message("dashboard.sla.received", locale), d.received()),
						row(message("dashboard.sla.answered", locale), d.answered()),
						row(message("dashboard.sla.answeredOnTime", locale), d.answeredOnTime()),
						row(message("dashboard.sla.open", locale), d.open()),
						row(message("dashboard.sla.openOverdue", locale), d.openOverdue()),
						row(message("dashboard.sla.handoffs", locale), d.handoffs()),
						row(message("dashboard.sla.handoffsOnTime", locale), d.handoffsOnTime()),
						row(message("dashboard.sla.handoffsOpenOverdue", locale), d.handoffsOpenOverdue())));
			}
			default -> null;
		};
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

	private static List<String> codes(String... codes) {
		return List.of(codes);
	}

	private static List<Object> row(Object... cells) {
		List<Object> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add((cell != null) ? cell : "");
		}
		return row;
	}

	private static Function<String, String> names(List<Item> items, Locale locale) {
		Map<String, String> names = new java.util.HashMap<>();
		items.forEach(i -> names.put(i.code(), i.name(locale)));
		return code -> names.getOrDefault(code, (code != null) ? code : "");
	}

}
