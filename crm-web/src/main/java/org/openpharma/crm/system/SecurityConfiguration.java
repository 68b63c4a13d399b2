package org.openpharma.crm.system;

import java.time.Clock;

import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.UserManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see and do what. Screens use form login with CSRF; the REST API uses HTTP Basic without a
 * session. Roles are checked here per URL and again on controller methods.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self';"
			+ " object-src 'none'";

	/** Roles that may create and edit HCP master data. */
	static final String[] MASTER_DATA_EDITORS = { "ADMIN", "MR", "CALL_CENTER", "MEDICAL" };

	/** Roles that record consent an HCP gave in person, by phone or on paper, and send self-service links. */
	static final String[] CONSENT_RECORDERS = { "ADMIN", "MR", "CALL_CENTER", "MEDICAL" };

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
		http.securityMatcher("/api/**")
			.addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
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

	@Bean
	@Order(2)
	SecurityFilterChain screens(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(a -> a
			.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/error/**")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
					"/swagger-ui.html", "/swagger-ui/**")
			.permitAll()
			// The HCP's own consent page: the unguessable link is the only credential (ConsentLinks).
			.requestMatchers("/consent/*")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/hcps/*/consent", "/hcps/*/consent/link")
			.hasAnyRole(CONSENT_RECORDERS)
			// Medical inquiries: intake by those who meet HCPs; the queue and AE hand-offs behind the firewall.
			.requestMatchers("/hcps/*/inquiries/**")
			.hasAnyRole("MR", "CALL_CENTER", "MEDICAL")
			.requestMatchers("/inquiries", "/inquiries/**")
			.hasRole("MEDICAL")
			.requestMatchers("/dashboards/targets", "/dashboards/targets/**")
			.hasAnyRole("MANAGER", "ADMIN")
			.requestMatchers("/dashboards/inquiries", "/dashboards/inquiries.csv")
			.hasAnyRole("MANAGER", "MEDICAL", "ADMIN")
			.requestMatchers("/dashboards", "/dashboards/**")
			.hasAnyRole("MANAGER", "MARKETING", "MEDICAL", "ADMIN")
			.requestMatchers("/actuator/**", "/admin/**")
			.hasRole("ADMIN")
			.requestMatchers("/hcps/*/merge", "/hcps/*/merge/**")
			.hasRole("ADMIN")
			// Everything held about a person, medical content included: the privacy officer's job, not the admin's.
			.requestMatchers("/hcps/*/data", "/hcps/*/data.json", "/hcps/*/erase")
			.hasRole("PRIVACY_OFFICER")
			.requestMatchers(HttpMethod.GET, "/hcps/new", "/hcps/*/edit")
			.hasAnyRole(MASTER_DATA_EDITORS)
			.requestMatchers(HttpMethod.POST, "/hcps", "/hcps/new", "/hcps/*/edit")
			.hasAnyRole(MASTER_DATA_EDITORS)
			.anyRequest()
			.authenticated())
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/hcps", false).failureUrl("/login?error").permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(f -> f.deny()));
		return http.build();
	}

	/**
	 * No Micrometer observation around each security filter: wrapping the dozen filters of every request
	 * cost more CPU than the filters themselves (JFR, docs/benchmarks.md). Requests are still timed as a
	 * whole ({@code http.server.requests}); logins and lock-outs are audited by {@code LoginAuditor}.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	UserDetailsService userDetailsService(UserManagement users, Clock clock) {
		return username -> users.findByUsername(username)
			.map(u -> User.withUsername(u.getUsername())
				.password(u.getPasswordHash())
				.disabled(!u.isEnabled() || u.isSystemUser())
				.accountLocked(u.isLocked(clock.instant()))
				.roles(u.getRoles().stream().map(Enum::name).toArray(String[]::new))
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

	/** Counts failed sign-ins (screens and API) and interactive sign-ins, for lock-out and the audit log. */
	@Bean
	LoginAuditor loginAuditor(UserManagement users) {
		return new LoginAuditor(users);
	}

	static class LoginAuditor {

		private final UserManagement users;

		LoginAuditor(UserManagement users) {
			this.users = users;
		}

		@EventListener
		void onFailure(AuthenticationFailureBadCredentialsEvent event) {
			this.users.recordFailedLogin(String.valueOf(event.getAuthentication().getName()));
		}

		@EventListener
		void onSuccess(InteractiveAuthenticationSuccessEvent event) {
			this.users.recordSuccessfulLogin(event.getAuthentication().getName());
		}

	}

}
