package org.openpharma.crm.consent.web;

import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;

import jakarta.validation.Valid;

import org.openpharma.crm.consent.ConsentBreaches;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentLinks;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.system.PublicBaseUrl;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An HCP's consent: the current matrix, the full ledger, recording consent given in person or by phone,
 * and a self-service link for the HCP. Who may record is set in SecurityConfiguration.
 */
@Controller
class ConsentController {

	/** Contacts without consent a page lists at most. */
	static final int BREACHES_SHOWN = 100;

	private final ConsentLedger ledger;

	private final ConsentBreaches breaches;

	private final ConsentLinks links;

	private final HcpSearch hcps;

	private final Clock clock;

	private final Policy policy;

	private final PublicBaseUrl publicBaseUrl;

	private final UserManagement users;

	ConsentController(ConsentLedger ledger, ConsentBreaches breaches, ConsentLinks links, HcpSearch hcps,
			Policy policy, Clock clock, PublicBaseUrl publicBaseUrl, UserManagement users) {
		this.users = users;
		this.policy = policy;
		this.ledger = ledger;
		this.breaches = breaches;
		this.links = links;
		this.hcps = hcps;
		this.clock = clock;
		this.publicBaseUrl = publicBaseUrl;
	}

	@GetMapping("/hcps/{id}/consent")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("form", ConsentForm.empty(this.clock.instant()));
		return page(id, model);
	}

	@PostMapping("/hcps/{id}/consent")
	@Allowed(Capability.RECORD_CONSENT)
	String record(@PathVariable long id, @Valid @ModelAttribute("form") ConsentForm form, BindingResult result,
			Principal user, Model model, RedirectAttributes redirect) {
		if (form.source() == ConsentSource.IMPORT || form.source() == ConsentSource.WEB_LINK) {
			result.rejectValue("source", "consent.source.notManual");
		}
		if (result.hasErrors()) {
			return page(id, model);
		}
		try {
			this.ledger.record(id, form.toEntry(user.getName()), user.getName());
		}
		catch (ValidationException ex) {
			// The ledger speaks of the record's expiresAt; the form asks for a date, expiresOn.
			Forms.reject(result, new ValidationException(ex.getViolations().stream()
				.map(v -> "expiresAt".equals(v.field()) ? new FieldViolation("expiresOn", v.code(), v.arguments()) : v)
				.toList()));
			return page(id, model);
		}
		redirect.addFlashAttribute("flash", "consent.recorded");
		return "redirect:/hcps/" + id + "/consent";
	}

	@PostMapping("/hcps/{id}/consent/link")
	@Allowed(Capability.RECORD_CONSENT)
	String createLink(@PathVariable long id, Principal user, RedirectAttributes redirect) {
		String token = this.links.create(id, user.getName());
		// The HCP opens it from an e-mail: on the public address, never on the Host this request named.
		redirect.addFlashAttribute("consentLink", this.publicBaseUrl.link("/consent/" + token));
		return "redirect:/hcps/" + id + "/consent";
	}

	/**
	 * Contacts recorded without the consent they needed: a manager sees those within their scope
	 * (WorkScope: their territories, or the whole country for head office), everyone else the ones they
	 * recorded themselves.
	 */
	@GetMapping("/consent-breaches")
	String breaches(Principal user, Model model) {
		boolean territory = this.policy.may(Capability.REVIEW_TEAM_BREACHES);
		model.addAttribute("territory", territory);
		if (territory) {
			WorkScope scope = this.users.scopeOf(user.getName());
			model.addAttribute("breaches", this.breaches.within(scope.national() ? null : scope.prefectures(),
					BREACHES_SHOWN));
		}
		else {
			model.addAttribute("breaches", this.breaches.recordedBy(user.getName(), BREACHES_SHOWN));
		}
		return "consent/breaches";
	}

	private String page(long id, Model model) {
		HcpSummary hcp = this.hcps.summary(id).orElseThrow(() -> new NotFoundException("HCP", id));
		model.addAttribute("hcp", hcp);
		model.addAttribute("matrix", this.ledger.matrix(id));
		model.addAttribute("rules", this.ledger.rules());
		model.addAttribute("breaches", this.breaches.forHcp(id, BREACHES_SHOWN));
		model.addAttribute("history", this.ledger.history(id));
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("purposes", ConsentPurpose.values());
		model.addAttribute("states", ConsentState.values());
		model.addAttribute("sources", Arrays.asList(ConsentForm.MANUAL_SOURCES));
		return "consent/hcp";
	}

}
