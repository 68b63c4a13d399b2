package org.openpharma.crm.hco.web;

import org.openpharma.crm.hco.HcoManagement;
import org.openpharma.crm.hco.HcoQueries;
import org.openpharma.crm.reference.ReferenceData;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** HCO list and the HCO page with its HCPs; also the option list behind the HCO picker. */
@Controller
class HcoController {

	private static final int PAGE_SIZE = 20;

	private final HcoQueries queries;

	private final HcoManagement hcos;

	private final ReferenceData reference;

	HcoController(HcoQueries queries, HcoManagement hcos, ReferenceData reference) {
		this.queries = queries;
		this.hcos = hcos;
		this.reference = reference;
	}

	@GetMapping("/hcos")
	String list(@RequestParam(name = "q", defaultValue = "") String q,
			@RequestParam(name = "prefecture", required = false) String prefecture,
			@RequestParam(name = "type", defaultValue = "") String type,
			@RequestParam(name = "page", defaultValue = "0") String page, Model model) {
		Integer prefectureCode = this.reference.prefectureCode(prefecture);
		String hcoType = type.matches("HOSPITAL|CLINIC|PHARMACY") ? type : "";
		String query = (q.length() > 100) ? q.substring(0, 100) : q;
		model.addAttribute("results", this.queries.search(query, prefectureCode, hcoType, parsePage(page), PAGE_SIZE));
		model.addAttribute("q", query);
		model.addAttribute("prefecture", prefectureCode);
		model.addAttribute("type", hcoType);
		model.addAttribute("prefectures", this.reference.prefectures());
		model.addAttribute("ref", this.reference);
		UriComponentsBuilder base = UriComponentsBuilder.fromPath("/hcos").queryParam("q", query).queryParam("type", hcoType);
		if (prefectureCode != null) {
			base.queryParam("prefecture", prefectureCode);
		}
		model.addAttribute("base", base.encode().build().toUriString());
		return "hco/list";
	}

	@GetMapping("/hcos/{id}")
	String show(@PathVariable long id, @RequestParam(name = "page", defaultValue = "0") String page, Model model) {
		model.addAttribute("hco", this.hcos.get(id));
		model.addAttribute("hcps", this.queries.hcps(id, parsePage(page), PAGE_SIZE));
		model.addAttribute("ref", this.reference);
		model.addAttribute("base", "/hcos/" + id);
		return "hco/detail";
	}

	/** Options for the HCO picker of the HCP form (htmx search-as-you-type). */
	@GetMapping("/hcos/options")
	String options(@RequestParam(name = "hcoQuery", defaultValue = "") String q, Model model) {
		String query = (q.length() > 100) ? q.substring(0, 100) : q;
		model.addAttribute("options", query.isBlank() ? java.util.List.of() : this.queries.search(query, null, null, 0, 30).items());
		return "hco/options";
	}

	private static int parsePage(String page) {
		return page.matches("\\d{1,4}") ? Math.min(Integer.parseInt(page), 500) : 0;
	}

}
