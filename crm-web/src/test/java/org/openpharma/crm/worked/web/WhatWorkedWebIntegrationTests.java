package org.openpharma.crm.worked.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The "what worked" page with the real security configuration: marketing and managers only, a period that is no date,
 * in the future or backwards answered with a field message (not a 500), an unknown area a 404.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class WhatWorkedWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestUsers users;

	long area;

	@BeforeEach
	void anArea() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '振り返り領域',"
				+ " 'Check area') RETURNING id", Long.class, "WV" + n);
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyMarketingAndManagersReadWhatWorked(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		boolean reads = Capability.READ_WHAT_WORKED.heldBy(role);
		assertThat(reads).isEqualTo(List.of(Role.MARKETING, Role.MANAGER).contains(role));
		this.mvc.perform(get("/what-worked").with(as)).andExpect(reads ? status().isOk() : status().isForbidden());
		this.mvc.perform(get("/what-worked?area=" + this.area).with(as))
			.andExpect(reads ? status().isOk() : status().isForbidden());
		if (reads) {
			this.mvc.perform(get("/policies").with(as)).andExpect(content().string(containsString("policy-what-worked")));
		}
		else if (Capability.READ_STAGE_POLICY.heldBy(role)) {
			this.mvc.perform(get("/policies").with(as))
				.andExpect(content().string(not(containsString("policy-what-worked"))))
				.andExpect(content().string(not(containsString("nav-what-worked"))));
		}
	}

	@Test
	void aBadPeriodIsAFieldMessageAndAnUnknownAreaIsNotFound() throws Exception {
		var as = user(this.users.ensure(Role.MARKETING)).roles("MARKETING");
		this.mvc.perform(get("/what-worked").with(as).param("area", String.valueOf(this.area)).param("from", "2026-13-45"))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("ruleReport"))
			.andExpect(content().string(containsString("id=\"from-error\"")));
		this.mvc.perform(get("/what-worked").with(as).param("area", String.valueOf(this.area)).param("to", "2999-01-01"))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("ruleReport"))
			.andExpect(content().string(containsString("終了日に未来の日付は指定できません。")));
		this.mvc.perform(get("/what-worked").with(as).param("area", String.valueOf(this.area)).param("from", "2026-06-01")
				.param("to", "2026-05-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("開始日は終了日以前の日付にしてください。")));
		this.mvc.perform(get("/what-worked").with(as).param("area", String.valueOf(this.area)))
			.andExpect(status().isOk())
			.andExpect(model().attributeExists("ruleReport"))
			.andExpect(content().string(containsString("関連を示すもので、因果を示すものではありません。")))
			.andExpect(content().string(containsString("id=\"worked-rules-none\"")));
		this.mvc.perform(get("/what-worked").with(as).param("area", "987654321")).andExpect(status().isNotFound());
		this.mvc.perform(get("/what-worked").with(as).param("area", "x")).andExpect(status().is4xxClientError());
	}

}
