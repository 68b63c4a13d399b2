package org.openpharma.crm.imports;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

@WebIntegrationTest
class ImportBrowserTests extends BrowserTestBase {

	@TempDir
	File dir;

	@Autowired
	MessageSource messages;

	@Test
	void anAdminImportsHcpsAndSeesTheRowThatFailed() throws IOException {
		String[] family = family();
		String kana = family[1] + " タロウ";
		File csv = new File(this.dir, "doctors.csv");
		Files.writeString(csv.toPath(), "registry_number,name_kanji,name_kana,specialty,email\n" //
				+ family[2] + "-1," + family[0] + " 太郎," + kana + ",循環器内科,taro@example.jp\n" //
				+ family[2] + "-2," + family[0] + " 花子," + family[1] + " ハナコ,CARDIOLOGY,\n" //
				+ family[2] + "-3," + family[0] + " 次郎,,,\n", StandardCharsets.UTF_8);

		loginAs(Role.ADMIN);
		open("/admin/imports");
		new Select(waitFor(By.id("import-kind"))).selectByValue("HCP");
		this.driver.findElement(By.id("import-file")).sendKeys(csv.getAbsolutePath());
		this.driver.findElement(By.id("import-submit")).click();

		// The job page polls until the job is done; htmx replaces the elements while we look at them.
		new WebDriverWait(this.driver, WAIT).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(By.id("job-status"), "data-status", "DONE"));
		assertThat(text("job-total")).isEqualTo("3");
		assertThat(text("job-created")).isEqualTo("2");
		assertThat(text("job-failed")).isEqualTo("1");
		assertThat(text("job-unchanged")).isEqualTo("0");
		WebElement error = waitFor(By.cssSelector("#import-errors tr.import-error"));
		assertThat(error.findElement(By.className("error-row")).getText()).isEqualTo("4");
		assertThat(error.findElement(By.className("error-field")).getText()).isEqualTo("name_kana");
		assertThat(error.findElement(By.className("error-message")).getText())
			.isEqualTo(this.messages.getMessage("hcp.nameKana.required", null, Locale.JAPANESE));

		open("/hcps?q=" + URLEncoder.encode(kana, StandardCharsets.UTF_8));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#hcp-table tbody tr[data-hcp-id]"), 1));
		assertThat(this.driver.findElement(By.cssSelector("#hcp-table a.hcp-link")).getText())
			.isEqualTo(family[0] + " 太郎");

		// The job is listed on the import page.
		open("/admin/imports");
		assertThat(waitFor(By.id("import-jobs")).getText()).contains("doctors.csv");
	}

	/** A family name (kanji, katakana) and registry prefix no other test uses. */
	private static String[] family() {
		String digits = String.format("%05d", System.nanoTime() % 100_000);
		StringBuilder kanji = new StringBuilder("輸");
		StringBuilder kana = new StringBuilder("ユ");
		for (char c : digits.toCharArray()) {
			kanji.append("零壱弐参肆伍陸漆捌玖".charAt(c - '0'));
			kana.append("アイウエオカキクケコ".charAt(c - '0'));
		}
		return new String[] { kanji.toString(), kana.toString(), "BR" + digits };
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

}
