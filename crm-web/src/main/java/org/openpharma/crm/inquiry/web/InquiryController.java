package org.openpharma.crm.inquiry.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.inquiry.AdverseEventFacts;
import org.openpharma.crm.inquiry.InquiryManagement;
import org.openpharma.crm.inquiry.InquiryPriority;
import org.openpharma.crm.inquiry.InquiryQueries;
import org.openpharma.crm.inquiry.InquiryStatus;
import org.openpharma.crm.inquiry.RegulatoryDeadline;
import org.openpharma.crm.need.NeedQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
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

/**
 * Medical inquiries on screen: intake on the HCP (MR, call center, medical), medical affairs' queue and
 * the adverse-event hand-offs for pharmacovigilance (medical only). What a commercial user may see of an
 * inquiry comes from {@link InquiryQueries#summaries} on the HCP page; everything else refuses them.
 */
@Controller
class InquiryController {

	private final InquiryManagement inquiries;

	private final InquiryQueries queries;

	private final HcpSearch hcps;

	private final ReferenceData reference;

	private final UserManagement users;

	private final Clock clock;

	private final NeedQueries needQueries;

	InquiryController(InquiryManagement inquiries, InquiryQueries queries, HcpSearch hcps, ReferenceData reference,
			UserManagement users, Clock clock, NeedQueries needQueries) {
		this.needQueries = needQueries;
		this.inquiries = inquiries;
		this.queries = queries;
		this.hcps = hcps;
		this.reference = reference;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/hcps/{id}/inquiries/new")
	@Allowed(Capability.TAKE_INQUIRIES)
	String initForm(@PathVariable long id, Principal user, Model model) {
		model.addAttribute("form", InquiryForm.empty(this.users.departmentOf(user.getName()).orElse(null)));
		return formView(id, model);
	}

	@PostMapping("/hcps/{id}/inquiries/new")
	@Allowed(Capability.TAKE_INQUIRIES)
	String take(@PathVariable long id, @Valid @ModelAttribute("form") InquiryForm form, BindingResult result,
			Principal user, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return formView(id, model);
		}
		try {
			this.inquiries.take(form.toDraft(id), user.getName(), via(user.getName()), form.receivedChannel());
		}
		catch (ValidationException ex) {
			Forms.reject(result, new ValidationException(ex.getViolations().stream()
				.map(v -> new FieldViolation(InquiryForm.FIELDS.getOrDefault(v.field(), v.field()), v.code(), v.arguments()))
				.toList()));
			return formView(id, model);
		}
		redirect.addFlashAttribute("flash", form.adverseEvent() ? "inquiry.received.ae" : "inquiry.received");
		return "redirect:/hcps/" + id;
	}

	@GetMapping("/inquiries")
	@Allowed(Capability.WORK_INQUIRIES)
	String queue(@RequestParam(name = "status", required = false) InquiryStatus status,
			@RequestParam(name = "priority", required = false) InquiryPriority priority,
			@RequestParam(name = "productId", required = false) Long productId,
			@RequestParam(name = "assignee", required = false) String assignee,
			@RequestParam(name = "due", required = false) String due, Authentication user, Model model) {
		Instant now = this.clock.instant();
		Instant dueBefore = switch ((due != null) ? due : "") {
			case "overdue" -> now;
			case "today" -> LocalDate.ofInstant(now, Japan.ZONE).plusDays(1).atStartOfDay(Japan.ZONE).toInstant();
			default -> null;
		};
		model.addAttribute("rows", this.queries.queue(new InquiryQueries.Filter(status, priority, productId,
				(assignee != null && assignee.length() <= 60) ? assignee : null, dueBefore), roles(user), 0, 100));
		model.addAttribute("now", now);
		model.addAttribute("endOfToday", LocalDate.ofInstant(now, Japan.ZONE).plusDays(1).atStartOfDay(Japan.ZONE).toInstant());
		model.addAttribute("statuses", InquiryStatus.values());
		model.addAttribute("priorities", InquiryPriority.values());
		model.addAttribute("products", this.reference.products());
		model.addAttribute("filter", new QueueFilter(status, priority, productId, assignee, due));
		// The assignee filter offers the people who work the queue, by name.
		List<String> workers = this.queries.medicalUsers();
		model.addAttribute("assignees", workers);
		model.addAttribute("assigneeNames", this.users.displayNamesOf(workers));
		return "inquiry/queue";
	}

