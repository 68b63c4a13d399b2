package org.openpharma.crm.gap.web;

import java.io.IOException;
import java.security.Principal;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.gap.ContentGapQueries;
import org.openpharma.crm.gap.ContentGapQueries.Filter;
import org.openpharma.crm.gap.ContentGapQueries.Group;
import org.openpharma.crm.gap.ContentGapQueries.Months;
import org.openpharma.crm.gap.ContentGapQueries.Report;
import org.openpharma.crm.gap.GapKey;
import org.openpharma.crm.gap.UsableContent;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.CsvExport;
import org.openpharma.crm.user.Capability;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The content-gap report: open and closed-unmet needs by area, product, category and topic, groups without content
 * first (docs/adr/0030), filtered, paged, and as CSV; the HCPs behind a group, within the user's WorkScope, and as
 * CSV. Every export is audited.
 */
@Controller
@Allowed(Capability.READ_CONTENT_GAPS)
class ContentGapController {

	static final int PAGE_SIZE = 25;

	static final int HCP_PAGE_SIZE = 100;

	/** The report's filter as typed, and whether all of it made sense. */
	record Params(String ta, String product, String category, String content, Filter filter, boolean valid) {

		static Params of(String ta, String product, String category, String content) {
			boolean valid = true;
			Long area = null;
			Long productId = null;
			NeedCategory needCategory = null;
			Boolean hasContent = null;
			try {
				area = blank(ta) ? null : Long.valueOf(ta.trim());
				productId = blank(product) ? null : Long.valueOf(product.trim());
				needCategory = blank(category) ? null : NeedCategory.valueOf(category.trim());
				hasContent = blank(content) ? null : switch (content.trim()) {
					case "yes" -> Boolean.TRUE;
					case "no" -> Boolean.FALSE;
					default -> throw new IllegalArgumentException(content);
				};
			}
			catch (IllegalArgumentException ex) {
				valid = false;
				area = null;
				productId = null;
				needCategory = null;
				hasContent = null;
			}
			return new Params(valid ? ta : null, valid ? product : null, valid ? category : null,
					valid ? content : null, new Filter(area, productId, needCategory, hasContent), valid);
		}

		String query() {
			List<String> parts = new ArrayList<>();
			add(parts, "ta", this.ta);
			add(parts, "product", this.product);
			add(parts, "category", this.category);
			add(parts, "content", this.content);
			return String.join("&", parts);
		}

		private static void add(List<String> parts, String name, String value) {
			if (!blank(value)) {
				parts.add(name + "=" + value.trim());
			}
		}

		private static boolean blank(String value) {
			return value == null || value.isBlank();
		}

	}

	private final ContentGapQueries gaps;

	private final GapSupport support;

	private final ReferenceData reference;

	private final MessageSource messages;

	private final AuditTrail audit;

	ContentGapController(ContentGapQueries gaps, GapSupport support, ReferenceData reference, MessageSource messages,
			AuditTrail audit) {
		this.gaps = gaps;
		this.support = support;
		this.reference = reference;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/content/gaps")
	String report(@RequestParam(name = "ta", required = false) String ta,
			@RequestParam(name = "product", required = false) String product,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "content", required = false) String content,
			@RequestParam(name = "page", defaultValue = "0") String page, Model model, Locale locale,
			Authentication user) {
		Params params = Params.of(ta, product, category, content);
		if (!params.valid()) {
			model.addAttribute("flashWarning", "gap.filter.invalid");
		}
		Report report = this.gaps.report(params.filter(), GapSupport.seesMedical(user));
		SearchPage<Group> shown = report.page(GapSupport.page(page), PAGE_SIZE);
		this.support.names(model, locale);
		model.addAttribute("params", params);
		model.addAttribute("report", report);
		model.addAttribute("results", shown);
		model.addAttribute("topics", this.gaps.topics(shown.items().stream().map(Group::key).toList()));
		model.addAttribute("queries", shown.items().stream()
			.collect(Collectors.toMap(Group::key, g -> GapSupport.query(g.key()), (a, b) -> a, LinkedHashMap::new)));
		Map<GapKey, Months> months = this.gaps.months(shown.items().stream().map(Group::key).toList(), report.months());
		model.addAttribute("months", months);
		model.addAttribute("ages", months.entrySet().stream().filter(e -> e.getValue().oldest() != null)
			.collect(Collectors.toMap(Map.Entry::getKey,
					e -> e.getValue().oldest().until(report.currentMonth(), ChronoUnit.MONTHS))));
		String query = params.query();
		model.addAttribute("base", "/content/gaps" + (query.isEmpty() ? "" : "?" + query));
		model.addAttribute("csv", "/content/gaps.csv" + (query.isEmpty() ? "" : "?" + query));
		return "gap/report";
	}

