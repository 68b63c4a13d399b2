package org.openpharma.crm.delivery.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentEmails;
import org.openpharma.crm.delivery.ContentEmails.Queued;
import org.openpharma.crm.delivery.ContentPicker;
import org.openpharma.crm.delivery.ContentPicker.NeedFacts;
import org.openpharma.crm.delivery.ContentRating;
import org.openpharma.crm.delivery.DeliveryQueries;
import org.openpharma.crm.delivery.MailOutbox;
import org.openpharma.crm.delivery.MailStatus;
import org.openpharma.crm.delivery.TrackedLinks;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.system.Allowed;
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
 * Approved e-mail: the form (an approved template and items from the ranked picker, with the reasons), the sent-mail
 * list with each mail's status, one mail as rendered, the HCP page's card and a rep's record of the HCP's rating.
 * For holders of SEND_CONTENT (URL rule and {@link Allowed}); mails with medical content for medical affairs only.
 */
@Controller
@Allowed(Capability.SEND_CONTENT)
class EmailController {

	static final int CARD_ROWS = 10;

	private final ContentPicker picker;

	private final ContentEmails emails;

	private final DeliveryQueries queries;

	private final MailOutbox outbox;

	private final TrackedLinks links;

	private final HcpSearch hcps;

	private final ConsentLedger consents;

	private final Senders senders;

	EmailController(ContentPicker picker, ContentEmails emails, DeliveryQueries queries, MailOutbox outbox,
			TrackedLinks links, HcpSearch hcps, ConsentLedger consents, Senders senders) {
		this.picker = picker;
		this.emails = emails;
		this.queries = queries;
		this.outbox = outbox;
		this.links = links;
		this.hcps = hcps;
		this.consents = consents;
		this.senders = senders;
	}

	@GetMapping("/hcps/{id}/emails/new")
	String compose(@PathVariable long id, @RequestParam(required = false) Long needId,
			@RequestParam(required = false) Long inquiryId, @RequestParam(required = false) Long versionId,
			Authentication user, Model model) {
		Optional<NeedFacts> need = (needId != null) ? this.picker.need(needId).filter(n -> n.hcpId() == id)
				: Optional.empty();
		// An accepted suggestion opens the form with its item ticked; the item is checked again when sent.
		EmailForm form = EmailForm.start(need.map(NeedFacts::id).orElse(null), need.map(NeedFacts::version).orElse(null),
				inquiryId, this.emails.addressOf(id).orElse(null), versionId);
		model.addAttribute("form", form);
		return composePage(id, form, user, model);
	}

	@PostMapping("/hcps/{id}/emails")
	String send(@PathVariable long id, @ModelAttribute("form") EmailForm form, BindingResult result,
			Authentication user, Model model, RedirectAttributes redirect) {
		ContentViewer sender = this.senders.of(user);
		if (result.hasErrors()) {
			// A value that is no number (a tampered form): the errors are shown on the form as far as it was bound.
			EmailForm shown = ((form != null) ? form : EmailForm.start(null, null, null, null))
				.withRecipient(this.emails.addressOf(id).orElse(null));
			Forms.show(model, "form", shown, result, null);
			return composePage(id, shown, user, model);
		}
		Queued queued;
		try {
			queued = this.emails.send(form.toRequest(id), sender);
		}
		catch (ValidationException ex) {
			EmailForm shown = form.withRecipient(this.emails.addressOf(id).orElse(null));
			BindingResult errors = Forms.show(model, "form", shown, result, null);
			Forms.reject(errors, ex);
			return composePage(id, shown, user, model);
		}
		redirect.addFlashAttribute("flash", queued.needFulfilled() ? "delivery.queued.needFulfilled" : "delivery.queued");
		if (form.needId() != null && !queued.needFulfilled()) {
			// The need was not in progress (or not the sender's to move): offered, not moved.
			redirect.addFlashAttribute("flashWarning", "delivery.queued.needOffered");
		}
		return "redirect:/emails/" + queued.emailId();
	}

