package org.openpharma.crm.action.web;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebApprovedContent;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.action.NextActions;
import org.openpharma.crm.browser.BrowserTestBase;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next best actions in the browser: the day's list in My HCPs and the HCP page's panel with every reason, a
 * dismissal that needs a reason, and an e-mail suggestion that goes as soon as e-mail consent is withdrawn. The HCP
 * objected to visits, so the trial stage's third choice, an approved e-mail, leads.
 */
@WebIntegrationTest
class NextActionBrowserTests extends BrowserTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	UserManagement userManagement;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	NextActions actions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long hcp;

	String mr;

	String itemTitle;

	@BeforeEach
	void aTrialHcpWithEmailConsentAndAnApprovedLeaflet() {
		long n = System.nanoTime() % 1_000_000;
		long area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "NB" + n, "呼吸器" + n, "Respiratory " + n);
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '島根',"
				+ " 'Shimane') RETURNING id", Long.class, "NBT" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 32)", territory);
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('松江病院', 'マツエビョウイン', 'HOSPITAL', 32) RETURNING id", Long.class);
		this.hcp = this.hcps.create(new HcpDetails("提案 花子", "テイアン ハナコ", null, null, null, "nb" + n + "@example.jp",
				null, hco), "setup").getId();
		this.mr = "mr-shimane-" + n;
		this.userManagement.create(this.mr, "MR 島根", TestUsers.PASSWORD, "SALES", EnumSet.of(Role.MR),
				Set.of(territory), "setup");
		this.ledger.record(this.hcp, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");
		// Visits are opt-out: this HCP objected to them.
		this.ledger.record(this.hcp, new ConsentEntry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'TRIAL', now() - interval '20 days', 'setup')", this.hcp, area);
		this.itemTitle = "吸入手技のポイント " + n;
		ContentViewer author = new ContentViewer(this.users.ensure(Role.MARKETING), Set.of(Role.MARKETING), "MARKETING");
		ContentViewer medical = new ContentViewer(this.users.ensure(Role.MEDICAL), Set.of(Role.MEDICAL), "MEDICAL");
		ContentViewer reviewer = new ContentViewer(this.users.ensure(Role.REVIEWER), Set.of(Role.REVIEWER), "COMPLIANCE");
		new WebApprovedContent(this.library, this.contentQueries).approve(new ContentDraft(this.itemTitle,
				ContentKind.LEAFLET, area, Set.of(), Set.of(NeedCategory.DOSING), List.of("吸入手技"), Set.of(),
				Set.of(ConsentChannel.EMAIL), "ja", "要約", "本文です。",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6), false, null), null, author, medical,
				reviewer);
		this.actions.forgetLibrary();
		// What the background refresher does within a second of the writes above, done now for the day's list.
		this.actions.refresh(this.hcp);
	}

	@Test
	void anMrSeesTheDaysSuggestionWithItsReasonsAndTheEmailOneGoesWhenConsentIsWithdrawn() {
		loginAndWait(this.mr, TestUsers.PASSWORD);
		open("/my-hcps");
		WebElement day = waitFor(By.cssSelector("#day-actions .day-action[data-hcp-id='" + this.hcp + "']"));
		assertThat(day.getAttribute("data-kind")).isEqualTo("APPROVED_EMAIL");
		assertThat(day.getText()).contains("提案 花子").contains("承認済みメール").contains(this.itemTitle);
		click(By.cssSelector("#day-actions .day-action[data-hcp-id='" + this.hcp + "'] summary"));
		assertThat(day.findElement(By.cssSelector(".action-reasons")).getText()).contains("現在のステージは「試用」")
			.contains("メール（販売促進）の同意あり");

		open("/hcps/" + this.hcp);
		WebElement panel = waitFor(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL']"));
		assertThat(panel.getText()).contains(this.itemTitle).contains("方針の第3候補");
		click(By.cssSelector("#next-actions details summary"));
		assertThat(waitFor(By.cssSelector("#next-actions .action-left")).getText()).contains("訪問（販売促進）の同意がありません");
		screenshot("next-actions-ja.png");

		// A dismissal needs a reason.
		click(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL'] .dismiss-action button"));
		assertThat(waitFor(By.cssSelector("#next-actions .dismiss-error")).getText()).isEqualTo("見送る理由をご入力ください。");

		// E-mail consent withdrawn: the suggestion is gone from the HCP page at once and from the day's list within 5 s.
		this.ledger.record(this.hcp, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.PAPER, "test", "test", this.clock.instant(), null), "setup");
		open("/hcps/" + this.hcp);
		waitFor(By.cssSelector("#next-actions .next-action[data-kind='NO_CONTACT']"));
		assertThat(this.driver.findElements(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL']")))
			.isEmpty();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
			open("/my-hcps");
			waitFor(By.id("day-actions"));
			return this.driver.findElements(By.cssSelector("#day-actions .day-action[data-hcp-id='" + this.hcp + "']"))
				.isEmpty();
		});
		assertThat(browserErrors()).isEmpty();
	}

	/**
	 * The MR path: an interested HCP who allows visits is on the day's list with a visit; the MR accepts it
	 * into the plan, opens the plan and logs the visit from it, and the plan is done.
	 */
	@Test
	void anMrAcceptsTheDaysVisitIntoThePlanOpensItAndLogsTheVisit() {
		long visited = this.hcps.create(new HcpDetails("訪問 次郎", "ホウモン ジロウ", null, null, null, null, null,
				this.jdbc.queryForObject("SELECT primary_hco_id FROM hcp WHERE id = ?", Long.class, this.hcp)), "setup")
			.getId();
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " SELECT ?, therapeutic_area_id, 'INTERESTED', now() - interval '5 days', 'setup' FROM hcp_stage"
				+ " WHERE hcp_id = ?", visited, this.hcp);
		this.actions.refresh(visited);

		loginAndWait(this.mr, TestUsers.PASSWORD);
		open("/my-hcps");
		By line = By.cssSelector("#day-actions .day-action[data-hcp-id='" + visited + "']");
		assertThat(waitFor(line).getAttribute("data-kind")).isEqualTo("VISIT");
		click(By.cssSelector("#day-actions .day-action[data-hcp-id='" + visited + "'] .accept-action"));

		assertThat(waitFor(By.id("flash")).getText()).contains("訪問計画に追加しました");
		WebElement card = waitFor(By.cssSelector("#plan-week .plan-card"));
		long plan = this.jdbc.queryForObject("SELECT id FROM planned_call WHERE hcp_id = ? AND owner = ?", Long.class,
				visited, this.mr);
		assertThat(this.jdbc.queryForObject("SELECT result_id FROM next_action_decision WHERE hcp_id = ?"
				+ " AND decision = 'ACCEPTED'", Long.class, visited)).isEqualTo(plan);
		assertThat(waitFor(By.id("plan-" + plan)).getText()).contains("訪問 次郎");
		assertThat(card).isNotNull();

		click(By.id("log-" + plan));
		waitFor(By.id("interaction-form"));
		type(By.id("keyMessages"), "提案に沿って訪問し、製品概要を説明");
		click(By.id("save-interaction"));
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(this.jdbc
			.queryForObject("SELECT status FROM planned_call WHERE id = ?", String.class, plan)));
		// The visit now planned and done, the HCP's next visit waits for the gap after it.
		open("/hcps/" + visited);
		waitFor(By.cssSelector("#next-actions .next-action"));
		assertThat(this.driver.findElement(By.id("next-actions")).getText()).contains("前回の接触");
		assertThat(browserErrors()).isEmpty();
	}

	@Test
	void aDismissalWithItsReasonIsKeptAndTheSuggestionMakesWayForNoContact() {
		loginAndWait(this.mr, TestUsers.PASSWORD);
		open("/hcps/" + this.hcp);
		waitFor(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL']"));
		type(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL'] input[name='reason']"),
				"先月同じ資料をお渡し済み");
		click(By.cssSelector("#next-actions .next-action[data-kind='APPROVED_EMAIL'] .dismiss-action button"));
		assertThat(waitFor(By.id("action-flash")).getText()).contains("見送りました");
		assertThat(waitFor(By.cssSelector("#next-actions .next-action[data-kind='NO_CONTACT']")).getText())
			.contains("先月同じ資料をお渡し済み");
		assertThat(this.jdbc.queryForObject("SELECT reason FROM next_action_decision WHERE hcp_id = ? AND decision = 'DISMISSED'",
				String.class, this.hcp)).isEqualTo("先月同じ資料をお渡し済み");
		assertThat(browserErrors()).isEmpty();
	}

}
