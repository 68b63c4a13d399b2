package org.openpharma.crm.interaction.web;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.testsupport.MutableClock;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/** The heart of the product in a real browser: capture in one form, one timeline for everyone, triage. */
@WebIntegrationTest
class CaptureBrowserTests extends BrowserTestBase {

	static final MutableClock CLOCK = MutableClock.startingNow();

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	HcpManagement hcps;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	Hcp hcp;

	String areaName;

	@BeforeEach
	void anHcpAndATherapeuticArea() {
		long n = System.nanoTime() % 1_000_000;
		this.areaName = "領域" + n;
		this.jdbc.update("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)", "TA" + n,
				this.areaName, "Area " + n);
		this.hcp = this.hcps.create(new HcpDetails("記録 太郎", "キロク タロウ", null, null, null, null, null, null),
				"setup");
		org.openpharma.crm.WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), CLOCK.instant());
	}

	private void select(String id, String visibleText) {
		new Select(this.driver.findElement(By.id(id))).selectByVisibleText(visibleText);
	}

	@Test
	void anMrLogsAVisitWithTwoNeedsAStageAndACountAndTheCallCenterSeesIt() {
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		waitFor(By.id("log-interaction")).click();
		waitFor(By.id("interaction-form"));
		type(By.id("keyMessages"), "OS benefit in 2L");
		type(By.id("needs0.topic"), "腎機能低下時の用量");
		select("needs0.category", "用法・用量");
		select("needs0.urgency", "高");
		type(By.id("needs1.topic"), "患者向け資材");
		select("needs1.category", "患者支援");
		select("stages0.therapeuticAreaId", this.areaName);
		select("stages0.stage", "関心");
		select("patientCounts0.therapeuticAreaId", this.areaName);
		type(By.id("patientCounts0.eligiblePatients"), "40");
		type(By.id("patientCounts0.treatedPatients"), "12");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("flash")).getText()).isEqualTo("活動を保存しました（ニーズ 2 件・ステージ変更 1 件・患者数 1 件）。");
		assertThat(this.driver.findElements(By.cssSelector("#hcp-needs tr[data-need-id]"))).hasSize(2);
		assertThat(this.driver.findElement(By.id("hcp-stages")).getText()).contains("関心");
		assertThat(this.driver.findElement(By.id("hcp-counts")).getText()).contains("40").contains("12");

		this.driver.findElement(By.id("logout")).click();
		loginAs(Role.CALL_CENTER);
		open("/hcps/" + this.hcp.getId());
		WebElement timeline = waitFor(By.id("hcp-timeline"));
		assertThat(timeline.getText()).contains("OS benefit in 2L").contains("Test MR");
		assertThat(this.driver.findElements(By.cssSelector("#hcp-timeline a.edit-interaction"))).isEmpty();
	}

	/** Taps, selections and typed fields a user made in the test that counts them. */
	private int fieldInteractions;

	private void tap(By by) {
		this.fieldInteractions++;
		click(by);
	}

	private void fill(String id, String text) {
		this.fieldInteractions++;
		type(By.id(id), text);
	}

	private void choose(String id, String visibleText) {
		this.fieldInteractions++;
		select(id, visibleText);
	}

	/**
	 * The target visit (issue 14): a rep who knows the HCP logs two needs, a stage change and a patient
	 * count. A regression check on the form's shape, not a timing: the therapeutic area is chosen once and every
	 * row follows it, the default rows are there, and Enter in the last field saves.
	 */
	@Test
	void aVisitWithTwoNeedsAStageChangeAndACountTakesAtMostFifteenFieldInteractions() {
		loginAs(Role.MR);
		open("/hcps/" + this.hcp.getId());
		tap(By.id("log-interaction"));
		waitFor(By.id("interaction-form"));
		choose("therapeuticAreaIds", this.areaName);
		fill("needs0.topic", "腎機能低下時の用量");
		choose("needs0.category", "用法・用量");
		fill("needs1.topic", "患者向け資材");
		choose("needs1.category", "患者支援");
		choose("stages0.stage", "関心");
		fill("patientCounts0.eligiblePatients", "40");
		fill("patientCounts0.treatedPatients", "12");
		screenshot("visit-form-ja.png");
		this.fieldInteractions++;
		this.driver.findElement(By.id("patientCounts0.treatedPatients")).sendKeys(org.openqa.selenium.Keys.ENTER);

		assertThat(waitFor(By.id("flash")).getText()).isEqualTo("活動を保存しました（ニーズ 2 件・ステージ変更 1 件・患者数 1 件）。");
		assertThat(this.fieldInteractions).isLessThanOrEqualTo(15);
		Long area = this.jdbc.queryForObject("SELECT id FROM therapeutic_area WHERE name_ja = ?", Long.class,
				this.areaName);
		assertThat(this.jdbc.queryForList("SELECT therapeutic_area_id FROM information_need WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).containsExactly(area, area);
		assertThat(this.jdbc.queryForList("SELECT therapeutic_area_id FROM stage_change WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).containsExactly(area);
		assertThat(this.jdbc.queryForList("SELECT therapeutic_area_id FROM patient_count WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).containsExactly(area);
	}

	@Test
	void aRowAreaChosenByHandNoLongerFollowsTheVisit() {
		long n = System.nanoTime() % 1_000_000;
		String other = "別領域" + n;
		this.jdbc.update("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)", "TB" + n, other,
				"Other " + n);
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		select("stages0.therapeuticAreaId", other);
		select("therapeuticAreaIds", this.areaName);
		assertThat(new Select(this.driver.findElement(By.id("needs0.therapeuticAreaId"))).getFirstSelectedOption()
			.getText()).isEqualTo(this.areaName);
		assertThat(new Select(this.driver.findElement(By.id("stages0.therapeuticAreaId"))).getFirstSelectedOption()
			.getText()).isEqualTo(other);
	}

	@Test
	void anErrorBelowTheFoldIsSummarisedAtTheTopAndTheFieldHasFocus() {
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		select("patientCounts0.therapeuticAreaId", this.areaName);
		type(By.id("patientCounts0.eligiblePatients"), "10");
		type(By.id("patientCounts0.treatedPatients"), "20");
		click(By.id("save-interaction"));
		WebElement summary = waitFor(By.id("error-summary"));
		assertThat(summary.getText()).startsWith("入力内容に誤りがあります（1 件）。")
			.contains("患者数（医師の申告）・1行目 治療患者数: 治療患者数は対象患者数を超えられません。");
		String focused = (String) ((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("return document.activeElement.id;");
		assertThat(focused).startsWith("patientCounts0.");
		((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("document.activeElement.blur();");
		click(By.cssSelector("#error-summary a"));
		assertThat((String) ((org.openqa.selenium.JavascriptExecutor) this.driver)
			.executeScript("return document.activeElement.id;")).startsWith("patientCounts0.");
	}

	@Test
	void theProductListShowsTheProductsOfTheVisitsArea() {
		long n = System.nanoTime() % 1_000_000;
		Long area = this.jdbc.queryForObject("SELECT id FROM therapeutic_area WHERE name_ja = ?", Long.class,
				this.areaName);
		this.jdbc.update("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id) VALUES (?, ?, ?, ?)",
				"P" + n, "製品" + n, "Product " + n, area);
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		select("therapeuticAreaIds", this.areaName);
		java.util.List<String> shown = this.driver.findElements(By.cssSelector("#productIds option"))
			.stream()
			.filter(option -> !"true".equals(option.getDomProperty("hidden")))
			.map(WebElement::getText)
			.toList();
		assertThat(shown).containsExactly("製品" + n);
	}

	@Autowired
	org.openpharma.crm.user.UserManagement userManagement;

	@Test
	void myHcpsListsTerritoryHcpsAndLogsFromThere() {
		long n = System.nanoTime() % 1_000_000;
		Long territory = this.jdbc.queryForObject(
				"INSERT INTO territory (code, name_ja, name_en) VALUES (?, '高知', 'Kochi') RETURNING id", Long.class,
				"KOCHI" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 39)", territory);
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('高知医院', 'コウチイイン', 'CLINIC', 39) RETURNING id", Long.class);
		Hcp local = this.hcps.create(new HcpDetails("高知 一郎", "コウチ イチロウ", null, null, null, null, null, hco), "setup");
		String mr = "mr-kochi-" + n;
		this.userManagement.create(mr, "MR Kochi", "kochi-password-1", "SALES",
				java.util.EnumSet.of(Role.MR), java.util.Set.of(territory), "setup");
		login(mr, "kochi-password-1");
		click(By.id("nav-my-hcps"));
		click(By.cssSelector("#my-hcps tr[data-hcp-id='" + local.getId() + "'] a.quick-log"));
		assertThat(new Select(waitFor(By.id("hcpId"))).getFirstSelectedOption().getText()).startsWith("高知 一郎");
	}

	@Test
	void thePickerOffersTheHcpsTheUserMetRecently() {
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		click(By.id("save-interaction"));
		waitFor(By.id("flash"));
		open("/interactions/new");
		// Focusing the empty search box asks once for the recent HCPs; nothing else swaps the options.
		click(By.id("hcp-search"));
		By recent = By.cssSelector("#hcpId option[value='" + this.hcp.getId() + "']");
		this.wait.until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(recent));
		new Select(this.driver.findElement(By.id("hcpId"))).selectByValue(String.valueOf(this.hcp.getId()));
		type(By.id("keyMessages"), "picked from the list");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("hcp-name")).getText()).isEqualTo("記録 太郎");
	}

	@Test
	void aBadPatientCountKeepsEverythingOnTheFormAndSavesNothing() {
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		type(By.id("needs0.topic"), "安全性データ");
		select("needs0.category", "安全性");
		select("patientCounts0.therapeuticAreaId", this.areaName);
		type(By.id("patientCounts0.eligiblePatients"), "10");
		type(By.id("patientCounts0.treatedPatients"), "20");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.cssSelector("#count-0 .invalid-feedback")).getText()).contains("超えられません");
		assertThat(this.driver.findElement(By.id("needs0.topic")).getAttribute("value")).isEqualTo("安全性データ");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class,
				this.hcp.getId())).isZero();
	}

	@Test
	void aNeedIsTriagedToMedicalAndFulfilled() {
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		type(By.id("needs0.topic"), "適応外使用の問い合わせ");
		select("needs0.category", "有効性");
		click(By.id("save-interaction"));
		click(By.cssSelector("#hcp-needs tr[data-need-id] a"));
		select("routedTo", "メディカル");
		type(By.id("triage-reason"), "医学的質問");
		click(By.id("triage-button"));
		waitForText(By.id("need-status"), "振り分け済み");
		click(By.id("start-button"));
		type(By.id("fulfilment"), "標準回答書を送付");
		click(By.id("fulfil-button"));
		waitForText(By.id("need-status"), "対応済み");
		// The MR is commercial: how a medical-routed need was met stays with medical (the query withholds it).
		assertThat(this.driver.findElement(By.id("need-fulfilment")).getText()).doesNotContain("標準回答書")
			.contains("メディカルのみ");
		click(By.id("confirm-button"));
		waitForText(By.id("need-status"), "医師確認済み");
		// Medical affairs reads it on the same page.
		String needPage = this.driver.getCurrentUrl();
		loginAs(Role.MEDICAL);
		this.driver.get(needPage);
		waitForText(By.id("need-fulfilment"), "標準回答書を送付");
	}

	@Test
	void theEditWindowClosesAfterTwentyFourHours() {
		loginAs(Role.MR);
		open("/interactions/new?hcpId=" + this.hcp.getId());
		type(By.id("keyMessages"), "first version");
		click(By.id("save-interaction"));
		click(By.cssSelector("#hcp-timeline a.edit-interaction"));
		type(By.id("keyMessages"), "second version");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("hcp-timeline")).getText()).contains("second version");

		CLOCK.advance(Duration.ofHours(25));
		open("/hcps/" + this.hcp.getId());
		assertThat(waitFor(By.id("hcp-timeline")).findElements(By.cssSelector("a.edit-interaction"))).isEmpty();
		click(By.cssSelector("#hcp-timeline a.correct-interaction"));
		type(By.id("keyMessages"), "corrected version");
		click(By.id("save-interaction"));
		assertThat(waitFor(By.id("hcp-timeline")).getText()).contains("corrected version").contains("訂正");
	}

}