	/** Every group of the filter as CSV (not only the page shown), audited. */
	@GetMapping("/content/gaps.csv")
	void csv(@RequestParam(name = "ta", required = false) String ta,
			@RequestParam(name = "product", required = false) String product,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "content", required = false) String content, Locale locale, Authentication user,
			HttpServletResponse response) throws IOException {
		Params params = Params.of(ta, product, category, content);
		if (!params.valid()) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		Report report = this.gaps.report(params.filter(), GapSupport.seesMedical(user));
		Map<GapKey, String> topics = this.gaps.topics(report.groups().stream().map(Group::key).toList());
		Map<GapKey, Months> months = this.gaps.months(report.groups().stream().map(Group::key).toList(),
				report.months());
		Map<String, String> areas = this.support.areaNames(locale);
		Map<String, String> products = this.support.productNames(locale);
		List<String> headers = new ArrayList<>();
		for (String h : List.of("gap.area", "gap.product", "gap.category", "gap.topic", "gap.topicKey", "gap.waiting",
				"gap.unmet", "gap.oldest")) {
			headers.add(msg(h, locale));
		}
		for (String stage : GapSupport.STAGES) {
			headers.add(msg("gap.stages", locale) + ": " + msg("stage." + stage, locale));
		}
		for (YearMonth month : report.months()) {
			headers.add(msg("gap.trend", locale) + ": " + month);
		}
		headers.add(msg("gap.content", locale));
		AtomicLong rows = new AtomicLong();
		try (CsvExport csv = CsvExport.download(response, "content-gaps-" + this.gaps.today() + ".csv",
				headers.toArray(String[]::new))) {
			for (Group g : report.groups()) {
				List<Object> row = new ArrayList<>();
				row.add(g.key().hasArea() ? areas.get(String.valueOf(g.key().therapeuticAreaId())) : "");
				row.add(g.key().hasProduct() ? products.get(String.valueOf(g.key().productId())) : "");
				row.add(msg("need.category." + g.key().category().name(), locale));
				row.add(topics.get(g.key()));
				row.add(g.key().topicKey());
				row.add(g.waiting());
				row.add(g.unmet());
				Months m = months.get(g.key());
				row.add((m.oldest() != null) ? m.oldest().toString() : "");
				for (String stage : GapSupport.STAGES) {
					row.add(g.stages().getOrDefault(stage, 0L));
				}
				row.addAll(m.trend());
				row.add(contentCell(g, locale));
				csv.row(row);
				rows.incrementAndGet();
			}
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "CONTENT_GAP", null,
				Map.of("filter", params.query(), "rows", rows.get()));
	}

	private String contentCell(Group g, Locale locale) {
		List<String> cells = new ArrayList<>(g.answer().items().stream().map(UsableContent::title).toList());
		if (g.answer().byMedicalAffairs()) {
			cells.add(msg("gap.content.medical", locale));
		}
		return cells.isEmpty() ? msg("gap.content.none", locale) : String.join(" / ", cells);
	}

	/** The HCPs behind a group: of its open needs, or (state=unmet) of its closed-unmet ones; within the user's scope. */
	@GetMapping("/content/gaps/hcps")
	String hcps(@RequestParam(name = "ta", required = false) String ta,
			@RequestParam(name = "product", required = false) String product,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "topic", required = false) String topic,
			@RequestParam(name = "state", defaultValue = "open") String state,
			@RequestParam(name = "page", defaultValue = "0") String page, Model model, Locale locale, Principal user,
			HttpServletResponse response) {
		GapKey key = GapSupport.key(ta, product, category, topic);
		this.support.names(model, locale);
		if (key == null || !("open".equals(state) || "unmet".equals(state))) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("drillError", "gap.drill.bad");
			return "gap/hcps";
		}
		Set<Integer> scope = this.support.scope(user.getName());
		String query = GapSupport.query(key) + "&state=" + state;
		model.addAttribute("key", key);
		model.addAttribute("state", state);
		model.addAttribute("topicText", this.gaps.topics(List.of(key)).get(key));
		model.addAttribute("territorial", scope != null);
		model.addAttribute("results", this.gaps.hcps(key, "unmet".equals(state), scope, GapSupport.page(page),
				HCP_PAGE_SIZE));
		model.addAttribute("prefectureNames", prefectureNames(locale));
		model.addAttribute("base", "/content/gaps/hcps?" + query);
		model.addAttribute("csv", "/content/gaps/hcps.csv?" + query);
		return "gap/hcps";
	}

	/** The same list, every row, as CSV: an export of HCPs, audited. */
	@GetMapping("/content/gaps/hcps.csv")
	void hcpsCsv(@RequestParam(name = "ta", required = false) String ta,
			@RequestParam(name = "product", required = false) String product,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "topic", required = false) String topic,
			@RequestParam(name = "state", defaultValue = "open") String state, Locale locale, Principal user,
			HttpServletResponse response) throws IOException {
		GapKey key = GapSupport.key(ta, product, category, topic);
		if (key == null || !("open".equals(state) || "unmet".equals(state))) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		Map<String, String> prefectures = prefectureNames(locale);
		String unknown = msg("gap.unknownPlace", locale);
		AtomicLong rows = new AtomicLong();
		try (CsvExport csv = CsvExport.download(response, "content-gap-hcps-" + this.gaps.today() + ".csv",
				msg("hcp.name", locale), msg("hcp.nameKana", locale), msg("gap.institution", locale),
				msg("gap.prefecture", locale), msg("gap.stage", locale), msg("gap.needs", locale),
				msg("gap.oldestRaised", locale))) {
			this.gaps.forEachHcp(key, "unmet".equals(state), this.support.scope(user.getName()), h -> {
				csv.row(h.nameKanji(), h.nameKana(), (h.institution() != null) ? h.institution() : unknown,
						(h.prefectureCode() > 0) ? prefectures.get(String.valueOf(h.prefectureCode())) : unknown,
						msg("stage." + h.stage(), locale), h.needs(),
						date(h.oldest()));
				rows.incrementAndGet();
			});
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "HCP", null,
				Map.of("list", "content-gap", "filter", GapSupport.query(key) + "&state=" + state, "rows", rows.get()));
	}

	private static String date(java.time.Instant instant) {
		return java.time.LocalDate.ofInstant(instant, org.openpharma.crm.shared.Japan.ZONE).toString();
	}

	private Map<String, String> prefectureNames(Locale locale) {
		Map<String, String> names = new LinkedHashMap<>();
		this.reference.prefectures().forEach(p -> names.put(p.code(), p.name(locale)));
		return names;
	}

	private String msg(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

}
