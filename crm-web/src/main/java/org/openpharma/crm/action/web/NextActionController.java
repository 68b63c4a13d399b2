package org.openpharma.crm.action.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openpharma.crm.action.NextActionDecisions;
import org.openpharma.crm.action.NextActionDecisions.Accepted;
import org.openpharma.crm.action.NextActions;
import org.openpharma.crm.action.NextActions.AreaActions;
import org.openpharma.crm.action.Suggestion;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The next actions on the HCP page (loaded into its top by htmx): per area, the suggestions with every reason and
 * what was left out; accept turns one into its work (a planned call, an e-mail to compose, a hand-off), dismiss keeps
 * the reason. Only the department a suggestion names acts on it.
 */
@Controller
@Allowed(Capability.READ_NEXT_ACTIONS)
class NextActionController {

	/** The area's name and its suggestions as shown. */
	record AreaView(long areaId, String areaName, List<ActionRows.Row> suggestions, List<ActionRows.Left> left) {
	}

	private final NextActions actions;

	private final NextActionDecisions decisions;

	private final UserManagement users;

	private final ReferenceData reference;

	private final MessageSource messages;

	private final Clock clock;

	NextActionController(NextActions actions, NextActionDecisions decisions, UserManagement users,
			ReferenceData reference, MessageSource messages, Clock clock) {
		this.actions = actions;
		this.decisions = decisions;
		this.users = users;
		this.reference = reference;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/hcps/{id}/next-actions")
	String panel(@PathVariable long id, Authentication user, Locale locale, Model model) {
		return panel(id, user, locale, model, null, null);
	}

	/** Suggestions on the day's list (My HCPs). */
	static final int DAY_LIST = 10;

	/** The day's suggestions for the user's territory, loaded into My HCPs. */
	@GetMapping("/next-actions/today")
	String today(Authentication user, Locale locale, Model model) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		String department = this.users.departmentOf(user.getName()).orElse("");
		ActionRows rows = new ActionRows(this.messages, locale, this.reference);
		model.addAttribute("dayActions", this.actions.today(this.users.scopeOf(user.getName()), DAY_LIST)
			.stream()
			.map(d -> new DayView(d.hcpId(), d.hcpName(), areaName(d.therapeuticAreaId(), locale),
					rows.row(d.suggestion(), department, today)))
			.toList());
		model.addAttribute("department", department);
		return "action/today :: today";
	}

	/** One line of the day's list. */
	record DayView(long hcpId, String hcpName, String areaName, ActionRows.Row action) {
	}

	@PostMapping("/hcps/{id}/next-actions/accept")
	@Allowed(Capability.ACT_ON_NEXT_ACTIONS)
	String accept(@PathVariable long id, @RequestParam String key, Authentication user, Locale locale,
			RedirectAttributes redirect) {
		try {
			Accepted accepted = this.decisions.accept(id, key, user.getName());
			Suggestion s = accepted.suggestion();
			switch (accepted.resultType()) {
				case EMAIL -> {
					redirect.addFlashAttribute("flash", "action.accepted.email");
					return "redirect:/hcps/" + id + "/emails/new?versionId=" + s.contentVersionId()
							+ ((s.needId() != null) ? "&needId=" + s.needId() : "");
				}
				case PLANNED_CALL -> {
					redirect.addFlashAttribute("flash", "action.accepted.planned");
					redirect.addFlashAttribute("flashArgs", new Object[] { s.dueOn().toString() });
					return "redirect:/plan?week=" + s.dueOn();
				}
				case MEDICAL_HANDOFF -> redirect.addFlashAttribute("flash", "action.accepted.handoff");
				default -> redirect.addFlashAttribute("flash", "action.accepted.none");
			}
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getViolations().get(0).code());
			redirect.addFlashAttribute("flashArgs", args(ex.getViolations().get(0), locale));
		}
		return "redirect:/hcps/" + id;
	}

	@PostMapping("/hcps/{id}/next-actions/dismiss")
	@Allowed(Capability.ACT_ON_NEXT_ACTIONS)
	String dismiss(@PathVariable long id, @RequestParam String key, @RequestParam(defaultValue = "") String reason,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication user, Locale locale,
			Model model, RedirectAttributes redirect) {
		try {
			this.decisions.dismiss(id, key, reason, user.getName());
			if (htmx != null) {
				model.addAttribute("actionFlash", "action.dismissed");
				return panel(id, user, locale, model, null, null);
			}
			redirect.addFlashAttribute("flash", "action.dismissed");
		}
		catch (ValidationException ex) {
			FieldViolation violation = ex.getViolations().get(0);
			String text = this.messages.getMessage(violation.code(), args(violation, locale), violation.code(), locale);
			if (htmx != null) {
				return panel(id, user, locale, model, key, text);
			}
			redirect.addFlashAttribute("flashWarning", violation.code());
			redirect.addFlashAttribute("flashArgs", args(violation, locale));
		}
		return "redirect:/hcps/" + id;
	}

	private String panel(long id, Authentication user, Locale locale, Model model, String errorKey, String error) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
		String department = this.users.departmentOf(user.getName()).orElse("");
		ActionRows rows = new ActionRows(this.messages, locale, this.reference);
		List<AreaView> areas = new ArrayList<>();
		for (AreaActions area : this.actions.forHcp(id)) {
			areas.add(new AreaView(area.therapeuticAreaId(), areaName(area.therapeuticAreaId(), locale),
					area.outcome().suggestions().stream().map(s -> rows.row(s, department, today)).toList(),
					area.outcome().excluded().stream().map(rows::left).toList()));
		}
		model.addAttribute("hcpId", id);
		model.addAttribute("actionAreas", areas);
		model.addAttribute("errorKey", errorKey);
		model.addAttribute("error", error);
		return "action/panel :: panel";
	}

	/** A violation's arguments as shown: "action.notYours" names the department that acts on the suggestion. */
	private Object[] args(FieldViolation violation, Locale locale) {
		if ("action.notYours".equals(violation.code())) {
			return new Object[] { this.reference.departmentName(String.valueOf(violation.arguments()[0]), locale) };
		}
		return violation.arguments();
	}

	private String areaName(long areaId, Locale locale) {
		return this.reference.therapeuticAreas()
			.stream()
			.filter(a -> a.code().equals(Long.toString(areaId)))
			.map(a -> a.name(locale))
			.findFirst()
			.orElse("#" + areaId);
	}

}
