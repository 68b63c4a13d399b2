package org.openpharma.crm.system;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

@WebIntegrationTest
class LoginBrowserTests extends BrowserTestBase {

	@Autowired
	SignInThrottle throttle;

	@Test
	void everyRoleSignsInAndOnlyAdminSeesAdministration() {
		for (Role role : Role.values()) {
			loginAs(role);
			assertThat(this.driver.findElement(By.id("current-user")).getText()).isEqualTo(role.name().toLowerCase());
			assertThat(this.driver.findElements(By.id("nav-users"))).hasSize(role == Role.ADMIN ? 1 : 0);
			// An MR starts the day on the HCPs of their territories (issue 14), marketing and medical affairs on the
			// content gap (issue 15), everyone else on the HCP list.
			assertThat(this.driver.getCurrentUrl()).endsWith(switch (role) {
				case MR -> "/my-hcps";
				case MARKETING, MEDICAL -> "/content/gaps";
				default -> "/hcps";
			});
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
	void repeatedWrongPasswordsAreSlowedDownWithAClearMessage() {
		String user = this.users.ensure(Role.MARKETING);
		try {
			// A token comes back every 12 s, and a browser is slower than a script: guess until refused.
			boolean throttled = false;
			for (int i = 0; i < 20 && !throttled; i++) {
				login(user, "wrong-password-" + i);
				this.wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("login-error")),
						ExpectedConditions.presenceOfElementLocated(By.id("login-throttled"))));
				throttled = !this.driver.findElements(By.id("login-throttled")).isEmpty();
			}
			assertThat(throttled).isTrue();
			assertThat(this.driver.findElement(By.id("login-throttled")).getText()).containsPattern("\\d+");
			assertThat(this.driver.findElement(By.id("username")).getAttribute("aria-describedby"))
				.isEqualTo("login-throttled");
			// A refused attempt is not reported as a wrong password.
			assertThat(this.driver.findElements(By.id("login-error"))).isEmpty();
			assertThat(this.driver.findElements(By.id("logout"))).isEmpty();
		}
		finally {
			this.throttle.forgetAll();
		}
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
