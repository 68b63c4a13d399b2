package org.openpharma.crm.plan.web;

import java.security.Principal;
import java.time.LocalDate;

import org.openpharma.crm.plan.CallPlans;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The manager's coaching view: per rep of their territories and per week, plan against done and what moved. */
@Controller
@Allowed(Capability.READ_CALL_PLANS)
class TeamPlanController {

	private final CallPlans plans;

	TeamPlanController(CallPlans plans) {
		this.plans = plans;
	}

	@GetMapping("/plan/team")
	String team(@RequestParam(name = "week", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
			Principal user, Model model) {
		LocalDate monday = CallPlans.mondayOf((week != null) ? week : this.plans.today());
		model.addAttribute("monday", monday);
		model.addAttribute("sunday", monday.plusDays(6));
		model.addAttribute("previous", monday.minusWeeks(1));
		model.addAttribute("next", monday.plusWeeks(1));
		model.addAttribute("reps", this.plans.team(user.getName(), monday));
		return "plan/team";
	}

}
