package org.openpharma.crm.need.web;

import java.security.Principal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.hcp.HcpSearch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.NeedQueries;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.FormattingConversionService;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The needs board and the moves of one need: triage, start, fulfil, HCP confirmation, close unmet. */
@Controller
class NeedController {

	private final NeedQueries queries;

	private final NeedManagement needs;

	private final HcpSearch hcps;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final UserManagement users;

	private final ConversionService conversion;

	NeedController(NeedQueries queries, NeedManagement needs, HcpSearch hcps, ReferenceData reference,
			AuditTrail audit, UserManagement users, FormattingConversionService mvcConversionService) {
		this.conversion = mvcConversionService;
		this.users = users;
		this.queries = queries;
		this.needs = needs;
		this.hcps = hcps;
		this.reference = reference;
		this.audit = audit;
	}

	@ModelAttribute
	void choices(Model model, Locale locale) {
		model.addAttribute("statuses", NeedStatus.values());
		model.addAttribute("categories", NeedCategory.values());
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("departments", RoutedTo.values());
		var areas = this.reference.therapeuticAreas();
		model.addAttribute("areas", areas);
		Map<String, String> areaNames = new HashMap<>();
		areas.forEach(a -> areaNames.put(a.code(), a.name(locale)));
		model.addAttribute("areaNames", areaNames);
	}

	/**
	 * The board: a territorial user (MR, manager) sees the needs of their territories' HCPs unless they ask
	 * for the whole country (reading is company-wide, acting is scoped: NeedManagement).
	 */
	@GetMapping("/needs")
	String board(@ModelAttribute("filter") BoardParams params, BindingResult errors, Principal user, Model model) {
		if (errors.hasErrors()) {
			model.addAttribute("flashWarning", "search.filter.invalid");
		}
		WorkScope scope = this.users.scopeOf(user.getName());
		boolean territory = !scope.national() && !"all".equals(params.scope());
		BoardParams shown = params.withScope(scope.national() ? null : (territory ? "mine" : "all"));
		// The form shows the scope in force, with any value that did not bind.
		Forms.show(model, "filter", shown, errors, this.conversion);
		NeedQueries.Filter filter = shown.toFilter();
		if (territory) {
			filter = new NeedQueries.Filter(filter.status(), filter.therapeuticAreaId(), filter.category(),
					filter.urgency(), filter.routedTo(), filter.minAgeDays(), filter.hcpId(), scope.prefectures());
		}
		model.addAttribute("territorial", !scope.national());
		model.addAttribute("results", this.queries.board(filter, shown.safePage(), 25));
		model.addAttribute("base", shown.toUrl());
		model.addAttribute("scopeMine", shown.withScope("mine").toUrl());
		model.addAttribute("scopeAll", shown.withScope("all").toUrl());
		return "need/board";
	}

	@GetMapping("/needs/{id}")
	String show(@PathVariable long id, Model model, Authentication user) {
		// The firewall is in the query: a need routed to medical comes without its medical content for other readers.
		NeedQueries.NeedView need = this.queries.detail(id, Policy.roles(user))
			.orElseThrow(() -> new NotFoundException("need", id));
		boolean mayAct = this.needs.mayAct(need, user.getName());
		model.addAttribute("need", need);
		model.addAttribute("mayAct", mayAct);
		model.addAttribute("hcp", this.hcps.summary(need.hcpId()).orElse(null));
		model.addAttribute("history", this.audit.actions("NEED", id, 20));
		// A form sent back with its errors keeps what was typed; otherwise each starts empty at the current version.
		if (!model.containsAttribute("fulfil")) {
			model.addAttribute("fulfil", new FulfilForm(need.version(), null, null, null));
		}
		if (!model.containsAttribute("confirm")) {
			model.addAttribute("confirm", new ConfirmForm(need.version(), true, 5, null));
		}
		if (!model.containsAttribute("link")) {
			Long linked = (need.answeredBy() != null) ? need.answeredBy().id() : null;
			model.addAttribute("link", new LinkForm(need.version(), linked));
		}
		boolean fulfils = need.status().canMoveTo(NeedStatus.FULFILLED);
		boolean links = fulfils || need.status() == NeedStatus.FULFILLED || need.status() == NeedStatus.CONFIRMED_BY_HCP;
		if (mayAct && Policy.allows(user, Capability.MOVE_NEEDS)) {
			if (fulfils) {
				model.addAttribute("interactions", this.queries.recentInteractions(need.hcpId(), RECENT_INTERACTIONS));
				model.addAttribute("recentLimit", RECENT_INTERACTIONS);
			}
			if (links) {
				model.addAttribute("inquiries", this.queries.inquiriesOf(need.hcpId(), INQUIRY_CHOICES));
			}
		}
		return "need/detail";
	}

