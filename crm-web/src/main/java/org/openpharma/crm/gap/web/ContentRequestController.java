package org.openpharma.crm.gap.web;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.gap.ContentGapQueries;
import org.openpharma.crm.gap.ContentGapQueries.Filter;
import org.openpharma.crm.gap.ContentGapQueries.Group;
import org.openpharma.crm.gap.ContentRequestDraft;
import org.openpharma.crm.gap.ContentRequestQueries;
import org.openpharma.crm.gap.ContentRequestQueries.RequestRow;
import org.openpharma.crm.gap.ContentRequests;
import org.openpharma.crm.gap.GapKey;
import org.openpharma.crm.gap.RequestDepartment;
import org.openpharma.crm.gap.UsableContent;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.CsvExport;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Content requests raised from a group of the content-gap report: the form (the group and a note), the list of a
 * department's requests, one request with its needs (those still open are offered for fulfilment once content
 * answers it), and the list as CSV (audited).
 */
@Controller
@Allowed(Capability.READ_CONTENT_GAPS)
class ContentRequestController {

	static final int PAGE_SIZE = 50;

	/** The request form: the group (hidden fields) and the note. */
	record RequestForm(String ta, String product, String category, String topic, String note) {
	}

	private final ContentRequests requests;

	private final ContentRequestQueries queries;

	private final ContentGapQueries gaps;

	private final GapSupport support;

	private final MessageSource messages;

	private final AuditTrail audit;

