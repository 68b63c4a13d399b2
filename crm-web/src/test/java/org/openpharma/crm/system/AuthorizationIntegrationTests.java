package org.openpharma.crm.system;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Who may reach what, per role, on screens and API; checked with the real security configuration. */
@WebIntegrationTest
@AutoConfigureMockMvc
class AuthorizationIntegrationTests extends WebTestBase {

	private static final Set<Role> EDITORS = Set.of(Role.ADMIN, Role.MR, Role.CALL_CENTER, Role.MEDICAL);

	@Autowired
	MockMvc mvc;

	@Autowired
	HcpManagement hcps;

	@Autowired
	TestUsers users;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	@Autowired
	org.openpharma.crm.interaction.InteractionManagement interactions;

	@Autowired
	org.openpharma.crm.user.UserManagement userManagement;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Autowired
	java.time.Clock clock;

	Hcp hcp;

	@BeforeEach
	void anHcp() {
		this.hcp = this.hcps.create(new HcpDetails("認可 太郎", "ニンカ タロウ", null, null, null, null, null, null), "setup");
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRoleSeesConsentButOnlyRecordersRecordItOrSendLinks(Role role) throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/consent").with(as)).andExpect(status().isOk());
		boolean recorder = EDITORS.contains(role);
		// A recorder posting an empty form gets field errors (200), anyone else a 403 before the form is read.
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/consent").with(as).with(csrf()))
			.andExpect(status().is(recorder ? 200 : 403));
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/consent/link").with(as).with(csrf()))
			.andExpect(status().is(recorder ? 302 : 403));
	}

	/** Item 3 of issue 12: everything held about a person includes medical content; the privacy officer's job, audited. */
	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyThePrivacyOfficerSeesOrErasesEverythingHeldAboutAnHcpAndEveryExportIsAudited(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		boolean privacy = role == Role.PRIVACY_OFFICER;
		int expected = privacy ? 200 : 403;
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/data").with(as)).andExpect(status().is(expected));
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/data.json").with(as)).andExpect(status().is(expected));
		this.mvc.perform(get("/api/v1/hcps/" + this.hcp.getId() + "/data-export").with(as))
			.andExpect(status().is(expected));
		// Without the confirmation nothing is erased, for anyone.
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/erase").with(as).with(csrf()))
			.andExpect(status().is(privacy ? 302 : 403));
		List<String> exports = this.jdbc.queryForList("SELECT after_state->>'format' FROM audit_event"
				+ " WHERE action = 'EXPORT' AND entity_type = 'HCP' AND entity_id = ? ORDER BY id", String.class,
				this.hcp.getId());
		org.assertj.core.api.Assertions.assertThat(exports).isEqualTo(privacy ? List.of("page", "json", "api") : List.of());
	}

