package org.openpharma.crm.system;

import org.openpharma.crm.user.Capability;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where "/" and a fresh sign-in lead: an MR starts the day on the HCPs of their territories (My HCPs), everyone
 * else on the HCP list (issue 14). A sign-in that interrupted a request still returns to that request.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Authentication user) {
		return Policy.allows(user, Capability.WORK_TERRITORY_LIST) ? "redirect:/my-hcps" : "redirect:/hcps";
	}

}
