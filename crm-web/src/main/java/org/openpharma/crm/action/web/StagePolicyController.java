package org.openpharma.crm.action.web;

import java.util.List;
import java.util.Locale;

import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.action.Approach;
import org.openpharma.crm.action.StagePolicies;
import org.openpharma.crm.action.StagePolicies.PolicyVersion;
import org.openpharma.crm.action.StageRule;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.Capability;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.convert.ConversionService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The stage policies (docs/adr/0031): the areas with their current version, one area's policy (or an earlier
 * version of it) with the history, and marketing's edit form, which saves a new version from the one the user saw.
 */
@Controller
@Allowed(Capability.READ_STAGE_POLICY)
class StagePolicyController {

	private final StagePolicies policies;

	private final ReferenceData reference;

	private final ConversionService conversion;

	StagePolicyController(StagePolicies policies, ReferenceData reference,
			@Qualifier("mvcConversionService") ConversionService conversion) {
		this.policies = policies;
		this.reference = reference;
		this.conversion = conversion;
	}

	@GetMapping("/policies")
	String list(Model model) {
		model.addAttribute("areas", this.policies.areas());
		return "policy/list";
	}

	@GetMapping("/policies/{areaId}")
	String show(@PathVariable long areaId, @RequestParam(name = "version", required = false) Long version, Model model,
			Locale locale) {
		String area = areaName(areaId, locale);
		PolicyVersion current = this.policies.current(areaId);
		PolicyVersion shown = (version == null || version == current.version()) ? current
				: this.policies.version(areaId, version).orElseThrow(() -> new NotFoundException("stage policy version", version));
		model.addAttribute("areaId", areaId);
		model.addAttribute("areaName", area);
		model.addAttribute("current", current);
		model.addAttribute("shown", shown);
		model.addAttribute("history", this.policies.history(areaId));
		choices(model);
		return "policy/detail";
	}

	@GetMapping("/policies/{areaId}/edit")
	@Allowed(Capability.EDIT_STAGE_POLICY)
	String initUpdateForm(@PathVariable long areaId, Model model, Locale locale) {
		PolicyVersion current = this.policies.current(areaId);
		model.addAttribute("form", PolicyForm.of(current.policy()));
		return formView(areaId, model, locale);
	}

	@PostMapping("/policies/{areaId}/edit")
	@Allowed(Capability.EDIT_STAGE_POLICY)
	String processUpdateForm(@PathVariable long areaId, @ModelAttribute("form") PolicyForm form, BindingResult result,
			Model model, Locale locale, Authentication user, RedirectAttributes redirect) {
		PolicyForm shownForm = form.withSpareRows();
		BindingResult shown = Forms.show(model, "form", shownForm, result, this.conversion);
		if (form.version() == null) {
			shown.reject("form.tampered");
		}
		if (!shown.hasErrors()) {
			try {
				PolicyVersion saved = this.policies.save(areaId, form.version(), form.toPolicy(areaId), form.note(),
						user.getName());
				redirect.addFlashAttribute("flash", "policy.saved");
				redirect.addFlashAttribute("flashArgs", new Object[] { saved.version() });
				return "redirect:/policies/" + areaId;
			}
			catch (ValidationException ex) {
				for (FieldViolation violation : ex.getViolations()) {
					String field = form.formPath(violation.field());
					if (shown.getFieldType(field) != null) {
						shown.rejectValue(field, violation.code(), violation.arguments(), violation.code());
					}
					else {
						shown.reject(violation.code(), violation.arguments(), violation.code());
					}
				}
			}
			catch (StaleVersionException ex) {
				shown.reject("policy.conflict", new Object[] { ex.getCurrentVersion() }, "policy.conflict");
			}
		}
		return formView(areaId, model, locale);
	}

	private String formView(long areaId, Model model, Locale locale) {
		model.addAttribute("areaId", areaId);
		model.addAttribute("areaName", areaName(areaId, locale));
		model.addAttribute("slots", java.util.stream.IntStream.range(0, StageRule.MAX_ACTIONS).boxed().toList());
		choices(model);
		return "policy/form";
	}

	private void choices(Model model) {
		model.addAttribute("stages", List.of(AdoptionStage.values()));
		model.addAttribute("approaches", List.of(Approach.values()));
		model.addAttribute("actionKinds", List.of(ActionKind.values()));
		model.addAttribute("channels", List.of(ConsentChannel.values()));
	}

	private String areaName(long areaId, Locale locale) {
		return this.reference.therapeuticAreas()
			.stream()
			.filter(a -> a.code().equals(String.valueOf(areaId)))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("therapeutic area", areaId))
			.name(locale);
	}

}
