package org.openpharma.crm.privacy.web;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator answers an HCP's access request, then their erasure request. */
@WebIntegrationTest
class DataRightsBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Test
	void thePrivacyOfficerSeesEverythingHeldThenErasesItWithAReport() {
		Hcp hcp = this.hcps.create(new HcpDetails("消去 依頼", "ショウキョ イライ", null, null, null, "irai@example.jp", null,
				null), "setup");
		loginAs(Role.PRIVACY_OFFICER);
		open("/hcps/" + hcp.getId());
		click(By.id("hcp-data"));
		assertThat(waitFor(By.id("section-profile")).getText()).contains("irai@example.jp");
		click(By.id("erase-button"));
		assertThat(waitFor(By.id("flash-warning")).getText()).contains("確認");
		click(By.id("erase-confirm"));
		click(By.id("erase-button"));
		assertThat(waitFor(By.id("erased-title")).getText()).isEqualTo("消去しました");
		assertThat(this.driver.findElement(By.id("report-kept")).getText()).contains("同意台帳");
		open("/hcps/" + hcp.getId());
		assertThat(waitFor(By.id("hcp-name")).getText()).isEqualTo("消去済み");
	}

}
