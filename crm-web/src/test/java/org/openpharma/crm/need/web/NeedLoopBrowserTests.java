package org.openpharma.crm.need.web;

import java.sql.Timestamp;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop on a need closed in a real browser at 1024 × 768 (issue 14, item 14): the MR logs a need and routes it
 * to medical affairs, medical fulfils it picking the interaction and the inquiry that answered it, the MR records
 * the HCP's feedback with what the HCP said, and the need and the inquiry each show the other.
 */
@WebIntegrationTest
class NeedLoopBrowserTests extends BrowserTestBase {

	static final String TOPIC = "腎機能低下時の用量";

	static final String SUBJECT = "腎機能低下患者への投与量";

	static final String SAID = "腎機能別の用量表が外来ですぐに使えて助かった";

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	Hcp hcp;

	long inquiryId;

	@BeforeEach
	void anHcpWhoAskedMedicalAffairs() {
		this.hcp = this.hcps.create(new HcpDetails("輪島 恵子", "ワジマ ケイコ", null, null, null, null, null, null), "setup");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
		Timestamp now = Timestamp.from(this.clock.instant());
		this.inquiryId = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel,"
				+ " urgency, priority, status, received_at, aware_at, received_by, received_via, due_at, updated_at)"
				+ " VALUES (?, ?, 'eGFR 25 の患者での用量は？', 'EMAIL', 'NORMAL', 'NORMAL', 'RECEIVED', ?, ?, 'call_center',"
				+ " 'CALL_CENTER', ?, ?) RETURNING id", Long.class, this.hcp.getId(), SUBJECT, now, now, now, now);
	}

	private void select(String id, String visibleText) {
		new Select(waitFor(By.id(id))).selectByVisibleText(visibleText);
	}

	/** Chooses the first option whose text contains {@code part}. */
	private void selectContaining(String id, String part) {
		Select select = new Select(waitFor(By.id(id)));
		select.getOptions()
			.stream()
			.filter(option -> option.getText().contains(part))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no option with " + part + " in " + id))
			.click();
	}

	@Test
	void anMrsNeedIsAnsweredByMedicalAffairsConfirmedWithWhatTheHcpSaidAndLinkedBothWays() {
		// The MR logs a visit with the need and routes it to medical affairs.
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		type(By.id("keyMessages"), "腎機能障害患者への投与について説明");
		type(By.id("needs0.topic"), TOPIC);
		select("needs0.category", "用法・用量");
		click(By.id("save-interaction"));
		click(By.cssSelector("#hcp-needs tr[data-need-id] a"));
		waitForText(By.id("need-topic"), TOPIC);
		String needPage = this.driver.getCurrentUrl();
		select("routedTo", "メディカル");
		type(By.id("triage-reason"), "医学的な質問のため");
		click(By.id("triage-button"));
		waitForText(By.id("need-status"), "振り分け済み");

		// Medical affairs fulfils it: the visit it came up in, and the inquiry that answered it, picked by name.
		loginAs(Role.MEDICAL);
		this.driver.get(needPage);
		click(By.id("start-button"));
		waitForText(By.id("need-status"), "対応中");
		type(By.id("fulfilment"), "腎機能別の標準回答書を送付し、電話で補足しました。");
		assertThat(new Select(waitFor(By.id("interactionId"))).getOptions()).extracting(o -> o.getText())
			.anySatisfy(text -> assertThat(text).contains("訪問").contains("Test MR").contains("腎機能障害患者への投与について説明"));
		selectContaining("interactionId", "腎機能障害患者への投与について説明");
		selectContaining("inquiryId", SUBJECT);
		screenshot("need-fulfil-ja.png");
		click(By.id("fulfil-button"));
		waitForText(By.id("need-status"), "対応済み");
		assertThat(waitFor(By.id("need-fulfilled-by")).getText()).contains("訪問 · Test MR · 腎機能障害患者への投与について説明");
		assertThat(waitFor(By.id("need-inquiry")).getText()).contains(SUBJECT).contains("受付");

		// The MR records the HCP's feedback with what the HCP said.
		loginAs(Role.MR);
		this.driver.get(needPage);
		click(By.id("helpful-yes"));
		select("score", "5");
		type(By.id("feedbackComment"), SAID);
		click(By.id("confirm-button"));
		waitForText(By.id("need-status"), "医師確認済み");
		assertThat(waitFor(By.id("need-feedback")).getText()).isEqualTo("役立った 5/5");
		// Routed to medical: what the HCP said about the answer and the inquiry stay with medical affairs.
		assertThat(waitFor(By.id("need-feedback-comment")).getText()).doesNotContain(SAID).contains("メディカルのみ");
		assertThat(waitFor(By.id("need-inquiry")).getText()).doesNotContain(SUBJECT).contains("メディカルへの問い合わせで回答しました");
		assertThat(this.driver.findElements(By.cssSelector("#need-inquiry a"))).isEmpty();

		// Medical affairs sees both ends of the link.
		loginAs(Role.MEDICAL);
		this.driver.get(needPage);
		waitForText(By.id("need-feedback-comment"), SAID);
		screenshot("need-closed-loop-ja.png");
		assertThat(this.driver.findElements(By.cssSelector("#need-history td")))
			.extracting(cell -> cell.getText())
			.contains("医師確認", "対応済み", "振り分け");
		click(By.cssSelector("#need-inquiry a"));
		waitForText(By.id("inquiry-subject"), SUBJECT);
		assertThat(waitFor(By.cssSelector("#inquiry-needs a")).getText()).isEqualTo(TOPIC);
		assertThat(this.driver.findElement(By.cssSelector("#inquiry-needs li")).getText()).contains("医師確認済み");
		click(By.cssSelector("#inquiry-needs a"));
		waitForText(By.id("need-topic"), TOPIC);
	}

}
