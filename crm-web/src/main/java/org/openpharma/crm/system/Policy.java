package org.openpharma.crm.system;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one authorisation policy at run time: whether the signed-in user holds a {@link Capability}, by the roles
 * Capability names (docs/adr/0024). Controllers ask through {@link Allowed}, the URL rules through
 * {@link #requires}, templates through the bean "policy" ({@code th:if="${@policy.may('EDIT_HCPS')}"}), services
 * and queries with {@link #roles} or {@link Capability} itself. A plain look at the authorities, no security
 * expression per element: those were a tenth of a page's rendering time. Registered by WebConfiguration (so
 * that web test slices have it too).
 */
public class Policy {

	/** The extra authority of a call made with an API token (ApiTokenFilter). */
	static final String API_TOKEN = "SYSTEM";

	private static final Map<String, Role> ROLE_OF_AUTHORITY = new HashMap<>();

	static {
		for (Role role : Role.values()) {
			ROLE_OF_AUTHORITY.put("ROLE_" + role.name(), role);
		}
	}

	/** Whether the user may do this: one of their roles holds it, or it is open to API tokens and they used one. */
	public static boolean allows(Authentication user, Capability capability) {
		if (!isSignedIn(user)) {
			return false;
		}
		for (GrantedAuthority authority : user.getAuthorities()) {
			String name = authority.getAuthority();
			if (capability.heldBy(ROLE_OF_AUTHORITY.get(name))
					|| (capability.apiTokens() && API_TOKEN.equals(name))) {
				return true;
			}
		}
		return false;
	}

	/** The user's roles, for services and queries that decide by {@link Capability} themselves. */
	public static Set<Role> roles(Authentication user) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (user != null) {
			for (GrantedAuthority authority : user.getAuthorities()) {
				Role role = ROLE_OF_AUTHORITY.get(authority.getAuthority());
				if (role != null) {
					roles.add(role);
				}
			}
		}
		return roles;
	}

	/** A URL rule for SecurityConfiguration: the request's user must hold the capability. */
	static AuthorizationManager<RequestAuthorizationContext> requires(Capability capability) {
		return (user, context) -> new AuthorizationDecision(allows(user.get(), capability));
	}

	private static boolean isSignedIn(Authentication user) {
		return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
	}

	/** For {@code @PreAuthorize} through {@link Allowed}. */
	public boolean may(Authentication user, Capability capability) {
		return allows(user, capability);
	}

	/** For templates: whether the signed-in user may do this ({@code ${@policy.may('LOG_INTERACTIONS')}}). */
	public boolean may(Capability capability) {
		return allows(SecurityContextHolder.getContext().getAuthentication(), capability);
	}

	/** True for a user who signed in (not the anonymous user of a public page). */
	public boolean signedIn() {
		return isSignedIn(SecurityContextHolder.getContext().getAuthentication());
	}

}
