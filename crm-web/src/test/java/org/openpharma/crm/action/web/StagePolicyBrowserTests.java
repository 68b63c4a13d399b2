package org.openpharma.crm.action.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.action.StagePolicies;
import org.openpharma.crm.action.StagePolicy;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage policy in a real browser at 1024 × 768 (issue 16): marketing opens an area's policy from the list, edits
 * the INTERESTED rule and the e-mail cap, sees the field error of an impossible cap, saves, and finds version 2 in the
 * history; an MR reads the same policy without an edit button and is refused the edit form.
 */
@WebIntegrationTest
class StagePolicyBrowserTests extends BrowserTestBase {

	@Autowired
	StagePolicies policies;

	@Autowired
	JdbcTemplate jdbc;

	long area;

	String areaName;

	@BeforeEach
	void anAreaWithAFirstVersion() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.areaName = "方針検証" + n;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?,"
				+ " 'Policy browser') RETURNING id", Long.class, "PB" + n, this.areaName);
		this.policies.save(this.area, 0, StagePolicy.defaults(this.area), "初版", this.users.ensure(Role.MARKETING));
	}

	@Test
	void marketingEditsARuleAndACapAndAnMrOnlyReadsThePolicy() {
		loginAs(Role.MARKETING);
		click(By.id("nav-policies"));
		click(By.cssSelector("#policy-areas tr[data-area-id='" + this.area + "'] a"));
		assertThat(waitFor(By.id("policy-status")).getText()).startsWith("現在の方針：第1版");
		assertThat(waitFor(By.cssSelector("#rule-INTERESTED ol li")).getText()).isEqualTo("MR訪問（ディテーリング）");

		click(By.id("policy-edit"));
		new Select(waitFor(By.id("rulesINTERESTED.actions"))).selectByValue("REMOTE_DETAIL");
		new Select(waitFor(By.id("rulesINTERESTED.actions1"))).selectByValue("VISIT");
		new Select(waitFor(By.id("rulesINTERESTED.actions2"))).selectByValue("MEDICAL_HANDOFF");
		type(By.id("rulesINTERESTED.rationale"), "関心をお持ちの段階のため、まずリモートでご説明し、ご要望に応じて訪問します。");
		type(By.id("capsEMAIL.max"), "0");
		type(By.id("note"), "リモート面談を優先し、メールの上限を見直し");
		click(By.id("policy-save"));

		waitForText(By.id("capsEMAIL.max-error"), "上限回数は1～50回の範囲で入力してください。");
		screenshot("stage-policy-form");
		assertThat(waitFor(By.id("error-summary")).getText()).contains("1 件");
		// What the user chose stays on the form.
		assertThat(new Select(waitFor(By.id("rulesINTERESTED.actions"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("REMOTE_DETAIL");
		type(By.id("capsEMAIL.max"), "2");
		click(By.id("policy-save"));

		waitForText(By.id("flash"), "方針を第2版として保存しました。");
		assertThat(waitFor(By.id("policy-status")).getText()).startsWith("現在の方針：第2版");
		List<WebElement> interested = this.driver.findElements(By.cssSelector("#rule-INTERESTED ol li"));
		assertThat(interested).extracting(WebElement::getText)
			.containsExactly("リモートディテーリング", "MR訪問（ディテーリング）", "メディカル（MSL）連携");
		assertThat(waitFor(By.id("cap-EMAIL")).getText()).contains("30日間に2回まで");
		assertThat(this.driver.findElements(By.cssSelector("#policy-history tr.policy-version")))
			.extracting(r -> r.getAttribute("data-version"))
			.containsExactly("2", "1");
		assertThat(waitFor(By.id("policy-note")).getText()).contains("リモート面談を優先し、メールの上限を見直し");
		screenshot("stage-policy");
		click(By.cssSelector("#policy-history tr[data-version='1'] a"));
		assertThat(waitFor(By.id("policy-older")).getText()).contains("第1版");
		assertThat(waitFor(By.id("cap-EMAIL")).getText()).contains("30日間に4回まで");

		loginAs(Role.MR);
		open("/policies/" + this.area);
		assertThat(waitFor(By.id("policy-status")).getText()).startsWith("現在の方針：第2版");
		assertThat(this.driver.findElements(By.id("policy-edit"))).isEmpty();
		assertThat(browserErrors()).isEmpty();
		open("/policies/" + this.area + "/edit");
		assertThat(waitFor(By.id("error-title")).getText()).isEqualTo("権限がありません");
		assertThat(this.driver.findElements(By.id("policy-form"))).isEmpty();
		// The one console error: the browser reports the refused page's status.
		assertThat(browserErrors()).singleElement().asString().contains("/policies/" + this.area + "/edit", "403");
	}

}