	/** Item 3 of issue 12: how a need routed to medical was met is medical content, read by medical affairs only. */
	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyMedicalAffairsReadsHowANeedRoutedToMedicalWasMet(Role role) throws Exception {
		Long needId = this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, urgency, status,"
				+ " routed_to, fulfilment, created_by, created_at, updated_by, updated_at) VALUES (?, 'off-label dosing',"
				+ " 'DOSING', 'HIGH', 'FULFILLED', 'MEDICAL', 'Answered with the renal dosing letter MI-0042', 'setup',"
				+ " now(), 'setup', now()) RETURNING id", Long.class, this.hcp.getId());
		var as = user(this.users.ensure(role)).roles(role.name());
		this.mvc.perform(get("/needs/" + needId).with(as)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(role == Role.MEDICAL ? org.hamcrest.Matchers.containsString("MI-0042")
						: org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("MI-0042"))));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyMedicalAffairsReachesTheInquiryQueueAndHandoffsAndOnlyThoseWhoMeetHcpsTakeInquiries(Role role)
			throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		int medical = (role == Role.MEDICAL) ? 200 : 403;
		this.mvc.perform(get("/inquiries").with(as)).andExpect(status().is(medical));
		this.mvc.perform(get("/inquiries?due=overdue&status=RECEIVED").with(as)).andExpect(status().is(medical));
		this.mvc.perform(get("/inquiries/handoffs").with(as)).andExpect(status().is(medical));
		// Every order and page of the hand-off list (history included), and odd parameters: medical only, never a 500.
		for (String query : List.of("sort=REGULATORY", "sort=day-zero&page=1", "sort=%3Cscript%3E&page=-3",
				"page=99999999999", "show=RECEIVED&page=2", "show=%3Cscript%3E")) {
			this.mvc.perform(get("/inquiries/handoffs?" + query).with(as)).andExpect(status().is(medical));
		}
		// A guessed inquiry URL: medical gets "not found" for an unknown id, everyone else 403.
		this.mvc.perform(get("/inquiries/987654321").with(as)).andExpect(status().is((role == Role.MEDICAL) ? 404 : 403));
		this.mvc.perform(post("/inquiries/987654321/triage").with(as).with(csrf()).param("version", "0")
				.param("priority", "URGENT")).andExpect(status().is((role == Role.MEDICAL) ? 404 : 403));
		for (String step : List.of("assign", "answer-standard", "answer-custom", "approve", "return", "deliver", "close")) {
			this.mvc.perform(post("/inquiries/987654321/" + step).with(as).with(csrf()).param("version", "0")
				.param("answerText", "x").param("standardResponseId", "1").param("channel", "EMAIL")
				.param("returnReason", "x"))
				.andExpect(status().is((role == Role.MEDICAL) ? 404 : 403));
		}
		this.mvc.perform(get("/inquiries/handoffs/987654321.json").with(as))
			.andExpect(status().is((role == Role.MEDICAL) ? 404 : 403));
		// An unknown hand-off: "not found" for medical, 403 before anything is read for everyone else.
		this.mvc.perform(post("/inquiries/handoffs/987654321/acknowledge").with(as).with(csrf()).param("pvReference", "X"))
			.andExpect(status().is((role == Role.MEDICAL) ? 404 : 403));
		boolean intake = Set.of(Role.MR, Role.CALL_CENTER, Role.MEDICAL).contains(role);
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/inquiries/new").with(as))
			.andExpect(status().is(intake ? 200 : 403));
		// An empty form: field errors (200) for intake roles, 403 before the form is read for the rest.
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/inquiries/new").with(as).with(csrf()))
			.andExpect(status().is(intake ? 200 : 403));
		// A time of awareness that is no time, or an adverse event "fatal" that is neither: field errors, not a 500.
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/inquiries/new").with(as).with(csrf())
				.param("awareAt", "2026-13-45T99:99").param("adverseEvent", "true").param("aeFatal", "maybe")
				.param("aeExpectedness", "SOMETIMES"))
			.andExpect(status().is(intake ? 200 : 403));
	}

	@org.junit.jupiter.api.Test
	void theSelfServicePageNeedsNoLoginButAnUnknownLinkShowsNothing() throws Exception {
		this.mvc.perform(get("/consent/not-a-link-anyone-was-given-0000")).andExpect(status().isNotFound());
		this.mvc.perform(post("/consent/not-a-link-anyone-was-given-0000").with(csrf()).param("EMAIL.PROMOTIONAL", "on"))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/consent").with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	/** The call plan: MRs and medical science liaisons plan their calls; managers see their reps' plan against done. */
	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyPlannersPlanCallsAndOnlyManagersSeeTheTeamPlan(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		boolean planner = Set.of(Role.MR, Role.MEDICAL).contains(role);
		this.mvc.perform(get("/plan").with(as)).andExpect(status().is(planner ? 200 : 403));
		this.mvc.perform(get("/plan?week=2026-13-45").with(as)).andExpect(status().is(planner ? 400 : 403));
		this.mvc.perform(get("/plan/new?hcpId=" + this.hcp.getId()).with(as)).andExpect(status().is(planner ? 200 : 403));
		// An empty form: field errors (200) for planners, 403 before the form is read for the rest.
		this.mvc.perform(post("/plan/new").with(as).with(csrf())).andExpect(status().is(planner ? 200 : 403));
		this.mvc.perform(post("/plan/new").with(as).with(csrf()).param("day", "someday").param("channel", "TELEPATHY"))
			.andExpect(status().is(planner ? 200 : 403));
		this.mvc.perform(post("/plan/987654321/move").with(as).with(csrf()).param("version", "0")
				.param("day", "2030-01-01")).andExpect(status().is(planner ? 404 : 403));
		this.mvc.perform(post("/plan/987654321/cancel").with(as).with(csrf()).param("version", "0")
				.param("reason", "x")).andExpect(status().is(planner ? 404 : 403));
		this.mvc.perform(get("/plan/team").with(as)).andExpect(status().is(role == Role.MANAGER ? 200 : 403));
		this.mvc.perform(get("/plan/team?week=2026-12-07").with(as)).andExpect(status().is(role == Role.MANAGER ? 200 : 403));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRoleReadsHcpsButOnlyEditorsOpenTheEditForm(Role role) throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		this.mvc.perform(get("/hcps").with(as)).andExpect(status().isOk());
		this.mvc.perform(get("/hcps/" + this.hcp.getId()).with(as)).andExpect(status().isOk());
		this.mvc.perform(get("/hcos").with(as)).andExpect(status().isOk());
		int edit = EDITORS.contains(role) ? 200 : 403;
		this.mvc.perform(get("/hcps/new").with(as)).andExpect(status().is(edit));
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/edit").with(as)).andExpect(status().is(edit));
		this.mvc.perform(post("/hcps/new").with(as).with(csrf()).param("nameKanji", "x"))
			.andExpect(status().is(EDITORS.contains(role) ? 200 : 403));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyAdminMergesAndAdministers(Role role) throws Exception {
		var as = user(role.name().toLowerCase()).roles(role.name());
		boolean admin = role == Role.ADMIN;
		this.mvc.perform(get("/hcps/" + this.hcp.getId() + "/merge").with(as)).andExpect(status().is(admin ? 200 : 403));
		this.mvc.perform(post("/hcps/" + this.hcp.getId() + "/merge").with(as).with(csrf()).param("duplicateId", "1"))
			.andExpect(admin ? status().is3xxRedirection() : status().isForbidden());
		this.mvc.perform(get("/actuator/prometheus").with(as)).andExpect(status().is(admin ? 200 : 403));
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/hcps")).andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
		this.mvc.perform(get("/login")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
	}

	@Test
	void formsWithoutACsrfTokenAreRefused() throws Exception {
		this.mvc.perform(post("/hcps/new").with(user("mr").roles("MR")).param("nameKanji", "x"))
			.andExpect(status().isForbidden());
	}

	@Test
	void theApiNeedsCredentialsAndAnswersJson() throws Exception {
		String mr = this.users.ensure(Role.MR);
		this.mvc.perform(get("/api/v1/hcps")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/hcps").with(httpBasic(mr, "wrong"))).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/hcps").param("q", "にんか たろう").with(httpBasic(mr, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.hasItem(this.hcp.getId().intValue())))
			.andExpect(jsonPath("$.fuzzy").value(false));
		this.mvc.perform(get("/api/v1/hcps/" + this.hcp.getId()).with(httpBasic(mr, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nameKana").value("ニンカ タロウ"));
	}

	@Test
	void theApiNamesTheBadParameter() throws Exception {
		var mr = user("mr").roles("MR");
		this.mvc.perform(get("/api/v1/hcps").param("prefecture", "48").with(mr)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("prefecture"));
		this.mvc.perform(get("/api/v1/hcps").param("size", "abc").with(mr)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
		this.mvc.perform(get("/api/v1/hcps/999999999").with(mr)).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/hcps/abc").with(mr)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/v1/hcos").param("type", "SPA").with(mr)).andExpect(status().isBadRequest());
	}

	@Test
	void tamperedIdsOnScreensAreNotFoundPagesNotErrors() throws Exception {
		var mr = user("mr").roles("MR");
		this.mvc.perform(get("/hcps/999999999").with(mr)).andExpect(status().isNotFound());
		this.mvc.perform(get("/hcps/abc").with(mr)).andExpect(status().isNotFound());
		this.mvc.perform(get("/hcos/-1").with(mr)).andExpect(status().isNotFound());
		this.mvc.perform(get("/hcps").param("prefecture", "abc").param("page", "x").with(mr))
			.andExpect(status().isOk());
	}

	@Test
	void everyRoleOpensAnInteractionFromTheTimelineAndAnUnknownOneIsNotFound() throws Exception {
		Long id = this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code,"
				+ " key_messages, recorded_at, updated_at) VALUES (?, 'PHONE_IN', now(), 'callcenter', 'CALL_CENTER',"
				+ " '資料請求', now(), now()) RETURNING id", Long.class, this.hcp.getId());
		for (org.openpharma.crm.user.Role role : org.openpharma.crm.user.Role.values()) {
			this.mvc.perform(get("/interactions/" + id).with(user("someone").roles(role.name())))
				.andExpect(status().isOk())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
					.string(org.hamcrest.Matchers.containsString("資料請求")));
		}
		this.mvc.perform(get("/interactions/999999999").with(user("mr").roles("MR"))).andExpect(status().isNotFound());
		this.mvc.perform(get("/interactions/" + id)).andExpect(status().is3xxRedirection());
	}

	@Test
	void theHcpPickerFindsByKana() throws Exception {
		this.mvc.perform(get("/interactions/hcp-options").param("hcpQuery", "にんか").with(user("mr").roles("MR")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("value=\"" + this.hcp.getId() + "\"")));
	}

	@Test
	void theOpenApiDocumentListsTheHcpApi() throws Exception {
		this.mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/hcps']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/hcos/{id}']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/interactions/events'].post").exists())
			.andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"));
	}

	/** A form date-time in Japan, {@code hours} from the application's now. */
	private String jst(long hours) {
		return java.time.LocalDateTime.now(this.clock.withZone(java.time.ZoneId.of("Asia/Tokyo"))).plusHours(hours)
			.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
	}

	private void consent(org.openpharma.crm.consent.ConsentChannel channel,
			org.openpharma.crm.consent.ConsentPurpose purpose, org.openpharma.crm.consent.ConsentState state) {
		this.consents.record(this.hcp.getId(), new org.openpharma.crm.consent.ConsentEntry(channel, purpose, state,
				org.openpharma.crm.consent.ConsentSource.PAPER, "form", "setup",
				this.clock.instant().minus(java.time.Duration.ofDays(1)), null), "setup");
	}

	/**
	 * Item 1 of issue 12: whatever purpose a sender names, a commercial role's contact is promotional, so
	 * medical-information consent never covers it; medical affairs' contact is medical information.
	 */
	@ParameterizedTest
	@EnumSource(Role.class)
	void thePurposeOfAContactFollowsFromTheSenderOnEveryChannelWhateverThePurposeNamed(Role role) throws Exception {
		var as = user(this.users.ensure(role)).roles(role.name());
		for (org.openpharma.crm.consent.ConsentChannel channel : org.openpharma.crm.consent.ConsentChannel.values()) {
			// Withdrawn from promotion, granted medical information, on every channel.
			consent(channel, org.openpharma.crm.consent.ConsentPurpose.MEDICAL_INFORMATION,
					org.openpharma.crm.consent.ConsentState.GRANTED);
			consent(channel, org.openpharma.crm.consent.ConsentPurpose.PROMOTIONAL,
					org.openpharma.crm.consent.ConsentState.WITHDRAWN);
		}
		boolean logs = Set.of(Role.MR, Role.MARKETING, Role.CALL_CENTER, Role.MEDICAL).contains(role);
		for (org.openpharma.crm.interaction.Channel channel : org.openpharma.crm.interaction.Channel.values()) {
			if (channel.isPull()) {
				continue;
			}
			for (org.openpharma.crm.consent.ConsentPurpose claimed : org.openpharma.crm.consent.ConsentPurpose.values()) {
				// Planned by the company: refused unless the sender's own purpose has consent.
				var planned = this.mvc.perform(post("/interactions/new").with(as).with(csrf())
					.param("hcpId", this.hcp.getId().toString()).param("channel", channel.name())
					.param("occurredAt", jst(3)).param("purpose", claimed.name()));
				if (!logs) {
					planned.andExpect(status().isForbidden());
					continue;
				}
				if (role == Role.MEDICAL) {
					planned.andExpect(status().is3xxRedirection());
				}
				else {
					planned.andExpect(status().isOk())
						.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
							.attributeHasFieldErrorCode("form", "channel", "consent.decision.WITHDRAWN"));
				}
				// Already happened: never refused, flagged when the sender's purpose had no consent.
				this.mvc.perform(post("/interactions/new").with(as).with(csrf())
					.param("hcpId", this.hcp.getId().toString()).param("channel", channel.name())
					.param("occurredAt", jst(-1)).param("purpose", claimed.name()))
					.andExpect(status().is3xxRedirection())
					.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
						.attribute(role == Role.MEDICAL ? "flash" : "flashWarning",
								role == Role.MEDICAL ? "interaction.logged" : "interaction.logged.consentBreach"));
			}
		}
		if (!logs) {
			return;
		}
		List<java.util.Map<String, Object>> rows = this.jdbc.queryForList("SELECT DISTINCT purpose, consent_breach"
				+ " FROM interaction WHERE hcp_id = ?", this.hcp.getId());
		if (role == Role.MEDICAL) {
			org.assertj.core.api.Assertions.assertThat(rows).singleElement().satisfies(r -> {
				org.assertj.core.api.Assertions.assertThat(r.get("purpose")).isEqualTo("MEDICAL_INFORMATION");
				org.assertj.core.api.Assertions.assertThat(r.get("consent_breach")).isNull();
			});
		}
		else {
			org.assertj.core.api.Assertions.assertThat(rows).singleElement().satisfies(r -> {
				org.assertj.core.api.Assertions.assertThat(r.get("purpose")).isEqualTo("PROMOTIONAL");
				org.assertj.core.api.Assertions.assertThat(r.get("consent_breach")).isEqualTo("WITHDRAWN");
			});
		}
	}

	/**
	 * Item 4 of issue 12: a correction supersedes the original everywhere, so only the author or, with a
	 * reason, a colleague of the author's department makes one.
	 */
	@ParameterizedTest
	@EnumSource(Role.class)
	void onlyTheAuthorsDepartmentCorrectsAnInteractionAndAColleagueSaysWhy(Role role) throws Exception {
		if (this.userManagement.findByUsername("msl-author").isEmpty()) {
			this.userManagement.create("msl-author", "MSL", "a long test passphrase 42", "MEDICAL",
					java.util.EnumSet.of(Role.MEDICAL), Set.of(), "setup");
		}
		var original = this.interactions.log(new org.openpharma.crm.interaction.InteractionCapture(this.hcp.getId(),
				new org.openpharma.crm.interaction.InteractionFacts(org.openpharma.crm.interaction.Channel.VISIT,
						this.clock.instant().minus(java.time.Duration.ofHours(2)), 20, null, "study design", null,
						null, null),
				List.of(), List.of(), null, List.of()), "msl-author");
		var as = user(this.users.ensure(role)).roles(role.name());
		String path = "/interactions/" + original.getId() + "/correct";
		boolean colleague = role == Role.MEDICAL;
		// The timeline offers the correction to the author's colleagues only.
		this.mvc.perform(get("/hcps/" + this.hcp.getId()).with(as)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(colleague ? org.hamcrest.Matchers.containsString(path + "\"")
						: org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(path + "\""))));
		this.mvc.perform(get(path).with(as)).andExpect(status().is(colleague ? 200 : 403));
		this.mvc.perform(post(path).with(as).with(csrf()).param("channel", "VISIT").param("occurredAt", jst(-3)))
			.andExpect(colleague ? status().isOk() : status().isForbidden())
			.andExpect(colleague
					? org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
						.attributeHasFieldErrorCode("form", "correctionReason", "interaction.correction.reasonRequired")
					: status().isForbidden());
		this.mvc.perform(post(path).with(as).with(csrf()).param("channel", "VISIT").param("occurredAt", jst(-3))
				.param("correctionReason", "The visit was an hour earlier."))
			.andExpect(status().is(colleague ? 302 : 403));
		List<String> reasons = this.jdbc.queryForList("SELECT correction_reason FROM interaction WHERE corrects_id = ?",
				String.class, original.getId());
		org.assertj.core.api.Assertions.assertThat(reasons)
			.isEqualTo(colleague ? List.of("The visit was an hour earlier.") : List.of());
	}

	/** An HCP whose institution is in Ishikawa (Hokuriku), with an open need raised by someone else. */
	private long aHokurikuNeed() {
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('金沢テスト病院', 'カナザワテストビョウイン', 'HOSPITAL', 17) RETURNING id", Long.class);
		this.jdbc.update("UPDATE hcp SET primary_hco_id = ? WHERE id = ?", hco, this.hcp.getId());
		return this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, urgency, status, created_by,"
				+ " created_at, updated_by, updated_at) VALUES (?, 'renal dosing', 'DOSING', 'NORMAL', 'OPEN', 'mr07', now(),"
				+ " 'mr07', now()) RETURNING id", Long.class, this.hcp.getId());
	}

	/**
	 * Item 5 of issue 12: one company-wide record, scoped work. An MR acts on needs of their territories'
	 * HCPs (or routed to sales, or raised by them); marketing, medical and the call center work nationwide;
	 * a manager without a territory is head office; admins and privacy officers do not work needs.
	 */
	@ParameterizedTest
	@EnumSource(Role.class)
	void actingOnANeedOfAnotherTerritoryIsRefusedUnlessTheRoleWorksNationwide(Role role) throws Exception {
		long need = aHokurikuNeed();
		var as = user(this.users.ensure(role)).roles(role.name());
		this.mvc.perform(get("/needs/" + need).with(as)).andExpect(status().isOk());
		boolean actor = Set.of(Role.MR, Role.MARKETING, Role.MEDICAL, Role.CALL_CENTER, Role.MANAGER).contains(role);
		var triage = this.mvc.perform(post("/needs/" + need + "/triage").with(as).with(csrf()).param("version", "0")
			.param("routedTo", "MARKETING").param("reason", "leaflet"));
		String status = this.jdbc.queryForObject("SELECT status FROM information_need WHERE id = ?", String.class, need);
		if (!actor) {
			triage.andExpect(status().isForbidden());
			org.assertj.core.api.Assertions.assertThat(status).isEqualTo("OPEN");
		}
		else if (role == Role.MR) {
			triage.andExpect(status().is3xxRedirection())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
					.attribute("flashWarning", "scope.otherTerritory"));
			org.assertj.core.api.Assertions.assertThat(status).isEqualTo("OPEN");
			this.mvc.perform(post("/needs/" + need + "/close").with(as).with(csrf()).param("version", "0")
				.param("reason", "not ours")).andExpect(status().is3xxRedirection());
			org.assertj.core.api.Assertions.assertThat(this.jdbc.queryForObject(
					"SELECT status FROM information_need WHERE id = ?", String.class, need)).isEqualTo("OPEN");
		}
		else {
			triage.andExpect(status().is3xxRedirection())
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
					.attribute("flash", "need.triaged"));
			org.assertj.core.api.Assertions.assertThat(status).isEqualTo("TRIAGED");
		}
	}

	@Test
	void anMrsBoardShowsTheirTerritoryFirstAndTheWholeCountryOnRequest() throws Exception {
		long need = aHokurikuNeed();
		var mr = user(this.users.ensure(Role.MR)).roles("MR");
		this.mvc.perform(get("/needs").with(mr)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("id=\"scope-mine\"")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/needs/" + need + "\""))));
		this.mvc.perform(get("/needs").param("scope", "all").param("hcp", this.hcp.getId().toString()).with(mr))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("/needs/" + need + "\"")));
	}

	@Test
	void aTerritorialManagersDashboardsShowTheirRegionAndRefuseAnother() throws Exception {
		String manager = "manager-kanto";
		if (this.userManagement.findByUsername(manager).isEmpty()) {
			Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES"
					+ " ('TEST_TOKYO_MGR', '東京テスト', 'Tokyo test') RETURNING id", Long.class);
			this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 13)", territory);
			this.userManagement.create(manager, "Manager Kanto", "a kanto test passphrase", "MANAGEMENT",
					java.util.EnumSet.of(Role.MANAGER), Set.of(territory), "setup");
		}
		var as = user(manager).roles("MANAGER");
		this.mvc.perform(get("/dashboards/patients").with(as)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
				.attribute("dashboardFilter", org.hamcrest.Matchers.hasToString(
						org.hamcrest.Matchers.containsString("regionCode=KANTO"))));
		this.mvc.perform(get("/dashboards/patients").param("region", "KYUSHU").with(as))
			.andExpect(status().isBadRequest())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
				.attributeHasFieldErrorCode("filter", "region", "dashboard.region.outOfScope"))
			// The period the user did not type shows the default again; only the bad field needs attention.
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
				.attribute("filter", org.hamcrest.Matchers.hasProperty("from", org.hamcrest.Matchers.notNullValue())));
		this.mvc.perform(get("/api/v1/dashboards/patients").param("region", "KYUSHU").with(as))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/patients.csv").param("table", "months").param("region", "KYUSHU").with(as))
			.andExpect(status().isBadRequest());
		// Head office (a manager without territories) and marketing see the whole country.
		this.mvc.perform(get("/dashboards/patients").param("region", "KYUSHU").with(user(this.users.ensure(Role.MANAGER))
			.roles("MANAGER"))).andExpect(status().isOk());
	}

}
