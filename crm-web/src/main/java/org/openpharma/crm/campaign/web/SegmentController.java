package org.openpharma.crm.campaign.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openpharma.crm.campaign.SegmentCriteria;
import org.openpharma.crm.campaign.Segments;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.content.ContentViewers;
import org.openpharma.crm.delivery.ContentCandidate;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.system.Policy;
import org.openpharma.crm.system.Forms;
import org.openpharma.crm.user.Capability;
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
 * Marketing's segment builder (docs/adr/0034): the saved segments, and the builder whose count and members follow
 * every change of a criterion (htmx, {@code /segments/preview}); saving keeps the criteria, so the segment stays live.
 */
@Controller
@Allowed(Capability.MANAGE_CAMPAIGNS)
class SegmentController {

	private final Segments segments;

	private final ReferenceData reference;

	private final ContentPicker picker;

	private final ContentViewers viewers;

	SegmentController(Segments segments, ReferenceData reference, ContentPicker picker, ContentViewers viewers) {
		this.segments = segments;
		this.reference = reference;
		this.picker = picker;
		this.viewers = viewers;
	}

	@GetMapping("/segments")
	String list(Model model) {
		model.addAttribute("segments", this.segments.list(false));
		return "campaign/segments";
	}

	@GetMapping("/segments/new")
	String initCreationForm(Model model, Authentication user) {
		model.addAttribute("form", SegmentForm.empty());
		preview(model, SegmentForm.empty().criteria(), 0);
		return builder(model, user, null);
	}

	@PostMapping("/segments/new")
	String processCreationForm(@ModelAttribute("form") SegmentForm form, BindingResult result, Model model,
			Authentication user, RedirectAttributes redirect) {
		BindingResult errors = Forms.show(model, "form", form, result, null);
		if (!errors.hasErrors()) {
			try {
				Segments.Saved saved = this.segments.create(form.name(), form.description(), form.criteria(),
						user.getName());
				redirect.addFlashAttribute("flash", "segment.saved");
				return "redirect:/segments/" + saved.id();
			}
			catch (ValidationException ex) {
				Forms.reject(errors, ex);
			}
		}
		previewQuietly(model, form);
		return builder(model, user, null);
	}

	@GetMapping("/segments/{id}")
	String show(@PathVariable long id, Model model, Authentication user) {
		Segments.Saved saved = this.segments.get(id);
		model.addAttribute("form", SegmentForm.of(saved));
		preview(model, saved.criteria(), 0);
		return builder(model, user, saved);
	}

	@PostMapping("/segments/{id}")
	String processUpdateForm(@PathVariable long id, @ModelAttribute("form") SegmentForm form, BindingResult result,
			Model model, Authentication user, RedirectAttributes redirect) {
		Segments.Saved saved = this.segments.get(id);
		BindingResult errors = Forms.show(model, "form", form, result, null);
		if (form.version() == null) {
			errors.reject("form.tampered");
		}
		if (!errors.hasErrors()) {
			try {
				this.segments.update(id, form.version(), form.name(), form.description(), form.criteria(),
						user.getName());
				redirect.addFlashAttribute("flash", "segment.saved");
				return "redirect:/segments/" + id;
			}
			catch (ValidationException ex) {
				Forms.reject(errors, ex);
			}
			catch (StaleVersionException ex) {
				errors.reject("segment.conflict");
			}
		}
		previewQuietly(model, form);
		return builder(model, user, saved);
	}

	@PostMapping("/segments/{id}/archive")
	String archive(@PathVariable long id, @RequestParam("version") long version, Authentication user,
			RedirectAttributes redirect) {
		try {
			this.segments.archive(id, version, user.getName());
			redirect.addFlashAttribute("flash", "segment.archived");
			return "redirect:/segments";
		}
		catch (StaleVersionException ex) {
			redirect.addFlashAttribute("flashWarning", "segment.conflict");
			return "redirect:/segments/" + id;
		}
	}

	/** The live count and the first members of the criteria as they are on the form (htmx, on every change). */
	@GetMapping("/segments/preview")
	String preview(@ModelAttribute("form") SegmentForm form, BindingResult result,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		if (result.hasErrors()) {
			model.addAttribute("previewErrors", List.of(new FieldViolation(null, "segment.preview.invalid")));
		}
		else {
			previewOrErrors(model, form.criteria(), page);
		}
		return "campaign/segment-builder :: preview";
	}

	private void previewQuietly(Model model, SegmentForm form) {
		previewOrErrors(model, form.criteria(), 0);
	}

	private void previewOrErrors(Model model, SegmentCriteria criteria, int page) {
		try {
			preview(model, criteria, page);
		}
		catch (ValidationException ex) {
			model.addAttribute("previewErrors", ex.getViolations());
		}
	}

	private void preview(Model model, SegmentCriteria criteria, int page) {
		model.addAttribute("members", this.segments.members(criteria, Math.max(0, page)));
	}

	private String builder(Model model, Authentication user, Segments.Saved saved) {
		model.addAttribute("saved", saved);
		model.addAttribute("areas", this.reference.therapeuticAreas());
		model.addAttribute("products", this.reference.products());
		model.addAttribute("specialties", this.reference.specialties());
		model.addAttribute("regions", this.reference.regions());
		model.addAttribute("prefectures", this.reference.prefectures());
		model.addAttribute("stages", List.of(AdoptionStage.values()));
		model.addAttribute("needCategories", List.of(NeedCategory.values()));
		model.addAttribute("consentChannels", List.of(ConsentChannel.values()));
		model.addAttribute("seenItems", items(this.viewers.of(user.getName(), Policy.roles(user))));
		return "campaign/segment-builder";
	}

	/** The approved items marketing may use, by item: "has seen" picks an item, not a version. */
	private List<ReferenceData.Item> items(ContentViewer viewer) {
		Map<Long, ContentCandidate> byItem = new LinkedHashMap<>();
		for (ConsentChannel channel : List.of(ConsentChannel.VISIT, ConsentChannel.EMAIL, ConsentChannel.WEB)) {
			this.picker.usableFor(channel, viewer).forEach(c -> byItem.putIfAbsent(c.itemId(), c));
		}
		List<ReferenceData.Item> items = new ArrayList<>();
		byItem.values()
			.stream()
			.filter(c -> c.kind() != org.openpharma.crm.content.ContentKind.EMAIL_TEMPLATE)
			.sorted((a, b) -> a.title().compareTo(b.title()))
			.forEach(c -> items.add(new ReferenceData.Item(String.valueOf(c.itemId()), c.title(), c.title(), null)));
		return items;
	}

}
