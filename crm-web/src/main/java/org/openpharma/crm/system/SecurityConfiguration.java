package org.openpharma.crm.system;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.UserManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import static org.openpharma.crm.system.Policy.requires;
import static org.openpharma.crm.user.Capability.ADMINISTER;
import static org.openpharma.crm.user.Capability.ANSWER_DATA_REQUESTS;
import static org.openpharma.crm.user.Capability.EDIT_HCPS;
import static org.openpharma.crm.user.Capability.EDIT_STAGE_POLICY;
import static org.openpharma.crm.user.Capability.READ_NEXT_ACTIONS;
import static org.openpharma.crm.user.Capability.MERGE_HCPS;
import static org.openpharma.crm.user.Capability.PLAN_CALLS;
import static org.openpharma.crm.user.Capability.READ_CALL_PLANS;
import static org.openpharma.crm.user.Capability.MANAGE_CAMPAIGNS;
import static org.openpharma.crm.user.Capability.READ_CAMPAIGNS;
import static org.openpharma.crm.user.Capability.READ_CONTENT;
import static org.openpharma.crm.user.Capability.READ_CONTENT_GAPS;
import static org.openpharma.crm.user.Capability.READ_PATIENT_LIFETIME;
import static org.openpharma.crm.user.Capability.READ_DASHBOARDS;
import static org.openpharma.crm.user.Capability.READ_SLA_DASHBOARD;
import static org.openpharma.crm.user.Capability.READ_STAGE_POLICY;
import static org.openpharma.crm.user.Capability.READ_WHAT_WORKED;
import static org.openpharma.crm.user.Capability.RECORD_CONSENT;
import static org.openpharma.crm.user.Capability.SEND_CONTENT;
import static org.openpharma.crm.user.Capability.SET_TARGETS;
import static org.openpharma.crm.user.Capability.TAKE_INQUIRIES;
import static org.openpharma.crm.user.Capability.WORK_INQUIRIES;

