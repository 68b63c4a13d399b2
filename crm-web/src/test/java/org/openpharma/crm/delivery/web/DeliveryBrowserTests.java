package org.openpharma.crm.delivery.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approved e-mail end to end, with a real SMTP server in the test (GreenMail): marketing mails an approved template
 * and item to an HCP with e-mail consent, the server receives it with its one-click unsubscribe headers and tracked
 * link, the HCP opens the link (a pull event on the timeline) and rates it; an HCP without consent is refused on the
 * form; the unsubscribe link withdraws consent and the next mail is refused.
 */
@WebIntegrationTest
class DeliveryBrowserTests extends BrowserTestBase {

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

	long template;

	long area;

	@Autowired
	org.openpharma.crm.need.NeedManagement needs;

	@Autowired
	org.openpharma.crm.need.InformationNeedRepository needRepository;

	@Autowired
	org.openpharma.crm.user.UserManagement userManagement;

	long item;

	String itemTitle;

	long consented;

	long withoutConsent;

	String address;

	@BeforeEach
	void approvedContentAndTwoHcps() {
		long n = System.nanoTime() % 1_000_000_000L;
		long area = this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '配信領域',"
				+ " 'Delivery area') RETURNING id", Long.class, "DB" + n);
		ContentViewer marketing = viewer(Role.MARKETING, "MARKETING");
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		this.template = approved(marketing, new ContentDraft("{{hcp.name}} 先生へ：資料のご案内 " + n, ContentKind.EMAIL_TEMPLATE,
				area, Set.of(), Set.of(), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"{{hcp.name}} 先生\n\nいつもお世話になっております。{{sender.name}}です。\n\n{{content.links}}\n\n"
						+ "配信停止はこちら: {{unsubscribe.link}}",
				expires, false, null));
		this.itemTitle = "腎機能別の用量早見表 " + n;
		this.item = approved(marketing, new ContentDraft(this.itemTitle, ContentKind.LEAFLET, area, Set.of(),
				Set.of(NeedCategory.DOSING), List.of("腎機能別の用量"), Set.of(AdoptionStage.INTERESTED),
				Set.of(ConsentChannel.EMAIL, ConsentChannel.VISIT), "ja", "eGFR別の用量の一覧です。",
				"eGFR 60以上：通常量\neGFR 30〜59：半量", expires, false, null));
		this.address = "dr" + n + "@example.jp";
		this.consented = this.hcps.create(new HcpDetails("配信 一郎", "ハイシン イチロウ", null, null, null, this.address,
				null, null), "setup").getId();
		this.ledger.record(this.consented, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.GRANTED, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");
		this.withoutConsent = this.hcps.create(new HcpDetails("配信 二郎", "ハイシン ジロウ", null, null, null,
				"other" + n + "@example.jp", null, null), "setup").getId();
	}

	ContentViewer viewer(Role role, String department) {
		return new ContentViewer(this.users.ensure(role), Set.of(role), department);
	}

	long approved(ContentViewer author, ContentDraft draft) {
		return new WebApprovedContent(this.library, this.contentQueries)
			.approve(draft, null, author, viewer(Role.MEDICAL, "MEDICAL"), viewer(Role.REVIEWER, "COMPLIANCE"))
			.versionId();
	}

	void compose(long hcpId) {
		open("/hcps/" + hcpId);
		click(By.id("new-email"));
		waitFor(By.id("email-form"));
		click(By.cssSelector("input[name='templateVersionId'][value='" + this.template + "']"));
		click(By.cssSelector("input[name='versionIds'][value='" + this.item + "']"));
		click(By.id("send-email"));
	}

