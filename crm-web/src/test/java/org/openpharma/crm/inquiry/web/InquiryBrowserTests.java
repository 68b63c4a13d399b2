package org.openpharma.crm.inquiry.web;

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

/** An MR takes a medical inquiry with an adverse event; pharmacovigilance sees the hand-off on its clock. */
@WebIntegrationTest
class InquiryBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	Hcp hcp;

	String productName;

	@BeforeEach
	void anHcpAndAProduct() {
		long n = System.nanoTime() % 1_000_000;
		this.productName = "テスト錠" + n;
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "QA" + n, "領域" + n, "Area " + n);
		this.jdbc.update("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id) VALUES (?, ?, ?, ?)",
				"QP" + n, this.productName, "Test " + n, area);
		this.hcp = this.hcps.create(new HcpDetails("質問 次郎", "シツモン ジロウ", null, null, null, null, null, null), "setup");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), java.time.Instant.now());
	}

	private void select(String id, String visibleText) {
		new Select(this.driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	@Test
	void anMrTakesAnInquiryWithAnAdverseEventAndPharmacovigilanceSeesTheHandoffOnItsClock() {
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		click(By.id("new-inquiry"));
		waitFor(By.id("inquiry-form"));
		type(By.id("subject"), "用量についての質問");
		select("productId", this.productName);
		type(By.id("question"), "腎機能が低下した患者での用量は？");
		click(By.id("adverseEvent1"));
		// Saved without the adverse event's facts: refused field by field, nothing saved.
		click(By.id("save-inquiry"));
		assertThat(waitFor(By.id("aeDescription-error")).getText()).contains("事象の内容");
		select("aeProductId", this.productName);
		type(By.id("aeDescription"), "初回投与2日後に発疹");
		select("aeSeriousness", "非重篤");
		select("aeAgeBand", "60代");
		select("aeSex", "女性");
		type(By.id("aeReporter"), "主治医");
		click(By.id("save-inquiry"));
		assertThat(waitFor(By.id("flash")).getText()).contains("安全管理部門");
		// The MR sees that the inquiry exists and its status, never the question.
		assertThat(waitFor(By.id("hcp-inquiries")).getText()).contains("用量についての質問").contains("受付");
		assertThat(this.driver.getPageSource()).doesNotContain("腎機能が低下した患者").doesNotContain("発疹");

		loginAs(Role.MEDICAL);
		open("/inquiries/handoffs");
		assertThat(waitFor(By.id("handoffs")).getText()).contains("初回投与2日後に発疹").contains("60代");
		assertThat(this.driver.findElement(By.cssSelector("#handoffs .handoff-due")).getText()).isNotBlank();
		open("/inquiries?status=RECEIVED");
		assertThat(waitFor(By.id("inquiry-queue")).getText()).contains("用量についての質問").contains("腎機能が低下した患者");

		// Medical triages it as urgent and takes it on; the inquiry's own timeline shows each step.
		click(By.xpath("//table[@id='inquiry-queue']//a[text()='用量についての質問']"));
		assertThat(waitFor(By.id("inquiry-question")).getText()).contains("腎機能が低下した患者");
		select("triage-priority", "至急");
		click(By.id("triage-button"));
		waitForText(By.id("inquiry-status"), "トリアージ済み");
		click(By.id("assign-button"));
		waitForText(By.id("inquiry-status"), "担当決定");
		assertThat(this.driver.findElement(By.id("inquiry-timeline")).getText()).contains("受付").contains("トリアージ")
			.contains("担当決定").contains("安全管理部門に引き渡し");
	}

}
