package org.openpharma.crm.system;

import org.openpharma.crm.user.Capability;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where "/" and a fresh sign-in lead: an MR starts the day on the HCPs of their territories (My HCPs), marketing and
 * medical affairs (who make content) on the content gap, the needs that wait for content (issue 15), everyone else
 * on the HCP list (issue 14). A sign-in that interrupted a request still returns to that request.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Authentication user) {
		if (Policy.allows(user, Capability.WORK_TERRITORY_LIST)) {
			return "redirect:/my-hcps";
		}
		if (Policy.allows(user, Capability.AUTHOR_CONTENT) && Policy.allows(user, Capability.READ_CONTENT_GAPS)) {
			return "redirect:/content/gaps";
		}
		return "redirect:/hcps";
	}

}
