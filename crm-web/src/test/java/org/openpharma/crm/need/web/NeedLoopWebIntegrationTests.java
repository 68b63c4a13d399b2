package org.openpharma.crm.need.web;

import java.sql.Timestamp;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.InformationNeedRepository;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The need page's fulfil, feedback and link forms on the real stack (issue 14, item 14): a bad pick is an error on
 * its field with what was typed kept, never a 500; the firewall on the page; the link shown on the inquiry's page.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class NeedLoopWebIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	HcpManagement hcps;

	@Autowired
	NeedManagement needs;

	@Autowired
	InformationNeedRepository repository;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long hcpId;

	long otherHcpId;

	RequestPostProcessor medical;

	RequestPostProcessor mr;

	@BeforeEach
	void twoHcpsMedicalAndAnMr() {
		this.hcpId = this.hcps.create(new HcpDetails("循環 一郎", "ジュンカン イチロウ", null, null, null, null, null, null),
				"setup").getId();
		this.otherHcpId = this.hcps.create(new HcpDetails("循環 二郎", "ジュンカン ジロウ", null, null, null, null, null,
				null), "setup").getId();
		this.medical = user(this.users.ensure(Role.MEDICAL)).roles("MEDICAL");
		this.mr = user(this.users.ensure(Role.MR)).roles("MR");
	}

	private long interaction(long hcp, String keyMessages) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.queryForObject("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code,"
				+ " key_messages, recorded_at, updated_at, purpose) VALUES (?, 'PHONE_OUT', ?, 'medical', 'MEDICAL', ?, ?, ?,"
				+ " 'MEDICAL_INFORMATION') RETURNING id", Long.class, hcp, now, keyMessages, now, now);
	}

	private long inquiry(long hcp, String subject) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel, urgency,"
				+ " priority, status, received_at, aware_at, received_by, received_via, due_at, updated_at)"
				+ " VALUES (?, ?, 'eGFR 25 の患者での用量は？', 'EMAIL', 'NORMAL', 'NORMAL', 'RECEIVED', ?, ?, 'mr', 'SALES',"
				+ " ?, ?) RETURNING id", Long.class, hcp, subject, now, now, now, now);
	}

	/** A need the MR raised, routed to medical affairs and started. */
	private InformationNeed started() {
		InformationNeed need = this.repository.saveAndFlush(InformationNeed.raise(this.hcpId, null, "腎機能低下時の用量",
				NeedCategory.DOSING, null, null, Urgency.HIGH, null, "mr", this.clock.instant()));
		need = this.needs.triage(need.getId(), need.getVersion(), RoutedTo.MEDICAL, "医学的な質問", "medical");
		return this.needs.start(need.getId(), need.getVersion(), "medical");
	}

	@Test
	void theFulfilFormOffersTheHcpsInteractionsAndInquiriesNotAnInternalNumber() throws Exception {
		interaction(this.hcpId, "腎機能別の用量表を説明");
		interaction(this.otherHcpId, "別の医師への説明");
		inquiry(this.hcpId, "腎機能低下時の用量");
		InformationNeed need = started();
		this.mvc.perform(get("/needs/" + need.getId()).with(this.medical))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("電話（発信） · Test MEDICAL · 腎機能別の用量表を説明")))
			.andExpect(content().string(not(containsString("別の医師への説明"))))
			.andExpect(content().string(containsString("腎機能低下時の用量 · 受付")))
			.andExpect(content().string(not(containsString("活動の番号"))))
			.andExpect(content().string(not(containsString("type=\"number\""))));
	}

	@Test
	void anInteractionOrInquiryOfAnotherHcpIsAnErrorOnItsFieldWithWhatWasTypedKept() throws Exception {
		long othersCall = interaction(this.otherHcpId, "別の医師");
		long othersInquiry = inquiry(this.otherHcpId, "別の医師の質問");
		InformationNeed need = started();
		this.mvc.perform(post("/needs/" + need.getId() + "/fulfil").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("fulfilment", "標準回答書を送付")
				.param("interactionId", String.valueOf(othersCall)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"interactionId-error\"")))
			.andExpect(content().string(containsString("この医療従事者の活動から選んでください。")))
			.andExpect(content().string(containsString(">標準回答書を送付</textarea>")));
		this.mvc.perform(post("/needs/" + need.getId() + "/fulfil").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("fulfilment", "標準回答書を送付")
				.param("inquiryId", String.valueOf(othersInquiry)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("この医療従事者の問い合わせから選んでください。")));
		// A forged value that is not a number, and an empty text: errors on their fields too.
		this.mvc.perform(post("/needs/" + need.getId() + "/fulfil").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("fulfilment", "")
				.param("interactionId", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"interactionId-error\"")));
		this.mvc.perform(post("/needs/" + need.getId() + "/fulfil").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("fulfilment", " "))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"fulfilment-error\"")));
		assertThat(this.needs.get(need.getId()).getStatus().name()).isEqualTo("IN_PROGRESS");
		assertThat(this.needs.get(need.getId()).getVersion()).isEqualTo(need.getVersion());
	}

	@Test
	void theLoopClosesAndTheFirewallKeepsTheMedicalPartsWithMedicalAffairs() throws Exception {
		long call = interaction(this.hcpId, "腎機能別の用量表を説明");
		long inquiry = inquiry(this.hcpId, "腎機能低下時の用量");
		InformationNeed need = started();
		long id = need.getId();
		this.mvc.perform(post("/needs/" + id + "/fulfil").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("fulfilment", "標準回答書を送付")
				.param("interactionId", String.valueOf(call)).param("inquiryId", String.valueOf(inquiry)))
			.andExpect(redirectedUrl("/needs/" + id));
		long version = this.needs.get(id).getVersion();
		// Too long: an error on the comment, the score and the answer kept.
		this.mvc.perform(post("/needs/" + id + "/confirm").with(this.mr).with(csrf())
				.param("version", String.valueOf(version)).param("helpful", "false").param("score", "2")
				.param("feedbackComment", "あ".repeat(1001)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"feedbackComment-error\"")))
			.andExpect(content().string(containsString("1,000文字以内で入力してください。")));
		this.mvc.perform(post("/needs/" + id + "/confirm").with(this.mr).with(csrf())
				.param("version", String.valueOf(version)).param("helpful", "true").param("score", "5")
				.param("feedbackComment", "腎機能別の表が診療で役立った"))
			.andExpect(redirectedUrl("/needs/" + id));
		assertThat(this.needs.get(id).getFeedbackComment()).isEqualTo("腎機能別の表が診療で役立った");

		// Medical affairs reads all of it, the inquiry with a link to it.
		this.mvc.perform(get("/needs/" + id).with(this.medical))
			.andExpect(content().string(containsString("腎機能別の表が診療で役立った")))
			.andExpect(content().string(containsString("href=\"/inquiries/" + inquiry + "\"")))
			.andExpect(content().string(containsString("腎機能低下時の用量</a>")))
			.andExpect(content().string(containsString("電話（発信） · Test MEDICAL · 腎機能別の用量表を説明")));
		// The MR learns that an inquiry answered it and how the HCP rated it, not what was said or asked.
		this.mvc.perform(get("/needs/" + id).with(this.mr))
			.andExpect(content().string(not(containsString("腎機能別の表が診療で役立った"))))
			.andExpect(content().string(not(containsString("/inquiries/" + inquiry))))
			.andExpect(content().string(not(containsString("腎機能別の用量表を説明"))))
			.andExpect(content().string(containsString("メディカルへの問い合わせで回答しました")))
			.andExpect(content().string(containsString("コメントはメディカルのみ閲覧できます。")))
			.andExpect(content().string(containsString("役立った 5/5")));
		// The inquiry's page names the need it answered.
		this.mvc.perform(get("/inquiries/" + inquiry).with(this.medical))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/needs/" + id + "\"")))
			.andExpect(content().string(containsString("この問い合わせで回答したニーズ")));
	}

	@Test
	void linkingLaterChecksTheVersionAndTheHcp() throws Exception {
		long inquiry = inquiry(this.hcpId, "腎機能低下時の用量");
		long othersInquiry = inquiry(this.otherHcpId, "別の医師の質問");
		InformationNeed need = started();
		need = this.needs.fulfil(need.getId(), need.getVersion(), "口頭で回答", null, null, "medical");
		long id = need.getId();
		this.mvc.perform(get("/needs/" + id).with(this.medical))
			.andExpect(content().string(containsString("id=\"link-form\"")));
		this.mvc.perform(post("/needs/" + id + "/inquiry").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("inquiryId", String.valueOf(othersInquiry)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"inquiryId-error\"")));
		this.mvc.perform(post("/needs/" + id + "/inquiry").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion() - 1)).param("inquiryId", String.valueOf(inquiry)))
			.andExpect(redirectedUrl("/needs/" + id));
		assertThat(this.needs.get(id).getAnsweredByInquiryId()).isNull();
		this.mvc.perform(post("/needs/" + id + "/inquiry").with(this.medical).with(csrf())
				.param("version", String.valueOf(need.getVersion())).param("inquiryId", String.valueOf(inquiry)))
			.andExpect(redirectedUrl("/needs/" + id));
		assertThat(this.needs.get(id).getAnsweredByInquiryId()).isEqualTo(inquiry);
		// Administrators read needs but do not move them: refused before the form is read.
		this.mvc.perform(post("/needs/" + id + "/inquiry").with(user(this.users.ensure(Role.ADMIN)).roles("ADMIN"))
				.with(csrf()).param("version", "0").param("inquiryId", String.valueOf(inquiry)))
			.andExpect(status().isForbidden());
	}

}
