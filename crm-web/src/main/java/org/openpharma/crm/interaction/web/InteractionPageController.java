package org.openpharma.crm.interaction.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.inquiry.InquiryQueries;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.interaction.TimelineQueries;
import org.openpharma.crm.interaction.TimelineQueries.InteractionDetail;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One interaction, read-only, opened from a row of the HCP's timeline: the contact, who logged it and when, and
 * everything captured with it. Every signed-in user reads it, as they read the timeline; what the firewall keeps
 * from a reader is left out by the query ({@link TimelineQueries#detail}).
 */
@Controller
class InteractionPageController {

	private final TimelineQueries timelines;

	private final InteractionManagement interactions;

	private final HcpSearch search;

	private final InquiryQueries inquiries;

	private final ReferenceData reference;

	private final UserManagement users;

	private final Clock clock;

	InteractionPageController(TimelineQueries timelines, InteractionManagement interactions, HcpSearch search,
			InquiryQueries inquiries, ReferenceData reference, UserManagement users, Clock clock) {
		this.timelines = timelines;
		this.interactions = interactions;
		this.search = search;
		this.inquiries = inquiries;
		this.reference = reference;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/interactions/{id:\\d+}")
	String show(@PathVariable long id, Authentication user, Locale locale, Model model) {
		InteractionDetail detail = this.timelines.detail(id, Policy.allows(user, Capability.READ_MEDICAL_CONTENT))
			.orElseThrow(() -> new NotFoundException("interaction", id));
		model.addAttribute("interaction", detail);
		model.addAttribute("hcp", this.search.summary(detail.hcpId()).orElse(null));
		model.addAttribute("department", this.reference.departmentName(detail.departmentCode(), locale));
		Map<String, String> areaNames = new HashMap<>();
		this.reference.therapeuticAreas().forEach(a -> areaNames.put(a.code(), a.name(locale)));
		Map<String, String> productNames = new HashMap<>();
		this.reference.products().forEach(p -> productNames.put(p.code(), p.name(locale)));
		model.addAttribute("areaNames", areaNames);
		model.addAttribute("productNames", productNames);
		String separator = "ja".equals(locale.getLanguage()) ? "、" : ", ";
		model.addAttribute("areas", names(detail.therapeuticAreaIds(), areaNames, separator));
		model.addAttribute("products", names(detail.productIds(), productNames, separator));
		// Subject and status only: every role may know that an inquiry exists (docs/adr/0011).
		model.addAttribute("inquiry",
				(detail.inquiryId() != null) ? this.inquiries.summary(detail.inquiryId()).orElse(null) : null);
		boolean logs = Policy.allows(user, Capability.LOG_INTERACTIONS);
		Interaction interaction = this.interactions.get(id);
		boolean editable = logs && interaction.isEditableBy(user.getName(), this.clock.instant());
		model.addAttribute("editable", editable);
		model.addAttribute("correctable", logs && !editable && interaction.isCorrectableBy(user.getName(),
				this.users.departmentOf(user.getName()).orElse(null)));
		return "interaction/detail";
	}

	/** The names joined, or null when there are none (the page then shows a dash). */
	private static String names(List<Long> ids, Map<String, String> names, String separator) {
		if (ids.isEmpty()) {
			return null;
		}
		return String.join(separator, ids.stream().map(id -> names.getOrDefault(String.valueOf(id), "#" + id)).toList());
	}

}
