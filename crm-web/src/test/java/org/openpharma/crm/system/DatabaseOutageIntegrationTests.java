package org.openpharma.crm.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.CrmApplication;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.imports.ImportManagement;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The application while its database is unreachable (issue 12 item 13): readiness DOWN within 5 s, screens a
 * 503 "temporarily unavailable" page, the API a 503 problem with Retry-After (never a 401 for valid-looking
 * credentials), the sign-in form a "temporarily unavailable" message (never "check your user name and
 * password"). The shared PostgreSQL server is not touched: the data source points at a closed local port,
 * with a pool that was started (as after a start with the database up), so that every connection request
 * waits for the pool's connection timeout as it does in production.
 */
@SpringBootTest(classes = CrmApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/crm", "spring.datasource.username=crm",
				"spring.datasource.password=", "spring.datasource.hikari.initialization-fail-timeout=-1",
				"spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=none",
				"spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect",
				"spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
				"crm.rollup.compact-interval-ms=3600000",
				// Modulith's outbox reads the database's product name when it starts, which this simulated
				// "started, then lost the database" state cannot give; the outbox's own outage behaviour is
				// EventStreamIntegrationTests'.
				"crm.events.stream.enabled=false",
				"spring.autoconfigure.exclude=org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration,"
						+ "org.springframework.modulith.events.config.EventPublicationAutoConfiguration" })
@AutoConfigureMockMvc
class DatabaseOutageIntegrationTests {

	/** The requirement: an orchestrator sees the outage within 5 s. */
	static final Duration READINESS_BOUND = Duration.ofSeconds(5);

	static final String UNAVAILABLE_EN = "temporarily unavailable";

	/** Marks orphaned import jobs at start-up, which needs the database; not what this test is about. */
	@MockitoBean
	ImportManagement imports;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void readinessIsDownWithinFiveSecondsAndLivenessStaysUp() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> readiness = send(request("/actuator/health/readiness"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("\"DOWN\"");
		assertThat(took).isLessThan(READINESS_BOUND);
		// A second probe while the first outage is still on is just as fast.
		start = System.nanoTime();
		assertThat(send(request("/actuator/health/readiness")).statusCode()).isEqualTo(503);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READINESS_BOUND);
		// The process itself is fine: no restart.
		assertThat(send(request("/actuator/health/liveness")).statusCode()).isEqualTo(200);
	}

	@Test
	void aScreenAnswersTheTemporarilyUnavailablePageInBothLanguages() throws Exception {
		MvcResult en = this.mvc.perform(get("/hcps").with(user("manager").roles("MANAGER")).cookie(new Cookie("crm-lang", "en")))
			.andReturn();
		assertThat(en.getResponse().getStatus()).isEqualTo(503);
		assertThat(en.getResponse().getHeader("Retry-After")).matches("\\d+");
		String page = en.getResponse().getContentAsString();
		assertThat(page).contains("id=\"error-title\"").containsIgnoringCase(UNAVAILABLE_EN)
			.doesNotContain("Exception").doesNotContain("SQL").doesNotContain("Hikari");
		// The layout renders for the signed-in user without the database (navigation, user name).
		assertThat(page).contains("id=\"current-user\"");

		MvcResult ja = this.mvc.perform(get("/hcps").with(user("manager").roles("MANAGER"))).andReturn();
		assertThat(ja.getResponse().getStatus()).isEqualTo(503);
		assertThat(ja.getResponse().getContentAsString()).contains("一時的にご利用いただけません");
	}

