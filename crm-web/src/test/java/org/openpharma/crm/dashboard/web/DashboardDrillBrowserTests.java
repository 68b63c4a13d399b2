package org.openpharma.crm.dashboard.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager clicks a figure of the patient dashboard and reads the HCPs behind it at 1024 × 768: the filter in
 * words, each HCP's patients, a total equal to the figure clicked, and the CSV. With
 * {@code -Dscreenshots.dir=docs/screenshots} it also saves the page as dashboard-drilldown-ja.png.
 */
@WebIntegrationTest
class DashboardDrillBrowserTests extends BrowserTestBase {

	/** Three Tokyo institutions and their HCPs, with the patients they reported this month and the month before. */
	private static final String[][] HCPS = {
			{ "佐藤 健一", "サトウ ケンイチ", "0", "48", "21", "44", "18" },
			{ "鈴木 美香", "スズキ ミカ", "0", "35", "14", "", "" },
			{ "高橋 誠", "タカハシ マコト", "1", "62", "30", "60", "27" },
			{ "田中 裕子", "タナカ ユウコ", "1", "12", "4", "10", "3" },
			{ "伊藤 直樹", "イトウ ナオキ", "2", "27", "9", "", "" },
			{ "渡辺 恵", "ワタナベ メグミ", "2", "18", "7", "15", "6" },
			{ "山本 隆", "ヤマモト タカシ", "0", "", "", "22", "8" },
			{ "中村 彩", "ナカムラ アヤ", "1", "40", "16", "38", "15" } };

	private static final String[] HOSPITALS = { "東京中央病院", "品川ハートクリニック", "世田谷総合病院" };

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	YearMonth month;

	@BeforeEach
	void eightHcpsInTokyoReportedPatients() {
		long n = System.nanoTime() % 1_000_000;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '2型糖尿病',"
				+ " 'Type 2 diabetes') RETURNING id", Long.class, "DB" + n);
		Instant now = this.clock.instant();
		this.month = YearMonth.from(now.atZone(Japan.ZONE));
		long[] hospitals = new long[HOSPITALS.length];
		for (int h = 0; h < HOSPITALS.length; h++) {
			hospitals[h] = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
					+ " VALUES (?, 'トウキョウ', 'HOSPITAL', 13) RETURNING id", Long.class, HOSPITALS[h]);
		}
		for (String[] hcp : HCPS) {
			long id = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, primary_hco_id) VALUES (?, ?, ?)"
					+ " RETURNING id", Long.class, hcp[0], hcp[1], hospitals[Integer.parseInt(hcp[2])]);
			report(id, this.month, hcp[3], hcp[4], now);
			report(id, this.month.minusMonths(1), hcp[5], hcp[6], now);
		}
	}

	private void report(long hcp, YearMonth period, String eligible, String treated, Instant at) {
		if (eligible.isEmpty()) {
			return;
		}
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, 'mr', ?)", hcp, this.area,
				java.sql.Date.valueOf(period.atDay(1)), Integer.parseInt(eligible), Integer.parseInt(treated),
				Timestamp.from(at));
	}

	private static String words(YearMonth month) {
		return month.getYear() + "年" + month.getMonthValue() + "月";
	}

	@Test
	void aManagerClicksTokyosFigureAndReadsTheHcpsBehindItWithTheirPatients() {
		loginAs(Role.MANAGER);
		open("/dashboards/patients?ta=" + this.area + "&region=KANTO");
		WebElement tokyo = waitFor(By.cssSelector("#patients-places tr[data-prefecture='13']"));
		String treated = tokyo.findElement(By.cssSelector("td.treated")).getText();
		assertThat(treated).isEqualTo("178");
		click(By.cssSelector("#patients-places tr[data-prefecture='13'] a.drill-prefecture"));

		YearMonth from = this.month.minusMonths(11);
		waitForText(By.id("drill-filter"), words(from) + "～" + words(this.month) + " · 東京都 · 2型糖尿病");
		assertThat(this.driver.findElement(By.id("drill-title")).getText()).isEqualTo("患者数を報告した医療従事者");
		assertThat(this.driver.findElement(By.id("drill-count")).getText()).isEqualTo("該当する医療従事者：8 名");
		List<String> header = this.driver.findElements(By.cssSelector("#drill-hcps thead th")).stream()
			.map(WebElement::getText).toList();
		assertThat(header).containsExactly("氏名", "氏名（カナ）", "施設", "都道府県", "対象患者数", "治療患者数", "報告件数");
		// In kana order; each HCP with their patients over both months.
		assertThat(this.driver.findElement(By.cssSelector("#drill-hcps tbody tr:first-child")).getText())
			.isEqualTo("伊藤 直樹 イトウ ナオキ 世田谷総合病院 東京都 27 9 1");
		assertThat(this.driver.findElement(By.cssSelector("#drill-hcps tbody tr:nth-child(4)")).getText())
			.isEqualTo("高橋 誠 タカハシ マコト 品川ハートクリニック 東京都 122 57 2");
		// The total treated is the figure clicked.
		assertThat(this.driver.findElement(By.id("drill-total")).getText()).isEqualTo("合計（8 名） 431 178 13");
		// Nothing wider than the tablet.
		assertThat((Long) ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(1024L);

		screenshot("dashboard-drilldown-ja.png");

		// The CSV, fetched with the manager's session exactly as the link downloads it.
		String href = this.driver.findElement(By.id("drill-csv")).getAttribute("href");
		Object csv = ((JavascriptExecutor) this.driver).executeAsyncScript(
				"var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
		assertThat(((String) csv).lines().toList()).hasSize(9)
			.startsWith("氏名,氏名（カナ）,施設,地域,都道府県,対象患者数,治療患者数,報告件数",
					"伊藤 直樹,イトウ ナオキ,世田谷総合病院,関東,東京都,27,9,1");

		click(By.id("drill-back"));
		waitFor(By.cssSelector("#patients-places tr[data-prefecture='13']"));
		assertThat(this.driver.getCurrentUrl()).contains("/dashboards/patients").contains("ta=" + this.area);
	}

}
