package org.openpharma.crm.dashboard.web;

import java.security.Principal;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardFilters;
import org.openpharma.crm.dashboard.PatientTargets.Target;
import org.openpharma.crm.dashboard.PatientTargets;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/** Managers and admins set treated-patient targets per area (product, region) and month. */
@Controller
@Allowed(Capability.SET_TARGETS)
class TargetController {

	private final PatientTargets targets;

	private final DashboardSupport support;

	private final DashboardFilters filters;

	private final org.openpharma.crm.user.UserManagement users;

	TargetController(PatientTargets targets, DashboardSupport support, DashboardFilters filters,
			org.openpharma.crm.user.UserManagement users) {
		this.targets = targets;
		this.support = support;
		this.filters = filters;
		this.users = users;
	}

	@GetMapping("/dashboards/targets")
	String list(@ModelAttribute("filter") DashboardParams params, BindingResult errors, Model model,
			HttpServletResponse response, java.util.Locale locale) {
		this.support.choices(model, locale);
		DashboardFilter filter = this.support.filter(params, errors, response);
		if (!model.containsAttribute("target")) {
			model.addAttribute("target", TargetForm.forFilter(this.filters.currentMonth(), filter));
		}
		return page(filter, model);
	}

	private String page(DashboardFilter filter, Model model) {
		model.addAttribute("page", "targets");
		if (filter != null) {
			model.addAttribute("query", DashboardController.query(filter));
			java.util.List<Target> list = this.targets.list(filter);
			model.addAttribute("targets", list);
			// Who set each target, by name (a screen shows people, not user names).
			model.addAttribute("setByNames",
					this.users.displayNamesOf(list.stream().map(Target::setBy).collect(java.util.stream.Collectors.toSet())));
		}
		return "dashboard/targets";
	}

	@PostMapping("/dashboards/targets")
	String set(@ModelAttribute("target") TargetForm form, BindingResult result, Principal user, Model model,
			RedirectAttributes redirect, HttpServletResponse response, java.util.Locale locale) {
		// A number that did not bind stays on screen with its error.
		BindingResult errors = Forms.show(model, "target", form, result, null);
		if (!errors.hasErrors()) {
			try {
				Target saved = this.targets.set(form.toDraft(), form.version(), user.getName());
				redirect.addFlashAttribute("flash", "target.saved");
				redirect.addFlashAttribute("flashArgs", new Object[] { saved.period().toString(), saved.treatedTarget() });
				return "redirect:/dashboards/targets?from=" + saved.period() + "&to=" + saved.period();
			}
			catch (ValidationException ex) {
				Forms.reject(errors, ex);
			}
			catch (StaleVersionException ex) {
				errors.reject("target.stale");
				response.setStatus(HttpStatus.CONFLICT.value());
			}
		}
		if (response.getStatus() < 400) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		this.support.choices(model, locale);
		DashboardParams params = new DashboardParams();
		model.addAttribute("filter", params);
		DashboardFilter filter = DashboardFilter.defaults(this.filters.currentMonth());
		params.fillDefaults(filter);
		return page(filter, model);
	}

}
