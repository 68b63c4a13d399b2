package org.openpharma.crm.plan.web;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.plan.CallPlans;
import org.openpharma.crm.plan.PlanDraft;
import org.openpharma.crm.plan.PlanStatus;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The call plan's screens with the real security configuration: plan, move, cancel, and log a plan as the visit. */
@WebIntegrationTest
@AutoConfigureMockMvc
class PlanWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	CallPlans plans;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.content.ContentLibrary library;

	@Autowired
	org.openpharma.crm.content.ContentQueries contentQueries;

	@Autowired
	TestUsers testUsers;

	String mr;

	String otherMr;

	long hcp;

	LocalDate today;

	@BeforeEach
	void twoRepsAndAnHcp() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.mr = "plw-mr-" + n;
		this.otherMr = "plw-mr2-" + n;
		for (String username : new String[] { this.mr, this.otherMr }) {
			this.users.create(username, "計画 " + username, TestUsers.PASSWORD, "SALES", EnumSet.of(Role.MR), Set.of(),
					"test");
		}
		this.hcp = this.hcps.create(new HcpDetails("計画 花子", "ケイカク ハナコ", null, null, null, null, null, null), "test")
			.getId();
		WebConsentFixtures.grantEverything(this.consents, this.hcp, java.time.Instant.now());
		this.today = this.plans.today();
	}

	private long plan(String owner, LocalDate day) {
		return this.plans.plan(new PlanDraft(this.hcp, null, day, Channel.VISIT, null, null, null, null), owner);
	}

	@Test
	void processCreationFormPlansAndShowsTheCardInItsWeek() throws Exception {
		var as = user(this.mr).roles("MR");
		String location = this.mvc.perform(post("/plan/new").with(as).with(csrf())
				.param("hcpId", String.valueOf(this.hcp))
				.param("day", this.today.plusDays(1).toString())
				.param("channel", "VISIT")
				.param("note", "資料を持参"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flash", "plan.planned"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/plan?week=" + CallPlans.mondayOf(this.today.plusDays(1)));
		long id = this.jdbc.queryForObject("SELECT id FROM planned_call WHERE owner = ?", Long.class, this.mr);
		this.mvc.perform(get("/plan?week=" + this.today.plusDays(1)).with(as))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"plan-" + id + "\"")))
			.andExpect(content().string(containsString("計画 花子")))
			.andExpect(content().string(containsString("/interactions/new?planId=" + id)));
	}

	@Test
	void processCreationFormHasErrorsOnTheirFields() throws Exception {
		var as = user(this.mr).roles("MR");
		this.mvc.perform(post("/plan/new").with(as).with(csrf())
				.param("hcpId", String.valueOf(this.hcp))
				.param("day", this.today.minusDays(1).toString())
				.param("channel", "WEBINAR"))
			.andExpect(status().isOk())
			.andExpect(view().name("plan/form"))
			.andExpect(model().attributeHasFieldErrorCode("form", "day", "plan.day.past"))
			.andExpect(model().attributeHasFieldErrorCode("form", "channel", "plan.channel.notPush"));
		this.mvc.perform(post("/plan/new").with(as).with(csrf()).param("day", this.today.toString()))
			.andExpect(model().attributeHasFieldErrorCode("form", "hcpId", "plan.hcp.required"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM planned_call WHERE owner = ?", Long.class, this.mr))
			.isZero();
	}

	@Test
	void movingAndCancellingNeedTheVersionTheUserSawAndTheOwner() throws Exception {
		long id = plan(this.mr, this.today.plusDays(1));
		var owner = user(this.mr).roles("MR");
		this.mvc.perform(post("/plan/" + id + "/move").with(user(this.otherMr).roles("MR")).with(csrf())
				.param("version", "0").param("day", this.today.plusDays(2).toString()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("flashWarning", "plan.notYours"));
		this.mvc.perform(post("/plan/" + id + "/move").with(owner).with(csrf())
				.param("version", "0").param("day", this.today.minusDays(1).toString()))
			.andExpect(flash().attribute("flashWarning", "plan.day.past"));
		this.mvc.perform(post("/plan/" + id + "/move").with(owner).with(csrf())
				.param("version", "0").param("day", this.today.plusDays(2).toString()))
			.andExpect(flash().attribute("flash", "plan.moved"));
		assertThat(this.plans.get(id).getDay()).isEqualTo(this.today.plusDays(2));
		this.mvc.perform(post("/plan/" + id + "/cancel").with(owner).with(csrf()).param("version", "0").param("reason", "x"))
			.andExpect(flash().attribute("flashWarning", "plan.conflict"));
		this.mvc.perform(post("/plan/" + id + "/cancel").with(owner).with(csrf()).param("version", "1").param("reason", " "))
			.andExpect(flash().attribute("flashWarning", "plan.cancel.reasonRequired"));
		this.mvc.perform(post("/plan/" + id + "/cancel").with(owner).with(csrf()).param("version", "1")
				.param("reason", "先生のご都合により")).andExpect(flash().attribute("flash", "plan.cancelled"));
		assertThat(this.plans.get(id).getStatus()).isEqualTo(PlanStatus.CANCELLED);
	}

	@Test
	void thePlanOpensTheVisitFormPrefilledAndSavingMarksItDone() throws Exception {
		long id = plan(this.mr, this.today);
		var as = user(this.mr).roles("MR");
		this.mvc.perform(get("/interactions/new?planId=" + id).with(as))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"planId\" id=\"planId\" value=\"" + id + "\"")))
			.andExpect(model().attribute("planId", id));
		String location = this.mvc.perform(post("/interactions/new").with(as).with(csrf())
				.param("planId", String.valueOf(id))
				.param("hcpId", String.valueOf(this.hcp))
				.param("channel", "VISIT")
				.param("occurredAt", java.time.LocalDateTime.now(org.openpharma.crm.shared.Japan.ZONE)
					.withSecond(0).withNano(0).toString().substring(0, 16))
				.param("durationMinutes", "15"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).isEqualTo("/plan?week=" + CallPlans.mondayOf(this.today));
		assertThat(this.plans.get(id).getStatus()).isEqualTo(PlanStatus.DONE);
		assertThat(this.plans.get(id).getInteractionId()).isEqualTo(this.jdbc.queryForObject(
				"SELECT id FROM interaction WHERE hcp_id = ?", Long.class, this.hcp));
	}

	/** The plan's area becomes the visit's, its item is ticked in "content shown", and the plan is done with it. */
	@Test
	void aPlanWithAnItemOpensTheVisitFormWithTheAreaAndTheItemTicked() throws Exception {
		long n = System.nanoTime() % 1_000_000L;
		long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "PW" + n, "計画資料領域" + n, "Plan content " + n);
		org.openpharma.crm.content.ContentViewer marketing = viewer(Role.MARKETING, "MARKETING");
		long item = new org.openpharma.crm.WebApprovedContent(this.library, this.contentQueries)
			.approve(new org.openpharma.crm.content.ContentDraft("計画用の詳細資料 " + n,
					org.openpharma.crm.content.ContentKind.DETAILING_SLIDES, area, Set.of(), Set.of(), java.util.List.of(),
					Set.of(), Set.of(org.openpharma.crm.consent.ConsentChannel.VISIT), "ja", null, "本文",
					this.today.plusDays(60), false, null), null, marketing, viewer(Role.MEDICAL, "MEDICAL"),
					viewer(Role.REVIEWER, "COMPLIANCE"))
			.versionId();
		long id = this.plans.plan(new PlanDraft(this.hcp, area, this.today, Channel.VISIT, item, null, null, null), this.mr);
		var as = user(this.mr).roles("MR");
		String page = this.mvc.perform(get("/interactions/new?planId=" + id).with(as))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).containsPattern("id=\"content-" + item + "\"[^>]*checked")
			.containsPattern("<option value=\"" + area + "\"[^>]*selected");
		this.mvc.perform(post("/interactions/new").with(as).with(csrf())
				.param("planId", String.valueOf(id))
				.param("hcpId", String.valueOf(this.hcp))
				.param("channel", "VISIT")
				.param("therapeuticAreaIds", String.valueOf(area))
				.param("contentVersionIds", String.valueOf(item))
				.param("occurredAt", java.time.LocalDateTime.now(org.openpharma.crm.shared.Japan.ZONE)
					.toString().substring(0, 16)))
			.andExpect(status().is3xxRedirection());
		assertThat(this.plans.get(id).getStatus()).isEqualTo(PlanStatus.DONE);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_delivery WHERE interaction_id = ?"
				+ " AND version_id = ?", Long.class, this.plans.get(id).getInteractionId(), item)).isEqualTo(1);
	}

	private org.openpharma.crm.content.ContentViewer viewer(Role role, String department) {
		return new org.openpharma.crm.content.ContentViewer(this.testUsers.ensure(role), Set.of(role), department);
	}

	/** A forged plan id in the visit form: someone else's plan, or one already done, saves nothing. */
	@Test
	void aForgedPlanIdSavesNothing() throws Exception {
		long theirs = plan(this.otherMr, this.today);
		var as = user(this.mr).roles("MR");
		this.mvc.perform(get("/interactions/new?planId=" + theirs).with(as)).andExpect(status().isBadRequest());
		this.mvc.perform(post("/interactions/new").with(as).with(csrf())
				.param("planId", String.valueOf(theirs))
				.param("hcpId", String.valueOf(this.hcp))
				.param("channel", "VISIT")
				.param("occurredAt", java.time.LocalDateTime.now(org.openpharma.crm.shared.Japan.ZONE)
					.toString().substring(0, 16)))
			.andExpect(status().isOk())
			.andExpect(view().name("interaction/form"))
			.andExpect(model().attributeHasErrors("form"));
		assertThat(this.plans.get(theirs).getStatus()).isEqualTo(PlanStatus.PLANNED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
		this.mvc.perform(post("/interactions/new").with(as).with(csrf())
				.param("planId", "not-a-number")
				.param("hcpId", String.valueOf(this.hcp))
				.param("channel", "VISIT"))
			.andExpect(status().isBadRequest());
	}

}
