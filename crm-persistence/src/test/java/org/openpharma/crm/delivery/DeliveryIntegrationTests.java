package org.openpharma.crm.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ApprovedContent;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentEntry;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.consent.ConsentSource;
import org.openpharma.crm.consent.ConsentState;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.delivery.ContentEmails.EmailRequest;
import org.openpharma.crm.delivery.ContentEmails.Queued;
import org.openpharma.crm.delivery.MailOutbox.Outcome;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.InformationNeed;
import org.openpharma.crm.need.InformationNeedRepository;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.NeedManagement;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.testsupport.MutableClock;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Delivery against PostgreSQL and a real SMTP server (GreenMail): the ranked picker and its firewall, the outbox
 * (queued in the contact's transaction, refused without consent, retried while the server is down, stopped when
 * consent or content goes between queue and send), the tracked link's pull event, ratings and the unsubscribe link.
 */
@PostgresTest
class DeliveryIntegrationTests extends PostgresTestBase {

	static final int SMTP_PORT = freePort();

	static final MutableClock CLOCK = MutableClock.startingNow();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
		registry.add("spring.mail.properties.mail.smtp.timeout", () -> "5000");
		registry.add("crm.public-base-url", () -> "https://crm.example.jp");
		registry.add("crm.mail.from", () -> "info@crm.example.jp");
		// The tests send their own mails (MailOutbox.send): the background sender stays out, or it would deliver
		// mails other test classes left queued in the same database (a campaign's) to this SMTP server.
		registry.add("crm.mail.send-interval-ms", () -> "3600000");
	}

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	@Autowired
	ContentPicker picker;

	@Autowired
	ContentEmails emails;

	@Autowired
	MailOutbox outbox;

	@Autowired
	TrackedLinks links;

	@Autowired
	DeliveryQueries queries;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	ConsentLedger ledger;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	NeedManagement needs;

	@Autowired
	InformationNeedRepository needRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.privacy.DataRights dataRights;

	GreenMail smtp;

	ContentViewer marketing;

	ContentViewer medical;

	ContentViewer mr;

	DeliveryFixtures content;

	long area;

	long product;

	long hcp;

	LocalDate today;

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void startSmtp() {
		this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
	}

	@AfterEach
	void stopSmtp() {
		if (this.smtp != null) {
			this.smtp.stop();
		}
	}

	@BeforeEach
	void peopleContentAndAnHcp() {
		CLOCK.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		long n = System.nanoTime() % 1_000_000_000L;
		this.marketing = user("dl-mkt-" + n, "MARKETING", Role.MARKETING);
		this.medical = user("dl-med-" + n, "MEDICAL", Role.MEDICAL);
		this.mr = user("dl-mr-" + n, "SALES", Role.MR);
		ContentViewer medical2 = user("dl-med2-" + n, "MEDICAL", Role.MEDICAL);
		ContentViewer medical3 = user("dl-med3-" + n, "MEDICAL", Role.MEDICAL);
		ContentViewer reviewer = user("dl-rev-" + n, "COMPLIANCE", Role.REVIEWER);
		this.content = new DeliveryFixtures(new ApprovedContent(this.library, this.contentQueries), medical2, reviewer,
				medical3);
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '腎臓',"
				+ " 'Kidney') RETURNING id", Long.class, "DL" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '腎薬', 'KidneyDrug', ?) RETURNING id", Long.class, "DL" + n + "P", this.area);
		this.today = LocalDate.ofInstant(CLOCK.instant(), Japan.ZONE);
		this.hcp = hcp("dl" + n + "@example.jp");
	}

	ContentViewer user(String username, String department, Role role) {
		this.users.create(username, "配信 " + username.substring(3, 6), "a delivery test passphrase", department,
				EnumSet.of(role), Set.of(), "test");
		return new ContentViewer(username, Set.of(role), department);
	}

	long hcp(String email) {
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 太郎", name.kana() + " タロウ", null, null, null, email, null,
				null), "test").getId();
	}

	void grant(long hcpId, ConsentPurpose purpose) {
		this.ledger.record(hcpId, new ConsentEntry(ConsentChannel.EMAIL, purpose, ConsentState.GRANTED,
				ConsentSource.PAPER, "test", "test", CLOCK.instant().minusSeconds(60), null), "test");
	}

	long leaflet(String title, List<String> topics, Set<NeedCategory> categories, Set<AdoptionStage> stages) {
		return this.content.approved(this.marketing, title, ContentKind.LEAFLET, this.area, Set.of(this.product),
				categories, topics, stages, false, "本文\n二行目", this.today.plusMonths(6));
	}

	long medicalLetter(String title, boolean offLabel) {
		return this.content.approved(this.medical, title, ContentKind.MEDICAL_LETTER, this.area, Set.of(this.product),
				Set.of(NeedCategory.DOSING), List.of("腎機能別の用量"), Set.of(), offLabel, "医学情報", this.today.plusMonths(6));
	}

	long inquiry(long hcpId) {
		Timestamp at = Timestamp.from(CLOCK.instant());
		return this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, answer_channel, urgency,"
				+ " priority, status, received_at, aware_at, received_by, received_via, due_at, updated_at, assignee,"
				+ " off_label) VALUES (?, '小児への投与', '小児での使用経験は？', 'EMAIL', 'NORMAL', 'NORMAL', 'ASSIGNED', ?, ?,"
				+ " 'cc01', 'CALL_CENTER', ?, ?, 'msl01', true) RETURNING id", Long.class, hcpId, at, at, at, at);
	}

	@Test
	void thePickerRanksByTopicCategoryAreaProductStageAndConsentWithTheReasons() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'INTERESTED', now(), 'test')", this.hcp, this.area);
		long best = leaflet("腎機能別の用量表", List.of("腎機能別の用量"), Set.of(NeedCategory.DOSING),
				Set.of(AdoptionStage.INTERESTED));
		long second = leaflet("安全性まとめ", List.of("副作用"), Set.of(NeedCategory.DOSING), Set.of(AdoptionStage.ADOPTER));
		InformationNeed need = this.needRepository.saveAndFlush(InformationNeed.raise(this.hcp, null, "腎機能別の用量",
				NeedCategory.DOSING, this.area, this.product, Urgency.NORMAL, null, this.mr.username(), CLOCK.instant()));

		List<ContentMatch> ranked = ownItems(this.picker.candidates(this.hcp, need.getId(), ConsentChannel.EMAIL,
				this.mr));

		assertThat(ranked).extracting(m -> m.candidate().versionId()).containsExactly(best, second);
		assertThat(ranked.get(0).score()).isEqualTo(100);
		assertThat(ranked.get(0).reasons()).containsExactly("delivery.reason.topic", "delivery.reason.category",
				"delivery.reason.product", "delivery.reason.area", "delivery.reason.stage", "delivery.reason.consent");
		assertThat(ranked.get(1).score()).isEqualTo(50);
		assertThat(this.picker.templates(this.mr)).noneMatch(t -> t.kind() != ContentKind.EMAIL_TEMPLATE);
	}

	@Test
	void commercialPickersNeverOfferMedicalOrOffLabelItemsAndMedicalGetsOffLabelOnlyAnsweringAnInquiry() {
		long promo = leaflet("腎機能別の用量表", List.of("腎機能別の用量"), Set.of(NeedCategory.DOSING), Set.of());
		long letter = medicalLetter("医学情報提供書", false);
		long offLabel = medicalLetter("小児投与に関する文献", true);
		long inquiry = inquiry(this.hcp);

		for (ContentViewer commercial : List.of(this.mr, this.marketing)) {
			assertThat(versions(this.picker.candidates(this.hcp, null, inquiry, ConsentChannel.EMAIL, commercial)))
				.containsExactly(promo);
		}
		assertThat(versions(this.picker.candidates(this.hcp, null, ConsentChannel.EMAIL, this.medical)))
			.containsExactlyInAnyOrder(promo, letter);
		assertThat(versions(this.picker.candidates(this.hcp, null, inquiry, ConsentChannel.EMAIL, this.medical)))
			.containsExactlyInAnyOrder(promo, letter, offLabel);
		long otherHcp = hcp(null);
		assertThat(versions(this.picker.candidates(this.hcp, null, inquiry(otherHcp), ConsentChannel.EMAIL, this.medical)))
			.doesNotContain(offLabel);
	}

	@Test
	void anEmailIsQueuedWithTheContactItsDeliveriesAndTheRenderedMailInOneTransaction() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of("腎機能別の用量"), Set.of(NeedCategory.DOSING), Set.of());

		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);

		Map<String, Object> mail = this.jdbc.queryForMap("SELECT * FROM content_email WHERE id = ?", queued.emailId());
		String name = this.jdbc.queryForObject("SELECT name_kanji FROM hcp WHERE id = ?", String.class, this.hcp);
		assertThat(mail.get("status")).isEqualTo("QUEUED");
		assertThat(mail.get("purpose")).isEqualTo("PROMOTIONAL");
		assertThat(mail.get("medical")).isEqualTo(false);
		assertThat(mail.get("subject")).isEqualTo(name + " 先生へ：ご依頼の資料");
		String body = (String) mail.get("body");
		assertThat(body).startsWith(name + " 先生\n\nいつもお世話になっております。マーケティングの配信 mktです。")
			.contains("・腎機能別の用量表\nhttps://crm.example.jp/c/")
			.contains("配信停止: https://crm.example.jp/u/");
		assertThat(this.jdbc.queryForMap("SELECT channel, key_messages, purpose FROM interaction WHERE id = ?",
				queued.interactionId()))
			.containsEntry("channel", "EMAIL_OUT")
			.containsEntry("key_messages", "腎機能別の用量表")
			.containsEntry("purpose", "PROMOTIONAL");
		assertThat(queued.deliveryIds()).hasSize(1);
		String token = token(body, "/c/");
		assertThat(this.jdbc.queryForObject("SELECT token_hash FROM content_delivery WHERE id = ?", String.class,
				queued.deliveryIds().get(0))).isEqualTo(org.openpharma.crm.shared.SecretTokens.sha256(token))
			.isNotEqualTo(token);
	}

	@Test
	void withoutConsentTheMailIsRefusedOnTheRecipientAndNothingIsSaved() {
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		long before = count();
		// Medical-information consent is not promotional consent.
		grant(this.hcp, ConsentPurpose.MEDICAL_INFORMATION);

		assertThatThrownBy(() -> this.emails.send(
				new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null), this.marketing))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).field())
			.isEqualTo("recipient");
		assertThat(count()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
	}

	@Test
	void offLabelItemsGoOnlyFromMedicalAnsweringTheHcpsInquiryWithTheRequestKept() {
		grant(this.hcp, ConsentPurpose.MEDICAL_INFORMATION);
		long template = this.content.template(this.medical, this.area, this.today.plusMonths(6));
		long offLabel = medicalLetter("小児投与に関する文献", true);
		long inquiry = inquiry(this.hcp);

		assertThatThrownBy(() -> this.emails.send(
				new EmailRequest(this.hcp, template, List.of(offLabel), null, false, null, null, null), this.medical))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::code).toList())
			.isEqualTo(List.of("delivery.item.offLabel"));
		assertThatThrownBy(() -> this.emails.send(
				new EmailRequest(this.hcp, template, List.of(offLabel), null, false, null, inquiry, " "), this.medical))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.isEqualTo(List.of("requestCircumstances"));

		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(offLabel), null, false, null,
				inquiry, "電話で先生ご本人から文献のご依頼"), this.medical);

		assertThat(this.jdbc.queryForMap("SELECT off_label, inquiry_id, request_circumstances, recipient FROM"
				+ " content_delivery WHERE id = ?", queued.deliveryIds().get(0)))
			.containsEntry("off_label", true)
			.containsEntry("inquiry_id", inquiry)
			.containsEntry("request_circumstances", "電話で先生ご本人から文献のご依頼")
			.containsEntry("recipient", this.jdbc.queryForObject("SELECT email FROM hcp WHERE id = ?", String.class, this.hcp));
		// The title stays off the timeline every role reads; medical affairs' notes have it.
		assertThat(this.jdbc.queryForMap("SELECT key_messages, notes FROM interaction WHERE id = ?", queued.interactionId()))
			.containsEntry("key_messages", null)
			.containsEntry("notes", "小児投与に関する文献");
		assertThat(this.queries.mailsTo(this.hcp, this.mr, 10)).isEmpty();
		assertThat(this.queries.mailsTo(this.hcp, this.medical, 10)).hasSize(1);
	}

	@Test
	void whileTheServerIsDownTheMailStaysQueuedWithTheAttemptAndIsSentWhenItIsBack() throws Exception {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);

		assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.RETRY);
		Map<String, Object> mail = this.jdbc.queryForMap("SELECT status, attempts, next_attempt_at, last_error"
				+ " FROM content_email WHERE id = ?", queued.emailId());
		assertThat(mail.get("status")).isEqualTo("QUEUED");
		assertThat(mail.get("attempts")).isEqualTo(1);
		assertThat(((Timestamp) mail.get("next_attempt_at")).toInstant())
			.isEqualTo(CLOCK.instant().plus(Duration.ofSeconds(30)));
		assertThat((String) mail.get("last_error")).isNotBlank();

		startSmtp();
		// Not yet due: the backoff holds.
		assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.SKIPPED);
		CLOCK.advance(Duration.ofSeconds(31));
		assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.SENT);

		assertThat(this.jdbc.queryForMap("SELECT status, attempts FROM content_email WHERE id = ?", queued.emailId()))
			.containsEntry("status", "SENT")
			.containsEntry("attempts", 2);
		MimeMessage[] received = this.smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		MimeMessage message = received[0];
		String name = this.jdbc.queryForObject("SELECT name_kanji FROM hcp WHERE id = ?", String.class, this.hcp);
		assertThat(message.getSubject()).isEqualTo(name + " 先生へ：ご依頼の資料");
		String unsubscribe = message.getHeader("List-Unsubscribe")[0];
		assertThat(unsubscribe).matches("<https://crm\\.example\\.jp/u/[A-Za-z0-9_-]{43}>");
		assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(GreenMailUtil.getBody(message)).isNotBlank();
		assertThat(message.getAllRecipients()[0].toString())
			.isEqualTo(this.jdbc.queryForObject("SELECT email FROM hcp WHERE id = ?", String.class, this.hcp));
	}

	@Test
	void aPermanentRejectionOfTheRecipientIsABounceAtOnce() throws Exception {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);

		try (RejectingSmtpServer server = new RejectingSmtpServer(SMTP_PORT)) {
			assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.BOUNCED);
		}

		Map<String, Object> mail = this.jdbc.queryForMap("SELECT status, attempts, status_reason FROM content_email"
				+ " WHERE id = ?", queued.emailId());
		assertThat(mail.get("status")).isEqualTo("BOUNCED");
		assertThat(mail.get("attempts")).isEqualTo(1);
		assertThat((String) mail.get("status_reason")).contains("550 5.1.1 no such user here");
	}

	@Test
	void afterTheLastAttemptTheMailFailsWithTheReasonAndTheWaitDoublesBeforeIt() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		List<Long> waits = new java.util.ArrayList<>();
		for (int attempt = 1; attempt < 8; attempt++) {
			assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.RETRY);
			Instant next = this.jdbc.queryForObject("SELECT next_attempt_at FROM content_email WHERE id = ?",
					Timestamp.class, queued.emailId()).toInstant();
			waits.add(Duration.between(CLOCK.instant(), next).toSeconds());
			CLOCK.set(next);
		}
		assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L);

		assertThat(sendOwn(queued.emailId())).isEqualTo(Outcome.FAILED);
		Map<String, Object> mail = this.jdbc.queryForMap("SELECT status, attempts, status_reason, next_attempt_at"
				+ " FROM content_email WHERE id = ?", queued.emailId());
		assertThat(mail.get("status")).isEqualTo("FAILED");
		assertThat(mail.get("attempts")).isEqualTo(8);
		assertThat((String) mail.get("status_reason")).contains("Connection refused");
		assertThat(mail.get("next_attempt_at")).isNull();
	}

	@Test
	void aWithdrawalOrWithdrawnContentBetweenQueueAndSendStopsTheMail() {
		startSmtp();
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued first = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		this.ledger.record(this.hcp, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.VERBAL, null, "test", CLOCK.instant(), null), "test");

		assertThat(sendOwn(first.emailId())).isEqualTo(Outcome.STOPPED);
		assertThat(this.jdbc.queryForObject("SELECT status_reason FROM content_email WHERE id = ?", String.class,
				first.emailId())).startsWith("consent: ");

		long other = hcp("dl-other-" + System.nanoTime() + "@example.jp");
		grant(other, ConsentPurpose.PROMOTIONAL);
		Queued second = this.emails.send(new EmailRequest(other, template, List.of(item), null, false, null, null, null),
				this.marketing);
		var row = this.contentQueries.item(this.jdbc.queryForObject("SELECT item_id FROM content_version WHERE id = ?",
				Long.class, item), this.marketing).latest();
		this.library.withdraw(row.versionId(), row.version(), "誤記のため", this.marketing);

		assertThat(sendOwn(second.emailId())).isEqualTo(Outcome.STOPPED);
		assertThat(this.jdbc.queryForObject("SELECT status_reason FROM content_email WHERE id = ?", String.class,
				second.emailId())).isEqualTo("content expired or withdrawn");
		assertThat(this.smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void theTrackedLinkRecordsAPullEventTakesARatingAndStopsWhenTheContentIsWithdrawn() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		String token = token(body(queued.emailId()), "/c/");

		assertThat(this.links.view(token)).get().extracting(TrackedLinks.TrackedContent::body).isEqualTo("本文\n二行目");
		assertThat(this.jdbc.queryForList("SELECT channel || ' ' || key_messages || ' ' || author FROM interaction"
				+ " WHERE hcp_id = ? AND channel = 'WEB_CONTENT'", String.class, this.hcp))
			.containsExactly("WEB_CONTENT 腎機能別の用量表 hcp-tracked-link");
		this.links.rate(token, new ContentRating(4, "患者説明に使えました", false));
		assertThatThrownBy(() -> this.links.rate(token, new ContentRating(9, null, false)))
			.isInstanceOf(ValidationException.class);
		this.links.rateForHcp(this.hcp, queued.deliveryIds().get(0), new ContentRating(5, "訪問時に口頭で", true),
				this.mr.username());

		var delivery = this.queries.deliveriesTo(this.hcp, this.mr, 10);
		assertThat(delivery).hasSize(1);
		assertThat(delivery.get(0).views()).isEqualTo(1);
		assertThat(delivery.get(0).lastRating()).isEqualTo(5);
		assertThat(delivery.get(0).lastRatingSource()).isEqualTo("REP");
		assertThat(this.jdbc.queryForList("SELECT helpful || ' ' || source FROM content_feedback WHERE hcp_id = ?"
				+ " ORDER BY id", String.class, this.hcp)).containsExactly("4 HCP", "5 REP");

		var row = this.contentQueries.item(this.jdbc.queryForObject("SELECT item_id FROM content_version WHERE id = ?",
				Long.class, item), this.marketing).latest();
		this.library.withdraw(row.versionId(), row.version(), "改訂のため", this.marketing);
		assertThat(this.links.view(token)).isEmpty();
		assertThat(this.links.open("not-a-token-of-ours-at-all")).isEmpty();
	}

	@Test
	void theUnsubscribeLinkWithdrawsEmailConsentForTheMailsPurposeOnce() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		grant(this.hcp, ConsentPurpose.MEDICAL_INFORMATION);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		String token = token(body(queued.emailId()), "/u/");

		assertThat(this.links.unsubscribe(token)).get().extracting(TrackedLinks.UnsubscribeView::purpose)
			.isEqualTo(ConsentPurpose.PROMOTIONAL);
		this.links.unsubscribe(token);

		assertThat(this.jdbc.queryForList("SELECT state || ' ' || source || ' ' || purpose FROM consent_record"
				+ " WHERE hcp_id = ? AND channel = 'EMAIL' AND state = 'WITHDRAWN'", String.class, this.hcp))
			.containsExactly("WITHDRAWN EMAIL_LINK PROMOTIONAL");
		assertThat(this.ledger.matrix(this.hcp).get(ConsentChannel.EMAIL).get(ConsentPurpose.MEDICAL_INFORMATION).allowed())
			.isTrue();
		assertThatThrownBy(() -> this.emails.send(
				new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null), this.marketing))
			.isInstanceOf(ValidationException.class);
	}

	@Test
	void aNeedInProgressIsFulfilledWithTheMailsContact() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		InformationNeed need = this.needRepository.saveAndFlush(InformationNeed.raise(this.hcp, null, "用量", NeedCategory.DOSING,
				this.area, null, Urgency.NORMAL, null, this.marketing.username(), CLOCK.instant()));
		need = this.needs.triage(need.getId(), need.getVersion(), RoutedTo.MARKETING, "資料で回答", this.marketing.username());
		need = this.needs.start(need.getId(), need.getVersion(), this.marketing.username());

		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), need.getId(), true,
				need.getVersion(), null, null), this.marketing);

		assertThat(queued.needFulfilled()).isTrue();
		assertThat(this.jdbc.queryForMap("SELECT status, fulfilled_by_interaction_id, fulfilment FROM information_need"
				+ " WHERE id = ?", need.getId()))
			.containsEntry("status", "FULFILLED")
			.containsEntry("fulfilment", "メール #" + queued.emailId() + "：腎機能別の用量表")
			.containsEntry("fulfilled_by_interaction_id", queued.interactionId());
	}

	@Test
	void aNeedChangedSinceTheFormOpenedOrNotInProgressIsOfferedNotFulfilledAndTheMailStillGoes() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		InformationNeed open = this.needRepository.saveAndFlush(InformationNeed.raise(this.hcp, null, "用量", NeedCategory.DOSING,
				this.area, null, Urgency.NORMAL, null, this.marketing.username(), CLOCK.instant()));
		InformationNeed started = this.needs.triage(open.getId(), open.getVersion(), RoutedTo.MARKETING, "資料で回答",
				this.marketing.username());
		long formVersion = started.getVersion();
		started = this.needs.start(started.getId(), started.getVersion(), this.marketing.username());

		Queued stale = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), started.getId(), true,
				formVersion, null, null), this.marketing);
		InformationNeed other = this.needRepository.saveAndFlush(InformationNeed.raise(this.hcp, null, "用量2",
				NeedCategory.DOSING, this.area, null, Urgency.NORMAL, null, this.marketing.username(), CLOCK.instant()));
		Queued notStarted = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), other.getId(), true,
				other.getVersion(), null, null), this.marketing);

		assertThat(stale.needFulfilled()).isFalse();
		assertThat(notStarted.needFulfilled()).isFalse();
		assertThat(this.jdbc.queryForList("SELECT status FROM information_need WHERE id IN (?, ?) ORDER BY id", String.class,
				started.getId(), other.getId())).containsExactly("IN_PROGRESS", "OPEN");
		assertThat(this.jdbc.queryForList("SELECT status FROM content_email WHERE id IN (?, ?)", String.class,
				stale.emailId(), notStarted.emailId())).containsExactly("QUEUED", "QUEUED");
	}

	@Test
	void anErasureClearsTheMailsAndCommentsAndTheLinksStopWorking() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		String body = body(queued.emailId());
		this.links.rate(token(body, "/c/"), new ContentRating(2, "わかりにくい", false));

		this.dataRights.erase(this.hcp, "privacy-test");

		assertThat(this.jdbc.queryForMap("SELECT recipient, subject, body FROM content_email WHERE id = ?",
				queued.emailId()))
			.containsEntry("recipient", "(消去済み)")
			.containsEntry("subject", "(消去済み)")
			.containsEntry("body", "(消去済み)");
		assertThat(this.jdbc.queryForMap("SELECT helpful, comment FROM content_feedback WHERE delivery_id = ?",
				queued.deliveryIds().get(0)))
			.containsEntry("helpful", 2)
			.containsEntry("comment", null);
		assertThat(this.jdbc.queryForObject("SELECT title FROM content_delivery WHERE id = ?", String.class,
				queued.deliveryIds().get(0))).isEqualTo("腎機能別の用量表");
		assertThat(this.links.open(token(body, "/c/"))).isEmpty();
		assertThat(this.links.unsubscribeView(token(body, "/u/"))).isEmpty();
	}

	@Test
	void anUnsubscribeFromAMergedRecordWithdrawsTheSurvivorsConsent() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		long survivor = hcp("dl-survivor-" + System.nanoTime() + "@example.jp");
		this.hcps.merge(survivor, this.hcp, "test");

		this.links.unsubscribe(token(body(queued.emailId()), "/u/"));

		assertThat(this.ledger.matrix(survivor).get(ConsentChannel.EMAIL).get(ConsentPurpose.PROMOTIONAL).allowed())
			.isFalse();
		assertThat(this.links.view(token(body(queued.emailId()), "/c/"))).isPresent();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ? AND channel = 'WEB_CONTENT'",
				Long.class, survivor)).isEqualTo(1);
	}

	@Test
	void aMergeMovesTheMailsTheItemsGivenAndTheRatingsToTheSurvivor() {
		grant(this.hcp, ConsentPurpose.PROMOTIONAL);
		long template = this.content.template(this.marketing, this.area, this.today.plusMonths(6));
		long item = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		Queued queued = this.emails.send(new EmailRequest(this.hcp, template, List.of(item), null, false, null, null, null),
				this.marketing);
		this.links.rate(token(body(queued.emailId()), "/c/"), new ContentRating(4, "分かりやすい", false));
		long survivor = hcp("dl-survivor-" + System.nanoTime() + "@example.jp");

		this.hcps.merge(survivor, this.hcp, "test");

		for (String table : List.of("content_email", "content_delivery", "content_feedback")) {
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE hcp_id = ?", Long.class,
					this.hcp)).as(table).isZero();
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE hcp_id = ?", Long.class,
					survivor)).as(table).isEqualTo(1);
		}
		long contact = this.jdbc.queryForObject("SELECT interaction_id FROM content_email WHERE id = ?", Long.class,
				queued.emailId());
		assertThat(this.queries.onContacts(survivor, List.of(contact), this.mr).get(contact))
			.extracting(DeliveryQueries.ContactContent::title, DeliveryQueries.ContactContent::lastRating,
					DeliveryQueries.ContactContent::lastComment)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("腎機能別の用量表", 4, "分かりやすい"));
	}

	@Autowired
	ContentShown shown;

	@Autowired
	org.openpharma.crm.interaction.InteractionManagement interactions;

	private org.openpharma.crm.interaction.InteractionCapture visit(Long hcpId,
			org.openpharma.crm.interaction.Channel channel) {
		return new org.openpharma.crm.interaction.InteractionCapture(hcpId,
				new org.openpharma.crm.interaction.InteractionFacts(channel, CLOCK.instant().minusSeconds(3600), 15, null,
						"用量の説明", null, Set.of(this.product), Set.of(this.area)),
				null, null, null, null);
	}

	@Test
	void aVisitKeepsTheItemsShownInItAsExposureOnItsTimelineEntry() {
		long leaflet = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());
		long second = leaflet("安全性まとめ", List.of(), Set.of(), Set.of());

		var contact = this.shown.log(visit(this.hcp, org.openpharma.crm.interaction.Channel.VISIT),
				java.util.Arrays.asList(leaflet, second, leaflet, null), this.mr);

		assertThat(this.jdbc.queryForList("SELECT version_id, channel, delivered_by, interaction_id FROM content_delivery"
				+ " WHERE hcp_id = ? ORDER BY id", this.hcp))
			.extracting(r -> List.of(r.get("version_id"), r.get("channel"), r.get("delivered_by"), r.get("interaction_id")))
			.containsExactly(List.of(leaflet, "VISIT", this.mr.username(), contact.getId()),
					List.of(second, "VISIT", this.mr.username(), contact.getId()));
		assertThat(this.queries.onContacts(this.hcp, List.of(contact.getId()), this.marketing).get(contact.getId()))
			.extracting(DeliveryQueries.ContactContent::title, DeliveryQueries.ContactContent::viewed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("腎機能別の用量表", false),
					org.assertj.core.groups.Tuple.tuple("安全性まとめ", false));
		// Counted where exposure is counted: the item's use per channel.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_delivery WHERE version_id = ? AND channel = 'VISIT'",
				Long.class, leaflet)).isEqualTo(1);
	}

	@Test
	void aVisitCannotCarryMedicalUnapprovedOrOffChannelItemsAndThenNothingIsSaved() {
		long letter = medicalLetter("医学情報提供書", false);
		long leaflet = leaflet("腎機能別の用量表", List.of(), Set.of(), Set.of());

		assertThatThrownBy(() -> this.shown.log(visit(this.hcp, org.openpharma.crm.interaction.Channel.VISIT),
				List.of(letter), this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(DeliveryIntegrationTests::violations)
			.isEqualTo(List.of("contentVersionIds:interaction.content.unusable"));
		assertThatThrownBy(() -> this.shown.log(visit(this.hcp, org.openpharma.crm.interaction.Channel.PHONE_OUT),
				List.of(leaflet), this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(DeliveryIntegrationTests::violations)
			.isEqualTo(List.of("contentVersionIds:interaction.content.channel"));
		// The leaflet is approved for e-mail and visits, not for remote detailing.
		assertThatThrownBy(() -> this.shown.log(visit(this.hcp, org.openpharma.crm.interaction.Channel.REMOTE_DETAIL),
				List.of(leaflet), this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(DeliveryIntegrationTests::violations)
			.isEqualTo(List.of("contentVersionIds:interaction.content.notOnChannel"));
		// The contact's own errors and the items' come together.
		assertThatThrownBy(() -> this.shown.log(visit(null, org.openpharma.crm.interaction.Channel.VISIT),
				List.of(letter), this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(DeliveryIntegrationTests::violations)
			.isEqualTo(List.of("hcpId:interaction.hcp.required", "contentVersionIds:interaction.content.unusable"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_delivery WHERE hcp_id = ?", Long.class,
				this.hcp)).isZero();

		// Medical affairs may show a medical letter in a visit; commercial readers never see it on the timeline.
		var contact = this.shown.log(visit(this.hcp, org.openpharma.crm.interaction.Channel.VISIT), List.of(letter),
				this.medical);
		assertThat(this.queries.onContacts(this.hcp, List.of(contact.getId()), this.medical)).containsKey(contact.getId());
		assertThat(this.queries.onContacts(this.hcp, List.of(contact.getId()), this.mr)).isEmpty();
	}

	private static List<String> violations(Throwable ex) {
		return ((ValidationException) ex).getViolations().stream().map(v -> v.field() + ":" + v.code()).toList();
	}

	/** Sends this test's mail only: other classes' mails share the table. */
	private Outcome sendOwn(long emailId) {
		return this.outbox.send(emailId);
	}

	private long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM content_email", Long.class);
	}

	private String body(long emailId) {
		return this.jdbc.queryForObject("SELECT body FROM content_email WHERE id = ?", String.class, emailId);
	}

	private static String token(String body, String path) {
		Matcher m = Pattern.compile(Pattern.quote(path) + "([A-Za-z0-9_-]{43})").matcher(body);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private List<ContentMatch> ownItems(List<ContentMatch> matches) {
		return matches.stream()
			.filter(m -> m.candidate().therapeuticAreaId() == this.area)
			.toList();
	}

	private List<Long> versions(List<ContentMatch> matches) {
		return ownItems(matches).stream().map(m -> m.candidate().versionId()).toList();
	}

}
