package org.openpharma.crm.lifetime.web;

import java.sql.Date;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Patient lifetime in a real browser at 1024 × 768 (issue 16): an MR reads an HCP's patients over time on the HCP
 * page (a corrected month counted once, a month of product reports added up), and a manager of Kagoshima reads the
 * lifetime by region for their territories only, where marketing sees Japan.
 */
@WebIntegrationTest
class PatientLifetimeBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement userManagement;

	@Autowired
	JdbcTemplate jdbc;

	YearMonth thisMonth = YearMonth.now(ZoneId.of("Asia/Tokyo"));

	YearMonth lastMonth = this.thisMonth.minusMonths(1);

	String areaName;

	long area;

	long kagoshimaHcp;

	long tokyoHcp;

	long n;

	@BeforeEach
	void anAreaAndTwoHcpsWithReports() {
		this.n = System.nanoTime() % 1_000_000;
		this.areaName = "生涯領域" + this.n;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "LW" + this.n, this.areaName, "Lifetime " + this.n);
		long productA = product("LWA" + this.n);
		long productB = product("LWB" + this.n);
		this.kagoshimaHcp = hcp("鹿児島生涯病院", 46, "薩摩 一郎", "サツマ イチロウ");
		this.tokyoHcp = hcp("東京生涯病院", 13, "江戸 次郎", "エド ジロウ");
		// Last month: a report for the area, corrected by a later one (8, not 5).
		report(this.kagoshimaHcp, this.area, null, this.lastMonth, 20, 5, "now() - interval '2 days'");
		report(this.kagoshimaHcp, this.area, null, this.lastMonth, 20, 8, "now() - interval '1 day'");
		// This month: two products and no area report: added up (3 + 4).
		report(this.kagoshimaHcp, this.area, productA, this.thisMonth, 10, 3, "now()");
		report(this.kagoshimaHcp, null, productB, this.thisMonth, 10, 4, "now()");
		report(this.tokyoHcp, this.area, null, this.thisMonth, 50, 40, "now()");
	}

	@Test
	void anMrReadsTheHcpsPatientsOverTime() {
		loginAs(Role.MR);
		open("/hcps/" + this.kagoshimaHcp);
		By card = By.cssSelector("#patient-lifetime .lifetime-area[data-area-id='" + this.area + "']");
		assertThat(waitFor(card).getText()).contains(this.areaName);
		assertThat(this.driver.findElement(card).findElement(By.className("lifetime-patient-months")).getText())
			.isEqualTo("15");
		String table = "#lifetime-months-" + this.area;
		assertThat(this.driver.findElement(By.cssSelector(table + " tr[data-month='" + this.lastMonth + "']")).getText())
			.contains("20").contains("8");
		assertThat(this.driver.findElement(By.cssSelector(table + " tr[data-month='" + this.thisMonth + "']")).getText())
			.contains("製品別2件の合算")
			.contains("7")
			.contains("15");
		// The chart is drawn from the table once htmx has loaded the card; no inline script, no CSP complaint.
		this.wait.until(d -> "true".equals(d.findElement(By.cssSelector("canvas[data-table='lifetime-months-" + this.area
				+ "']")).getAttribute("data-drawn")));
		// As wide as the card (Chart.js sized it to its container after htmx placed it), not its 300 px default.
		Object width = ((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript(
				"return document.querySelector(\"canvas[data-table='lifetime-months-" + this.area + "']\").clientWidth;");
		assertThat(((Number) width).intValue()).isGreaterThan(600);
		assertThat(this.driver.findElements(By.id("lifetime-by-region"))).isEmpty();
		assertThat(browserErrors()).isEmpty();
		screenshot("hcp-patient-lifetime.png");
	}

	@Test
	void aManagerSeesTheirTerritoriesByRegionAndMarketingSeesJapan() {
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '鹿児島生涯',"
				+ " 'Kagoshima lifetime') RETURNING id", Long.class, "LW" + this.n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 46)", territory);
		String manager = "lw-mgr-" + this.n;
		this.userManagement.create(manager, "九州 部長", TestUsers.PASSWORD, "SALES", EnumSet.of(Role.MANAGER),
				Set.of(territory), "test");

		loginAndWait(manager, TestUsers.PASSWORD);
		click(By.id("nav-dashboards"));
		click(By.id("tab-lifetime"));
		waitFor(By.id("lifetime-filter"));
		new Select(this.driver.findElement(By.id("ta"))).selectByVisibleText(this.areaName);
		click(By.id("filter-apply"));
		By kyushu = By.cssSelector("#lifetime-regions tr[data-region='KYUSHU'][data-area-id='" + this.area + "']");
		assertThat(waitFor(kyushu).getText()).contains("九州").contains("15");
		assertThat(this.driver.findElement(kyushu).findElement(By.className("lifetime-hcps")).getText()).isEqualTo("1");
		assertThat(this.driver.findElements(By.cssSelector("#lifetime-regions tr[data-region='KANTO']"))).isEmpty();
		assertThat(this.driver.findElement(By.cssSelector("#lifetime-regions tr.lifetime-total")).getText())
			.contains("担当地域計")
			.contains("15");
		assertThat(this.driver.findElement(By.cssSelector("#lifetime-months tr[data-month='" + this.thisMonth + "']"))
			.findElement(By.className("lifetime-month-treated"))
			.getText()).isEqualTo("7");
		this.wait.until(d -> "true".equals(d.findElement(By.cssSelector("canvas[data-table='lifetime-months']"))
			.getAttribute("data-drawn")));
		assertThat(browserErrors()).isEmpty();
		// A region outside the territories is a field message (answered 400), not an error page.
		open("/dashboards/lifetime?ta=" + this.area + "&region=KANTO");
		assertThat(waitFor(By.id("region-error")).getText()).contains("担当テリトリーの地域のみ");
		assertThat(this.driver.findElements(By.id("lifetime-regions"))).isEmpty();

		loginAs(Role.MARKETING);
		open("/dashboards/lifetime?ta=" + this.area);
		By japan = By.cssSelector("#lifetime-regions tr.lifetime-total[data-area-id='" + this.area + "']");
		assertThat(waitFor(japan).getText()).contains("全国").contains("55");
		assertThat(this.driver.findElement(japan).findElement(By.className("lifetime-hcps")).getText()).isEqualTo("2");
		assertThat(this.driver.findElement(japan).findElement(By.className("lifetime-median")).getText())
			.isEqualTo("27.5");
		assertThat(this.driver.findElement(By.cssSelector("#lifetime-regions tr[data-region='KANTO']")).getText())
			.contains("関東")
			.contains("40");
		screenshot("dashboard-patient-lifetime.png");
	}

	private long product(String code) {
		return this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, ?, ?, ?) RETURNING id", Long.class, code, "製品" + code, "Product " + code, this.area);
	}

	private long hcp(String hcoName, int prefecture, String kanji, String kana) {
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'ショウガイビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, hcoName, prefecture);
		return this.hcps.create(new HcpDetails(kanji, kana, null, null, null, null, null, hco), "setup").getId();
	}

	private void report(long hcp, Long area, Long product, YearMonth month, int eligible, int treated, String at) {
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, product_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, 'mr', " + at + ")", hcp, area,
				product, Date.valueOf(month.atDay(1)), eligible, treated);
	}

}
