package org.openpharma.crm.system;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

@WebIntegrationTest
class LoginBrowserTests extends BrowserTestBase {

	@Test
	void everyRoleSignsInAndOnlyAdminSeesAdministration() {
		for (Role role : Role.values()) {
			loginAs(role);
			assertThat(this.driver.findElement(By.id("current-user")).getText()).isEqualTo(role.name().toLowerCase());
			assertThat(this.driver.findElements(By.id("nav-users"))).hasSize(role == Role.ADMIN ? 1 : 0);
			this.driver.findElement(By.id("logout")).click();
			waitFor(By.id("logout-done"));
		}
	}

	@Test
	void aFailedSignInDoesNotSayWhichPartWasWrong() {
		this.users.ensure(Role.MR);
		login("mr", "wrong-password-123");
		String wrongPassword = waitFor(By.id("login-error")).getText();
		login("nobody-here", TestUsers.PASSWORD);
		String unknownUser = waitFor(By.id("login-error")).getText();
		assertThat(wrongPassword).isNotBlank().isEqualTo(unknownUser);
		assertThat(this.driver.findElements(By.id("logout"))).isEmpty();
	}

	@Test
	void theLanguageSwitchChangesEveryLabel() {
		loginAs(Role.CALL_CENTER);
		this.driver.findElement(By.id("lang-en")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("nav-hcps"), "HCPs"));
		assertThat(this.driver.findElement(By.id("search-button")).getText()).isEqualTo("Search");
		this.driver.findElement(By.id("lang-ja")).click();
		this.wait.until(ExpectedConditions.textToBe(By.id("nav-hcps"), "医療従事者"));
		assertThat(this.driver.findElement(By.id("search-button")).getText()).isEqualTo("検索");
	}

}