/**
 * Who may see and do what. Screens use form login with CSRF; the REST API uses HTTP Basic without a
 * session. Capabilities (the one policy, docs/adr/0024) are checked here per URL and again on controller
 * methods ({@link Allowed}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self';"
			+ " object-src 'none'";

	/** Fills in the templates of {@link Allowed} (and any other annotation meta-annotated with a security expression). */
	@Bean
	static AnnotationTemplateExpressionDefaults annotationTemplateExpressionDefaults() {
		return new AnnotationTemplateExpressionDefaults();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle) throws Exception {
		http.securityMatcher("/api/**")
			.addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
			.addFilterBefore(SignInThrottleFilter.basic(throttle), BasicAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().authenticated())
			// Refusals as problem details (RFC 9457), like every other API error.
			.httpBasic(b -> b.authenticationEntryPoint(new ApiProblems()))
			.exceptionHandling(e -> e.authenticationEntryPoint(new ApiProblems()).accessDeniedHandler(new ApiProblems()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Stateless, credentials in every request, no cookies: no CSRF token to steal.
			.csrf(c -> c.ignoringRequestMatchers("/api/**"))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
		return http.build();
	}

	/**
	 * The file behind an HCP's tracked link (TrackedLinkController): public like the link itself, and the only
	 * response the CRM's own pages may frame (the tracked page embeds a PDF), nothing else may.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain trackedFiles(HttpSecurity http) throws Exception {
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/c/*/file"))
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(r -> r.disable())
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(TRACKED_FILE_CSP))
				.frameOptions(f -> f.sameOrigin()));
		return http.build();
	}

	static final String TRACKED_FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
			+ " frame-ancestors 'self'";

	@Bean
	@Order(2)
	SecurityFilterChain screens(HttpSecurity http, SignInThrottle throttle,
			@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) throws Exception {
		http.addFilterBefore(SignInThrottleFilter.form(throttle), UsernamePasswordAuthenticationFilter.class)
			// The CSRF token lives in a cookie of the browser, not in the session (docs/adr/0021): the sign-in page
			// and the HCP's consent page need no session row, and say "temporarily unavailable" while the database
			// (which holds the sessions) is down. It is renewed at sign-in and sign-out as before.
			.csrf(c -> c.csrfTokenRepository(csrfCookie(secureCookies))
				// RFC 8058 one-click unsubscribe: the mail client POSTs without a token; the link is the credential.
				.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/u/*")))
			.authorizeHttpRequests(a -> a
			.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/error/**")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			// The HCP's own consent page: the unguessable link is the only credential (ConsentLinks).
			.requestMatchers("/consent/*")
			.permitAll()
			// What an HCP opens from an e-mail: the tracked content and the unsubscribe page (TrackedLinks).
			.requestMatchers("/c/*", "/c/*/rating", "/c/*/rated", "/u/*")
			.permitAll()
			.requestMatchers("/emails", "/emails/**", "/hcps/*/emails", "/hcps/*/emails/**", "/hcps/*/deliveries/**")
			.access(requires(SEND_CONTENT))
			// Next best actions; accepting and dismissing are checked per method (@Allowed) and per suggestion.
			.requestMatchers("/hcps/*/next-actions", "/hcps/*/next-actions/**", "/next-actions/**")
			.access(requires(READ_NEXT_ACTIONS))
			.requestMatchers(HttpMethod.POST, "/hcps/*/consent", "/hcps/*/consent/link")
			.access(requires(RECORD_CONSENT))
			// Medical inquiries: intake by those who meet HCPs; the queue and AE hand-offs behind the firewall.
			.requestMatchers("/hcps/*/inquiries/**")
			.access(requires(TAKE_INQUIRIES))
			.requestMatchers("/inquiries", "/inquiries/**")
			.access(requires(WORK_INQUIRIES))
			.requestMatchers("/dashboards/targets", "/dashboards/targets/**")
			.access(requires(SET_TARGETS))
			.requestMatchers("/dashboards/lifetime")
			.access(requires(READ_PATIENT_LIFETIME))
			.requestMatchers("/dashboards/inquiries", "/dashboards/inquiries.csv")
			.access(requires(READ_SLA_DASHBOARD))
			.requestMatchers("/dashboards", "/dashboards/**")
			.access(requires(READ_DASHBOARDS))
			// The content gap and content requests (marketing's and medical affairs' home page).
			.requestMatchers("/content/gaps", "/content/gaps.csv", "/content/gaps/**", "/content/requests",
					"/content/requests.csv", "/content/requests/**")
			.access(requires(READ_CONTENT_GAPS))
			// The content library; writing and reviewing are checked per method (@Allowed) and in ContentLibrary.
			.requestMatchers("/content", "/content/**")
			.access(requires(READ_CONTENT))
			// Stage policies: every role that works with HCPs reads them, marketing saves a new version.
			.requestMatchers("/policies/*/edit")
			.access(requires(EDIT_STAGE_POLICY))
			.requestMatchers("/policies", "/policies/**")
			.access(requires(READ_STAGE_POLICY))
			// The check of what worked: marketing and managers.
			.requestMatchers("/what-worked", "/what-worked/**")
			.access(requires(READ_WHAT_WORKED))
			// The call plan: a manager's coaching view of their reps, and the planner's own week.
			.requestMatchers("/plan/team", "/plan/team/**")
			.access(requires(READ_CALL_PLANS))
			.requestMatchers("/plan", "/plan/**")
			.access(requires(PLAN_CALLS))
			// Marketing's segments and campaigns; launching and cancelling are checked per method (@Allowed).
			.requestMatchers("/segments", "/segments/**")
			.access(requires(MANAGE_CAMPAIGNS))
			.requestMatchers("/campaigns", "/campaigns/**")
			.access(requires(READ_CAMPAIGNS))
			.requestMatchers("/actuator/**", "/admin/**")
			.access(requires(ADMINISTER))
			.requestMatchers("/hcps/*/merge", "/hcps/*/merge/**")
			.access(requires(MERGE_HCPS))
			// Everything held about a person, medical content included: the privacy officer's job, not the admin's.
			.requestMatchers("/hcps/*/data", "/hcps/*/data.json", "/hcps/*/erase")
			.access(requires(ANSWER_DATA_REQUESTS))
			.requestMatchers(HttpMethod.GET, "/hcps/new", "/hcps/*/edit")
			.access(requires(EDIT_HCPS))
			.requestMatchers(HttpMethod.POST, "/hcps", "/hcps/new", "/hcps/*/edit")
			.access(requires(EDIT_HCPS))
			.anyRequest()
			.authenticated())
			.formLogin(f -> f.loginPage("/login")
				.defaultSuccessUrl("/", false)
				// Wrong credentials: ?error; the database down: ?unavailable (docs/adr/0018).
				.failureHandler(new SignInFailureHandler())
				.permitAll())
			// Signing out deletes the session's row; Spring Session clears its cookie (SESSION) itself.
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(f -> f.deny()));
		return http.build();
	}

	/** The CSRF token's cookie: not readable from scripts (pages carry the token), same-site like the session's. */
	static CookieCsrfTokenRepository csrfCookie(boolean secure) {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieCustomizer(cookie -> cookie.httpOnly(true).secure(secure).sameSite("Lax"));
		return repository;
	}

	/**
	 * No Micrometer observation around each security filter: wrapping the dozen filters of every request
	 * cost more CPU than the filters themselves (JFR, docs/benchmarks.md). Requests are still timed as a
	 * whole ({@code http.server.requests}); sign-ins are audited by {@code LoginAuditor}, throttling by {@link SignInThrottle}.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	UserDetailsService userDetailsService(UserManagement users) {
		return username -> users.findByUsername(username)
			.map(u -> User.withUsername(u.getUsername())
				.password(u.getPasswordHash())
				.disabled(!u.isEnabled() || u.isSystemUser())
				.roles(u.getRoles().stream().map(Enum::name).toArray(String[]::new))
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

	/**
	 * Slows down password guessing (docs/adr/0013); each start of a burst of refused attempts is audited
	 * in a transaction of its own, against the account when it exists.
	 */
	@Bean
	SignInThrottle signInThrottle(Clock clock, AuditTrail audit, UserManagement users) {
		return new SignInThrottle(clock, (scope, username, address, seconds) -> {
			Map<String, Object> burst = new LinkedHashMap<>();
			burst.put("scope", scope.name());
			burst.put("username", username.length() > 60 ? username.substring(0, 60) : username);
			burst.put("address", address);
			burst.put("retryAfterSeconds", seconds);
			try {
				Long id = users.idOf(username).orElse(null);
				audit.recordSeparately("anonymous", "SIGN_IN_THROTTLED", (id != null) ? "USER" : "SIGN_IN", id, burst);
			}
			catch (RuntimeException ex) {
				// The refusal stands even when the audit cannot be written (database down): never a 500 here.
				LOG.warn("Could not audit sign-in throttling {}", burst, ex);
			}
		});
	}

	/**
	 * Counts failed sign-ins (screens and API) for the throttle and the admin's count, and audits
	 * interactive sign-ins.
	 */
	@Bean
	LoginAuditor loginAuditor(UserManagement users, SignInThrottle throttle) {
		return new LoginAuditor(users, throttle);
	}

	static class LoginAuditor {

		private final UserManagement users;

		private final SignInThrottle throttle;

		LoginAuditor(UserManagement users, SignInThrottle throttle) {
			this.users = users;
			this.throttle = throttle;
		}

		@EventListener
		void onFailure(AuthenticationFailureBadCredentialsEvent event) {
			String username = String.valueOf(event.getAuthentication().getName());
			this.throttle.failed(username, addressOf(event.getAuthentication()));
			this.users.recordFailedLogin(username);
		}

		/** Every successful password check, form or HTTP Basic. */
		@EventListener
		void onAuthenticated(AuthenticationSuccessEvent event) {
			this.throttle.succeeded(event.getAuthentication().getName(), addressOf(event.getAuthentication()));
		}

		@EventListener
		void onSuccess(InteractiveAuthenticationSuccessEvent event) {
			this.users.recordSuccessfulLogin(event.getAuthentication().getName());
		}

		/**
		 * Forgets throttle buckets that are full again, so that memory stays bounded. Deliberately without a
		 * scheduler lock (docs/adr/0021): the buckets live in this node's memory, so every node must tidy its
		 * own; a lock would let one node's run stand for all and the others' memory grow.
		 */
		@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
		void forgetIdle() {
			this.throttle.forgetIdle();
		}

		private static String addressOf(Authentication authentication) {
			return (authentication.getDetails() instanceof WebAuthenticationDetails details
					&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown";
		}

	}

}
