package org.openpharma.crm.interaction.web;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import jakarta.validation.Valid;

import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.delivery.ContentShown;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.interaction.MyHcpsQueries;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.plan.CallPlans;
import org.openpharma.crm.plan.PlannedCall;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Logging an interaction with its needs, stage changes, policy note and patient counts in one form;
 * the author's edit within 24 hours; a correction afterwards.
 */
@Controller
@Allowed(Capability.LOG_INTERACTIONS)
class InteractionController {

	private final InteractionManagement interactions;

	private final HcpSearch search;

	private final MyHcpsQueries myHcps;

	private final ReferenceData reference;

	private final Clock clock;

	private final UserManagement users;

	private final ConversionService conversion;

	private final ContentShown shown;

	private final ContentPicker picker;

	private final ContentViewers viewers;

	private final CallPlans plans;

	/** Approved items offered in the visit form, best match first. */
	static final int CONTENT_OFFERED = 8;

	InteractionController(InteractionManagement interactions, HcpSearch search, MyHcpsQueries myHcps,
			ReferenceData reference, UserManagement users, Clock clock, FormattingConversionService mvcConversionService,
			ContentShown shown, ContentPicker picker, ContentViewers viewers, CallPlans plans) {
		this.plans = plans;
		this.shown = shown;
		this.picker = picker;
		this.viewers = viewers;
		this.users = users;
		this.interactions = interactions;
		this.search = search;
		this.myHcps = myHcps;
		this.reference = reference;
		this.clock = clock;
		this.conversion = mvcConversionService;
	}

	/**
	 * Constructor binding sizes a list by its highest index, so a forged index beyond the rows a form may grow
	 * to is refused (400) before binding.
	 */
	@InitBinder("form")
	void limitRows(WebDataBinder binder, WebRequest request) {
		binder.setAutoGrowCollectionLimit(InteractionForm.MAX_ROWS);
		request.getParameterNames().forEachRemaining(name -> {
			if (!InteractionForm.withinRowLimit(name)) {
				throw new InvalidPropertyException(InteractionForm.class, name, "beyond the rows a form may grow to");
			}
		});
	}

	/** The form in the model with its errors, also when it changed or binding failed on a value. */
	private BindingResult show(Model model, InteractionForm form, BindingResult result) {
		return Forms.show(model, "form", form, result, this.conversion);
	}