	@Test
	void aPublicPageOverHttpAnswersTheUnavailablePageNotA500() throws Exception {
		HttpResponse<String> response = send(request("/consent/some-link-token").header("Accept", "text/html")
			.header("Cookie", "crm-lang=en"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
		assertThat(response.body()).containsIgnoringCase(UNAVAILABLE_EN).doesNotContain("Exception");
	}

	@Test
	void theApiWithBasicCredentialsAnswersA503ProblemNotA401() throws Exception {
		String basic = Base64.getEncoder().encodeToString("admin:some-password-123".getBytes(StandardCharsets.UTF_8));
		assertUnavailableProblem(send(request("/api/v1/hcps/1").header("Authorization", "Basic " + basic)));
		// Asking for HTML changes nothing: /api/** answers problems.
		assertUnavailableProblem(send(request("/api/v1/hcps/1").header("Authorization", "Basic " + basic)
			.header("Accept", "text/html")));
	}

	@Test
	void theApiWithABearerTokenAnswersA503ProblemNotA401() throws Exception {
		assertUnavailableProblem(send(request("/api/v1/hcps/1").header("Authorization", "Bearer some-api-token")));
	}

	@Test
	void anApiCallThatReachedItsControllerAnswersA503Problem() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/hcps/1").with(user("reader").roles("MANAGER"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(503);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getHeader("Retry-After")).matches("\\d+");
		assertThat(result.getResponse().getContentAsString()).contains("\"status\":503")
			.contains(UNAVAILABLE_EN);
	}

	@Test
	void theSignInFormSaysTheServiceIsUnavailableNotThatTheCredentialsAreWrong() throws Exception {
		// The sign-in page's own CSRF token and cookie, as a browser sends them (spring-security-test's csrf()
		// would swap the context's cookie token store for a session-based one, and the sessions are in the
		// database that is down).
		MvcResult signInPage = this.mvc.perform(get("/login")).andReturn();
		assertThat(signInPage.getResponse().getStatus()).isEqualTo(200);
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
			.matcher(signInPage.getResponse().getContentAsString());
		assertThat(token.find()).isTrue();
		MvcResult signIn = this.mvc
			.perform(post("/login").param("username", "manager").param("password", "some-password-123")
				.param("_csrf", token.group(1)).cookie(signInPage.getResponse().getCookies()))
			.andReturn();
		assertThat(signIn.getResponse().getStatus()).isEqualTo(302);
		assertThat(signIn.getResponse().getRedirectedUrl()).isEqualTo("/login?unavailable");

		String page = this.mvc.perform(get("/login?unavailable").cookie(new Cookie("crm-lang", "en")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"login-unavailable\"").containsIgnoringCase(UNAVAILABLE_EN)
			.doesNotContain("id=\"login-error\"")
			.doesNotContain("Check your user name and password");
	}

	/**
	 * Sessions are kept in the database (docs/adr/0021): a signed-in user's session cannot be read while it is
	 * down, and the screens say so plainly instead of signing the user out.
	 */
	@Test
	void aSignedInUsersScreenAnswersTheUnavailablePage() throws Exception {
		String session = Base64.getEncoder().encodeToString("7d1f3a62-0c53-4d8e-9a43-5f0c2b1e9d77".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(request("/hcps").header("Accept", "text/html")
			.header("Cookie", "SESSION=" + session + "; crm-lang=en"));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
		assertThat(response.body()).containsIgnoringCase(UNAVAILABLE_EN).doesNotContain("Exception");
	}

	/** The real browser at tablet size: the sign-in message, and the 503 page without a horizontal scroll. */
	@Test
	void inTheBrowserTheOutageIsSaidPlainlyAndFitsATablet() {
		WebDriver driver = BrowserTestBase.newDriver();
		try {
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
			driver.get(url("/login"));
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("manager");
			driver.findElement(By.id("password")).sendKeys("some-password-123");
			driver.findElement(By.id("login-button")).click();
			String message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-unavailable")))
				.getText();
			assertThat(message).contains("一時的にご利用いただけません");
			assertThat(driver.findElements(By.id("login-error"))).isEmpty();

			driver.get(url("/consent/some-link-token"));
			String title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-title"))).getText();
			assertThat(title).contains("一時的にご利用いただけません");
			Object overflow = ((JavascriptExecutor) driver)
				.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
			assertThat(overflow).isEqualTo(Boolean.FALSE);
		}
		finally {
			driver.quit();
		}
	}

	private void assertUnavailableProblem(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(response.body()).contains("\"status\":503").contains(UNAVAILABLE_EN);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).GET();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
