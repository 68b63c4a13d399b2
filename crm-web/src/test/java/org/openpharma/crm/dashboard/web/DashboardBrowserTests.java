package org.openpharma.crm.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager filters the patient dashboard by area and region, reads a figure, drills down to the HCPs and
 * exports the table; an MR logs a patient count and the manager's open dashboard shows it within 5 seconds.
 */
@WebIntegrationTest
class DashboardBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	JdbcTemplate jdbc;

	String areaName;

	Hcp hcp;

	YearMonth month = YearMonth.now(ZoneId.of("Asia/Tokyo"));

	@BeforeEach
	void anAreaAndAnHcpInKochiWithAReport() {
		long n = System.nanoTime() % 1_000_000;
		this.areaName = "ダッシュ領域" + n;
		Long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "DB" + n, this.areaName, "Dash " + n);
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('四万十病院', 'シマントビョウイン', 'HOSPITAL', 39) RETURNING id", Long.class);
		this.hcp = this.hcps.create(new HcpDetails("四国 花子", "シコク ハナコ", null, null, null, null, null, hco), "setup");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), Instant.now());
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, 30, 12, 'mr', now())", this.hcp.getId(), area,
				java.sql.Date.valueOf(this.month.atDay(1)));
	}

	private static void select(WebDriver driver, String id, String visibleText) {
		new Select(driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	@Test
	void aManagerFiltersReadsDrillsDownAndExportsAndSeesAnMrsCountWithinFiveSeconds() {
		loginAs(Role.MANAGER);
		click(By.id("nav-dashboards"));
		waitFor(By.id("dashboard-filter"));
		select(this.driver, "ta", this.areaName);
		select(this.driver, "region", "四国");
		click(By.id("filter-apply"));
		waitForText(By.id("kpi-treated"), "12");
		assertThat(this.driver.findElement(By.id("kpi-eligible")).getText()).isEqualTo("30");
		assertThat(this.driver.findElement(By.cssSelector("#patients-places tr[data-prefecture='39']")).getText())
			.contains("高知県").contains("12");
		// The chart is drawn from the table under it.
		this.wait.until(d -> "true".equals(d.findElement(By.cssSelector("canvas[data-table='patients-months']"))
			.getAttribute("data-drawn")));

		// The CSV of the table, fetched with the manager's session exactly as the link would download it.
		String href = this.driver.findElement(By.id("csv-months")).getAttribute("href");
		Object csv = ((JavascriptExecutor) this.driver).executeAsyncScript(
				"var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
		assertThat((String) csv).contains("治療患者数").contains(this.month + ",30,12");

		// Drill down from the month's figure to the HCPs behind it (their names, never their patients).
		click(By.cssSelector("#patients-months tr[data-month='" + this.month + "'] a.drill-month"));
		assertThat(waitFor(By.id("drill-hcps")).getText()).contains("四国 花子").contains("四万十病院");
		click(By.id("drill-back"));
		waitForText(By.id("kpi-treated"), "12");
		String dashboard = this.driver.getCurrentUrl();

		// An MR logs a visit with a new patient count; the manager's dashboard shows it within 5 seconds.
		WebDriver mr = newDriver();
		try {
			mr.get(url("/login"));
			mr.findElement(By.id("username")).sendKeys(this.users.ensure(Role.MR));
			mr.findElement(By.id("password")).sendKeys(org.openpharma.crm.TestUsers.PASSWORD);
			mr.findElement(By.id("login-button")).click();
			new WebDriverWait(mr, WAIT).until(d -> d.findElements(By.id("current-user")).size() == 1);
			mr.get(url("/interactions/new?hcpId=" + this.hcp.getId()));
			new WebDriverWait(mr, WAIT).until(d -> d.findElements(By.id("interaction-form")).size() == 1);
			select(mr, "patientCounts0.therapeuticAreaId", this.areaName);
			mr.findElement(By.id("patientCounts0.eligiblePatients")).sendKeys("25");
			mr.findElement(By.id("patientCounts0.treatedPatients")).sendKeys("20");
			((JavascriptExecutor) mr).executeScript("document.getElementById('save-interaction').click();");
			new WebDriverWait(mr, WAIT).until(d -> d.findElements(By.id("flash")).size() == 1);
		}
		finally {
			mr.quit();
		}
		Instant saved = Instant.now();
		// The MR's report of the same month replaces the earlier one: treated 20, eligible 25.
		new WebDriverWait(this.driver, Duration.ofSeconds(5)).until(d -> {
			d.navigate().refresh();
			return "20".equals(d.findElement(By.id("kpi-treated")).getText());
		});
		assertThat(Duration.between(saved, Instant.now())).isLessThan(Duration.ofSeconds(5));
		assertThat(this.driver.findElement(By.id("kpi-eligible")).getText()).isEqualTo("25");
		assertThat(this.driver.getCurrentUrl()).isEqualTo(dashboard);
	}

	@Test
	void aTamperedFilterGetsFieldMessagesNotAnError() {
		loginAs(Role.MANAGER);
		open("/dashboards/channels?from=2026-13&ta=abc&region=ATLANTIS");
		assertThat(waitFor(By.id("from-error")).getText()).contains("YYYY-MM");
		assertThat(this.driver.findElement(By.id("ta-error")).getText()).contains("一覧から選択してください");
		assertThat(this.driver.findElement(By.id("filter-invalid")).isDisplayed()).isTrue();
		assertThat(this.driver.findElements(By.id("kpi-push"))).isEmpty();
	}

	@Test
	void aManagerSetsATargetAndSeesAttainment() {
		loginAs(Role.MANAGER);
		open("/dashboards/targets");
		waitFor(By.id("target-form"));
		select(this.driver, "therapeuticAreaId", this.areaName);
		select(this.driver, "regionCode", "四国");
		type(By.id("treatedTarget"), "-5");
		click(By.id("target-save"));
		assertThat(waitFor(By.id("treatedTarget-error")).getText()).contains("0～");
		type(By.id("treatedTarget"), "24");
		click(By.id("target-save"));
		assertThat(waitFor(By.id("flash")).getText()).contains("24");
		// Who set it is named as a person.
		assertThat(this.driver.findElement(By.id("targets")).getText()).contains("Test MANAGER");
		open("/dashboards/patients?ta=" + this.jdbc.queryForObject("SELECT id FROM therapeutic_area WHERE name_ja = ?",
				Long.class, this.areaName) + "&region=SHIKOKU");
		waitForText(By.id("kpi-attainment"), "50%");
		assertThat(this.driver.findElement(By.id("kpi-target")).getText()).isEqualTo("24");
	}

}
