package org.openpharma.crm.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; after a throttled attempt it says how many seconds to wait (docs/adr/0013). */
@Controller
class LoginController {

	/** The longest wait the page will name; anything else in the parameter is ignored. */
	private static final long MAX_WAIT_SECONDS = 86_400;

	@GetMapping("/login")
	String login(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
		model.addAttribute("retryAfter", seconds(throttled));
		return "login";
	}

	private static Long seconds(String value) {
		if (value == null || value.isEmpty() || value.length() > 6 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		long seconds = Long.parseLong(value);
		return (seconds >= 1 && seconds <= MAX_WAIT_SECONDS) ? seconds : null;
	}

}
