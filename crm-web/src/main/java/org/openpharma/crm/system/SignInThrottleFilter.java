package org.openpharma.crm.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Asks the {@link SignInThrottle} before a password is checked: the sign-in form ({@code POST /login})
 * or HTTP Basic on the API. A refused form sign-in goes back to the sign-in page, which says how long to
 * wait; a refused API call is a 429 problem with {@code Retry-After}. The password of a refused attempt
 * is never checked, so it is neither "wrong" nor costs a bcrypt hash.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	private enum Kind {

		FORM, BASIC

	}

	private final SignInThrottle throttle;

	private final Kind kind;

	private SignInThrottleFilter(SignInThrottle throttle, Kind kind) {
		this.throttle = throttle;
		this.kind = kind;
	}

	/** For the screens' chain, before the form login filter (and after CSRF). */
	static SignInThrottleFilter form(SignInThrottle throttle) {
		return new SignInThrottleFilter(throttle, Kind.FORM);
	}

	/** For the API's chain, before HTTP Basic. */
	static SignInThrottleFilter basic(SignInThrottle throttle) {
		return new SignInThrottleFilter(throttle, Kind.BASIC);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (this.kind == Kind.FORM) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return !("POST".equals(request.getMethod()) && "/login".equals(path));
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header == null || !header.regionMatches(true, 0, "Basic ", 0, 6);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = (this.kind == Kind.FORM) ? request.getParameter("username")
				: basicUsername(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (username == null) {
			// Nothing to throttle on: Spring Security refuses the request without checking a password.
			chain.doFilter(request, response);
			return;
		}
		SignInThrottle.Decision decision = this.throttle.check(username, request.getRemoteAddr());
		if (decision.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = decision.retryAfterSeconds();
		if (this.kind == Kind.FORM) {
			response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		java.util.Map<String, Object> problem = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS,
				"too many sign-in attempts; try again in " + seconds + " seconds", null);
		problem.put("retryAfterSeconds", seconds);
		ApiProblems.write(response, HttpStatus.TOO_MANY_REQUESTS, problem);
	}

	/** The user name of an HTTP Basic header, or null when the header cannot be decoded. */
	static String basicUsername(String header) {
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
