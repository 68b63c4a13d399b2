package org.openpharma.crm.campaign.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.campaign.CampaignKind;
import org.openpharma.crm.campaign.CampaignResults;
import org.openpharma.crm.campaign.Campaigns;
import org.openpharma.crm.campaign.Segments;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.delivery.ContentCandidate;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.system.Policy;
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
 * Campaigns (docs/adr/0034): the list, marketing's launch form, and one campaign with its progress, the members left
 * out and why, and its results against the holdout. Managers read; marketing launches and cancels.
 */
@Controller
@Allowed(Capability.READ_CAMPAIGNS)
class CampaignController {

	/** Excluded members listed on the page (the counts by reason cover them all). */
	static final int EXCLUDED_SHOWN = 200;

	private final Campaigns campaigns;

	private final CampaignResults results;

	private final Segments segments;

	private final ContentPicker picker;

	private final ContentViewers viewers;

	private final ReferenceData reference;

	private final ConversionService conversion;

	private final Clock clock;

	CampaignController(Campaigns campaigns, CampaignResults results, Segments segments, ContentPicker picker,
			ContentViewers viewers, ReferenceData reference,
			@Qualifier("mvcConversionService") ConversionService conversion, Clock clock) {
		this.campaigns = campaigns;
		this.results = results;
		this.segments = segments;
		this.picker = picker;
		this.viewers = viewers;
		this.reference = reference;
		this.conversion = conversion;
		this.clock = clock;
	}

	@GetMapping("/campaigns")
	String list(Model model) {
		List<Campaigns.Campaign> all = this.campaigns.list();
		Map<Long, Campaigns.Progress> progress = new LinkedHashMap<>();
		all.forEach(c -> progress.put(c.id(), this.campaigns.progress(c.id())));
		model.addAttribute("campaigns", all);
		model.addAttribute("progress", progress);
		model.addAttribute("areas", this.reference.therapeuticAreas());
		return "campaign/list";
	}

	@GetMapping("/campaigns/new")
	@Allowed(Capability.MANAGE_CAMPAIGNS)
	String initCreationForm(@RequestParam(name = "segmentId", required = false) Long segmentId, Model model,
			Authentication user) {
		model.addAttribute("form", CampaignForm.start(segmentId, LocalDateTime.now(this.clock.withZone(Japan.ZONE))));
		return formView(model, user);
	}

	@PostMapping("/campaigns/new")
	@Allowed(Capability.MANAGE_CAMPAIGNS)
	String processCreationForm(@ModelAttribute("form") CampaignForm form, BindingResult result, Model model,
			Authentication user, RedirectAttributes redirect) {
		BindingResult errors = Forms.show(model, "form", form, result, this.conversion);
		if (!errors.hasErrors()) {
			try {
				long id = this.campaigns.launch(form.toDraft(), sender(user));
				redirect.addFlashAttribute("flash", "campaign.launched");
				return "redirect:/campaigns/" + id;
			}
			catch (ValidationException ex) {
				Forms.reject(errors, ex);
			}
		}
		return formView(model, user);
	}

	@GetMapping("/campaigns/{id}")
	String show(@PathVariable long id, Model model) {
		Campaigns.Campaign campaign = this.campaigns.get(id);
		model.addAttribute("campaign", campaign);
		model.addAttribute("progress", this.campaigns.progress(id));
		model.addAttribute("excluded", this.campaigns.excluded(id, EXCLUDED_SHOWN));
		CampaignResults.Results results = this.results.of(campaign);
		model.addAttribute("results", results);
		model.addAttribute("resultRows", rows(results));
		model.addAttribute("areas", this.reference.therapeuticAreas());
		model.addAttribute("windowDays", CampaignResults.WINDOW_DAYS);
		return "campaign/detail";
	}

	@PostMapping("/campaigns/{id}/cancel")
	@Allowed(Capability.MANAGE_CAMPAIGNS)
	String cancel(@PathVariable long id, @RequestParam("version") long version,
			@RequestParam(name = "reason", required = false) String reason, Authentication user,
			RedirectAttributes redirect) {
		try {
			this.campaigns.cancel(id, version, reason, user.getName());
			redirect.addFlashAttribute("flash", "campaign.cancelled");
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("flashWarning", ex.getViolations().get(0).code());
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "campaign.conflict");
		}
		return "redirect:/campaigns/" + id;
	}

	/** One figure of the results, for both groups: a count of HCPs and its share of the group. */
	record ResultRow(String key, long targeted, Integer targetedPercent, long holdout, Integer holdoutPercent) {
	}

	static List<ResultRow> rows(CampaignResults.Results results) {
		CampaignResults.Group t = results.targeted();
		CampaignResults.Group h = results.holdout();
		List<ResultRow> rows = new ArrayList<>();
		rows.add(row("mailed", t.mailed(), h.mailed(), t, h));
		rows.add(row("visited", t.visited(), h.visited(), t, h));
		rows.add(row("viewed", t.viewed(), h.viewed(), t, h));
		rows.add(row("rated", t.rated(), h.rated(), t, h));
		rows.add(row("needsFulfilled", t.needsFulfilled(), h.needsFulfilled(), t, h));
		rows.add(row("movedForward", t.movedForward(), h.movedForward(), t, h));
		rows.add(row("reporting", t.reporting(), h.reporting(), t, h));
		return rows;
	}

	private static ResultRow row(String key, long targeted, long holdout, CampaignResults.Group t,
			CampaignResults.Group h) {
		return new ResultRow(key, targeted, t.percent(targeted), holdout, h.percent(holdout));
	}

	private ContentViewer sender(Authentication user) {
		return this.viewers.of(user.getName(), Policy.roles(user));
	}

	private String formView(Model model, Authentication user) {
		ContentViewer sender = sender(user);
		List<ContentCandidate> items = new ArrayList<>();
		Map<Long, ContentCandidate> byVersion = new LinkedHashMap<>();
		for (ConsentChannel channel : List.of(ConsentChannel.EMAIL, ConsentChannel.VISIT, ConsentChannel.REMOTE)) {
			this.picker.usableFor(channel, sender).forEach(c -> byVersion.putIfAbsent(c.versionId(), c));
		}
		for (ContentCandidate c : byVersion.values()) {
			if (c.kind() != ContentKind.EMAIL_TEMPLATE && !c.offLabel()) {
				items.add(c);
			}
		}
		List<ContentCandidate> templates = this.picker.templates(sender);
		items.sort((a, b) -> a.title().compareTo(b.title()));
		model.addAttribute("segments", this.segments.list(false));
		model.addAttribute("contentItems", items);
		model.addAttribute("templates", templates);
		model.addAttribute("kinds", List.of(CampaignKind.values()));
		model.addAttribute("pushChannels", List.of(Channel.VISIT, Channel.REMOTE_DETAIL));
		model.addAttribute("areas", this.reference.therapeuticAreas());
		return "campaign/form";
	}

}
