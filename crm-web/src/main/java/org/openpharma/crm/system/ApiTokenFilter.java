package org.openpharma.crm.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openpharma.crm.user.ApiTokens;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code Authorization: Bearer <token>} as the token's system
 * user, with the extra authority {@code SYSTEM}. A wrong or revoked token is a 401 at once; a token that
 * cannot be checked because the database is down is a 503.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	static final String SYSTEM = Policy.API_TOKEN;

	private final ApiTokens tokens;

	ApiTokenFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiTokens.TokenUser> user;
		try {
			user = this.tokens.authenticate(header.substring(7).strip());
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.isCause(ex)) {
				throw ex;
			}
			// The token could not be checked: the database is down, not the token wrong.
			ApiProblems.writeUnavailable(response, request.getRequestURI());
			return;
		}
		if (user.isEmpty()) {
			ApiProblems.write(response, HttpStatus.UNAUTHORIZED, "invalid or revoked API token", request.getRequestURI());
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(SYSTEM));
		user.get().roles().forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get().username(), null,
				authorities));
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
