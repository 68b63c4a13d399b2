package org.openpharma.crm.hcp.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.validation.Valid;

import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.hcp.HcpProfileQueries;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSearchCriteria;
import org.openpharma.crm.hcp.HcpStatus;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.TimelineQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.JapanTime;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.springframework.context.MessageSource;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** HCP search, the HCP 360 page, create/edit with conflict detection, and merge (ADMIN). */
@Controller
class HcpController {

	static final int PAGE_SIZE = 20;

	private final HcpManagement hcps;

	private final HcpSearch search;

	private final HcpProfileQueries profiles;

	private final ReferenceData reference;

	private final HcpPageQueries pages;

	private final Clock clock;

	private final MessageSource messages;

	private final JapanTime time;

	private final ConversionService conversion;

	private final ContentViewers viewers;

	HcpController(HcpManagement hcps, HcpSearch search, HcpProfileQueries profiles, ReferenceData reference,
			HcpPageQueries pages, Clock clock, MessageSource messages, JapanTime time,
			FormattingConversionService mvcConversionService, ContentViewers viewers) {
		this.viewers = viewers;
		this.conversion = mvcConversionService;
		this.messages = messages;
		this.time = time;
		this.hcps = hcps;
		this.search = search;
		this.profiles = profiles;
		this.reference = reference;
		this.pages = pages;
		this.clock = clock;
	}

	@ModelAttribute
	void referenceData(Model model) {
		model.addAttribute("specialties", this.reference.specialties());
		model.addAttribute("prefectures", this.reference.prefectures());
		model.addAttribute("ref", this.reference);
	}

	@GetMapping("/hcps")
	String list(@ModelAttribute("criteria") SearchParams params, BindingResult paramErrors, Model model,
			@RequestHeader(name = "HX-Request", required = false) String htmx) {
		if (paramErrors.hasErrors()) {
			// A tampered filter (e.g. prefecture=abc) is dropped with a note instead of failing the page.
			Forms.show(model, "criteria", params, paramErrors, this.conversion);
			model.addAttribute("flashWarning", "search.filter.invalid");
		}
		HcpSearchCriteria criteria = params.toCriteria();
		model.addAttribute("results", this.search.search(criteria, params.safePage(), PAGE_SIZE));
		model.addAttribute("base", params.toUrl("/hcps"));
		model.addAttribute("exportUrl", params.toUrl("/hcps/export.csv"));
		return (htmx != null) ? "hcp/list :: results" : "hcp/list";
	}

	@GetMapping("/hcps/{id}")
	String show(@PathVariable long id, @ModelAttribute("timeline") TimelineParams timeline,
			BindingResult timelineErrors, Model model, Authentication user, java.util.Locale locale,
			RedirectAttributes redirect) {
		HcpPageQueries.HcpPage page = this.pages.load(id, timeline.toFilter(), timeline.safePage(), this.viewers.of(user.getName(), Policy.roles(user)),
				Policy.allows(user, Capability.READ_CHANGE_HISTORY));
		Hcp hcp = page.hcp();
		if (hcp.getStatus() == HcpStatus.MERGED) {
			redirect.addFlashAttribute("flashWarning", "hcp.merged.redirect");
			redirect.addFlashAttribute("flashArgs", new Object[] { hcp.getNameKanji() });
			return "redirect:/hcps/" + hcp.getMergedIntoId();
		}
		model.addAttribute("hcp", hcp);
		model.addAttribute("updatedByName", page.updatedByName());
		model.addAttribute("primaryHco", page.primaryHco());
		model.addAttribute("affiliations", page.affiliations());
		model.addAttribute("territories", page.territories());
		model.addAttribute("merged", page.merged());
		model.addAttribute("today", LocalDate.now(this.clock.withZone(Japan.ZONE)));
		if (timelineErrors.hasErrors()) {
			Forms.show(model, "timeline", timeline, timelineErrors, this.conversion);
			model.addAttribute("flashWarning", "search.filter.invalid");
		}
		model.addAttribute("interactions", page.interactions());
		model.addAttribute("timelineBase", timeline.toUrl("/hcps/" + id));
		model.addAttribute("needs", page.needs());
		model.addAttribute("needsShown", HcpPageQueries.NEEDS_SHOWN);
		model.addAttribute("stages", page.stages());
		model.addAttribute("policies", page.policies());
		model.addAttribute("counts", page.counts());
		java.util.Map<String, String> areaNames = new java.util.HashMap<>();
		page.areas().forEach(a -> areaNames.put(a.code(), a.name(locale)));
		model.addAttribute("areaNames", areaNames);
		model.addAttribute("areas", page.areas());
		model.addAttribute("departments", this.reference.departments());
		model.addAttribute("channels", org.openpharma.crm.interaction.Channel.values());
		model.addAttribute("timelineArea", (timeline.ta() != null) ? timeline.ta().toString() : null);
		HcpPageRows rows = new HcpPageRows(this.messages, locale, this.reference, this.time);
		// The author edits an entry within the edit window and corrects an older one; a colleague of the author's
		// department may correct a contact too (with a reason): show them the way.
		model.addAttribute("timelineRows", rows.timeline(page.interactions().items(), user.getName(), Policy.allows(user, Capability.LOG_INTERACTIONS),
				page.myDepartment(),
				this.clock.instant().minus(org.openpharma.crm.interaction.InteractionRules.EDIT_WINDOW),
				page.contactContent()));
		model.addAttribute("consent", page.consent());
		model.addAttribute("consentRows", rows.consent(page.consent()));
		model.addAttribute("inquiries", page.inquiries());
		model.addAttribute("consentPurposes", org.openpharma.crm.consent.ConsentPurpose.values());
		if (page.history() != null) {
			model.addAttribute("history", page.history());
		}
		return "hcp/detail";
	}

