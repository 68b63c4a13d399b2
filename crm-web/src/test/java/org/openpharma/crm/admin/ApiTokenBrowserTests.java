package org.openpharma.crm.admin;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.ApiTokens;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@WebIntegrationTest
class ApiTokenBrowserTests extends BrowserTestBase {

	@Autowired
	ApiTokens tokens;

	@Test
	void anAdminCreatesATokenSeesItOnceAndRevokesIt() {
		String system = "webinar-tool-" + System.nanoTime() % 100000;
		loginAs(Role.ADMIN);
		click(By.id("nav-tokens"));
		type(By.id("token-user"), system);
		type(By.id("token-name"), "webinar feed");
		click(By.id("create-token"));
		String token = waitFor(By.id("new-token")).getText();
		assertThat(this.tokens.authenticate(token)).isPresent();
		open("/admin/tokens");
		assertThat(this.driver.findElements(By.id("new-token"))).isEmpty();
		click(By.xpath("//tr[td[text()='" + system + "']]//button"));
		waitFor(By.id("flash"));
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void aTokenForAPersonsAccountIsRefused() {
		loginAs(Role.ADMIN);
		String mr = this.users.ensure(Role.MR);
		open("/admin/tokens");
		type(By.id("token-user"), mr);
		type(By.id("token-name"), "not allowed");
		click(By.id("create-token"));
		assertThat(waitFor(By.id("token-errors")).getText()).contains("システムユーザー");
	}

}