	@Test
	void marketingMailsApprovedContentTheHcpOpensAndRatesItAndUnsubscribes() throws Exception {
		loginAs(Role.MARKETING);
		open("/hcps/" + this.consented);
		click(By.id("new-email"));
		waitFor(By.id("email-form"));
		assertThat(this.driver.findElement(By.id("recipient")).getAttribute("value")).isEqualTo(this.address);
		// The picker shows why an item ranks where it does.
		assertThat(this.driver.findElement(By.cssSelector("#picker tr[data-version-id='" + this.item + "']")).getText())
			.contains(this.itemTitle)
			.contains("メール同意あり");
		// The request's circumstances belong to an answer to an inquiry only.
		assertThat(this.driver.findElements(By.id("requestCircumstances"))).isEmpty();
		screenshot("delivery-compose.png");
		int before = SMTP.getReceivedMessages().length;
		compose(this.consented);
		assertThat(waitFor(By.id("flash")).getText()).contains("送信待ちに登録");
		assertThat(this.driver.findElement(By.id("mail-body")).getText()).contains("配信 一郎 先生");

		// The background sender delivers it to the SMTP server.
		assertThat(SMTP.waitForIncomingEmail(15_000, before + 1)).isTrue();
		MimeMessage mail = List.of(SMTP.getReceivedMessages()).stream()
			.filter(m -> recipient(m).equals(this.address))
			.findFirst()
			.orElseThrow();
		assertThat(mail.getSubject()).startsWith("配信 一郎 先生へ：資料のご案内");
		String unsubscribeHeader = mail.getHeader("List-Unsubscribe")[0];
		assertThat(unsubscribeHeader).matches("<http://localhost:8080/u/[A-Za-z0-9_-]{43}>");
		assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		String body = (String) mail.getContent();
		Matcher tracked = Pattern.compile("http://localhost:8080(/c/[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(tracked.find()).isTrue();
		assertThat(body).contains("・" + this.itemTitle);
		// The status commits just after the server accepted the mail: reload until the page shows it.
		this.wait.until(d -> {
			d.navigate().refresh();
			return d.findElement(By.cssSelector("#mail-status .mail-status")).getText().equals("送信済み");
		});

		// The HCP, without an account, opens the tracked link and rates the item.
		this.driver.manage().deleteAllCookies();
		open(tracked.group(1));
		assertThat(waitFor(By.id("content-title")).getText()).isEqualTo(this.itemTitle);
		assertThat(this.driver.findElement(By.id("content-body")).getText()).contains("eGFR 30〜59：半量");
		screenshot("delivery-tracked.png");
		click(By.id("send-rating"));
		assertThat(waitFor(By.id("helpful-error")).getText()).contains("1から5");
		click(By.id("helpful4"));
		type(By.id("comment"), "患者さんへの説明に使えました");
		click(By.id("send-rating"));
		assertThat(waitFor(By.id("rated")).getText()).isEqualTo("ありがとうございました");

		// The view is a pull event on the HCP's timeline, and the card shows the view and the rating.
		loginAs(Role.MARKETING);
		open("/hcps/" + this.consented);
		assertThat(waitFor(By.id("hcp-timeline")).getText()).contains("Webコンテンツ閲覧").contains(this.itemTitle)
			.contains("メール（送信）");
		assertThat(waitFor(By.cssSelector("#hcp-deliveries .delivery-views")).getText()).isEqualTo("1");
		assertThat(this.driver.findElement(By.cssSelector("#hcp-deliveries .delivery-rating")).getText())
			.isEqualTo("4/5 · 患者さんへの説明に使えました");
		screenshot("delivery-hcp-card.png");

		// An HCP without e-mail consent is refused on the form, nothing queued.
		compose(this.withoutConsent);
		assertThat(waitFor(By.id("recipient-error")).getText()).contains("同意");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ?", Long.class,
				this.withoutConsent)).isZero();

