package org.openpharma.crm.interaction.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;

import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSearchCriteria;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.PolicyDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.interaction.MyHcpsQueries;
import org.openpharma.crm.interaction.web.InteractionForm.CountRow;
import org.openpharma.crm.interaction.web.InteractionForm.NeedRow;
import org.openpharma.crm.interaction.web.InteractionForm.StageRow;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Logging an interaction with its needs, stage changes, policy note and patient counts in one form;
 * the author's edit within 24 hours; a correction afterwards.
 */
@Controller
@Allowed(Capability.LOG_INTERACTIONS)
class InteractionController {

	/** Rows a form may grow to; a forged index beyond it is refused by the binder. */
	static final int MAX_ROWS = 10;

	private final InteractionManagement interactions;

	private final HcpSearch search;

	private final MyHcpsQueries myHcps;

	private final ReferenceData reference;

	private final Clock clock;

	private final UserManagement users;

	InteractionController(InteractionManagement interactions, HcpSearch search, MyHcpsQueries myHcps,
			ReferenceData reference, UserManagement users, Clock clock) {
		this.users = users;
		this.interactions = interactions;
		this.search = search;
		this.myHcps = myHcps;
		this.reference = reference;
		this.clock = clock;
	}

	@InitBinder("form")
	void limitRows(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(MAX_ROWS);
	}

	/** The form page with its choices and the HCP it is for: only when the form is shown, not on a successful save. */
	private String formView(Model model, Long hcpId, Principal user) {
		choices(model);
		// Shown, not chosen: the purpose of a contact follows from who sends it.
		model.addAttribute("senderPurpose",
				org.openpharma.crm.consent.ConsentPurpose.ofSender(this.users.departmentOf(user.getName()).orElse(null)));
		addHcp(model, hcpId);
		return "interaction/form";
	}

	private void choices(Model model) {
		model.addAttribute("channels", Channel.values());
		model.addAttribute("categories", NeedCategory.values());
		model.addAttribute("urgencies", Urgency.values());
		model.addAttribute("ladder", AdoptionStage.values());
		model.addAttribute("areas", this.reference.therapeuticAreas());
		model.addAttribute("products", this.reference.products());
	}

	@GetMapping("/interactions/new")
	String initCreationForm(@RequestParam(name = "hcpId", required = false) Long hcpId, Principal user, Model model) {
		InteractionForm form = new InteractionForm();
		form.setHcpId(hcpId);
		form.setOccurredAt(LocalDateTime.now(this.clock.withZone(Japan.ZONE)).truncatedTo(ChronoUnit.MINUTES));
		form.getNeeds().add(new NeedRow());
		form.getNeeds().add(new NeedRow());
		form.getStages().add(new StageRow());
		CountRow count = new CountRow();
		count.setPeriod(YearMonth.now(this.clock.withZone(Japan.ZONE)));
		form.getPatientCounts().add(count);
		model.addAttribute("form", form);
		return formView(model, hcpId, user);
	}

	@PostMapping("/interactions/new")
	String processCreationForm(@Valid @ModelAttribute("form") InteractionForm form, BindingResult result,
			@RequestParam(name = "add", required = false) String add, Principal user, Model model,
			RedirectAttributes redirect) {
		if (add != null) {
			addRow(form, add);
			return formView(model, form.getHcpId(), user);
		}
		if (result.hasErrors()) {
			return formView(model, form.getHcpId(), user);
		}
		Rows rows = new Rows(form);
		try {
			Interaction interaction = this.interactions.log(rows.capture(form), user.getName());
			flashSaved(redirect, interaction, "interaction.logged");
			return "redirect:/hcps/" + interaction.getHcpId();
		}
		catch (ValidationException ex) {
			Forms.reject(result, rows.toFormPaths(ex));
			return formView(model, form.getHcpId(), user);
		}
	}

	@GetMapping("/interactions/{id}/edit")
	String initUpdateForm(@PathVariable long id, Principal user, Model model, RedirectAttributes redirect) {
		Interaction interaction = this.interactions.get(id);
		if (!interaction.isEditableBy(user.getName(), this.clock.instant())) {
			redirect.addFlashAttribute("flashWarning", "interaction.edit.windowClosed");
			return "redirect:/interactions/" + id + "/correct";
		}
		model.addAttribute("form", InteractionForms.of(interaction));
		model.addAttribute("interactionId", id);
		return formView(model, interaction.getHcpId(), user);
	}

