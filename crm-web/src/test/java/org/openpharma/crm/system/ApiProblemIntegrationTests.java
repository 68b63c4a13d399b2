package org.openpharma.crm.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of API error, over real HTTP (so that the servlet container's error dispatch runs too),
 * answers RFC 9457 problem details as application/problem+json, even to a client that asks for HTML.
 */
@WebIntegrationTest
@Import(ApiProblemIntegrationTests.Failing.class)
class ApiProblemIntegrationTests extends WebTestBase {

	static final String EVENTS = "/api/v1/interactions/events";

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	@Autowired
	TestUsers users;

	@Autowired
	JsonMapper json;

	HttpClient client = HttpClient.newHttpClient();

	String bearer;

	@BeforeEach
	void aSystemUser() {
		this.bearer = "Bearer " + this.tokens.create("problems-" + System.nanoTime() % 10_000_000, "problems", "MARKETING",
				"admin");
	}

	@Test
	void anUnknownApiPathIsA404Problem() throws Exception {
		assertProblem(send(get("/api/v1/no-such-thing").header("Authorization", this.bearer)), 404);
		// A browser asking for HTML gets the problem too: /api/** never answers a page.
		assertProblem(send(get("/api/v1/no-such-thing").header("Authorization", this.bearer).header("Accept", "text/html")),
				404);
	}

	@Test
	void aWrongMethodIsA405ProblemWithAllow() throws Exception {
		HttpResponse<String> response = send(request(EVENTS).header("Authorization", this.bearer)
			.header("Accept", "text/html,application/xhtml+xml")
			.DELETE());
		assertProblem(response, 405);
		assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
	}

	@Test
	void aBodyThatIsNotJsonIsA415Problem() throws Exception {
		assertProblem(send(request(EVENTS).header("Authorization", this.bearer)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("events"))), 415);
	}

	@Test
	void malformedJsonIsA400Problem() throws Exception {
		assertProblem(send(request(EVENTS).header("Authorization", this.bearer)
			.header("Content-Type", "application/json")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString("{not json"))), 400);
	}

	@Test
	void noOrWrongCredentialsAreA401Problem() throws Exception {
		assertProblem(send(get(EVENTS)), 401);
		assertProblem(send(get("/api/v1/hcps/1").header("Accept", "text/html")), 401);
		String wrong = Base64.getEncoder().encodeToString("nobody-at-all:wrong".getBytes(StandardCharsets.UTF_8));
		assertProblem(send(get("/api/v1/hcps/1").header("Authorization", "Basic " + wrong)), 401);
		assertProblem(send(get("/api/v1/hcps/1").header("Authorization", "Bearer not-a-real-token")), 401);
	}

	@Test
	void aRoleThatMayNotCallIsA403Problem() throws Exception {
		String mr = this.users.ensure(Role.MR);
		String basic = Base64.getEncoder()
			.encodeToString((mr + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
		assertProblem(send(request(EVENTS).header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))), 403);
	}

	@Test
	void aDeadlockOrLostRaceIsA409ProblemNotAnHtmlPage() throws Exception {
		HttpResponse<String> response = send(get("/api/test-failures/deadlock").header("Authorization", this.bearer)
			.header("Accept", "text/html"));
		assertProblem(response, 409);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("safe to send it again");
	}

	@Test
	void textTheDatabaseCannotStoreIsA400ProblemNotAConflict() throws Exception {
		assertProblem(send(get("/api/test-failures/nul").header("Authorization", this.bearer)), 400);
	}

	@Test
	void anUnexpectedFailureIsA500ProblemWithoutInternals() throws Exception {
		HttpResponse<String> response = send(get("/api/test-failures/bug").header("Authorization", this.bearer)
			.header("Accept", "text/html"));
		assertProblem(response, 500);
		assertThat(response.body()).doesNotContain("secret internals").doesNotContain("Exception");
	}

	@Test
	void screensStillGetTheirHtmlErrorPage() throws Exception {
		HttpResponse<String> response = send(get("/css/no-such-file.css").header("Accept", "text/html"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
	}

	private void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Failures that cannot be provoked on demand through the real endpoints. */
	@RestController
	@RequestMapping("/api/test-failures")
	static class Failing {

		@GetMapping("/deadlock")
		String deadlock() {
			throw new CannotAcquireLockException("deadlock detected",
					new SQLException("ERROR: deadlock detected", "40P01"));
		}

		@GetMapping("/nul")
		String nul() {
			throw new DataIntegrityViolationException("could not insert",
					new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
		}

		@GetMapping("/bug")
		String bug() {
			throw new IllegalStateException("secret internals");
		}

	}

}
