package org.openpharma.crm.privacy.web;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.privacy.DataRights;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An HCP's data rights, for the administrator who handles the request: everything held about the HCP
 * as a readable page and as JSON, and erasure with a report of what was removed, anonymised and kept.
 */
@Controller
@Allowed(Capability.ANSWER_DATA_REQUESTS)
class DataRightsController {

	private final DataRights rights;

	DataRightsController(DataRights rights) {
		this.rights = rights;
	}

	@GetMapping("/hcps/{id}/data")
	String show(@PathVariable long id, Principal user, Model model) {
		model.addAttribute("hcpId", id);
		model.addAttribute("export", this.rights.export(id, user.getName(), "page"));
		model.addAttribute("sections", DataRights.sectionNames());
		return "privacy/data";
	}

	@GetMapping(path = "/hcps/{id}/data.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, List<Map<String, Object>>>> json(@PathVariable long id, Principal user) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"hcp-" + id + "-data.json\"")
			.body(this.rights.export(id, user.getName(), "json"));
	}

	@PostMapping("/hcps/{id}/erase")
	String erase(@PathVariable long id, @RequestParam(name = "confirm", required = false) String confirm,
			Principal user, Model model, RedirectAttributes redirect) {
		if (!"yes".equals(confirm)) {
			redirect.addFlashAttribute("flashWarning", "privacy.erase.confirmFirst");
			return "redirect:/hcps/" + id + "/data";
		}
		try {
			model.addAttribute("report", this.rights.erase(id, user.getName()));
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getCode());
			return "redirect:/hcps/" + id + "/data";
		}
		return "privacy/erased";
	}

}