	@PostMapping("/interactions/{id}/edit")
	String processUpdateForm(@PathVariable long id, @Valid @ModelAttribute("form") InteractionForm form,
			BindingResult result, Principal user, Model model, RedirectAttributes redirect) {
		Interaction interaction = this.interactions.get(id);
		model.addAttribute("interactionId", id);
		if (form.getVersion() == null) {
			result.reject("form.tampered");
		}
		if (result.hasErrors()) {
			return formView(model, interaction.getHcpId(), user);
		}
		try {
			flashSaved(redirect, this.interactions.edit(id, form.getVersion(), form.toFacts(), user.getName()),
					"interaction.updated");
			return "redirect:/hcps/" + interaction.getHcpId();
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
		}
		catch (StaleVersionException ex) {
			result.reject("interaction.conflict");
		}
		catch (DomainException ex) {
			result.reject(ex.getCode(), ex.getArguments(), ex.getCode());
		}
		return formView(model, interaction.getHcpId(), user);
	}

	/** After the edit window: a new interaction, prefilled from the original, that points at it. */
	@GetMapping("/interactions/{id}/correct")
	String initCorrectionForm(@PathVariable long id, Principal user, Model model) {
		Interaction original = this.interactions.get(id);
		requireCorrectable(id, user);
		InteractionForm form = InteractionForms.of(original);
		form.setVersion(null);
		model.addAttribute("form", form);
		model.addAttribute("correctsId", id);
		return formView(model, original.getHcpId(), user);
	}

	@PostMapping("/interactions/{id}/correct")
	String processCorrectionForm(@PathVariable long id, @Valid @ModelAttribute("form") InteractionForm form,
			BindingResult result, Principal user, Model model, RedirectAttributes redirect) {
		Interaction original = this.interactions.get(id);
		requireCorrectable(id, user);
		model.addAttribute("correctsId", id);
		form.setHcpId(original.getHcpId());
		if (result.hasErrors()) {
			return formView(model, original.getHcpId(), user);
		}
		Rows rows = new Rows(form);
		try {
			flashSaved(redirect, this.interactions.correct(id, rows.capture(form), form.getCorrectionReason(),
					user.getName()), "interaction.corrected");
			return "redirect:/hcps/" + original.getHcpId();
		}
		catch (ValidationException ex) {
			Forms.reject(result, rows.toFormPaths(ex));
		}
		catch (DomainException ex) {
			if (ex.getField() != null) {
				result.rejectValue(ex.getField(), ex.getCode(), ex.getArguments(), ex.getCode());
			}
			else {
				result.reject(ex.getCode(), ex.getArguments(), ex.getCode());
			}
		}
		return formView(model, original.getHcpId(), user);
	}

	/** Only the author, or a colleague of the author's department, corrects an interaction (a guessed URL gets 403). */
	private void requireCorrectable(long id, Principal user) {
		if (!this.interactions.mayCorrect(id, user.getName())) {
			throw new AccessDeniedException("only the author's department corrects an interaction");
		}
	}

	/**
	 * The flash after a save: a contact that went ahead without the consent it needed is saved all the same
	 * and flagged, and its author is told so at once.
	 */
	private static void flashSaved(RedirectAttributes redirect, Interaction interaction, String code) {
		if (interaction.getConsentBreach() == null) {
			redirect.addFlashAttribute("flash", code);
			return;
		}
		Channel channel = interaction.getChannel();
		redirect.addFlashAttribute("flashWarning", "interaction.logged.consentBreach");
		redirect.addFlashAttribute("flashArgs", new Object[] {
				new DefaultMessageSourceResolvable("consent.channel." + channel.consentChannel().orElseThrow().name()),
				new DefaultMessageSourceResolvable("consent.purpose." + interaction.getPurpose().name()),
				new DefaultMessageSourceResolvable("consent.breach.reason." + interaction.getConsentBreach().name()) });
	}

