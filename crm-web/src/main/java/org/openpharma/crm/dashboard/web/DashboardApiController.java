package org.openpharma.crm.dashboard.web;

import org.openpharma.crm.dashboard.ChannelDashboardQueries;
import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.DashboardFilters;
import org.openpharma.crm.dashboard.DashboardSource;
import org.openpharma.crm.dashboard.NeedsDashboardQueries;
import org.openpharma.crm.dashboard.PatientDashboardQueries;
import org.openpharma.crm.dashboard.SlaDashboardQueries;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The dashboards' figures as JSON, with the screens' filter. {@code source=raw} recomputes them from raw
 * rows instead of the rollups (administrators only: it is the slow path the benchmark compares with, and a
 * way to check a figure).
 */
@RestController
@Allowed(Capability.READ_DASHBOARDS)
class DashboardApiController {

	private final DashboardFilters filters;

	private final PatientDashboardQueries patients;

	private final NeedsDashboardQueries needs;

	private final ChannelDashboardQueries channels;

	private final SlaDashboardQueries sla;

	private final Policy policy;

	private final DashboardScope scope;

	DashboardApiController(DashboardFilters filters, PatientDashboardQueries patients, NeedsDashboardQueries needs,
			ChannelDashboardQueries channels, SlaDashboardQueries sla, Policy policy, DashboardScope scope) {
		this.filters = filters;
		this.patients = patients;
		this.needs = needs;
		this.channels = channels;
		this.sla = sla;
		this.policy = policy;
		this.scope = scope;
	}

	@GetMapping("/api/v1/dashboards/{page}")
	@Operation(summary = "Figures of one dashboard: patients, needs, channels or inquiries")
	Object dashboard(@PathVariable String page,
			@Parameter(description = "first month, yyyy-MM (default: 11 months before the current one)")
			@RequestParam(required = false) String from,
			@Parameter(description = "last month, yyyy-MM (default: the current month)")
			@RequestParam(required = false) String to,
			@Parameter(description = "therapeutic area id") @RequestParam(required = false) String ta,
			@Parameter(description = "product id") @RequestParam(required = false) String product,
			@Parameter(description = "region code, e.g. KANTO") @RequestParam(required = false) String region,
			@Parameter(description = "department code, e.g. SALES") @RequestParam(required = false) String department,
			@Parameter(description = "rollup (default) or raw (administrators)")
			@RequestParam(defaultValue = "rollup") String source) {
		DashboardSource origin = switch (source) {
			case "rollup" -> DashboardSource.ROLLUP;
			case "raw" -> DashboardSource.RAW;
			default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "source is rollup or raw");
		};
		if (origin == DashboardSource.RAW && !this.policy.may(Capability.READ_RAW_DASHBOARDS)) {
			throw new AccessDeniedException("raw figures are for administrators");
		}
		DashboardFilter filter = DashboardFilter.parse(from, to, ta, product, region, department,
				this.filters.currentMonth());
		this.filters.check(filter);
		filter = this.scope.apply(filter,
				org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication().getName());
		return switch (page) {
			case "patients" -> this.patients.patients(filter, origin);
			case "needs" -> this.needs.needs(filter, origin);
			case "channels" -> this.channels.channels(filter, origin);
			case "inquiries" -> {
				if (!this.policy.may(Capability.READ_SLA_DASHBOARD)) {
					throw new AccessDeniedException("the inquiry SLA is for managers and medical affairs");
				}
				yield this.sla.inquiries(filter);
			}
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dashboard " + page);
		};
	}

}
