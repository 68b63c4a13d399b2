package org.openpharma.crm.plan.web;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;

import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.plan.CallPlans;
import org.openpharma.crm.plan.PlanRules;
import org.openpharma.crm.plan.PlannedCall;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.annotation.DateTimeFormat;
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

/**
 * The planner's week (Monday to Sunday; a card per planned call, dragged or dated to another day, logged as the
 * visit it became, or cancelled) and planning a call by hand.
 */
@Controller
@Allowed(Capability.PLAN_CALLS)
class PlanController {

	private final CallPlans plans;

	private final HcpSearch search;

	private final ReferenceData reference;

	private final ContentPicker picker;

	private final ContentViewers viewers;

	private final ConversionService conversion;

	PlanController(CallPlans plans, HcpSearch search, ReferenceData reference, ContentPicker picker,
			ContentViewers viewers, FormattingConversionService mvcConversionService) {
		this.plans = plans;
		this.search = search;
		this.reference = reference;
		this.picker = picker;
		this.viewers = viewers;
		this.conversion = mvcConversionService;
	}

	@GetMapping("/plan")
	String week(@RequestParam(name = "week", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
			Principal user, Model model) {
		CallPlans.Week shown = this.plans.week(user.getName(), (week != null) ? week : this.plans.today());
		model.addAttribute("week", shown);
		return "plan/week";
	}

	@GetMapping("/plan/new")
	String initCreationForm(@RequestParam(name = "hcpId", required = false) Long hcpId,
			@RequestParam(name = "day", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			Authentication user, Model model) {
		LocalDate today = this.plans.today();
		model.addAttribute("form", PlanForm.start(hcpId, (day != null && !day.isBefore(today)) ? day : today));
		return formView(model, hcpId, Channel.VISIT, user);
	}

	@PostMapping("/plan/new")
	String processCreationForm(@Valid @ModelAttribute("form") PlanForm form, BindingResult result, Authentication user,
			Model model, RedirectAttributes redirect) {
		BindingResult errors = Forms.show(model, "form", form, result, this.conversion);
		if (form.hcpId() == null && !errors.hasFieldErrors("hcpId")) {
			errors.rejectValue("hcpId", "plan.hcp.required");
		}
		if (!errors.hasErrors()) {
			try {
				long id = this.plans.plan(form.toDraft(), user.getName());
				redirect.addFlashAttribute("flash", "plan.planned");
				return "redirect:/plan?week=" + CallPlans.mondayOf(this.plans.get(id).getDay()) + "#plan-" + id;
			}
			catch (ValidationException ex) {
				Forms.reject(errors, ex);
			}
		}
		return formView(model, form.hcpId(), form.channel(), user);
	}

	/** The approved items the user may plan to show the HCP on the channel (htmx, when HCP or channel change). */
	@GetMapping("/plan/content-options")
	String contentOptions(@RequestParam(name = "hcpId", required = false) Long hcpId,
			@RequestParam(name = "channel", required = false) Channel channel,
			@RequestParam(name = "contentVersionId", required = false) Long chosen, Authentication user, Model model) {
		model.addAttribute("form", new PlanForm(hcpId, null, channel, null, chosen, null));
		contentOptions(model, hcpId, channel, user);
		return "plan/form :: content";
	}

	/** A card dropped on another day (static/js/plan.js submits the card's own date form). */
	@PostMapping("/plan/{id}/move")
	String move(@PathVariable long id, @Valid MoveForm form, BindingResult result, Principal user,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			redirect.addFlashAttribute("flashWarning", "plan.move.invalid");
			return "redirect:/plan";
		}
		try {
			PlannedCall moved = this.plans.move(id, form.version(), form.day(), user.getName());
			redirect.addFlashAttribute("flash", "plan.moved");
			return "redirect:/plan?week=" + CallPlans.mondayOf(moved.getDay()) + "#plan-" + id;
		}
		catch (ValidationException ex) {
			flashViolation(redirect, ex);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "plan.conflict");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
		}
		return "redirect:/plan?week=" + CallPlans.mondayOf(this.plans.get(id).getDay());
	}

	@PostMapping("/plan/{id}/cancel")
	String cancel(@PathVariable long id, @Valid CancelForm form, BindingResult result, Principal user,
			RedirectAttributes redirect) {
		LocalDate day = this.plans.get(id).getDay();
		if (result.hasErrors()) {
			redirect.addFlashAttribute("flashWarning", "plan.cancel.reasonRequired");
			return "redirect:/plan?week=" + CallPlans.mondayOf(day);
		}
		try {
			this.plans.cancel(id, form.version(), form.reason(), user.getName());
			redirect.addFlashAttribute("flash", "plan.cancelled");
		}
		catch (ValidationException ex) {
			flashViolation(redirect, ex);
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "plan.conflict");
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
		}
		return "redirect:/plan?week=" + CallPlans.mondayOf(day);
	}

	private static void flashViolation(RedirectAttributes redirect, ValidationException ex) {
		FieldViolation first = ex.getViolations().get(0);
		redirect.addFlashAttribute("flashWarning", first.code());
		redirect.addFlashAttribute("flashArgs", first.arguments());
	}

	private String formView(Model model, Long hcpId, Channel channel, Authentication user) {
		model.addAttribute("channels", PlanRules.channels());
		model.addAttribute("areas", this.reference.therapeuticAreas());
		if (hcpId != null) {
			this.search.summary(hcpId).ifPresent(hcp -> model.addAttribute("hcp", hcp));
		}
		contentOptions(model, hcpId, channel, user);
		return "plan/form";
	}

	/** The approved items for the HCP on the channel, best match first; none before an HCP is chosen. */
	private void contentOptions(Model model, Long hcpId, Channel channel, Authentication user) {
		Channel on = (channel != null && channel.isPush()) ? channel : Channel.VISIT;
		if (hcpId == null || !Policy.allows(user, Capability.SEND_CONTENT) || this.search.summary(hcpId).isEmpty()) {
			model.addAttribute("contentOptions", List.of());
			return;
		}
		model.addAttribute("contentOptions", this.picker
			.candidates(hcpId, null, on.consentChannel().orElseThrow(), this.viewers.of(user.getName(), Policy.roles(user)))
			.stream()
			.limit(20)
			.map(m -> m.candidate())
			.toList());
	}

}
