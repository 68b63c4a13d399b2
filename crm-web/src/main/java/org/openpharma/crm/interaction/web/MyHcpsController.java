package org.openpharma.crm.interaction.web;

import java.security.Principal;
import java.time.Clock;

import org.openpharma.crm.interaction.MyHcpsQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An MR's worklist: territory HCPs ordered by open needs and days since the last contact. */
@Controller
class MyHcpsController {

	private final MyHcpsQueries queries;

	private final ReferenceData reference;

	private final Clock clock;

	MyHcpsController(MyHcpsQueries queries, ReferenceData reference, Clock clock) {
		this.queries = queries;
		this.reference = reference;
		this.clock = clock;
	}

	@GetMapping("/my-hcps")
	String list(@RequestParam(name = "page", defaultValue = "0") String page, Principal user, Model model) {
		int p = page.matches("\\d{1,3}") ? Integer.parseInt(page) : 0;
		model.addAttribute("results", this.queries.forUser(user.getName(), p, 25));
		model.addAttribute("base", "/my-hcps");
		model.addAttribute("ref", this.reference);
		model.addAttribute("now", this.clock.instant());
		return "interaction/my-hcps";
	}

}
