package org.openpharma.crm.dashboard.web;

import java.util.Locale;

import org.openpharma.crm.dashboard.ChannelDashboardQueries;
import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardSource;
import org.openpharma.crm.dashboard.NeedsDashboardQueries;
import org.openpharma.crm.dashboard.PatientDashboardQueries;
import org.openpharma.crm.dashboard.SlaDashboardQueries;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The four dashboards (patients, needs funnel, channel mix and coverage, inquiry SLA); their drill-down lists are
 * DashboardDrillController's. Managers steer with them; marketing and medical read them; admins see them to set
 * targets. Every figure comes from the rollups; every chart has its table, which is also what the chart draws.
 */
@Controller
@Allowed(Capability.READ_DASHBOARDS)
class DashboardController {

	private final PatientDashboardQueries patients;

	private final NeedsDashboardQueries needs;

	private final ChannelDashboardQueries channels;

	private final SlaDashboardQueries sla;

	private final DashboardSupport support;

	DashboardController(PatientDashboardQueries patients, NeedsDashboardQueries needs, ChannelDashboardQueries channels,
			SlaDashboardQueries sla, DashboardSupport support) {
		this.patients = patients;
		this.needs = needs;
		this.channels = channels;
		this.sla = sla;
		this.support = support;
	}

	@ModelAttribute
	void choices(Model model, Locale locale, java.security.Principal user) {
		this.support.choices(model, locale, user.getName());
	}

	@GetMapping("/dashboards")
	String index() {
		return "redirect:/dashboards/patients";
	}

	@GetMapping("/dashboards/patients")
	String patients(@ModelAttribute("filter") DashboardParams params, BindingResult errors, Model model,
			HttpServletResponse response) {
		DashboardFilter filter = filter(params, errors, response);
		if (filter != null) {
			model.addAttribute("patients", this.patients.patients(filter, DashboardSource.ROLLUP));
		}
		return page("patients", filter, model);
	}

	@GetMapping("/dashboards/needs")
	String needs(@ModelAttribute("filter") DashboardParams params, BindingResult errors, Model model,
			HttpServletResponse response) {
		DashboardFilter filter = filter(params, errors, response);
		if (filter != null) {
			model.addAttribute("needs", this.needs.needs(filter, DashboardSource.ROLLUP));
			model.addAttribute("ageFrom", NeedsDashboardQueries.AGE_FROM_MONTHS);
		}
		return page("needs", filter, model);
	}

	@GetMapping("/dashboards/channels")
	String channels(@ModelAttribute("filter") DashboardParams params, BindingResult errors, Model model,
			HttpServletResponse response) {
		DashboardFilter filter = filter(params, errors, response);
		if (filter != null) {
			model.addAttribute("channels", this.channels.channels(filter, DashboardSource.ROLLUP));
		}
		return page("channels", filter, model);
	}

	@GetMapping("/dashboards/inquiries")
	@Allowed(Capability.READ_SLA_DASHBOARD)
	String inquiries(@ModelAttribute("filter") DashboardParams params, BindingResult errors, Model model,
			HttpServletResponse response) {
		DashboardFilter filter = filter(params, errors, response);
		if (filter != null) {
			model.addAttribute("sla", this.sla.inquiries(filter));
		}
		return page("inquiries", filter, model);
	}

	private DashboardFilter filter(DashboardParams params, BindingResult errors, HttpServletResponse response) {
		return this.support.filter(params, errors, response,
				org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication().getName());
	}

	private static String page(String name, DashboardFilter filter, Model model) {
		model.addAttribute("page", name);
		if (filter != null) {
			model.addAttribute("query", query(filter));
			model.addAttribute("dashboardFilter", filter);
		}
		return "dashboard/" + name;
	}

	/** The filter as a query string (without "?"), for drill-down and CSV links. */
	static String query(DashboardFilter filter) {
		StringBuilder query = new StringBuilder();
		filter.parameters().forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
			.append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
		return query.toString();
	}

}
