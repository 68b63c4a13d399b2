package org.openpharma.crm.content.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
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
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's whole loop in one browser session at 1024 × 768, with a real SMTP server in the test (GreenMail):
 * marketing sees a gap of needs without content and raises a request, writes an item answering it, a medical and a
 * regulatory reviewer approve it, the waiting need is fulfilled by e-mailing it to the HCP who has e-mail consent,
 * the HCP opens the tracked link (a pull event on the timeline within 5 s) and rates it; an HCP without consent is
 * refused; the mail's unsubscribe withdraws consent and a second send is refused; an MR never sees a medical or
 * off-label item.
 */
@WebIntegrationTest
class ContentLoopBrowserTests extends BrowserTestBase {

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
	HcpManagement hcps;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	String areaName;

	String topic;

	long consented;

	long withoutConsent;

	long need;

	long template;

	String address;

	String offLabelTitle;

	@BeforeEach
	void aNeedWaitingForContent() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.areaName = "骨代謝" + n;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "LP" + n, this.areaName, "Bone " + n);
		this.topic = "骨密度の再検査の間隔" + n;
		this.address = "loop" + n + "@example.jp";
		this.consented = this.hcps.create(new HcpDetails("循環 花子", "ジュンカン ハナコ", null, null, null, this.address,
				null, null), "setup").getId();
		this.ledger.record(this.consented, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");
		this.withoutConsent = this.hcps.create(new HcpDetails("循環 次郎", "ジュンカン ジロウ", null, null, null,
				"none" + n + "@example.jp", null, null), "setup").getId();
		java.sql.Timestamp now = java.sql.Timestamp.from(this.clock.instant());
		// An MR's need, routed to marketing and in progress: waiting for content.
		this.need = this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, therapeutic_area_id,"
				+ " urgency, status, routed_to, created_by, created_at, updated_by, updated_at) VALUES (?, ?, 'PATIENT_SUPPORT', ?,"
				+ " 'NORMAL', 'IN_PROGRESS', 'MARKETING', 'mr', ?, 'mr', ?) RETURNING id", Long.class, this.consented,
				this.topic, this.area, now, now);
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		ContentViewer marketing = viewer(Role.MARKETING, "MARKETING");
		this.template = approved(marketing, new ContentDraft("{{hcp.name}} 先生へ：資料のご案内 " + n,
				ContentKind.EMAIL_TEMPLATE, this.area, Set.of(), Set.of(), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL),
				"ja", null, "{{hcp.name}} 先生\n\n{{sender.name}}です。ご関心の資料をお送りします。\n\n{{content.links}}\n\n"
						+ "配信停止: {{unsubscribe.link}}", expires, false, null));
		this.offLabelTitle = "適応外使用の文献 " + n;
		approved(viewer(Role.MEDICAL, "MEDICAL"), new ContentDraft(this.offLabelTitle, ContentKind.MEDICAL_LETTER,
				this.area, Set.of(), Set.of(NeedCategory.DOSING), List.of(this.topic), Set.of(),
				Set.of(ConsentChannel.EMAIL), "ja", null, "本文", expires, true, null));
	}

	ContentViewer viewer(Role role, String department) {
		return new ContentViewer(this.users.ensure(role), Set.of(role), department);
	}

	long approved(ContentViewer author, ContentDraft draft) {
		ContentViewer first = author.seesMedical() ? secondMedical() : viewer(Role.MEDICAL, "MEDICAL");
		ContentViewer second = author.seesMedical() ? thirdMedical() : viewer(Role.REVIEWER, "COMPLIANCE");
		return new WebApprovedContent(this.library, this.contentQueries).approve(draft, null, author, first, second)
			.versionId();
	}

	ContentViewer secondMedical() {
		return new ContentViewer("loop-medical-2", Set.of(Role.MEDICAL), "MEDICAL");
	}

	ContentViewer thirdMedical() {
		return new ContentViewer("loop-medical-3", Set.of(Role.MEDICAL), "MEDICAL");
	}

	private void check(String groupId, String label) {
		for (WebElement option : waitFor(By.id(groupId)).findElements(By.cssSelector(".form-check"))) {
			if (option.getText().strip().equals(label)) {
				((org.openqa.selenium.JavascriptExecutor) this.driver)
					.executeScript("arguments[0].click();", option.findElement(By.tagName("input")));
				return;
			}
		}
		throw new AssertionError("no option " + label + " in " + groupId);
	}

	private WebElement group() {
		return waitFor(By.cssSelector("#gap-table tr.gap-group"));
	}

	private void compose(long hcpId, long itemVersion) {
		open("/hcps/" + hcpId + "/emails/new");
		waitFor(By.id("email-form"));
		click(By.cssSelector("input[name='templateVersionId'][value='" + this.template + "']"));
		click(By.cssSelector("input[name='versionIds'][value='" + itemVersion + "']"));
		click(By.id("send-email"));
	}

	@Test
	void aGapBecomesApprovedContentThatReachesTheHcpWhoOpensAndRatesIt() throws Exception {
		// Marketing's home: the gap, without content.
		loginAs(Role.MARKETING);
		this.wait.until(d -> d.getCurrentUrl().endsWith("/content/gaps"));
		open("/content/gaps?ta=" + this.area);
		assertThat(group().findElement(By.cssSelector(".gap-topic")).getText()).isEqualTo(this.topic);
		assertThat(group().getAttribute("data-answered")).isEqualTo("false");
		click(By.cssSelector("#gap-table tr.gap-group .gap-request"));
		type(By.id("note"), "再検査の間隔を示すリーフレットをお願いします。");
		click(By.id("request-submit"));
		waitFor(By.id("request-waiting-content"));
		String requestPage = this.driver.getCurrentUrl();

		// Marketing writes the item answering it.
		String title = "骨密度 再検査の目安 " + System.nanoTime() % 100_000;
		open("/content/new");
		type(By.id("title"), title);
		new Select(waitFor(By.id("kind"))).selectByVisibleText("リーフレット・PDF");
		new Select(waitFor(By.id("therapeuticAreaId"))).selectByVisibleText(this.areaName);
		check("categories-group", "患者支援");
		check("channels-group", "メール");
		type(By.id("topics"), this.topic);
		type(By.id("body"), "骨密度の再検査は、治療開始後1〜2年を目安にご検討ください。");
		click(By.id("content-save"));
		waitForText(By.id("content-title"), title);
		String itemPath = new URI(this.driver.getCurrentUrl()).getPath();
		click(By.id("submit-version"));
		waitForText(By.id("content-status"), "審査中");

		// Two reviewers other than the author approve it.
		loginAs(Role.MEDICAL);
		open(itemPath);
		click(By.id("review-approve"));
		waitForText(By.id("flash"), "承認しました。");
		loginAs(Role.REVIEWER);
		open(itemPath);
		click(By.id("review-approve"));
		waitForText(By.id("content-status"), "承認済み");
		long version = this.jdbc.queryForObject("SELECT id FROM content_version WHERE title = ?", Long.class, title);

		// The request is answered and the waiting need is offered.
		loginAs(Role.MARKETING);
		this.driver.get(requestPage);
		waitFor(By.id("request-answered"));
		assertThat(this.driver.findElement(By.cssSelector("#request-needs tr[data-need-id='" + this.need + "']"))
			.getAttribute("data-offered")).isEqualTo("true");

		// Fulfilled by e-mail from the need: the item ranks first, with its reasons.
		int before = SMTP.getReceivedMessages().length;
		open("/needs/" + this.need);
		click(By.id("need-email"));
		WebElement first = waitFor(By.cssSelector("#picker tr[data-version-id]"));
		assertThat(first.getAttribute("data-version-id")).isEqualTo(String.valueOf(version));
		assertThat(this.driver.findElement(By.id("picker")).getText()).doesNotContain(this.offLabelTitle);
		click(By.cssSelector("input[name='templateVersionId'][value='" + this.template + "']"));
		click(By.cssSelector("input[name='versionIds'][value='" + version + "']"));
		click(By.id("send-email"));
		assertThat(waitFor(By.id("flash")).getText()).contains("ニーズを対応済み");
		assertThat(SMTP.waitForIncomingEmail(15_000, before + 1)).isTrue();
		MimeMessage mail = List.of(SMTP.getReceivedMessages()).stream()
			.filter(m -> recipient(m).equals(this.address))
			.findFirst()
			.orElseThrow();
		String body = (String) mail.getContent();
		Matcher tracked = Pattern.compile("http://localhost:8080(/c/[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(tracked.find()).isTrue();
		String unsubscribeHeader = mail.getHeader("List-Unsubscribe")[0];

		// The HCP opens the tracked link without an account and rates the item.
		this.driver.manage().deleteAllCookies();
		open(tracked.group(1));
		assertThat(waitFor(By.id("content-title")).getText()).isEqualTo(title);
		// The view is recorded with the page itself: the pull event is there within 5 s.
		new org.openqa.selenium.support.ui.WebDriverWait(this.driver, java.time.Duration.ofSeconds(5))
			.until(d -> this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?"
					+ " AND channel = 'WEB_CONTENT'", Long.class, this.consented) == 1);
		click(By.id("helpful5"));
		type(By.id("comment"), "外来ですぐに使えました");
		click(By.id("send-rating"));
		waitFor(By.id("rated"));

		// On the HCP's timeline, and in the item's figures.
		loginAs(Role.MARKETING);
		open("/hcps/" + this.consented);
		assertThat(waitFor(By.id("hcp-timeline")).getText()).contains("Webコンテンツ閲覧");
		open(itemPath);
		assertThat(waitFor(By.id("usage-reached")).getText()).isEqualTo("1");
		assertThat(this.driver.findElement(By.id("usage-views")).getText()).isEqualTo("1");
		assertThat(this.driver.findElement(By.id("usage-helpful")).getText()).startsWith("5.0");
		assertThat(this.driver.findElement(By.id("usage-needs")).getText()).isEqualTo("1");

		// An HCP without e-mail consent is refused.
		compose(this.withoutConsent, version);
		assertThat(waitFor(By.id("recipient-error")).getText()).contains("同意");

		// The mail's one-click unsubscribe withdraws consent at once; the second send is refused.
		String unsubscribe = URI.create(unsubscribeHeader.substring(1, unsubscribeHeader.length() - 1)).getPath();
		HttpResponse<String> oneClick = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(unsubscribe)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click", StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(302);
		compose(this.consented, version);
		assertThat(waitFor(By.id("recipient-error")).getText()).contains("撤回");

		// An MR sees the approved promotional item, never the medical, off-label one.
		loginAs(Role.MR);
		open("/content?area=" + this.area);
		String library = waitFor(By.id("content-table")).getText();
		assertThat(library).contains(title).doesNotContain(this.offLabelTitle);
		open("/hcps/" + this.consented + "/emails/new");
		assertThat(waitFor(By.id("email-form")).getText()).doesNotContain(this.offLabelTitle);
		assertThat(browserErrors()).isEmpty();
	}

	/**
	 * Push in a visit: the MR's visit form offers the approved items for this HCP on the visit channel with their
	 * reasons (never the off-label letter); the item ticked is saved with the visit, shows on the timeline entry and
	 * counts on the item's page as a use in a visit.
	 */
	@Test
	void anMrRecordsTheItemShownInAVisitAndItShowsOnTheTimelineAndTheItemsUse() {
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		String title = "骨密度検査のご案内リーフレット " + System.nanoTime() % 100_000;
		long leaflet = approved(viewer(Role.MARKETING, "MARKETING"), new ContentDraft(title, ContentKind.LEAFLET,
				this.area, Set.of(), Set.of(NeedCategory.PATIENT_SUPPORT), List.of(this.topic), Set.of(),
				Set.of(ConsentChannel.VISIT, ConsentChannel.EMAIL), "ja", null, "本文", expires, false, null));
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'INTERESTED', now(), 'setup')", this.consented, this.area);
		this.ledger.record(this.consented, new ConsentEntry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");

		loginAs(Role.MR);
		open("/hcps/" + this.consented);
		waitFor(By.id("log-interaction")).click();
		waitFor(By.id("interaction-form"));
		WebElement offered = waitFor(By.id("content-options"));
		assertThat(offered.getText()).contains(title).contains("訪問の同意あり").doesNotContain(this.offLabelTitle);
		type(By.id("keyMessages"), "骨密度の再検査について説明");
		click(By.id("content-" + leaflet));
		screenshot("visit-content-ja.png");
		click(By.id("save-interaction"));
		waitFor(By.id("flash"));

		WebElement entry = waitFor(By.cssSelector("#hcp-timeline .timeline-content"));
		assertThat(entry.getText()).contains("提示資料").contains(title);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_delivery WHERE version_id = ? AND channel = 'VISIT'"
				+ " AND hcp_id = ?", Long.class, leaflet, this.consented)).isEqualTo(1);

		// Changing the channel to one without content tells the MR so, and an item of the panel cannot be forced
		// onto a phone call.
		open("/interactions/new?hcpId=" + this.consented);
		waitFor(By.id("content-" + leaflet));
		new org.openqa.selenium.support.ui.Select(this.driver.findElement(By.id("channel"))).selectByValue("PHONE_OUT");
		waitFor(By.id("content-not-on-channel"));
		assertThat(browserErrors()).isEmpty();
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