	/** The queue's filters as chosen, to keep them in the form. */
	record QueueFilter(InquiryStatus status, InquiryPriority priority, Long productId, String assignee, String due) {
	}

	@GetMapping("/inquiries/{id:\\d+}")
	@Allowed(Capability.WORK_INQUIRIES)
	String show(@PathVariable long id, Authentication user, Model model) {
		Set<Role> roles = roles(user);
		InquiryQueries.Detail inquiry = this.queries.detail(id, roles)
			.orElseThrow(() -> new NotFoundException("medical inquiry", id));
		model.addAttribute("inquiry", inquiry);
		List<InquiryQueries.Step> steps = this.queries.timeline(id, roles);
		model.addAttribute("steps", steps);
		List<String> medicalUsers = this.queries.medicalUsers();
		model.addAttribute("medicalUsers", medicalUsers);
		// Everyone the page names, by display name: the intake person, assignee, author, reviewers, the history's.
		List<String> named = new java.util.ArrayList<>(medicalUsers);
		java.util.Collections.addAll(named, inquiry.receivedBy(), inquiry.assignee(), inquiry.answer().author(),
				inquiry.answer().approvedBy(), inquiry.answer().returnedBy());
		steps.forEach(step -> named.add("ASSIGNED".equals(step.action()) ? step.detail() : step.actor()));
		model.addAttribute("names", this.users.displayNamesOf(named));
		model.addAttribute("priorities", InquiryPriority.values());
		model.addAttribute("categories", org.openpharma.crm.need.NeedCategory.values());
		model.addAttribute("products", this.reference.products());
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("standardResponses", this.queries.standardResponses(inquiry.productId(),
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE)));
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("linkedNeeds", this.needQueries.answeredBy(id));
		return "inquiry/detail";
	}

	@PostMapping("/inquiries/{id:\\d+}/triage")
	@Allowed(Capability.WORK_INQUIRIES)
	String triage(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "priority", required = false) InquiryPriority priority,
			@RequestParam(name = "offLabel", defaultValue = "false") boolean offLabel,
			@RequestParam(name = "category", required = false) org.openpharma.crm.need.NeedCategory category,
			Principal user, RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.triage(id, version, priority, offLabel, category, user.getName()),
				"inquiry.triaged");
	}

	@PostMapping("/inquiries/{id:\\d+}/assign")
	@Allowed(Capability.WORK_INQUIRIES)
	String assign(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "assignee", defaultValue = "") String assignee, Principal user,
			RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.assign(id, version, assignee, user.getName()), "inquiry.assigned");
	}

	@PostMapping("/inquiries/{id:\\d+}/answer-standard")
	@Allowed(Capability.WORK_INQUIRIES)
	String answerStandard(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "standardResponseId", required = false) Long responseId, Principal user,
			RedirectAttributes redirect) {
		return move(id, redirect, () -> {
			if (responseId == null) {
				throw ValidationException.of("standardResponseId", "inquiry.standard.unknown");
			}
			this.inquiries.answerWithStandard(id, version, responseId, user.getName());
		}, "inquiry.answer.ready");
	}

	@PostMapping("/inquiries/{id:\\d+}/answer-custom")
	@Allowed(Capability.WORK_INQUIRIES)
	String answerCustom(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "answerText", defaultValue = "") String text, Principal user,
			RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.draftCustomAnswer(id, version, text, user.getName()),
				"inquiry.answer.drafted");
	}

	@PostMapping("/inquiries/{id:\\d+}/approve")
	@Allowed(Capability.WORK_INQUIRIES)
	String approve(@PathVariable long id, @RequestParam("version") long version, Principal user,
			RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.approveAnswer(id, version, user.getName()),
				"inquiry.answer.approved");
	}

	/**
	 * The second reviewer returns a custom answer to its author with a reason. A missing or too long reason is an
	 * error on the reason's field, on the inquiry page as it was, with what was typed; anything else as every step.
	 */
	@PostMapping("/inquiries/{id:\\d+}/return")
	@Allowed(Capability.WORK_INQUIRIES)
	String returnAnswer(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "returnReason", defaultValue = "") String reason, Authentication user, Model model,
			RedirectAttributes redirect) {
		try {
			this.inquiries.returnAnswer(id, version, reason, user.getName());
			redirect.addFlashAttribute("flash", "inquiry.answer.returned");
			return "redirect:/inquiries/" + id;
		}
		catch (ValidationException ex) {
			FieldViolation violation = ex.getViolations().get(0);
			model.addAttribute("returnReasonError", violation);
			model.addAttribute("returnReason", reason);
			return show(id, user, model);
		}
		catch (RuntimeException ex) {
			return move(id, redirect, () -> {
				throw ex;
			}, "inquiry.answer.returned");
		}
	}

	@PostMapping("/inquiries/{id:\\d+}/deliver")
	@Allowed(Capability.WORK_INQUIRIES)
	String deliver(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "channel", required = false) ConsentChannel channel, Principal user,
			RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.recordDelivery(id, version, channel, user.getName()),
				"inquiry.answer.delivered");
	}

	@PostMapping("/inquiries/{id:\\d+}/close")
	@Allowed(Capability.WORK_INQUIRIES)
	String close(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "helpful", required = false) Boolean helpful,
			@RequestParam(name = "score", required = false) Integer score, Principal user, RedirectAttributes redirect) {
		return move(id, redirect, () -> this.inquiries.close(id, version, helpful, score, user.getName()),
				"inquiry.closed");
	}

	/** A step of the lifecycle: done, or a message why not (a stale page, a forged jump, a bad value). */
	private String move(long id, RedirectAttributes redirect, Runnable step, String done) {
		try {
			step.run();
			redirect.addFlashAttribute("flash", done);
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getViolations().get(0).code());
		}
		catch (org.openpharma.crm.shared.StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "inquiry.conflict");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
			redirect.addFlashAttribute("flashArgs", ex.getArguments());
		}
		return "redirect:/inquiries/" + id;
	}

	/**
	 * Medical affairs' adverse-event hand-off screen: open hand-offs by what is due first (or by the regulator's
	 * deadline, or day 0), each with its HCP, product, inquiry, day 0, internal and regulator's deadline and the
	 * rule that set it; acknowledged ones stay below as history, a page at a time.
	 */
	@GetMapping("/inquiries/handoffs")
	@Allowed(Capability.WORK_INQUIRIES)
	String handoffs(@RequestParam(name = "sort", required = false) String sort,
			@RequestParam(name = "page", required = false) String page,
			@RequestParam(name = "show", required = false) String show, Authentication user, Model model) {
		InquiryQueries.HandoffSort order = InquiryQueries.HandoffSort.parse(sort);
		Instant now = this.clock.instant();
		model.addAttribute("board", this.queries.handoffBoard(order, historyPage(page), roles(user)));
		model.addAttribute("sort", order);
		model.addAttribute("sorts", InquiryQueries.HandoffSort.values());
		model.addAttribute("show", HandoffFilter.parse(show));
		model.addAttribute("filters", HandoffFilter.values());
		model.addAttribute("now", now);
		model.addAttribute("today", LocalDate.ofInstant(now, Japan.ZONE));
		return "inquiry/handoffs";
	}

	/** Which hand-offs the screen lists: all (open ones first, then those received), or only one of the two. */
	enum HandoffFilter {

		ALL, OPEN, RECEIVED;

		static HandoffFilter parse(String value) {
			for (HandoffFilter filter : values()) {
				if (filter.name().equalsIgnoreCase((value != null) ? value.strip() : "")) {
					return filter;
				}
			}
			return ALL;
		}

		public boolean showsOpen() {
			return this != RECEIVED;
		}

		public boolean showsReceived() {
			return this != OPEN;
		}

	}

	/** A page number of the history as asked for: anything else (negative, huge, not a number) is the first. */
	private static int historyPage(String page) {
		if (page == null || !page.matches("\\d{1,6}")) {
			return 0;
		}
		return Integer.parseInt(page);
	}

	/**
	 * One hand-off as a structured file pharmacovigilance can file (JSON, UTF-8): the minimum facts, the
	 * product, the reporter, day 0 and both clocks (the company's and the regulator's, with its rule) — and
	 * no patient identity, since none is ever stored.
	 */
	@GetMapping(path = "/inquiries/handoffs/{id:\\d+}.json", produces = org.springframework.http.MediaType.APPLICATION_JSON_VALUE)
	@Allowed(Capability.WORK_INQUIRIES)
	@org.springframework.web.bind.annotation.ResponseBody
	org.springframework.http.ResponseEntity<java.util.Map<String, Object>> handoffFile(@PathVariable long id,
			Authentication user) {
		InquiryQueries.Handoff handoff = this.queries.handoff(id, roles(user))
			.orElseThrow(() -> new NotFoundException("adverse event hand-off", id));
		java.util.Map<String, Object> file = new java.util.LinkedHashMap<>();
		file.put("handoffId", handoff.id());
		file.put("inquiryId", handoff.inquiryId());
		file.put("hcpId", handoff.hcpId());
		file.put("hcpCountry", handoff.hcpCountry());
		file.put("suspectProduct", handoff.productNameJa());
		file.put("suspectProductId", handoff.suspectProductId());
		file.put("description", handoff.description());
		file.put("seriousness", handoff.seriousness());
		file.put("expectedness", handoff.expectedness());
		file.put("fatal", handoff.fatal());
		file.put("patientAgeBand", handoff.ageBand());
		file.put("patientSex", handoff.sex());
		file.put("reporter", handoff.reporter());
		file.put("dayZero", handoff.regulatory().dayZero().toString());
		file.put("awareAt", handoff.awareAt().toString());
		file.put("receivedAt", handoff.createdAt().toString());
		file.put("dueAt", handoff.dueAt().toString());
		file.put("internalDueAt", handoff.dueAt().toString());
		RegulatoryDeadline regulatory = handoff.regulatory();
		java.util.Map<String, Object> deadline = new java.util.LinkedHashMap<>();
		deadline.put("kind", regulatory.kind().name());
		deadline.put("jurisdiction", regulatory.jurisdiction());
		deadline.put("dueDate", (regulatory.dueDate() != null) ? regulatory.dueDate().toString() : null);
		deadline.put("rule", (regulatory.rule() != null) ? regulatory.rule().code() : null);
		deadline.put("reportDays", (regulatory.rule() != null) ? regulatory.rule().reportDays() : null);
		deadline.put("legalBasis", (regulatory.rule() != null) ? regulatory.rule().legalBasis() : null);
		file.put("regulatoryDeadline", deadline);
		file.put("acknowledgedAt", (handoff.acknowledgedAt() != null) ? handoff.acknowledgedAt().toString() : null);
		file.put("pvReference", handoff.pvReference());
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"ae-handoff-" + id + ".json\"")
			.body(file);
	}

	@PostMapping("/inquiries/handoffs/{id}/acknowledge")
	@Allowed(Capability.WORK_INQUIRIES)
	String acknowledge(@PathVariable long id, @RequestParam(name = "pvReference", defaultValue = "") String reference,
			Principal user, RedirectAttributes redirect) {
		try {
			this.inquiries.acknowledgeAdverseEvent(id, reference, user.getName());
			redirect.addFlashAttribute("flash", "inquiry.ae.acknowledged");
			// It stays in sight: the list shows it among the received ones, the page scrolled to it.
			return "redirect:/inquiries/handoffs#handoff-" + id;
		}
		catch (ValidationException | DomainException ex) {
			redirect.addFlashAttribute("flashWarning", (ex instanceof DomainException d) ? d.getCode()
					: ((ValidationException) ex).getViolations().get(0).code());
		}
		return "redirect:/inquiries/handoffs";
	}

	private String formView(long hcpId, Model model) {
		HcpSummary hcp = this.hcps.summary(hcpId).orElseThrow(() -> new NotFoundException("HCP", hcpId));
		model.addAttribute("hcp", hcp);
		model.addAttribute("products", this.reference.products());
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("priorities", InquiryPriority.values());
		model.addAttribute("seriousness", AdverseEventFacts.Seriousness.values());
		model.addAttribute("expectedness", AdverseEventFacts.Expectedness.values());
		model.addAttribute("ageBands", AdverseEventFacts.AgeBand.values());
		model.addAttribute("sexes", AdverseEventFacts.Sex.values());
		return "inquiry/form";
	}

	private InquiryManagement.Via via(String username) {
		return switch (this.users.departmentOf(username).orElse("")) {
			case "CALL_CENTER" -> InquiryManagement.Via.CALL_CENTER;
			case "MEDICAL" -> InquiryManagement.Via.MEDICAL;
			default -> InquiryManagement.Via.SALES;
		};
	}

	private static Set<Role> roles(Authentication user) {
		return Policy.roles(user);
	}

}