	/** HCP options for the picker (htmx search-as-you-type). */
	@GetMapping("/interactions/hcp-options")
	String hcpOptions(@RequestParam(name = "hcpQuery", defaultValue = "") String q, Principal user, Model model) {
		String query = (q.length() > 100) ? q.substring(0, 100) : q;
		List<HcpSummary> options;
		if (query.isBlank()) {
			// Nothing typed yet: the HCPs this user met most recently.
			options = this.myHcps.recentHcpIds(user.getName(), 10).stream().map(this.search::summary)
				.flatMap(java.util.Optional::stream).toList();
		}
		else {
			// The user's own territory first; the record itself is company-wide.
			List<HcpSummary> found = this.search.search(HcpSearchCriteria.of(query), 0, 30).items();
			java.util.Set<Long> own = this.myHcps.inTerritory(user.getName(), found.stream().map(HcpSummary::id).toList());
			options = found.stream().sorted(java.util.Comparator.comparing(h -> !own.contains(h.id()))).toList();
		}
		model.addAttribute("options", options);
		return "interaction/hcp-options";
	}

	private void addHcp(Model model, Long hcpId) {
		if (hcpId != null) {
			this.search.summary(hcpId).ifPresent(hcp -> model.addAttribute("hcp", hcp));
		}
	}

	private static void addRow(InteractionForm form, String which) {
		switch (which) {
			case "need" -> {
				if (form.getNeeds().size() < MAX_ROWS) {
					form.getNeeds().add(new NeedRow());
				}
			}
			case "stage" -> {
				if (form.getStages().size() < MAX_ROWS) {
					form.getStages().add(new StageRow());
				}
			}
			case "count" -> {
				if (form.getPatientCounts().size() < MAX_ROWS) {
					CountRow row = new CountRow();
					form.getPatientCounts().add(row);
				}
			}
			default -> {
			}
		}
	}

	/**
	 * The non-blank rows of a form, remembering each row's index in the form so that a violation
	 * about "needs[0]" of the capture lands on the form's row that produced it.
	 */
	private static final class Rows {

		private final List<Integer> needIndex = new ArrayList<>();

		private final List<Integer> stageIndex = new ArrayList<>();

		private final List<Integer> countIndex = new ArrayList<>();

		Rows(InteractionForm form) {
			for (int i = 0; i < form.getNeeds().size(); i++) {
				if (form.getNeeds().get(i) != null && !form.getNeeds().get(i).isBlank()) {
					this.needIndex.add(i);
				}
			}
			for (int i = 0; i < form.getStages().size(); i++) {
				if (form.getStages().get(i) != null && !form.getStages().get(i).isBlank()) {
					this.stageIndex.add(i);
				}
			}
			for (int i = 0; i < form.getPatientCounts().size(); i++) {
				if (form.getPatientCounts().get(i) != null && !form.getPatientCounts().get(i).isBlank()) {
					this.countIndex.add(i);
				}
			}
		}

		InteractionCapture capture(InteractionForm form) {
			List<NeedDraft> needs = this.needIndex.stream().map(i -> form.getNeeds().get(i))
				.map(n -> new NeedDraft(n.getTopic(), n.getCategory(), n.getTherapeuticAreaId(), n.getProductId(),
						n.getUrgency(), n.getDetails()))
				.toList();
			List<StageDraft> stages = this.stageIndex.stream().map(i -> form.getStages().get(i))
				.map(s -> new StageDraft(s.getTherapeuticAreaId(), s.getStage(), s.getReason()))
				.toList();
			List<PatientCountFacts> counts = this.countIndex.stream().map(i -> form.getPatientCounts().get(i))
				.map(c -> new PatientCountFacts(c.getTherapeuticAreaId(), c.getProductId(), c.getPeriod(),
						c.getEligiblePatients(), c.getTreatedPatients()))
				.toList();
			PolicyDraft policy = (form.getPolicyNote() != null && !form.getPolicyNote().isBlank())
					? new PolicyDraft(form.getPolicyAreaId(), form.getPolicyNote()) : null;
			return new InteractionCapture(form.getHcpId(), form.toFacts(), needs, stages, policy, counts);
		}

		ValidationException toFormPaths(ValidationException ex) {
			List<FieldViolation> mapped = ex.getViolations().stream().map(v -> new FieldViolation(map(v.field()),
					v.code(), v.arguments())).toList();
			return new ValidationException(mapped);
		}

		private String map(String field) {
			if (field == null) {
				return null;
			}
			field = remap(field, "needs[", this.needIndex);
			field = remap(field, "stages[", this.stageIndex);
			return remap(field, "patientCounts[", this.countIndex);
		}

		private static String remap(String field, String prefix, List<Integer> index) {
			if (!field.startsWith(prefix)) {
				return field;
			}
			int end = field.indexOf(']');
			int i = Integer.parseInt(field.substring(prefix.length(), end));
			return prefix + index.get(i) + field.substring(end);
		}

	}

}
