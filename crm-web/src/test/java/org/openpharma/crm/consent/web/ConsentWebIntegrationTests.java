package org.openpharma.crm.consent.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bad consent input gets field-level messages and saves nothing; a tampered HCP id is a 404. */
@WebIntegrationTest
@AutoConfigureMockMvc
class ConsentWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger ledger;

	Hcp hcp;

	@BeforeEach
	void anHcp() {
		this.hcp = this.hcps.create(new HcpDetails("入力 検査", "ニュウリョク ケンサ", null, null, null, null, null, null),
				"setup");
	}

	@Test
	void unknownCodesAPastExpiryAndAReservedSourceAreFieldErrorsAndNothingIsSaved() throws Exception {
		var mr = user("mr-web").roles("MR");
		String path = "/hcps/" + this.hcp.getId() + "/consent";
		this.mvc.perform(post(path).with(mr).with(csrf()).param("channel", "FAX").param("purpose", "PROMOTIONAL")
				.param("state", "GRANTED").param("source", "VERBAL").param("capturedAt", "2026-11-01T10:00"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "channel", "typeMismatch"));
		this.mvc.perform(post(path).with(mr).with(csrf()).param("channel", "EMAIL").param("purpose", "PROMOTIONAL")
				.param("state", "GRANTED").param("source", "VERBAL").param("capturedAt", "2026-11-01T10:00")
				.param("expiresOn", "2020-01-01"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "expiresOn", "consent.expiresAt.past"));
		this.mvc.perform(post(path).with(mr).with(csrf()).param("channel", "EMAIL").param("purpose", "PROMOTIONAL")
				.param("state", "GRANTED").param("source", "WEB_LINK").param("capturedAt", "2026-11-01T10:00"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "source", "consent.source.notManual"));
		assertThat(this.ledger.history(this.hcp.getId())).isEmpty();
		this.mvc.perform(post("/hcps/987654321/consent").with(mr).with(csrf()).param("channel", "EMAIL")
				.param("purpose", "PROMOTIONAL").param("state", "GRANTED").param("source", "VERBAL")
				.param("capturedAt", "2026-11-01T10:00"))
			.andExpect(status().isNotFound());
	}

}
