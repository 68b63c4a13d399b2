package org.openpharma.crm.system;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Where a failed form sign-in goes: back to the sign-in page with "check your user name and password"
 * ({@code ?error}), unless the user could not be looked up because the database is down: then the page
 * says the service is temporarily unavailable ({@code ?unavailable}, docs/adr/0018). Spring Security
 * reports that case as an AuthenticationServiceException whose cause is the database's exception; it is
 * not a wrong password, so the sign-in throttle does not count it.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

	static final String WRONG_CREDENTIALS_URL = "/login?error";

	static final String UNAVAILABLE_URL = "/login?unavailable";

	private final AuthenticationFailureHandler wrongCredentials = redirectTo(WRONG_CREDENTIALS_URL);

	private final AuthenticationFailureHandler unavailable = redirectTo(UNAVAILABLE_URL);

	/**
	 * The page reads only the URL's parameter, so a failed sign-in creates no session to keep the exception in:
	 * wrong-password floods write no session rows, and a sign-in while the database is down needs none.
	 */
	private static AuthenticationFailureHandler redirectTo(String url) {
		SimpleUrlAuthenticationFailureHandler handler = new SimpleUrlAuthenticationFailureHandler(url);
		handler.setAllowSessionCreation(false);
		return handler;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		(DatabaseOutage.isCause(exception) ? this.unavailable : this.wrongCredentials)
			.onAuthenticationFailure(request, response, exception);
	}

}
