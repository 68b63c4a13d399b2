package org.openpharma.crm.consent.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentLinks;
import org.openpharma.crm.consent.ConsentLinks.Choice;
import org.openpharma.crm.consent.ConsentLinks.LinkView;
import org.openpharma.crm.consent.ConsentPurpose;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The HCP's own consent page, opened from a link without a login. The token alone says whose consent
 * it is: no HCP id is ever taken from the request, so a link cannot be turned to another HCP. A token
 * that is unknown, expired or belongs to a merged record gets one page saying so (404), never a hint
 * of which it was.
 */
@Controller
class SelfServiceController {

	private final ConsentLinks links;

	SelfServiceController(ConsentLinks links) {
		this.links = links;
	}

	@GetMapping("/consent/{token}")
	String show(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<LinkView> view = this.links.open(token);
		if (view.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return "consent/link-invalid";
		}
		model.addAttribute("view", view.get());
		model.addAttribute("token", token);
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("purposes", ConsentPurpose.values());
		return "consent/self-service";
	}

	/** Each cell is a checkbox named {@code CHANNEL.PURPOSE}; unchecked means withdrawn. */
	@PostMapping("/consent/{token}")
	String save(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		List<Choice> choices = new ArrayList<>();
		for (ConsentChannel channel : ConsentChannel.values()) {
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				choices.add(new Choice(channel, purpose, request.getParameter(channel + "." + purpose) != null));
			}
		}
		Optional<Integer> changed = this.links.apply(token, choices);
		if (changed.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return "consent/link-invalid";
		}
		redirect.addFlashAttribute("flash", "consent.self.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { changed.get() });
		return "redirect:/consent/" + token;
	}

}
