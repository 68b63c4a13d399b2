package org.openpharma.crm.interaction.web;

import java.time.Instant;

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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
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
		Instant now = Instant.now().minusSeconds(60);
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
		String one = "{\"events\":[" + event("x", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", Instant.now()) + "]}";
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer not-a-real-token-at-all")
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isUnauthorized());
		String mr = this.users.ensure(Role.MR);
		this.mvc.perform(post("/api/v1/interactions/events").with(httpBasic(mr, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isForbidden());
		StringBuilder big = new StringBuilder("{\"events\":[");
		for (int i = 0; i < 1001; i++) {
			big.append(i > 0 ? "," : "").append(event("b" + i, "\"hcpId\":" + this.hcp.getId(), "WEBINAR", Instant.now()));
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
		String one = "{\"events\":[" + event("r", "\"hcpId\":" + this.hcp.getId(), "WEBINAR", Instant.now()) + "]}";
		String token = this.tokens.create("revoke-me-" + System.nanoTime() % 100000, "temp", "MARKETING", "admin");
		long tempId = this.tokens.all().stream().filter(t -> t.name().equals("temp")).findFirst().orElseThrow().id();
		this.tokens.revoke(tempId, "admin");
		this.mvc.perform(post("/api/v1/interactions/events").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(one)).andExpect(status().isUnauthorized());
	}

}