		// One-click unsubscribe (RFC 8058): the mail client's POST, without a session or CSRF token.
		String unsubscribe = unsubscribeHeader.substring(1, unsubscribeHeader.length() - 1);
		HttpResponse<String> oneClick = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url(URI.create(unsubscribe).getPath())))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(oneClick.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForList("SELECT source FROM consent_record WHERE hcp_id = ? AND channel = 'EMAIL'"
				+ " AND state = 'WITHDRAWN'", String.class, this.consented)).containsExactly("EMAIL_LINK");
		this.driver.manage().deleteAllCookies();
		open(URI.create(unsubscribe).getPath());
		assertThat(waitFor(By.id("unsubscribed")).getText()).contains("今後お送りいたしません");

		// The next mail to the HCP is refused.
		loginAs(Role.MARKETING);
		compose(this.consented);
		assertThat(waitFor(By.id("recipient-error")).getText()).contains("撤回");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ?", Long.class,
				this.consented)).isEqualTo(1);
	}

	@Test
	void theHcpConfirmsAnUnsubscribeOnThePageAndAnUnknownLinkShowsNothing() {
		loginAs(Role.MARKETING);
		compose(this.consented);
		waitFor(By.id("flash"));
		String body = this.jdbc.queryForObject("SELECT body FROM content_email WHERE hcp_id = ?", String.class,
				this.consented);
		Matcher link = Pattern.compile("http://localhost:8080(/u/[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(link.find()).isTrue();

		this.driver.manage().deleteAllCookies();
		open(link.group(1));
		click(By.id("unsubscribe-confirm"));
		assertThat(waitFor(By.id("unsubscribed")).getText()).contains("販売促進");
		assertThat(this.ledger.matrix(this.consented).get(ConsentChannel.EMAIL).get(ConsentPurpose.PROMOTIONAL).allowed())
			.isFalse();

		open("/c/this-link-was-never-issued-by-anyone-at-all");
		assertThat(waitFor(By.id("link-invalid")).getText()).contains("無効");
		open("/u/this-link-was-never-issued-by-anyone-at-all");
		assertThat(waitFor(By.id("link-invalid")).getText()).contains("無効");
	}

	@Test
	void theSentMailListShowsTheOutboxToSendersOnly() {
		loginAs(Role.MARKETING);
		compose(this.consented);
		waitFor(By.id("flash"));
		click(By.id("nav-emails"));
		assertThat(waitFor(By.id("mails")).getText()).contains("配信 一郎");
		loginAs(Role.MANAGER);
		assertThat(this.driver.findElements(By.id("nav-emails"))).isEmpty();
	}

	@Test
	void aNeedInProgressIsAnsweredByEmailFromItsPageAndFulfilledWithIt() {
		String marketing = this.users.ensure(Role.MARKETING);
		org.openpharma.crm.need.InformationNeed need = this.needRepository.saveAndFlush(
				org.openpharma.crm.need.InformationNeed.raise(this.consented, null, "腎機能別の用量", NeedCategory.DOSING,
						this.area, null, org.openpharma.crm.need.Urgency.NORMAL, null, marketing, this.clock.instant()));
		need = this.needs.triage(need.getId(), need.getVersion(), org.openpharma.crm.need.RoutedTo.MARKETING, "資料で回答",
				marketing);
		need = this.needs.start(need.getId(), need.getVersion(), marketing);

		loginAs(Role.MARKETING);
		open("/needs/" + need.getId());
		click(By.id("need-email"));
		waitFor(By.id("email-form"));
		// The item answering the need's topic ranks first, and says why.
		var first = this.driver.findElements(By.cssSelector("#picker tr.picker-row")).get(0);
		assertThat(first.getAttribute("data-version-id")).isEqualTo(Long.toString(this.item));
		assertThat(first.getText()).contains("トピック一致").contains("ニーズ分類").contains("ニーズの疾患領域");
		assertThat(this.driver.findElement(By.id("fulfilNeed1")).isSelected()).isTrue();
		click(By.cssSelector("input[name='templateVersionId'][value='" + this.template + "']"));
		click(By.cssSelector("input[name='versionIds'][value='" + this.item + "']"));
		click(By.id("send-email"));
		assertThat(waitFor(By.id("flash")).getText()).contains("ニーズを対応済み");
		open("/needs/" + need.getId());
		assertThat(waitFor(By.id("need-status")).getText()).isEqualTo("対応済み");
		assertThat(this.driver.findElement(By.id("need-fulfilled-by")).getText()).contains("メール（送信）");
	}

	@Test
	void medicalAnswersAnInquiryWithOffLabelMaterialThatAnMrNeverSees() {
		String medical = this.users.ensure(Role.MEDICAL);
		ContentViewer author = new ContentViewer(medical, Set.of(Role.MEDICAL), "MEDICAL");
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		long n = System.nanoTime() % 1_000_000_000L;
		String title = "小児投与に関する文献 " + n;
		long letter = approvedMedical(author, new ContentDraft(title, ContentKind.MEDICAL_LETTER, this.area, Set.of(),
				Set.of(NeedCategory.DOSING), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"文献の要旨です。", expires, true, null));
		long medicalTemplate = approvedMedical(author, new ContentDraft("医学情報のご送付 " + n, ContentKind.EMAIL_TEMPLATE,
				this.area, Set.of(), Set.of(), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"{{hcp.name}} 先生\n\nご依頼の資料をお送りいたします。\n{{content.links}}", expires, false, null));
		this.ledger.record(this.consented, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.MEDICAL_INFORMATION,
				ConsentState.GRANTED, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"setup");
		java.sql.Timestamp now = java.sql.Timestamp.from(this.clock.instant());
		long inquiry = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel,"
				+ " urgency, priority, status, received_at, aware_at, received_by, received_via, due_at, updated_at,"
				+ " assignee, off_label) VALUES (?, '小児への投与経験', '小児での使用経験はありますか', 'EMAIL', 'NORMAL', 'NORMAL',"
				+ " 'ASSIGNED', ?, ?, 'call_center', 'CALL_CENTER', ?, ?, ?, true) RETURNING id", Long.class,
				this.consented, now, now, now, now, medical);

		// An MR never sees the medical letter or the medical template.
		loginAs(Role.MR);
		open("/hcps/" + this.consented + "/emails/new?inquiryId=" + inquiry);
		assertThat(waitFor(By.id("email-form")).getText()).doesNotContain(title).doesNotContain("医学情報のご送付 " + n);
		assertThat(this.driver.findElements(By.id("inquiry-form"))).isEmpty();

		loginAs(Role.MEDICAL);
		open("/hcps/" + this.consented + "/emails/new");
		assertThat(waitFor(By.id("picker")).getText()).doesNotContain(title);
		new org.openqa.selenium.support.ui.Select(waitFor(By.id("inquiry-choice"))).selectByValue(Long.toString(inquiry));
		click(By.id("inquiry-apply"));
		assertThat(waitFor(By.cssSelector("#picker tr[data-version-id='" + letter + "']")).getText()).contains("適応外");
		click(By.cssSelector("input[name='templateVersionId'][value='" + medicalTemplate + "']"));
		click(By.cssSelector("input[name='versionIds'][value='" + letter + "']"));
		click(By.id("send-email"));
		assertThat(waitFor(By.id("requestCircumstances-error")).getText()).isEqualTo("ご依頼の状況をご記入ください。");
		type(By.id("requestCircumstances"), "先生ご本人から電話で、小児での使用経験の文献をご依頼");
		click(By.id("send-email"));
		assertThat(waitFor(By.id("flash")).getText()).contains("送信待ちに登録");
		assertThat(this.jdbc.queryForMap("SELECT off_label, inquiry_id, request_circumstances, recipient FROM"
				+ " content_delivery WHERE version_id = ?", letter))
			.containsEntry("off_label", true)
			.containsEntry("inquiry_id", inquiry)
			.containsEntry("request_circumstances", "先生ご本人から電話で、小児での使用経験の文献をご依頼")
			.containsEntry("recipient", this.address);
		// The mail is medical affairs' to see.
		String mailPath = URI.create(this.driver.getCurrentUrl()).getPath();
		loginAs(Role.MARKETING);
		open(mailPath);
		assertThat(waitFor(By.tagName("h1")).getText()).doesNotContain("医学情報のご送付");
	}

	long approvedMedical(ContentViewer author, ContentDraft draft) {
		return new WebApprovedContent(this.library, this.contentQueries)
			.approve(draft, null, author, otherMedical("medical-db2"), otherMedical("medical-db3"))
			.versionId();
	}

	ContentViewer otherMedical(String name) {
		if (this.userManagement.findByUsername(name).isEmpty()) {
			this.userManagement.create(name, "MSL " + name, "a medical test passphrase", "MEDICAL",
					java.util.EnumSet.of(Role.MEDICAL), Set.of(), "test-setup");
		}
		return new ContentViewer(name, Set.of(Role.MEDICAL), "MEDICAL");
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
