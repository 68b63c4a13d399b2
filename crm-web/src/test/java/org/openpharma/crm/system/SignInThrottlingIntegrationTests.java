package org.openpharma.crm.system;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Nobody can lock anyone out: wrong passwords slow down the address they come from, on the sign-in form
 * and on HTTP Basic, while the user signs in from their own address (docs/adr/0013).
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class SignInThrottlingIntegrationTests extends WebTestBase {

	private static final String ATTACKER = "203.0.113.66";

	private static final String USERS_OFFICE = "198.51.100.10";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestUsers users;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MessageSource messages;

	@AfterEach
	void forgetTheAttacks() {
		this.throttle.forgetAll();
	}

	@Test
	void fiveAnonymousWrongBasicCallsNoLongerLockTheUserOut() throws Exception {
		String admin = this.users.ensure(Role.ADMIN);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(get("/api/v1/hcps/7").with(httpBasic(admin, "guess-" + i)).with(from(ATTACKER)))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/api/v1/hcps").with(httpBasic(admin, TestUsers.PASSWORD)).with(from(USERS_OFFICE)))
			.andExpect(status().isOk());
	}

	@Test
	void hammeringTheApiAnswers429WithRetryAfterAndAProblem() throws Exception {
		String mr = this.users.ensure(Role.MR);
		int unauthorized = 0;
		MvcResult throttled = null;
		for (int i = 0; i < 30; i++) {
			MvcResult result = this.mvc
				.perform(get("/api/v1/hcps").with(httpBasic(mr, "guess-" + i)).with(from(ATTACKER)))
				.andReturn();
			int status = result.getResponse().getStatus();
			assertThat(status).isIn(401, 429);
			if (status == 401) {
				unauthorized++;
			}
			else {
				throttled = result;
			}
		}
		assertThat(unauthorized).isEqualTo(5);
		assertThat(throttled).isNotNull();
		assertThat(throttled.getResponse().getContentType()).startsWith("application/problem+json");
		// Twelve seconds per token, less whatever passed since the five failures (the real clock runs).
		assertThat(Integer.parseInt(throttled.getResponse().getHeader("Retry-After"))).isBetween(1, 12);
		// Even the right password is refused from the attacker's address: its password is not checked.
		this.mvc.perform(get("/api/v1/hcps").with(httpBasic(mr, TestUsers.PASSWORD)).with(from(ATTACKER)))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", matchesPattern("\\d+")))
			.andExpect(jsonPath("$.status").value(429))
			.andExpect(jsonPath("$.retryAfterSeconds").isNumber());
		this.mvc.perform(get("/api/v1/hcps").with(httpBasic(mr, TestUsers.PASSWORD)).with(from(USERS_OFFICE)))
			.andExpect(status().isOk());
	}

	@Test
	void theSignInFormSaysHowLongToWaitNeverThatThePasswordWasWrong() throws Exception {
		String medical = this.users.ensure(Role.MEDICAL);
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(login(medical, "guess-" + i).with(from(ATTACKER))).andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(login(medical, TestUsers.PASSWORD).with(from(ATTACKER)))
			.andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).matches("/login\\?throttled=\\d+"))
			.andExpect(unauthenticated());

		String wait = this.messages.getMessage("login.throttled", new Object[] { 12L }, Locale.JAPANESE);
		String wrong = this.messages.getMessage("login.failed", null, Locale.JAPANESE);
		this.mvc.perform(get("/login").param("throttled", "12").locale(Locale.JAPANESE))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"login-throttled\"")))
			.andExpect(content().string(containsString(wait)))
			.andExpect(content().string(not(containsString(wrong))));

		this.mvc.perform(login(medical, TestUsers.PASSWORD).with(from(USERS_OFFICE)))
			.andExpect(authenticated().withUsername(medical));
	}

	@Test
	void theSignInPageIgnoresAForgedWait() throws Exception {
		for (String forged : new String[] { "abc", "-5", "0", "99999999", "12<script>" }) {
			this.mvc.perform(get("/login").param("throttled", forged))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("id=\"login-throttled\""))));
		}
	}

	@Test
	void aBurstIsAuditedOnceAgainstTheAccount() throws Exception {
		String manager = this.users.ensure(Role.MANAGER);
		for (int i = 0; i < 40; i++) {
			this.mvc.perform(login(manager, "guess-" + i).with(from(ATTACKER)));
		}
		Long id = this.jdbc.queryForObject("SELECT id FROM app_user WHERE username = ?", Long.class, manager);
		assertThat(this.jdbc.queryForList("SELECT after_state->>'scope' FROM audit_event WHERE action = 'SIGN_IN_THROTTLED'"
				+ " AND entity_type = 'USER' AND entity_id = ? AND after_state->>'address' = ?", String.class, id,
				ATTACKER))
			.containsExactly("ACCOUNT_ADDRESS");
	}

	private static MockHttpServletRequestBuilder login(String username, String password) {
		return post("/login").param("username", username).param("password", password).with(csrf());
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
