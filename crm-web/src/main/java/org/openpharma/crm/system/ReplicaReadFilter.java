package org.openpharma.crm.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which requests may read the read replica (docs/adr/0025): a GET or HEAD, unless the same browser wrote within
 * {@code crm.database.replica-read-your-writes} (5 s). Every other request reads the primary, and a write (any other
 * method) leaves a short-lived cookie that keeps the browser's next pages on the primary too, so the page a
 * post/redirect/get lands on, and the clicks right after it, show what was just saved however far the replica is
 * behind. Only there when a replica is configured; runs before security, whose user and token look-ups are reads too.
 */
@Component
@Conditional(ReadReplicaConfiguration.Configured.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ReplicaReadFilter extends OncePerRequestFilter {

	/** The cookie of a browser that wrote recently; its value means nothing. */
	static final String RECENT_WRITE = "crm-recent-write";

	private static final Set<String> READS = Set.of("GET", "HEAD");

	private final Duration readYourWrites;

	private final boolean secure;

	ReplicaReadFilter(@Value("${crm.database.replica-read-your-writes:5s}") Duration readYourWrites,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
		this.readYourWrites = readYourWrites;
		this.secure = secure;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!READS.contains(request.getMethod())) {
			// Before the chain: a redirect commits the response, and a cookie added after it would be lost.
			response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(RECENT_WRITE, "1")
				.maxAge(this.readYourWrites)
				.path("/")
				.httpOnly(true)
				.sameSite("Lax")
				.secure(this.secure)
				.build()
				.toString());
			chain.doFilter(request, response);
		}
		else if (wroteRecently(request)) {
			chain.doFilter(request, response);
		}
		else {
			try (ReadRouting.Scope replica = ReadRouting.replica()) {
				chain.doFilter(request, response);
			}
		}
	}

	private static boolean wroteRecently(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (RECENT_WRITE.equals(cookie.getName())) {
					return true;
				}
			}
		}
		return false;
	}

}