	private String composePage(long id, EmailForm form, Authentication user, Model model) {
		HcpSummary hcp = this.hcps.summary(id).orElseThrow(() -> new NotFoundException("HCP", id));
		ContentViewer sender = this.senders.of(user);
		Long inquiryId = sender.seesMedical() ? form.inquiryId() : null;
		model.addAttribute("hcp", hcp);
		model.addAttribute("address", this.emails.addressOf(id).orElse(null));
		ConsentPurpose purpose = ConsentPurpose.ofSender(sender.department());
		model.addAttribute("purpose", purpose);
		model.addAttribute("consented", this.consents.matrix(id).get(ConsentChannel.EMAIL).get(purpose).allowed());
		var templates = this.picker.templates(sender);
		model.addAttribute("templates", templates);
		model.addAttribute("templateTexts",
				this.picker.bodies(templates.stream().map(t -> t.versionId()).toList()));
		model.addAttribute("matches", this.picker.candidates(id, form.needId(), inquiryId, ConsentChannel.EMAIL, sender));
		model.addAttribute("need", (form.needId() != null) ? this.picker.need(form.needId()).orElse(null) : null);
		model.addAttribute("inquiries", sender.seesMedical() ? this.queries.inquiriesOf(id) : List.of());
		model.addAttribute("mailConfigured", this.outbox.configured());
		return "delivery/compose";
	}

	@GetMapping("/emails")
	String list(@RequestParam(required = false) MailStatus status, @RequestParam(defaultValue = "0") int page,
			Authentication user, Model model) {
		model.addAttribute("mails", this.queries.mails(this.senders.of(user), status, page));
		model.addAttribute("status", status);
		model.addAttribute("statuses", MailStatus.values());
		model.addAttribute("mailConfigured", this.outbox.configured());
		return "delivery/mails";
	}

	@GetMapping("/emails/{id}")
	String mail(@PathVariable long id, Authentication user, Model model) {
		model.addAttribute("mail", this.queries.mail(id, this.senders.of(user))
			.orElseThrow(() -> new NotFoundException("e-mail", id)));
		model.addAttribute("mailConfigured", this.outbox.configured());
		return "delivery/mail";
	}

	/** The HCP page's card, loaded into the page by htmx. */
	@GetMapping("/hcps/{id}/emails/panel")
	String panel(@PathVariable long id, Authentication user, Model model) {
		ContentViewer viewer = this.senders.of(user);
		model.addAttribute("hcpId", id);
		model.addAttribute("mails", this.queries.mailsTo(id, viewer, CARD_ROWS));
		model.addAttribute("deliveries", this.queries.deliveriesTo(id, viewer, CARD_ROWS));
		return "delivery/_hcp-panel :: panel";
	}

	@GetMapping("/hcps/{id}/deliveries/{deliveryId}/rating")
	String ratingForm(@PathVariable long id, @PathVariable long deliveryId, Authentication user, Model model) {
		model.addAttribute("form", RatingForm.empty());
		return ratingPage(id, deliveryId, user, model);
	}

	@PostMapping("/hcps/{id}/deliveries/{deliveryId}/rating")
	String rate(@PathVariable long id, @PathVariable long deliveryId, @ModelAttribute("form") RatingForm form,
			BindingResult result, Authentication user, Principal principal, Model model, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			Forms.show(model, "form", (form != null) ? form : RatingForm.empty(), result, null);
			return ratingPage(id, deliveryId, user, model);
		}
		// Only a delivery the user may see can be rated.
		this.queries.delivery(id, deliveryId, this.senders.of(user))
			.orElseThrow(() -> new NotFoundException("delivery", deliveryId));
		try {
			ContentRating rating = form.toRating(true);
			this.links.rateForHcp(id, deliveryId, rating, principal.getName());
		}
		catch (ValidationException ex) {
			Forms.reject(result, ex);
			return ratingPage(id, deliveryId, user, model);
		}
		redirect.addFlashAttribute("flash", "delivery.rating.saved");
		return "redirect:/hcps/" + id;
	}

	private String ratingPage(long id, long deliveryId, Authentication user, Model model) {
		model.addAttribute("hcp", this.hcps.summary(id).orElseThrow(() -> new NotFoundException("HCP", id)));
		model.addAttribute("delivery", this.queries.delivery(id, deliveryId, this.senders.of(user))
			.orElseThrow(() -> new NotFoundException("delivery", deliveryId)));
		return "delivery/rating";
	}

}
