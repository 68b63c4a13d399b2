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

/** Consent first, in a real browser: recorded by the MR, withdrawn by the HCP, enforced on the next e-mail. */
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
	void anMrRecordsVerbalConsentTheHcpWithdrawsByLinkAndTheNextEmailIsRefused() {
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

		// The MR's next promotional e-mail is refused, naming the withdrawn consent.
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		waitFor(By.id("interaction-form"));
		select("channel", "メール（送信）");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("channel-error")).getText()).contains("撤回");
		open("/hcps/" + this.hcp.getId());
		assertThat(waitFor(By.cssSelector("#hcp-consent td[data-cell='EMAIL.PROMOTIONAL']")).getText()).contains("撤回");
	}

	@Test
	void aLinkThatWasNeverIssuedSaysSoAndShowsNothing() {
		this.driver.manage().deleteAllCookies();
		open("/consent/this-link-was-never-issued-by-anyone");
		assertThat(waitFor(By.id("link-invalid")).getText()).contains("無効");
		assertThat(this.driver.findElements(By.id("self-matrix"))).isEmpty();
	}

}
