package org.openpharma.crm.plan.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.plan.CallPlans;
import org.openpharma.crm.plan.PlanDraft;
import org.openpharma.crm.plan.PlanStatus;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The call plan in a real browser: plan by hand, drag to another day, log the visit; refusals; the manager's view. */
@WebIntegrationTest
class PlanBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement userManagement;

	@Autowired
	CallPlans plans;

	@Autowired
	JdbcTemplate jdbc;

	long n;

	String areaName;

	@BeforeEach
	void anArea() {
		this.n = System.nanoTime() % 1_000_000_000L;
		this.areaName = "計画領域" + (this.n % 100_000);
		this.jdbc.update("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)", "PB" + this.n,
				this.areaName, "Plan area " + this.n);
	}

	private long hcp(String kanji, String kana, boolean consent) {
		long id = this.hcps.create(new HcpDetails(kanji, kana, null, null, null, null, null, null), "setup").getId();
		if (consent) {
			WebConsentFixtures.grantEverything(this.consents, id, java.time.Instant.now());
		}
		return id;
	}

	private String user(String prefix, Role role, Long territory) {
		String username = prefix + this.n;
		this.userManagement.create(username, "計画 " + prefix + (this.n % 1000), TestUsers.PASSWORD,
				role == Role.MANAGER ? "MANAGEMENT" : "SALES", EnumSet.of(role),
				(territory != null) ? Set.of(territory) : Set.of(), "setup");
		return username;
	}

	private void setValue(By by, String value) {
		((JavascriptExecutor) this.driver).executeScript("arguments[0].value = arguments[1];", waitFor(by), value);
	}

	/** What a user's drag does: dragstart on the card, dragover and drop on the day (static/js/plan.js). */
	private void drag(long planId, LocalDate day) {
		((JavascriptExecutor) this.driver).executeScript("var dt = new DataTransfer();"
				+ " var card = document.getElementById(arguments[0]); var day = document.getElementById(arguments[1]);"
				+ " card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));"
				+ " day.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));"
				+ " day.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));",
				"plan-" + planId, "day-" + day);
	}

	@Test
	void anMrPlansAVisitByHandMovesItAndLogsItAndThePlanIsDone() {
		long hcp = hcp("予定 花子", "ヨテイ ハナコ", true);
		String mr = user("pb-mr-", Role.MR, null);
		LocalDate today = this.plans.today();
		LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		loginAndWait(mr, TestUsers.PASSWORD);
		open("/hcps/" + hcp);
		click(By.id("plan-visit"));
		waitFor(By.id("plan-form"));
		assertThat(new Select(this.driver.findElement(By.id("hcpId"))).getFirstSelectedOption().getText())
			.startsWith("予定 花子");
		setValue(By.id("day"), monday.toString());
		new Select(this.driver.findElement(By.id("therapeuticAreaId"))).selectByVisibleText(this.areaName);
		type(By.id("note"), "前回ご質問の腎機能別用量を説明");
		click(By.id("save-plan"));
		waitForText(By.id("flash"), "訪問を計画しました。");
		long id = this.jdbc.queryForObject("SELECT id FROM planned_call WHERE owner = ?", Long.class, mr);
		WebElement card = waitFor(By.cssSelector("#day-" + monday + " #plan-" + id));
		assertThat(card.getText()).contains("予定 花子").contains("訪問").contains(this.areaName).contains("予定");

		// Dragged to Wednesday, then to Thursday with the card's own date form (keyboard, no script).
		drag(id, monday.plusDays(2));
		waitForText(By.id("flash"), "計画の日付を変更しました。");
		waitFor(By.cssSelector("#day-" + monday.plusDays(2) + " #plan-" + id));
		click(By.cssSelector("#plan-" + id + " summary"));
		setValue(By.id("move-day-" + id), monday.plusDays(3).toString());
		click(By.id("move-submit-" + id));
		waitFor(By.cssSelector("#day-" + monday.plusDays(3) + " #plan-" + id));
		assertThat(this.plans.get(id).getDay()).isEqualTo(monday.plusDays(3));

		click(By.id("log-" + id));
		waitFor(By.id("from-plan"));
		assertThat(new Select(this.driver.findElement(By.id("hcpId"))).getFirstSelectedOption().getText())
			.startsWith("予定 花子");
		assertThat(new Select(this.driver.findElement(By.id("channel"))).getFirstSelectedOption().getText())
			.isEqualTo("訪問");
		assertThat(new Select(this.driver.findElement(By.id("therapeuticAreaIds"))).getAllSelectedOptions())
			.extracting(WebElement::getText)
			.containsExactly(this.areaName);
		type(By.id("keyMessages"), "腎機能別の用量を説明");
		click(By.id("save-interaction"));
		waitFor(By.id("flash"));
		WebElement done = waitFor(By.cssSelector("#day-" + monday.plusDays(3) + " #plan-" + id));
		assertThat(done.findElement(By.cssSelector(".plan-state")).getText()).isEqualTo("実施済み");
		assertThat(done.findElements(By.id("log-" + id))).isEmpty();
		assertThat(this.plans.get(id).getStatus()).isEqualTo(PlanStatus.DONE);
		screenshot("plan-week.png");
	}

	@Test
	void aPlanWithoutConsentIsRefusedOnTheChannel() {
		long hcp = hcp("同意 なし子", "ドウイ ナシコ", false);
		String mr = user("pb-mrc-", Role.MR, null);
		loginAndWait(mr, TestUsers.PASSWORD);
		open("/plan/new?hcpId=" + hcp);
		waitFor(By.id("plan-form"));
		// Remote detailing needs opt-in consent; this HCP gave none.
		new Select(this.driver.findElement(By.id("channel"))).selectByVisibleText("リモート面談");
		click(By.id("save-plan"));
		WebElement error = waitFor(By.id("channel-error"));
		assertThat(error.getText()).isNotBlank();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM planned_call WHERE hcp_id = ?", Long.class, hcp))
			.isZero();
	}

	@Test
	void aManagerSeesPlanAgainstDoneForTheirRepsOnly() {
		long territory = territory("PBT" + this.n, 2);
		long farTerritory = territory("PBF" + this.n, 3);
		String manager = user("pb-mg-", Role.MANAGER, territory);
		String rep = user("pb-rep-", Role.MR, territory);
		String farRep = user("pb-far-", Role.MR, farTerritory);
		long hcp = hcp("実績 太郎", "ジッセキ タロウ", true);
		LocalDate today = this.plans.today();
		this.plans.plan(new PlanDraft(hcp, null, today, Channel.VISIT, null, null, null, null), rep);
		this.plans.plan(new PlanDraft(hcp, null, today, Channel.PHONE_OUT, null, null, null, null), rep);
		this.plans.plan(new PlanDraft(hcp, null, today, Channel.VISIT, null, null, null, null), farRep);

		loginAndWait(manager, TestUsers.PASSWORD);
		click(By.id("nav-team-plan"));
		WebElement row = waitFor(By.id("rep-" + rep));
		assertThat(row.findElement(By.cssSelector(".rep-planned")).getText()).isEqualTo("2");
		assertThat(row.findElement(By.cssSelector(".rep-done")).getText()).isEqualTo("0");
		assertThat(this.driver.findElements(By.id("rep-" + farRep))).isEmpty();
		click(By.id("team-next"));
		waitForText(By.cssSelector("#rep-" + rep + " .rep-planned"), "0");
	}

	private long territory(String code, int prefecture) {
		Long id = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '計画', 'Plan')"
				+ " RETURNING id", Long.class, code);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, ?)", id, prefecture);
		return id;
	}

}
