package org.openpharma.crm.interaction.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebIntegrationTest
@AutoConfigureMockMvc
class PullEventApiIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	HcpManagement hcps;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestUsers users;

	@Autowired
	JsonMapper json;

	@Autowired
	java.time.Clock clock;

	@LocalServerPort
	int port;

	String token;

	Hcp hcp;

	String registry;

	String prefix;

	@BeforeEach
	void aSystemUserAndAnHcp() {
		long n = System.nanoTime() % 10_000_000;
		this.prefix = "ev" + n + "-";
		this.token = this.tokens.create("web-platform-" + n, "feed", "MARKETING", "admin");
		this.registry = "EV" + n;
		this.hcp = this.hcps.create(new HcpDetails("イベント 太郎", "イベント タロウ", null, this.registry, null, null, null,
				null), "setup");
	}

	private String event(String id, String hcpRef, String channel, Instant at) {
		return "{\"externalId\":\"" + this.prefix + id + "\"," + hcpRef + ",\"channel\":\"" + channel
				+ "\",\"occurredAt\":\"" + at + "\",\"contentTitle\":\"Guideline 2026 webinar\"}";
	}

	@Test
	void storesGoodEventsReportsBadOnesAndIgnoresRepeats() throws Exception {
		Instant now = this.clock.instant().minusSeconds(60);
		String body = "{\"events\":[" + event("1", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", now) + ","
				+ event("2", "\"registryNumber\":\"" + this.registry + "\"", "WEB_CONTENT", now) + ","
				+ event("3", "\"hcpId\":999999999", "WEBINAR", now) + ","
				+ event("4", "\"hcpId\":" + this.hcp.getId(), "VISIT", now) + ","
				+ event("1", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", now) + "]}";
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.duplicates").value(1))
			.andExpect(jsonPath("$.rejected.length()").value(2))
			.andExpect(jsonPath("$.rejected[0].index").value(2))
			.andExpect(jsonPath("$.rejected[0].errors[0].field").value("hcpId"))
			.andExpect(jsonPath("$.rejected[1].errors[0].field").value("channel"));
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(0))
			.andExpect(jsonPath("$.duplicates").value(3));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).isEqualTo(2);
	}

	@Test
	void refusesWrongTokensPeopleAndOversizedBatches() throws Exception {
		String one = "{\"events\":[" + event("x", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", this.clock.instant()) + "]}";
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer not-a-real-token-at-all")
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isUnauthorized());
		String mr = this.users.ensure(Role.MR);
		this.mvc.perform(post("/api/v1/interactions/events").with(httpBasic(mr, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isForbidden());
		StringBuilder big = new StringBuilder("{\"events\":[");
		for (int i = 0; i < 1001; i++) {
			big.append(i > 0 ? "," : "").append(event("b" + i, "\"hcpId\":" + this.hcp.getId(), "WEBINAR", this.clock.instant()));
		}
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(big.append("]}").toString()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("events"));
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{not json")).andExpect(status().isBadRequest());
	}

	@Test
	void aRevokedTokenStopsWorkingAtOnce() throws Exception {
		String one = "{\"events\":[" + event("r", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", this.clock.instant()) + "]}";
		String token = this.tokens.create("revoke-me-" + System.nanoTime() % 100000, "temp", "MARKETING", "admin");
		long tempId = this.tokens.all().stream().filter(t -> t.name().equals("temp")).findFirst().orElseThrow().id();
		this.tokens.revoke(tempId, "admin");
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isUnauthorized());
	}

	/**
	 * Eight systems send the same 200 event ids at once, each in its own order. Before the rows were
	 * written in id order, the batches waited on each other's unique keys in a circle, PostgreSQL broke
	 * the deadlock and the losers got a 409 (as an HTML page).
	 */
	@Test
	void overlappingBatchesSentAtTheSameTimeNeitherDeadlockNorStoreAnythingTwice() throws Exception {
		int ids = 200;
		int threads = 8;
		Instant at = this.clock.instant().minusSeconds(120);
		List<String> events = new ArrayList<>();
		for (int i = 0; i < ids; i++) {
			events.add(event("c" + i, "\"hcpId\":" + this.hcp.getId(), (i % 2 == 0) ? "WEB_CONTENT" : "WEBINAR", at));
		}
		HttpClient client = HttpClient.newHttpClient();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				List<String> shuffled = new ArrayList<>(events);
				Collections.shuffle(shuffled, new Random(t));
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/interactions/events"))
					.header("Authorization", "Bearer " + this.token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + String.join(",", shuffled) + "]}"))
					.build();
				answers.add(pool.submit(() -> {
					start.await();
					return client.send(request, HttpResponse.BodyHandlers.ofString());
				}));
			}
			start.countDown();
			int accepted = 0;
			int duplicates = 0;
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				JsonNode result = this.json.readTree(response.body());
				assertThat(result.get("rejected").size()).isZero();
				accepted += result.get("accepted").asInt();
				duplicates += result.get("duplicates").asInt();
			}
			assertThat(accepted).isEqualTo(ids);
			assertThat(accepted + duplicates).isEqualTo(ids * threads);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE external_event_id LIKE ?", Long.class,
				this.prefix + "c%")).isEqualTo(ids);
	}

	/** A NUL character cannot be stored in PostgreSQL text: that item is reported, the others are stored. */
	@Test
	void anEventWithTextTheDatabaseCannotStoreIsReportedAndTheOthersAreStored() throws Exception {
		Instant now = this.clock.instant().minusSeconds(60);
		String ref = "\"hcpId\":" + this.hcp.getId();
		String body = "{\"events\":[" + event("n1", ref, "WEBINAR", now) + ","
				+ event("n2", ref, "WEBINAR", now).replace("Guideline 2026 webinar", "Guideline\\u00002026") + ","
				+ event("n3", "\"registryNumber\":\"" + this.registry + "\\u0000\"", "WEB_CONTENT", now) + ","
				+ event("n4\\u0000", ref, "WEB_CONTENT", now) + ","
				+ event("n5", ref, "WEB_CONTENT", now).replace("Guideline 2026 webinar", "half \\ud83d pair") + ","
				+ event("n6", ref, "EMAIL_OPENED", now) + "]}";
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected.length()").value(4))
			.andExpect(jsonPath("$.rejected[0].index").value(1))
			.andExpect(jsonPath("$.rejected[0].externalId").value(this.prefix + "n2"))
			.andExpect(jsonPath("$.rejected[0].errors[0].field").value("contentTitle"))
			.andExpect(jsonPath("$.rejected[0].errors[0].message").value(org.hamcrest.Matchers.containsString("NUL")))
			.andExpect(jsonPath("$.rejected[1].index").value(2))
			.andExpect(jsonPath("$.rejected[1].errors[0].field").value("registryNumber"))
			.andExpect(jsonPath("$.rejected[2].index").value(3))
			.andExpect(jsonPath("$.rejected[2].errors[0].field").value("externalId"))
			.andExpect(jsonPath("$.rejected[3].index").value(4))
			.andExpect(jsonPath("$.rejected[3].errors[0].field").value("contentTitle"));
		assertThat(this.jdbc.queryForList("SELECT external_event_id FROM interaction WHERE external_event_id LIKE ?"
				+ " ORDER BY 1", String.class, this.prefix + "n%")).containsExactly(this.prefix + "n1", this.prefix + "n6");
	}

	/** Jackson would read 7.5 as 7 and store the event for the wrong HCP: a fraction is a wrong type. */
	@Test
	void aFractionalHcpIdIsRefusedNotCutToAnInteger() throws Exception {
		String body = "{\"events\":[" + event("f1", "\"hcpId\":" + this.hcp.getId() + ".5", "WEBINAR",
				this.clock.instant().minusSeconds(60)) + "]}";
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].field").value("events[0].hcpId"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE external_event_id = ?", Long.class,
				this.prefix + "f1")).isZero();
	}

}