	/** The form page with its choices and the HCP it is for: only when the form is shown, not on a successful save. */
	private String formView(Model model, Long hcpId, Principal user) {
		choices(model);
		if (model.getAttribute("interactionId") == null && model.getAttribute("correctsId") == null
				&& model.getAttribute("form") instanceof InteractionForm form && user instanceof Authentication auth) {
			contentOptions(model, hcpId, form.channel(), form.contentVersionIds(), auth);
		}
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

	/**
	 * A new contact; with {@code planId}, the user's own planned call pre-filled (HCP, channel, the plan's area as the
	 * visit's, the planned item ticked), which saving marks done (CallPlans.log).
	 */
	@GetMapping("/interactions/new")
	String initCreationForm(@RequestParam(name = "hcpId", required = false) Long hcpId,
			@RequestParam(name = "planId", required = false) Long planId, Principal user, Model model) {
		if (planId != null) {
			PlannedCall plan = this.plans.toLog(planId, user.getName());
			model.addAttribute("planId", planId);
			model.addAttribute("form", InteractionForm.planned(plan.getHcpId(), plan.getChannel(),
					plan.getTherapeuticAreaId(), plan.getContentVersionId(), this.clock));
			return formView(model, plan.getHcpId(), user);
		}
		model.addAttribute("form", InteractionForm.start(hcpId, this.clock));
		return formView(model, hcpId, user);
	}

	@PostMapping("/interactions/new")
	String processCreationForm(@Valid @ModelAttribute("form") InteractionForm form, BindingResult result,
			@RequestParam(name = "add", required = false) String add,
			@RequestParam(name = "planId", required = false) Long planId, Authentication user, Model model,
			RedirectAttributes redirect) {
		if (planId != null) {
			// Shown again with the form; whose plan it is and whether it is still planned is checked when saving.
			model.addAttribute("planId", planId);
		}
		if (add != null) {
			show(model, form.withRow(add), result);
			return formView(model, form.hcpId(), user);
		}
		if (result.hasErrors()) {
			show(model, form, result);
			return formView(model, form.hcpId(), user);
		}
		try {
			InteractionCapture capture = form.toCapture();
			Interaction interaction;
			if (planId != null) {
				// The plan is the user's and still planned, or nothing is saved; done with the contact in one transaction.
				interaction = this.plans.log(planId, capture, form.contentVersionIds(),
						this.viewers.of(user.getName(), Policy.roles(user)));
			}
			else {
				interaction = form.contentVersionIds().isEmpty() ? this.interactions.log(capture, user.getName())
						: this.shown.log(capture, form.contentVersionIds(), this.viewers.of(user.getName(), Policy.roles(user)));
			}
			flashSaved(redirect, interaction, "interaction.logged");
			if (interaction.getConsentBreach() == null) {
				// Says what was saved with the contact, not a fixed list of what might have been.
				redirect.addFlashAttribute("flashArgs", new Object[] { capture.needs().size(), capture.stages().size(),
						capture.patientCounts().size() });
			}
			if (planId != null) {
				return "redirect:/plan?week=" + CallPlans.mondayOf(this.plans.get(planId).getDay());
			}
			return "redirect:/hcps/" + interaction.getHcpId();
		}
		catch (ValidationException ex) {
			Forms.reject(result, form.toFormPaths(ex));
			return formView(model, form.hcpId(), user);
		}
		catch (DomainException ex) {
			// A plan that is not the user's, or no longer planned (done or cancelled meanwhile).
			result.reject(ex.getCode(), ex.getArguments(), ex.getCode());
			return formView(model, form.hcpId(), user);
		}
	}

	@GetMapping("/interactions/{id}/edit")
	String initUpdateForm(@PathVariable long id, Principal user, Model model, RedirectAttributes redirect) {
		Interaction interaction = this.interactions.get(id);
		if (!interaction.isEditableBy(user.getName(), this.clock.instant())) {
			redirect.addFlashAttribute("flashWarning", "interaction.edit.windowClosed");
			return "redirect:/interactions/" + id + "/correct";
		}
		model.addAttribute("form", InteractionForm.of(interaction));
		model.addAttribute("interactionId", id);
		return formView(model, interaction.getHcpId(), user);
	}

	@PostMapping("/interactions/{id}/edit")
	String processUpdateForm(@PathVariable long id, @Valid @ModelAttribute("form") InteractionForm form,
			BindingResult result, Principal user, Model model, RedirectAttributes redirect) {
		Interaction interaction = this.interactions.get(id);
		model.addAttribute("interactionId", id);
		if (form.version() == null) {
			result.reject("form.tampered");
		}
		if (result.hasErrors()) {
			show(model, form, result);
			return formView(model, interaction.getHcpId(), user);
		}
		try {
			flashSaved(redirect, this.interactions.edit(id, form.version(), form.toFacts(), user.getName()),
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
		model.addAttribute("form", InteractionForm.of(original).withVersion(null));
		model.addAttribute("correctsId", id);
		return formView(model, original.getHcpId(), user);
	}

	@PostMapping("/interactions/{id}/correct")
	String processCorrectionForm(@PathVariable long id, @Valid @ModelAttribute("form") InteractionForm form,
			BindingResult result, Principal user, Model model, RedirectAttributes redirect) {
		Interaction original = this.interactions.get(id);
		requireCorrectable(id, user);
		model.addAttribute("correctsId", id);
		// The HCP of a correction is the original's, whatever was submitted.
		InteractionForm correction = form.withHcpId(original.getHcpId());
		BindingResult errors = show(model, correction, result);
		if (errors.hasErrors()) {
			return formView(model, original.getHcpId(), user);
		}
		try {
			flashSaved(redirect, this.interactions.correct(id, correction.toCapture(), correction.correctionReason(),
					user.getName()), "interaction.corrected");
			return "redirect:/hcps/" + original.getHcpId();
		}
		catch (ValidationException ex) {
			Forms.reject(errors, correction.toFormPaths(ex));
		}
		catch (DomainException ex) {
			if (ex.getField() != null) {
				errors.rejectValue(ex.getField(), ex.getCode(), ex.getArguments(), ex.getCode());
			}
			else {
				errors.reject(ex.getCode(), ex.getArguments(), ex.getCode());
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

	/**
	 * The approved items the user may show the HCP in a visit or remote detailing, ranked with their reasons; the
	 * ones already ticked stay ticked. Empty for other channels, for a user who does not give content, and before an
	 * HCP is chosen.
	 */
	@GetMapping("/interactions/content-options")
	String contentOptions(@RequestParam(name = "hcpId", required = false) Long hcpId,
			@RequestParam(name = "channel", required = false) Channel channel,
			@RequestParam(name = "contentVersionIds", required = false) List<Long> chosen, Authentication user,
			Model model) {
		contentOptions(model, hcpId, (channel != null) ? channel : Channel.VISIT, chosen, user);
		return "interaction/content-options";
	}

	private void contentOptions(Model model, Long hcpId, Channel channel, List<Long> chosen, Authentication user) {
		java.util.Optional<ConsentChannel> contentChannel = ContentShown.showsContent(channel);
		model.addAttribute("contentChannel", contentChannel.orElse(null));
		java.util.Set<Long> ticked = (chosen != null)
				? java.util.Set.copyOf(chosen.stream().filter(java.util.Objects::nonNull).toList()) : java.util.Set.of();
		model.addAttribute("contentChosen", ticked);
		if (hcpId == null || contentChannel.isEmpty() || !Policy.allows(user, Capability.SEND_CONTENT)
				|| this.search.summary(hcpId).isEmpty()) {
			model.addAttribute("contentOptions", List.of());
			return;
		}
		ContentViewer viewer = this.viewers.of(user.getName(), Policy.roles(user));
		var matches = this.picker.candidates(hcpId, null, contentChannel.get(), viewer);
		// The best few, and whatever the user ticked already even if it ranks lower.
		model.addAttribute("contentOptions", java.util.stream.IntStream.range(0, matches.size())
			.filter(i -> i < CONTENT_OFFERED || ticked.contains(matches.get(i).candidate().versionId()))
			.mapToObj(matches::get)
			.toList());
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
			// A phone number, a name or an institution; the user's own territory first (the record is company-wide).
			List<HcpSummary> found = this.search.find(query, 30);
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

}
