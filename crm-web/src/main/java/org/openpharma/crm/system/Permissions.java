package org.openpharma.crm.system;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the signed-in user may see, for templates: {@code th:if="${@can.has('ADMIN')}"}. A plain look at
 * the authorities; {@code sec:authorize} parsed and evaluated a security expression per element, which
 * was a tenth of a page's rendering time. Showing or hiding a link is all this decides: every URL is
 * still authorised by SecurityConfiguration and the services.
 * Registered as the bean "can" by WebConfiguration (so web test slices have it too).
 */
public class Permissions {

	/** True for a user who signed in (not the anonymous user of a public page). */
	public boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/** True when the user has any of the roles (names without the ROLE_ prefix). */
	public boolean has(String... roles) {
		if (!signedIn()) {
			return false;
		}
		for (GrantedAuthority authority : SecurityContextHolder.getContext().getAuthentication().getAuthorities()) {
			for (String role : roles) {
				String name = authority.getAuthority();
				if (name != null && name.length() == role.length() + 5 && name.startsWith("ROLE_") && name.endsWith(role)) {
					return true;
				}
			}
		}
		return false;
	}

}
