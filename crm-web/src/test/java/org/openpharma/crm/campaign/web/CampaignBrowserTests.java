package org.openpharma.crm.campaign.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openpharma.crm.GreenMailServer;
import org.openpharma.crm.WebApprovedContent;
import org.openpharma.crm.WebIntegrationTest;
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
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" for marketing: build a segment whose count follows every change, save it, launch an e-mail
 * campaign with a holdout, and see it reach the consenting members, leave out and name the one without consent, and
 * put its results beside the holdout's. A manager reads the campaign but cannot cancel it.
 */
@WebIntegrationTest
class CampaignBrowserTests extends BrowserTestBase {

	@RegisterExtension
	static final GreenMailServer SMTP = new GreenMailServer();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		SMTP.register(registry);
	}

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long item;

	long template;

	long withoutConsent;

	List<Long> consenting = new ArrayList<>();

	@BeforeEach
	void thirteenAwareHcpsAndApprovedContent() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "CB" + n, "キャンペーン領域" + n, "Campaign area " + n);
		ContentViewer marketing = viewer(Role.MARKETING, "MARKETING");
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		this.template = approved(marketing, new ContentDraft("{{hcp.name}} 先生へ：新しい資料のご案内", ContentKind.EMAIL_TEMPLATE,
				this.area, Set.of(), Set.of(), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"{{hcp.name}} 先生\n\n{{content.links}}\n\n配信停止: {{unsubscribe.link}}", expires, false, null));
		this.item = approved(marketing, new ContentDraft("疾患啓発リーフレット " + n, ContentKind.LEAFLET, this.area, Set.of(),
				Set.of(NeedCategory.GUIDELINE), List.of("診療ガイドライン"), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"本文", expires, false, null));
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('岡山中央病院', 'オカヤマチュウオウビョウイン', 'HOSPITAL', 33) RETURNING id", Long.class);
		for (int i = 0; i < 13; i++) {
			long hcp = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, specialty_code, email, primary_hco_id)"
					+ " VALUES (?, ?, 'NEPHROLOGY', ?, ?) RETURNING id", Long.class, "岡山 " + i + "郎", "オカヤマ " + i + "ロウ",
					"cb" + n + "-" + i + "@example.jp", hco);
			this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
					+ " VALUES (?, ?, 'AWARE', ?, 'setup')", hcp, this.area,
					Timestamp.from(this.clock.instant().minusSeconds(86400L * 60)));
			if (i == 0) {
				this.withoutConsent = hcp;
				continue;
			}
			this.ledger.record(hcp, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
					ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null), "setup");
			this.consenting.add(hcp);
		}
	}

	ContentViewer viewer(Role role, String department) {
		return new ContentViewer(this.users.ensure(role), Set.of(role), department);
	}

	long approved(ContentViewer author, ContentDraft draft) {
		return new WebApprovedContent(this.library, this.contentQueries)
			.approve(draft, null, author, viewer(Role.MEDICAL, "MEDICAL"), viewer(Role.REVIEWER, "COMPLIANCE"))
			.versionId();
	}

	@Test
	void marketingBuildsASegmentLaunchesAnEmailCampaignWithAHoldoutAndSeesItsResults() {
		loginAs(Role.MARKETING);
		open("/campaigns");
		click(By.id("nav-segments"));
		click(By.id("new-segment"));
		new Select(waitFor(By.id("therapeuticAreaId"))).selectByValue(String.valueOf(this.area));
		click(By.cssSelector("input[name='stages'][value='AWARE']"));
		// E-mail consent is ticked by default: the HCP without it is not counted.
		waitForText(By.id("segment-count"), "12");
		click(By.cssSelector("input[name='consentChannels'][value='EMAIL']"));
		waitForText(By.id("segment-count"), "13");
		assertThat(this.driver.findElements(By.cssSelector("#segment-members .segment-member"))).hasSize(13);
		screenshot("segment-builder.png");
		click(By.id("save-segment"));
		assertThat(waitFor(By.id("name-error")).getText()).contains("セグメント名");
		type(By.id("name"), "岡山 認知層（同意を問わない）");
		click(By.id("save-segment"));
		assertThat(waitFor(By.id("flash")).getText()).contains("保存しました");
		waitForText(By.id("segment-count"), "13");

		click(By.id("launch-campaign"));
		waitFor(By.id("campaign-form"));
		click(By.id("launch"));
		assertThat(waitFor(By.id("name-error")).getText()).contains("キャンペーン名");
		type(By.id("name"), "岡山 疾患啓発メール");
		new Select(this.driver.findElement(By.id("contentVersionId"))).selectByValue(String.valueOf(this.item));
		new Select(this.driver.findElement(By.id("templateVersionId"))).selectByValue(String.valueOf(this.template));
		type(By.id("holdoutPercent"), "25");
		screenshot("campaign-form.png");
		click(By.id("launch"));
		assertThat(waitFor(By.id("flash")).getText()).contains("開始しました");
		String path = this.driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
		long campaignId = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
		int heldOut = this.jdbc.queryForObject("SELECT held_out FROM campaign WHERE id = ?", Integer.class, campaignId);
		assertThat(heldOut).isBetween(1, 8);

		// The background dispatcher reaches the members: reload until nobody is waiting.
		this.wait.withTimeout(java.time.Duration.ofSeconds(40)).until(d -> {
			d.navigate().refresh();
			return d.findElement(By.id("progress-pending")).getText().equals("0");
		});
		String noConsentStatus = this.jdbc.queryForObject("SELECT status FROM campaign_member WHERE campaign_id = ?"
				+ " AND hcp_id = ?", String.class, campaignId, this.withoutConsent);
		int mailed = this.jdbc.queryForObject("SELECT count(*) FROM campaign_member WHERE campaign_id = ?"
				+ " AND status = 'QUEUED'", Integer.class, campaignId);
		if (noConsentStatus.equals("EXCLUDED")) {
			assertThat(mailed).isEqualTo(13 - heldOut - 1);
			assertThat(this.driver.findElement(By.cssSelector("#exclusions .exclusion[data-exclusion='NO_CONSENT']"))
				.getText()).contains("メールの同意なし").contains("1");
		}
		else {
			assertThat(noConsentStatus).isEqualTo("HOLDOUT");
			assertThat(mailed).isEqualTo(13 - heldOut);
		}
		assertThat(this.driver.findElement(By.id("progress-queued")).getText()).isEqualTo(String.valueOf(mailed));
		// Nothing ever went to the HCP without consent.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ?", Long.class,
				this.withoutConsent)).isZero();
		assertThat(this.driver.findElement(By.cssSelector("#campaign-results tr[data-row='mailed'] .targeted")).getText())
			.startsWith(mailed + "名");
		assertThat(this.driver.findElement(By.cssSelector("#campaign-results tr[data-row='mailed'] .holdout")).getText())
			.startsWith("0名");
		assertThat(this.driver.findElement(By.id("results-caption")).getText()).contains("因果を示すものではありません");
		assertThat(this.driver.findElement(By.id("campaign-results")).getText()).contains("n = " + (13 - heldOut))
			.contains("n = " + heldOut);
		screenshot("campaign-detail.png");
		assertThat(SMTP.waitForIncomingEmail(30_000, mailed)).isTrue();

		// A manager reads the results but cannot cancel.
		loginAs(Role.MANAGER);
		open("/campaigns/" + campaignId);
		assertThat(waitFor(By.id("campaign-name")).getText()).isEqualTo("岡山 疾患啓発メール");
		assertThat(this.driver.findElements(By.id("cancel-form"))).isEmpty();
		assertThat(this.driver.findElements(By.id("new-campaign"))).isEmpty();
		assertThat(browserErrors()).isEmpty();
	}

}
