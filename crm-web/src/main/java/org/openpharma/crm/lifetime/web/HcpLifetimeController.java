package org.openpharma.crm.lifetime.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.lifetime.PatientLifetimeQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The card "patients over time" on the HCP page, loaded by htmx: per area the months the HCP reported, the patients
 * treated and the cumulative patient-months. Counts only; every signed-in user reads the patient counts on the HCP
 * page, so the card needs no capability.
 */
@Controller
class HcpLifetimeController {

	private final PatientLifetimeQueries lifetimes;

	private final ReferenceData reference;

	HcpLifetimeController(PatientLifetimeQueries lifetimes, ReferenceData reference) {
		this.lifetimes = lifetimes;
		this.reference = reference;
	}

	@GetMapping("/hcps/{id}/patient-lifetime")
	String card(@PathVariable long id, Locale locale, Model model) {
		model.addAttribute("hcpId", id);
		model.addAttribute("lifetimes", this.lifetimes.ofHcp(id));
		Map<Long, String> areaNames = new LinkedHashMap<>();
		this.reference.therapeuticAreas().forEach(a -> areaNames.put(Long.valueOf(a.code()), a.name(locale)));
		model.addAttribute("areaNames", areaNames);
		return "lifetime/card :: card";
	}

}