	@GetMapping("/hcps/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", HcpForm.empty());
		return "hcp/form";
	}

	@PostMapping("/hcps/new")
	String processCreationForm(@Valid @ModelAttribute("form") HcpForm form, BindingResult result, Principal user,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return "hcp/form";
		}
		try {
			Hcp hcp = this.hcps.create(form.toDetails(), user.getName());
			redirect.addFlashAttribute("flash", "hcp.created");
			return "redirect:/hcps/" + hcp.getId();
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return "hcp/form";
		}
	}

	@GetMapping("/hcps/{id}/edit")
	String initUpdateForm(@PathVariable long id, Model model) {
		Hcp hcp = this.hcps.get(id);
		if (hcp.getStatus() == HcpStatus.MERGED) {
			return "redirect:/hcps/" + hcp.getMergedIntoId();
		}
		model.addAttribute("form", HcpForm.of(hcp));
		model.addAttribute("hcpId", id);
		addHcoOption(model, hcp.getPrimaryHcoId());
		return "hcp/form";
	}

	@PostMapping("/hcps/{id}/edit")
	String processUpdateForm(@PathVariable long id, @Valid @ModelAttribute("form") HcpForm form, BindingResult result,
			Principal user, Model model, RedirectAttributes redirect) {
		model.addAttribute("hcpId", id);
		addHcoOption(model, form.primaryHcoId());
		if (form.version() == null) {
			result.reject("form.tampered");
		}
		if (result.hasErrors()) {
			return "hcp/form";
		}
		try {
			this.hcps.update(id, form.version(), form.toDetails(), user.getName());
			redirect.addFlashAttribute("flash", "hcp.updated");
			return "redirect:/hcps/" + id;
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return "hcp/form";
		}
		catch (StaleVersionException ex) {
			Hcp current = this.hcps.get(id);
			model.addAttribute("conflicts", conflicts(form, current));
			model.addAttribute("conflictBy", current.getUpdatedBy());
			// The user's entries stay on screen with the newer version, so saving again applies them.
			HcpForm retry = form.withVersion(current.getVersion());
			BindingResult retryResult = new BeanPropertyBindingResult(retry, "form");
			retryResult.reject("hcp.conflict");
			model.addAttribute("form", retry);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", retryResult);
			return "hcp/form";
		}
		catch (DomainException ex) {
			result.reject(ex.getCode(), ex.getArguments(), ex.getCode());
			return "hcp/form";
		}
	}

	@GetMapping("/hcps/{id}/merge")
	@Allowed(Capability.MERGE_HCPS)
	String initMergeForm(@PathVariable long id, @RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "duplicate", required = false) Long duplicateId, Model model) {
		Hcp survivor = this.hcps.get(id);
		if (survivor.getStatus() == HcpStatus.MERGED) {
			return "redirect:/hcps/" + survivor.getMergedIntoId() + "/merge";
		}
		model.addAttribute("hcp", survivor);
		model.addAttribute("q", (q != null) ? q : survivor.getNameKanji());
		if (q != null && !q.isBlank()) {
			model.addAttribute("candidates", this.search.search(HcpSearchCriteria.of(q), 0, PAGE_SIZE)
				.items()
				.stream()
				.filter(row -> row.id() != id)
				.toList());
		}
		if (duplicateId != null && duplicateId != id) {
			Hcp duplicate = this.hcps.get(duplicateId);
			if (duplicate.getStatus() != HcpStatus.MERGED) {
				model.addAttribute("duplicate", duplicate);
			}
		}
		return "hcp/merge";
	}

	@PostMapping("/hcps/{id}/merge")
	@Allowed(Capability.MERGE_HCPS)
	String processMergeForm(@PathVariable long id, @RequestParam("duplicateId") long duplicateId, Principal user,
			RedirectAttributes redirect) {
		try {
			this.hcps.merge(id, duplicateId, user.getName());
			redirect.addFlashAttribute("flash", "hcp.merged");
			redirect.addFlashAttribute("flashArgs", new Object[] { duplicateId });
			return "redirect:/hcps/" + id;
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
			return "redirect:/hcps/" + id + "/merge";
		}
	}

	private void addHcoOption(Model model, Long hcoId) {
		this.profiles.institution(hcoId).ifPresent(hco -> model.addAttribute("primaryHco", hco));
	}

	/** Fields where the stored record differs from what the user submitted. */
	static List<Conflict> conflicts(HcpForm form, Hcp current) {
		Map<String, Object> stored = current.snapshot();
		Map<String, Object> submitted = new java.util.HashMap<>();
		var details = form.toDetails().normalized();
		submitted.put("nameKanji", details.nameKanji());
		submitted.put("nameKana", details.nameKana());
		submitted.put("nameRomaji", details.nameRomaji());
		submitted.put("registryNumber", details.registryNumber());
		submitted.put("specialtyCode", details.specialtyCode());
		submitted.put("email", details.email());
		submitted.put("phone", details.phone());
		submitted.put("primaryHcoId", details.primaryHcoId());
		List<Conflict> conflicts = new ArrayList<>();
		for (String field : List.of("nameKanji", "nameKana", "nameRomaji", "registryNumber", "specialtyCode", "email",
				"phone", "primaryHcoId")) {
			if (!Objects.equals(stored.get(field), submitted.get(field))) {
				conflicts.add(new Conflict(field, stored.get(field), submitted.get(field)));
			}
		}
		return conflicts;
	}

	/** One field whose stored value differs from the user's entry. */
	record Conflict(String field, Object theirs, Object yours) {
	}

	/**
	 * Filters and page of the 360 page's timeline, bound by name; {@code department} is used only when it looks
	 * like a department code.
	 */
	record TimelineParams(String department, Channel channel, Long ta,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer tpage) {

		TimelineParams {
			tpage = (tpage != null) ? tpage : 0;
		}

		TimelineQueries.Filter toFilter() {
			String dept = (this.department != null && this.department.matches("[A-Z_]{1,20}")) ? this.department : null;
			return new TimelineQueries.Filter(dept, this.channel, this.ta, this.from, this.to);
		}

		int safePage() {
			return Math.max(0, Math.min(this.tpage, 500));
		}

		String toUrl(String path) {
			UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
			TimelineQueries.Filter f = toFilter();
			if (f.department() != null) {
				b.queryParam("department", f.department());
			}
			if (f.channel() != null) {
				b.queryParam("channel", f.channel().name());
			}
			if (f.therapeuticAreaId() != null) {
				b.queryParam("ta", f.therapeuticAreaId());
			}
			if (f.from() != null) {
				b.queryParam("from", f.from());
			}
			if (f.to() != null) {
				b.queryParam("to", f.to());
			}
			return b.encode().build().toUriString();
		}

	}

	/**
	 * Query parameters of the HCP list, bound by name: texts cut to 100 characters, a prefecture outside 1..47
	 * dropped, and the defaults (by kana, ascending, first page) for what was not sent.
	 */
	record SearchParams(String q, String institution, String specialty, Integer prefecture, String sort, String dir,
			Integer page) {

		SearchParams {
			q = limit(q);
			institution = limit(institution);
			specialty = (specialty != null) ? specialty : "";
			prefecture = (prefecture != null && prefecture >= 1 && prefecture <= 47) ? prefecture : null;
			sort = (sort != null) ? sort : "kana";
			dir = (dir != null) ? dir : "asc";
			page = (page != null) ? page : 0;
		}

		private static String limit(String text) {
			if (text == null) {
				return "";
			}
			return (text.length() > 100) ? text.substring(0, 100) : text;
		}

		HcpSearchCriteria toCriteria() {
			return new HcpSearchCriteria(this.q, this.institution, this.specialty, this.prefecture, this.sort,
					"desc".equalsIgnoreCase(this.dir));
		}

		int safePage() {
			return Math.max(0, Math.min(this.page, 500));
		}

		String toUrl(String path) {
			HcpSearchCriteria c = toCriteria();
			UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
			if (c.hasQuery()) {
				b.queryParam("q", c.query());
			}
			if (!c.institution().isEmpty()) {
				b.queryParam("institution", c.institution());
			}
			if (c.specialtyCode() != null) {
				b.queryParam("specialty", c.specialtyCode());
			}
			if (c.prefectureCode() != null) {
				b.queryParam("prefecture", c.prefectureCode());
			}
			b.queryParam("sort", c.sort());
			b.queryParam("dir", c.descending() ? "desc" : "asc");
			return b.encode().build().toUriString();
		}

	}

}
