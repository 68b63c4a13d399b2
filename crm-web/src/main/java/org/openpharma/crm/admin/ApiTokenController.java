package org.openpharma.crm.admin;

import java.security.Principal;

import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.Capability;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API tokens of system users: create (shown once), list, revoke. */
@Controller
@Allowed(Capability.ADMINISTER)
class ApiTokenController {

	private final ApiTokens tokens;

	private final ReferenceData reference;

	ApiTokenController(ApiTokens tokens, ReferenceData reference) {
		this.tokens = tokens;
		this.reference = reference;
	}

	@GetMapping("/admin/tokens")
	String list(Model model) {
		model.addAttribute("tokens", this.tokens.all());
		model.addAttribute("departments", this.reference.departments());
		return "admin/tokens";
	}

	@PostMapping("/admin/tokens")
	String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String tokenName,
			@RequestParam(defaultValue = "") String departmentCode, Principal admin, Model model) {
		try {
			model.addAttribute("newToken", this.tokens.create(username, tokenName, departmentCode, admin.getName()));
			model.addAttribute("flash", "token.created");
		}
		catch (ValidationException ex) {
			model.addAttribute("errors", ex.getViolations().stream().map(FieldViolation::code).distinct().toList());
			model.addAttribute("username", username);
			model.addAttribute("tokenName", tokenName);
		}
		return list(model);
	}

	@PostMapping("/admin/tokens/{id}/revoke")
	String revoke(@PathVariable long id, Principal admin, RedirectAttributes redirect) {
		this.tokens.revoke(id, admin.getName());
		redirect.addFlashAttribute("flash", "token.revoked");
		return "redirect:/admin/tokens";
	}

}
