package org.openpharma.crm.consent.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Consent first, in a real browser: recorded by the MR, withdrawn by the HCP, the next e-mail flagged. */
@WebIntegrationTest
class ConsentBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	Hcp hcp;

	@BeforeEach
	void anHcpWithoutConsent() {
		this.hcp = this.hcps.create(new HcpDetails("同意 花子", "ドウイ ハナコ", null, null, null, null, null, null), "setup");
	}

	private void select(String id, String visibleText) {
		new Select(this.driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	@Test
	void anMrRecordsVerbalConsentTheHcpWithdrawsByLinkAndTheNextEmailIsFlagged() {
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		click(By.id("consent-details"));
		waitFor(By.id("consent-form"));
		select("channel", "メール");
		select("source", "口頭（訪問・電話）");
		type(By.id("evidenceRef"), "訪問時に口頭で確認");
		click(By.id("record-consent"));
		assertThat(waitFor(By.id("flash")).getText()).contains("同意を記録しました");
		assertThat(this.driver.findElement(By.cssSelector("#consent-matrix td[data-cell='EMAIL.PROMOTIONAL']")).getText())
			.contains("同意あり");
		assertThat(this.driver.findElement(By.id("consent-history")).getText()).contains("訪問時に口頭で確認");

		click(By.id("create-link"));
		String link = waitFor(By.id("consent-link")).getAttribute("value");
		// On the public address (crm.public-base-url), whatever Host the MR's browser sent.
		assertThat(link).startsWith("http://localhost:8080/consent/");

		// The HCP, without an account, opens the link in a browser of their own (here: on the test server).
		this.driver.manage().deleteAllCookies();
		open(java.net.URI.create(link).getPath());
		assertThat(waitFor(By.id("self-hcp")).getText()).contains("同意 花子");
		assertThat(this.driver.findElement(By.id("cell-EMAIL-PROMOTIONAL")).isSelected()).isTrue();
		click(By.id("cell-EMAIL-PROMOTIONAL"));
		click(By.id("self-save"));
		assertThat(waitFor(By.id("flash")).getText()).contains("1件");
		assertThat(this.driver.findElement(By.id("cell-EMAIL-PROMOTIONAL")).isSelected()).isFalse();

		// The MR records an e-mail already sent: it is kept, never refused, and flagged as a contact without consent.
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		waitFor(By.id("interaction-form"));
		assertThat(this.driver.findElement(By.id("purpose")).getText()).isEqualTo("販売促進");
		select("channel", "メール（送信）");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("flash-warning")).getText()).contains("同意のない接触").contains("撤回");
		assertThat(waitFor(By.cssSelector("#hcp-consent td[data-cell='EMAIL.PROMOTIONAL']")).getText()).contains("撤回");
		assertThat(this.driver.findElement(By.cssSelector("#hcp-timeline .consent-breach")).getText()).isEqualTo("同意なし");
		open("/hcps/" + this.hcp.getId() + "/consent");
		assertThat(waitFor(By.id("consent-breaches")).getText()).contains("メール（送信）").contains("撤回");
		// Visits are opt-out: no record means no objection.
		assertThat(this.driver.findElement(By.cssSelector("#consent-matrix td[data-cell='VISIT.PROMOTIONAL']")).getText())
			.contains("拒否なし").contains("オプトアウト");
		click(By.id("nav-breaches"));
		assertThat(waitFor(By.id("consent-breaches")).getText()).contains("同意 花子");
	}

	@Test
	void aLinkThatWasNeverIssuedSaysSoAndShowsNothing() {
		this.driver.manage().deleteAllCookies();
		open("/consent/this-link-was-never-issued-by-anyone");
		assertThat(waitFor(By.id("link-invalid")).getText()).contains("無効");
		assertThat(this.driver.findElements(By.id("self-matrix"))).isEmpty();
	}

}
