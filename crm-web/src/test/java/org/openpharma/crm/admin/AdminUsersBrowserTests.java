package org.openpharma.crm.admin;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin creates an MR in a real browser, the MR signs in; once disabled, the MR's sign-in fails. */
@WebIntegrationTest
class AdminUsersBrowserTests extends BrowserTestBase {

	private static final String PASSWORD = "browser-password-2468";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MessageSource messages;

	@Test
	void adminCreatesAnMrWhoSignsInAndDisablesThemAfterwards() {
		long territoryId = territory("ADMIN_BROWSER_T1", "ブラウザ試験エリア", "Browser test area");
		String username = "mr-" + UUID.randomUUID().toString().substring(0, 8);

		loginAs(Role.ADMIN);
		open("/admin/users");
		waitFor(By.id("new-user")).click();
		type(By.id("username"), username);
		type(By.id("displayName"), "新人 MR");
		new Select(waitFor(By.id("departmentCode"))).selectByValue("SALES");
		this.driver.findElement(By.id("role-MR")).click();
		new Select(this.driver.findElement(By.id("territoryIds"))).selectByValue(String.valueOf(territoryId));
		type(By.id("password"), PASSWORD);
		type(By.id("passwordConfirmation"), PASSWORD);
		// Enter submits through the form's save button, wherever the page happens to be scrolled.
		this.driver.findElement(By.id("passwordConfirmation")).sendKeys(Keys.ENTER);

		assertThat(waitFor(By.id("flash")).getText()).contains(username);
		WebElement row = waitFor(By.cssSelector("tr[data-username='" + username + "']"));
		assertThat(row.findElement(By.className("user-territories")).getText()).contains("ブラウザ試験エリア");
		assertThat(row.findElement(By.className("user-roles")).getText()).contains("MR");
		assertThat(row.getText()).doesNotContain(PASSWORD);
		logout();

		login(username, PASSWORD);
		assertThat(waitFor(By.id("current-user")).getText()).isEqualTo(username);
		logout();

		loginAs(Role.ADMIN);
		open("/admin/users?q=" + username);
		waitFor(By.cssSelector("tr[data-username='" + username + "'] a")).click();
		waitFor(By.id("disable-user")).click();
		assertThat(waitFor(By.id("flash")).getText()).contains(username);
		assertThat(waitFor(By.id("enable-user")).isDisplayed()).isTrue();
		logout();

		login(username, PASSWORD);
		assertThat(waitFor(By.id("login-error")).getText())
			.isEqualTo(this.messages.getMessage("login.failed", null, Locale.JAPANESE));
		assertThat(this.driver.findElements(By.id("logout"))).isEmpty();
	}

	private void logout() {
		waitFor(By.id("logout")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logout-done")));
	}

	private long territory(String code, String nameJa, String nameEn) {
		this.jdbc.update("INSERT INTO territory (code, name_ja, name_en) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING",
				code, nameJa, nameEn);
		return this.jdbc.queryForObject("SELECT id FROM territory WHERE code = ?", Long.class, code);
	}

}
