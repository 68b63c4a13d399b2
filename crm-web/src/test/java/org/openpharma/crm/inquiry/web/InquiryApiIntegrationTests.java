package org.openpharma.crm.inquiry.web;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** POST /api/v1/inquiries from the web form or telephony: token, consent, AE facts, no content echoed. */
@WebIntegrationTest
@AutoConfigureMockMvc
class InquiryApiIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	String token;

	Hcp hcp;

	String registry;

	long product;

	@BeforeEach
	void aSystemUserAndAnHcpWhoAgreed() {
		long n = System.nanoTime() % 10_000_000;
		this.token = this.tokens.create("web-form-" + n, "inquiries", "CALL_CENTER", "admin");
		this.registry = "IQ" + n;
		this.hcp = this.hcps.create(new HcpDetails("照会 太郎", "ショウカイ タロウ", null, this.registry, null, null, null,
				null), "setup");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, 'A', 'A')"
				+ " RETURNING id", Long.class, "IA" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, 'P', 'P', ?) RETURNING id", Long.class, "IP" + n, area);
	}

	private String body(String extra) {
		return "{\"registryNumber\":\"" + this.registry.toLowerCase() + "\",\"subject\":\"用量\",\"question\":"
				+ "\"小児への投与量は？\",\"productId\":" + this.product + ",\"answerChannel\":\"email\"" + extra + "}";
	}

	@Test
	void aSystemTakesInAnInquiryWithAnAdverseEventAndGetsNoContentBack() throws Exception {
		java.time.OffsetDateTime learned = this.clock.instant().minus(java.time.Duration.ofDays(2))
			.atZone(java.time.ZoneId.of("Asia/Tokyo")).toOffsetDateTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		java.time.LocalDate dayZero = learned.toLocalDate();
		String ae = ",\"awareAt\":\"" + learned + "\",\"adverseEvent\":{\"suspectProductId\":" + this.product
				+ ",\"description\":\"嘔吐\",\"seriousness\":\"SERIOUS\",\"expectedness\":\"unexpected\",\"fatal\":false,"
				+ "\"reporter\":\"医師\",\"ageBand\":\"UNDER_10\",\"sex\":\"MALE\"}";
		String response = this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON).content(body(ae)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("RECEIVED"))
			.andExpect(jsonPath("$.adverseEventHandedOff").value(true))
			.andReturn().getResponse().getContentAsString();
		assertThat(response).doesNotContain("小児").doesNotContain("嘔吐");
		assertThat(this.jdbc.queryForObject("SELECT received_via FROM medical_inquiry WHERE hcp_id = ?", String.class,
				this.hcp.getId())).isEqualTo("API");
		Long handoff = this.jdbc.queryForObject("SELECT a.id FROM adverse_event_handoff a JOIN medical_inquiry q"
				+ " ON q.id = a.inquiry_id WHERE q.hcp_id = ?", Long.class, this.hcp.getId());
		// Pharmacovigilance files the hand-off as a structured document, with day 0 and both deadlines.
		this.mvc.perform(get("/inquiries/handoffs/" + handoff + ".json").with(user("pv").roles("MEDICAL")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.description").value("嘔吐"))
			.andExpect(jsonPath("$.patientAgeBand").value("UNDER_10"))
			.andExpect(jsonPath("$.seriousness").value("SERIOUS"))
			.andExpect(jsonPath("$.expectedness").value("UNEXPECTED"))
			.andExpect(jsonPath("$.fatal").value(false))
			.andExpect(jsonPath("$.hcpCountry").value("JP"))
			.andExpect(jsonPath("$.dayZero").value(dayZero.toString()))
			.andExpect(jsonPath("$.awareAt").value(learned.toInstant().toString()))
			.andExpect(jsonPath("$.internalDueAt").exists())
			.andExpect(jsonPath("$.regulatoryDeadline.kind").value("DUE"))
			.andExpect(jsonPath("$.regulatoryDeadline.jurisdiction").value("JP"))
			.andExpect(jsonPath("$.regulatoryDeadline.rule").value("JP-SERIOUS-UNEXPECTED"))
			.andExpect(jsonPath("$.regulatoryDeadline.reportDays").value(15))
			.andExpect(jsonPath("$.regulatoryDeadline.dueDate").value(dayZero.plusDays(15).toString()));
		this.mvc.perform(get("/inquiries/handoffs/" + handoff + ".json").with(user("mr").roles("MR")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aSystemMaySayHowTheInquiryCameInAndAPhoneCallIsOnTheTimeline() throws Exception {
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON).content(body(",\"receivedChannel\":\"phone\"")))
			.andExpect(status().isCreated());
		assertThat(this.jdbc.queryForObject("SELECT received_channel FROM medical_inquiry WHERE hcp_id = ?", String.class,
				this.hcp.getId())).isEqualTo("PHONE");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ? AND channel = 'PHONE_IN'"
				+ " AND inquiry_id IS NOT NULL", Long.class, this.hcp.getId())).isEqualTo(1);
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON).content(body(",\"receivedChannel\":\"pigeon\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("receivedChannel"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM medical_inquiry WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).isEqualTo(1);
	}

	@Test
	void badRequestsAreFieldErrorsAndSaveNothing() throws Exception {
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(",\"question\":\" \",\"urgency\":\"SOON\",\"adverseEvent\":{\"description\":\"x\"}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'urgency')]").exists());
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(",\"adverseEvent\":{\"description\":\"嘔吐\"}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'ae.suspectProductId')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'ae.ageBand')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'ae.expectedness')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'ae.fatal')]").exists());
		// When the company learned of it: a date-time, never in the future; a death is never "not serious".
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON).content(body(",\"awareAt\":\"yesterday\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("awareAt"));
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(",\"awareAt\":\"" + this.clock.instant().plus(java.time.Duration.ofHours(3)) + "\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("awareAt"));
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(",\"adverseEvent\":{\"suspectProductId\":" + this.product + ",\"description\":\"死亡\","
						+ "\"seriousness\":\"SERIOUS\",\"expectedness\":\"SOMETIMES\",\"fatal\":true,\"reporter\":\"医師\","
						+ "\"ageBand\":\"EIGHTY_PLUS\",\"sex\":\"MALE\"}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == 'ae.expectedness' && @.message == 'inquiry.code.unknown')]").exists());
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(",\"adverseEvent\":{\"suspectProductId\":" + this.product + ",\"description\":\"死亡\","
						+ "\"seriousness\":\"NON_SERIOUS\",\"expectedness\":\"EXPECTED\",\"fatal\":true,\"reporter\":\"医師\","
						+ "\"ageBand\":\"EIGHTY_PLUS\",\"sex\":\"MALE\"}")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("ae.seriousness"));
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON).content(body("").replace(this.registry.toLowerCase(), "NOBODY-1")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("registryNumber"));
		this.mvc.perform(post("/api/v1/inquiries").header("Authorization", "Bearer not-a-token-at-all-0000000")
				.contentType(MediaType.APPLICATION_JSON).content(body("")))
			.andExpect(status().isUnauthorized());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM medical_inquiry WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).isZero();
	}

}