	ContentRequestController(ContentRequests requests, ContentRequestQueries queries, ContentGapQueries gaps,
			GapSupport support, MessageSource messages, AuditTrail audit) {
		this.requests = requests;
		this.queries = queries;
		this.gaps = gaps;
		this.support = support;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/content/requests/new")
	String form(@RequestParam(name = "ta", required = false) String ta,
			@RequestParam(name = "product", required = false) String product,
			@RequestParam(name = "category", required = false) String category,
			@RequestParam(name = "topic", required = false) String topic, Model model, Locale locale,
			Authentication user) {
		GapKey key = GapSupport.key(ta, product, category, topic);
		if (key == null) {
			throw new NotFoundException("content gap", topic);
		}
		model.addAttribute("requestForm", new RequestForm(String.valueOf(key.therapeuticAreaId()),
				String.valueOf(key.productId()), key.category().name(), key.topicKey(), null));
		return showForm(key, model, locale, user);
	}

	@PostMapping("/content/requests")
	String raise(@ModelAttribute("requestForm") RequestForm form, BindingResult result, Model model, Locale locale,
			Authentication user, RedirectAttributes redirect) {
		GapKey key = GapSupport.key(form.ta(), form.product(), form.category(), form.topic());
		if (key == null) {
			throw new NotFoundException("content gap", form.topic());
		}
		try {
			long id = this.requests.raise(new ContentRequestDraft(key, form.note()), user.getName());
			redirect.addFlashAttribute("flash", "gap.request.raised");
			return "redirect:/content/requests/" + id;
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return showForm(key, model, locale, user);
		}
	}

	private String showForm(GapKey key, Model model, Locale locale, Authentication user) {
		this.support.names(model, locale);
		List<Group> groups = this.gaps.report(new Filter(key.therapeuticAreaId(), key.productId(), key.category(), null),
				GapSupport.seesMedical(user)).groups();
		model.addAttribute("key", key);
		model.addAttribute("group", groups.stream().filter(g -> g.key().equals(key)).findFirst().orElse(null));
		model.addAttribute("topicText", this.gaps.topics(List.of(key)).get(key));
		model.addAttribute("department", RequestDepartment.forCategory(key.category()));
		model.addAttribute("noteMax", ContentRequestDraft.NOTE_MAX);
		return "gap/request-form";
	}

	@GetMapping("/content/requests")
	String list(@RequestParam(name = "department", required = false) String department,
			@RequestParam(name = "page", defaultValue = "0") String page, Model model, Locale locale,
			Authentication user) {
		String shown = department(department, user);
		SearchPage<RequestRow> rows = this.queries.list(departmentOf(shown), GapSupport.seesMedical(user),
				GapSupport.page(page), PAGE_SIZE);
		this.support.names(model, locale);
		model.addAttribute("department", shown);
		model.addAttribute("departments", List.of("MARKETING", "MEDICAL", "all"));
		model.addAttribute("results", rows);
		model.addAttribute("base", "/content/requests?department=" + shown);
		model.addAttribute("csv", "/content/requests.csv?department=" + shown);
		return "gap/requests";
	}

	@GetMapping("/content/requests/{id}")
	String request(@PathVariable long id, Model model, Locale locale, Authentication user) {
		var detail = this.queries.detail(id, GapSupport.seesMedical(user))
			.orElseThrow(() -> new NotFoundException("content request", id));
		this.support.names(model, locale);
		model.addAttribute("r", detail.request());
		model.addAttribute("needs", detail.needs());
		model.addAttribute("gapLink", "/content/gaps/hcps?" + GapSupport.query(detail.request().group()));
		return "gap/request";
	}

	@GetMapping("/content/requests.csv")
	void csv(@RequestParam(name = "department", required = false) String department, Locale locale,
			Authentication user, HttpServletResponse response) throws IOException {
		String shown = department(department, user);
		Map<String, String> areas = this.support.areaNames(locale);
		Map<String, String> products = this.support.productNames(locale);
		AtomicLong rows = new AtomicLong();
		try (CsvExport csv = CsvExport.download(response, "content-requests-" + this.gaps.today() + ".csv",
				msg("gap.request.id", locale), msg("gap.area", locale), msg("gap.product", locale),
				msg("gap.category", locale), msg("gap.topic", locale), msg("gap.request.assignedTo", locale),
				msg("gap.request.requestedBy", locale), msg("gap.request.requestedAt", locale),
				msg("gap.request.hcps", locale), msg("gap.request.needs", locale), msg("gap.request.stillOpen", locale),
				msg("gap.content", locale), msg("gap.request.note", locale))) {
			int page = 0;
			SearchPage<RequestRow> rowsPage;
			do {
				rowsPage = this.queries.list(departmentOf(shown), GapSupport.seesMedical(user), page++, 500);
				for (RequestRow r : rowsPage.items()) {
					List<String> content = new java.util.ArrayList<>(r.answer().items().stream().map(UsableContent::title)
						.toList());
					if (r.answer().byMedicalAffairs()) {
						content.add(msg("gap.content.medical", locale));
					}
					csv.row(r.id(), areas.get(String.valueOf(r.group().therapeuticAreaId())),
							r.group().hasProduct() ? products.get(String.valueOf(r.group().productId())) : "",
							msg("need.category." + r.group().category().name(), locale), r.topic(),
							msg("gap.department." + r.assignedTo().name(), locale), r.requestedBy(),
							java.time.LocalDate.ofInstant(r.requestedAt(), org.openpharma.crm.shared.Japan.ZONE).toString(),
							r.hcpCount(), r.needCount(), r.stillOpen(),
							content.isEmpty() ? msg("gap.content.none", locale) : String.join(" / ", content), r.note());
					rows.incrementAndGet();
				}
			}
			while (rowsPage.hasNext());
		}
		this.audit.recordSeparately(user.getName(), "EXPORT", "CONTENT_REQUEST", null,
				Map.of("department", shown, "rows", rows.get()));
	}

	/** The department asked for, or the reader's own: medical affairs', marketing's, or all for anyone else. */
	private static String department(String requested, Authentication user) {
		if ("MARKETING".equals(requested) || "MEDICAL".equals(requested) || "all".equals(requested)) {
			return requested;
		}
		var roles = Policy.roles(user);
		return roles.contains(Role.MEDICAL) ? "MEDICAL" : roles.contains(Role.MARKETING) ? "MARKETING" : "all";
	}

	private static RequestDepartment departmentOf(String shown) {
		return "all".equals(shown) ? null : RequestDepartment.valueOf(shown);
	}

	private String msg(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

}