	@PostMapping("/needs/{id}/triage")
	@Allowed(Capability.MOVE_NEEDS)
	String triage(@PathVariable long id, @RequestParam long version,
			@RequestParam(name = "routedTo", required = false) RoutedTo routedTo,
			@RequestParam(name = "reason", defaultValue = "") String reason, Principal user, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.needs.triage(id, version, routedTo, limit(reason, 500), user.getName()),
				"need.triaged");
	}

	@PostMapping("/needs/{id}/start")
	@Allowed(Capability.MOVE_NEEDS)
	String start(@PathVariable long id, @RequestParam long version, Principal user, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.needs.start(id, version, user.getName()), "need.started");
	}

	/**
	 * Fulfils the need: how it was met, optionally the interaction it was met in (one of its HCP's latest) and the
	 * medical inquiry that answered it. A bad value is an error on its field, on the need page with what was typed.
	 */
	@PostMapping("/needs/{id}/fulfil")
	@Allowed(Capability.MOVE_NEEDS)
	String fulfil(@PathVariable long id, @Valid @ModelAttribute("fulfil") FulfilForm form, BindingResult result,
			Authentication user, Model model, RedirectAttributes redirect) {
		return submit(id, "fulfil", form, result, user, model, redirect, () -> this.needs.fulfil(id, version(form.version()),
				form.fulfilment(), form.interactionId(), form.inquiryId(), user.getName()), "need.fulfilled");
	}

	/** The HCP's feedback: helpful or not, a score and what they said (optional). */
	@PostMapping("/needs/{id}/confirm")
	@Allowed(Capability.MOVE_NEEDS)
	String confirm(@PathVariable long id, @Valid @ModelAttribute("confirm") ConfirmForm form, BindingResult result,
			Authentication user, Model model, RedirectAttributes redirect) {
		return submit(id, "confirm", form, result, user, model, redirect, () -> {
			if (form.helpful() == null) {
				throw new DomainException("need.feedback.helpful.required", "helpful");
			}
			if (form.score() == null) {
				throw new DomainException("need.feedback.score", "score");
			}
			this.needs.confirm(id, version(form.version()), form.helpful(), form.score(), form.feedbackComment(),
					user.getName());
		}, "need.confirmed");
	}

	/** Links the medical inquiry that answered the need, changes it, or removes the link (none chosen). */
	@PostMapping("/needs/{id}/inquiry")
	@Allowed(Capability.MOVE_NEEDS)
	String linkInquiry(@PathVariable long id, @ModelAttribute("link") LinkForm form, BindingResult result,
			Authentication user, Model model, RedirectAttributes redirect) {
		return submit(id, "link", form, result, user, model, redirect,
				() -> this.needs.linkInquiry(id, version(form.version()), form.inquiryId(), user.getName()),
				(form.inquiryId() != null) ? "need.inquiry.linked" : "need.inquiry.unlinked");
	}

	/**
	 * A move sent by one of the need page's forms: done (redirect with a message), or its errors on its fields on the
	 * page as it was; a rule that is not about a field of the form (a stale page, a forged move, another territory)
	 * is a message on the page, as for every move.
	 */
	private String submit(long id, String name, Object form, BindingResult result, Authentication user, Model model,
			RedirectAttributes redirect, Runnable move, String success) {
		BindingResult errors = Forms.show(model, name, form, result, this.conversion);
		if (!errors.hasErrors()) {
			try {
				move.run();
				redirect.addFlashAttribute("flash", success);
				return "redirect:/needs/" + id;
			}
			catch (DomainException ex) {
				String field = FORM_FIELDS.getOrDefault(ex.getField(), ex.getField());
				if (field == null || errors.getFieldType(field) == null) {
					return act(id, redirect, () -> {
						throw ex;
					}, success);
				}
				errors.rejectValue(field, ex.getCode(), ex.getArguments(), ex.getCode());
			}
			catch (StaleVersionException ex) {
				redirect.addFlashAttribute("flashWarning", "need.conflict");
				return "redirect:/needs/" + id;
			}
		}
		return show(id, model, user);
	}

	/** A version that did not come (a forged form) is a stale one: the page shows the need as it is. */
	private static long version(Long version) {
		return (version != null) ? version : -1;
	}

	@PostMapping("/needs/{id}/close")
	@Allowed(Capability.MOVE_NEEDS)
	String close(@PathVariable long id, @RequestParam long version,
			@RequestParam(name = "reason", defaultValue = "") String reason, Principal user, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.needs.closeUnmet(id, version, limit(reason, 500), user.getName()),
				"need.closed");
	}

	private String act(long id, RedirectAttributes redirect, Runnable move, String success) {
		try {
			move.run();
			redirect.addFlashAttribute("flash", success);
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
			redirect.addFlashAttribute("flashArgs", ex.getArguments());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "need.conflict");
		}
		return "redirect:/needs/" + id;
	}

	/** How many of the HCP's latest interactions the fulfil form offers, and how many of its inquiries. */
	static final int RECENT_INTERACTIONS = 20;

	static final int INQUIRY_CHOICES = 50;

	/** The need's field names where the form calls them otherwise. */
	private static final Map<String, String> FORM_FIELDS = Map.of("feedbackScore", "score");

	/** The fulfil form: how the need was met, the interaction it was met in and the inquiry that answered it. */
	record FulfilForm(Long version, @Size(max = InformationNeed.TEXT_MAX) String fulfilment, Long interactionId,
			Long inquiryId) {
	}

	/** The HCP's feedback: helpful or not, a score of 1 to 5 and what they said. */
	record ConfirmForm(Long version, Boolean helpful, Integer score,
			@Size(max = InformationNeed.COMMENT_MAX) String feedbackComment) {
	}

	/** The inquiry that answered the need (none: no link). */
	record LinkForm(Long version, Long inquiryId) {
	}

	private static String limit(String text, int max) {
		return (text.length() > max) ? text.substring(0, max) : text;
	}

	/**
	 * Board filters bound by name; {@code scope} is "mine" (the user's territories), "all" or nothing, and only
	 * territorial users choose.
	 */
	record BoardParams(NeedStatus status, Long ta, NeedCategory category, Urgency urgency, RoutedTo routedTo,
			Integer age, Long hcp, Integer page, String scope) {

		BoardParams {
			page = (page != null) ? page : 0;
			scope = ("mine".equals(scope) || "all".equals(scope)) ? scope : null;
		}

		BoardParams withScope(String other) {
			return new BoardParams(this.status, this.ta, this.category, this.urgency, this.routedTo, this.age, this.hcp,
					this.page, other);
		}

		NeedQueries.Filter toFilter() {
			Integer minAge = (this.age != null && this.age >= 0 && this.age <= 3650) ? this.age : null;
			return new NeedQueries.Filter(this.status, this.ta, this.category, this.urgency, this.routedTo, minAge,
					this.hcp);
		}

		int safePage() {
			return Math.max(0, Math.min(this.page, 500));
		}

		String toUrl() {
			UriComponentsBuilder b = UriComponentsBuilder.fromPath("/needs");
			NeedQueries.Filter f = toFilter();
			if (f.status() != null) {
				b.queryParam("status", f.status());
			}
			if (f.therapeuticAreaId() != null) {
				b.queryParam("ta", f.therapeuticAreaId());
			}
			if (f.category() != null) {
				b.queryParam("category", f.category());
			}
			if (f.urgency() != null) {
				b.queryParam("urgency", f.urgency());
			}
			if (f.routedTo() != null) {
				b.queryParam("routedTo", f.routedTo());
			}
			if (f.minAgeDays() != null) {
				b.queryParam("age", f.minAgeDays());
			}
			if (f.hcpId() != null) {
				b.queryParam("hcp", f.hcpId());
			}
			if (this.scope != null) {
				b.queryParam("scope", this.scope);
			}
			return b.encode().build().toUriString();
		}

	}

}
