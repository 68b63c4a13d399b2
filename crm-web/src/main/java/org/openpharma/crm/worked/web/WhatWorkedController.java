package org.openpharma.crm.worked.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.reference.ReferenceData.Item;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.openpharma.crm.worked.Period;
import org.openpharma.crm.worked.RuleOutcomes;
import org.springframework.security.core.Authentication;
import org.openpharma.crm.campaign.CampaignResults;
import org.openpharma.crm.campaign.Campaigns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The check of what worked (docs/adr/0036): one therapeutic area and a period (default: the last 180 days), the stage
 * policy rules' section with accepted against dismissed and what followed, for the user's HCPs (a territorial
 * manager's territories). Model: {@code areas}, {@code areaId}, {@code areaName}, {@code period} (or {@code from} /
 * {@code to} as typed with {@code periodErrors}), {@code territorial}, and one attribute per section:
 * {@code ruleReport} for the rules (fragment {@code worked/rules :: rules}); a campaign section adds its own.
 */
@Controller
@Allowed(Capability.READ_WHAT_WORKED)
class WhatWorkedController {

	private final RuleOutcomes rules;

	private final ReferenceData reference;

	private final UserManagement users;

	private final Clock clock;

	private final Campaigns campaigns;

	private final CampaignResults campaignResults;

	WhatWorkedController(RuleOutcomes rules, ReferenceData reference, UserManagement users, Clock clock,
			Campaigns campaigns, CampaignResults campaignResults) {
		this.rules = rules;
		this.campaigns = campaigns;
		this.campaignResults = campaignResults;
		this.reference = reference;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/what-worked")
	String show(@RequestParam(name = "area", required = false) Long area,
			@RequestParam(name = "from", required = false) String from,
			@RequestParam(name = "to", required = false) String to, Model model, Locale locale, Authentication user) {
		List<Item> areas = this.reference.therapeuticAreas();
		model.addAttribute("areas", areas);
		model.addAttribute("from", (from != null) ? from : "");
		model.addAttribute("to", (to != null) ? to : "");
		if (areas.isEmpty()) {
			return "worked/page";
		}
		Item shown = (area == null) ? areas.get(0)
				: areas.stream()
					.filter(a -> a.code().equals(String.valueOf(area)))
					.findFirst()
					.orElseThrow(() -> new NotFoundException("therapeutic area", area));
		long areaId = Long.parseLong(shown.code());
		model.addAttribute("areaId", areaId);
		model.addAttribute("areaName", shown.name(locale));
		WorkScope scope = this.users.scopeOf(user.getName());
		model.addAttribute("territorial", !scope.national());
		Map<String, FieldViolation> errors = new LinkedHashMap<>();
		LocalDate fromDay = day("from", from, errors);
		LocalDate toDay = day("to", to, errors);
		if (errors.isEmpty()) {
			try {
				Period period = Period.of(fromDay, toDay, LocalDate.now(this.clock.withZone(Japan.ZONE)));
				model.addAttribute("period", period);
				model.addAttribute("from", period.from().toString());
				model.addAttribute("to", period.to().toString());
				model.addAttribute("ruleReport", this.rules.report(areaId, period, scope));
				// Campaigns are national: their results are read for every member, whoever looks.
				List<Campaigns.Campaign> started = this.campaigns.startedIn(areaId, period.start(), period.end());
				model.addAttribute("campaignReport", started);
				model.addAttribute("campaignResults", this.campaignResults.of(started));
			}
			catch (ValidationException ex) {
				ex.getViolations().forEach(v -> errors.putIfAbsent(v.field(), v));
			}
		}
		model.addAttribute("periodErrors", errors);
		return "worked/page";
	}

	private static LocalDate day(String field, String value, Map<String, FieldViolation> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(field, new FieldViolation(field, "worked.period.invalid"));
			return null;
		}
	}

}
