package org.openpharma.crm.worked.web;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "what worked" page in a real browser at 1024 × 768 (issue 16): marketing opens it from the menu, chooses an area,
 * and reads per stage policy rule the accepted and dismissed suggestions with what followed (n and %), the HCP whose
 * 90 days have not passed counted apart, the dismissal reasons, and the caption that these are associations, not
 * proof; a period backwards is a field message; the stage policy page links to the area's figures.
 */
@WebIntegrationTest
class WhatWorkedBrowserTests extends BrowserTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	@BeforeEach
	void anAreaWithDecisions() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?,"
				+ " 'What worked') RETURNING id", Long.class, "WB" + n, "振り返り" + n);
		Instant now = this.clock.instant();
		// Accepted: four HCPs, three of them moved forward within 90 days; dismissed: two, one moved forward.
		for (int i = 0; i < 4; i++) {
			long hcp = hcp();
			Instant at = decide(hcp, "ACCEPTED", null, now.minus(100 + i, ChronoUnit.DAYS));
			if (i < 3) {
				move(hcp, at.plus(20, ChronoUnit.DAYS));
			}
			if (i == 0) {
				report(hcp, LocalDate.ofInstant(at, Japan.ZONE).withDayOfMonth(1).plusMonths(1), 6, at.plus(35, ChronoUnit.DAYS));
			}
		}
		for (int i = 0; i < 2; i++) {
			long hcp = hcp();
			Instant at = decide(hcp, "DISMISSED", "院内規定で訪問は月1回まで", now.minus(120 + i, ChronoUnit.DAYS));
			if (i == 0) {
				move(hcp, at.plus(60, ChronoUnit.DAYS));
			}
		}
		// Ten days ago: its 90 days have not passed.
		decide(hcp(), "DISMISSED", "学会準備のため来月まで不可", now.minus(10, ChronoUnit.DAYS));
	}

	@Test
	void marketingReadsAcceptedAgainstDismissedPerRuleAsAssociations() {
		loginAs(Role.MARKETING);
		click(By.id("nav-what-worked"));
		assertThat(waitFor(By.id("worked-caption")).getText()).contains("関連を示すもので、因果を示すものではありません。");
		new Select(waitFor(By.id("area"))).selectByValue(String.valueOf(this.area));
		click(By.id("worked-apply"));

		waitFor(By.id("rule-INTERESTED-VISIT"));
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT .rule-name")).getText()).isEqualTo("関心 × MR訪問（ディテーリング）");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT .rule-versions")).getText()).contains("第1版");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT .line-accepted")).getText())
			.isEqualTo("採用：90日が経過した医師4名のうち、3名がステージ前進（75%）。集計待ち0名。");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT .line-dismissed")).getText())
			.isEqualTo("見送り：90日が経過した医師2名のうち、1名がステージ前進（50%）。集計待ち1名。");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT tr.group-accepted .moved")).getText()).isEqualTo("3（75%）");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT tr.group-accepted .treated")).getText()).isEqualTo("0 → 6");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT tr.group-dismissed .decisions")).getText()).isEqualTo("3");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT tr.group-dismissed .open")).getText()).isEqualTo("1");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED-VISIT .rule-reasons")).getText())
			.contains("院内規定で訪問は月1回まで（2件）").contains("学会準備のため来月まで不可（1件）");
		assertThat(waitFor(By.id("worked-rules-summary")).getText()).contains("提案 7件").contains("集計待ちの医師（ルール・判断ごと）1名");
		// Fits the 1024 px tablet: nothing wider than the window.
		assertThat((Boolean) ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
		screenshot("what-worked.png");
		assertThat(browserErrors()).isEmpty();

		// A period backwards: a message at the field, no figures.
		open("/what-worked?area=" + this.area + "&from=2026-06-01&to=2026-05-01");
		assertThat(waitFor(By.id("from-error")).getText()).isEqualTo("開始日は終了日以前の日付にしてください。");
		assertThat(this.driver.findElements(By.id("worked-rules"))).isEmpty();

		// The stage policy of the area links to its figures.
		open("/policies/" + this.area);
		click(By.id("policy-what-worked"));
		waitFor(By.id("rule-INTERESTED-VISIT"));
		assertThat(new Select(waitFor(By.id("area"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(String.valueOf(this.area));
	}

	private long hcp() {
		return this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES ('振返 太郎', 'フリカエリ タロウ')"
				+ " RETURNING id", Long.class);
	}

	private Instant decide(long hcp, String decision, String reason, Instant at) {
		this.jdbc.update("INSERT INTO next_action_decision (hcp_id, therapeutic_area_id, kind, due_on, department, score,"
				+ " reasons, policy_version, decision, reason, result_type, decided_by, decided_at)"
				+ " VALUES (?, ?, 'VISIT', ?, 'SALES', 100, '[{\"code\": \"policy\", \"args\": [\"INTERESTED\", \"PUSH\", \"1\","
				+ " \"関心をお持ちの段階のため訪問\"]}]'::jsonb, 1, ?, ?, ?, 'mr01', ?)", hcp, this.area,
				Date.valueOf(LocalDate.ofInstant(at, Japan.ZONE)), decision, reason,
				decision.equals("ACCEPTED") ? "PLANNED_CALL" : null, Timestamp.from(at));
		return at;
	}

	private void move(long hcp, Instant at) {
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, changed_by, changed_at)"
				+ " VALUES (?, ?, 'INTERESTED', 'TRIAL', 'mr01', ?)", hcp, this.area, Timestamp.from(at));
	}

	private void report(long hcp, LocalDate period, int treated, Instant at) {
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, 20, ?, 'mr01', ?)", hcp, this.area,
				Date.valueOf(period), treated, Timestamp.from(at));
	}

}
