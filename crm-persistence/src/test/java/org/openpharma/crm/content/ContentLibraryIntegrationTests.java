package org.openpharma.crm.content;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentQueries.Filter;
import org.openpharma.crm.content.ContentQueries.VersionRow;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library against PostgreSQL: writing items and versions, the two-person review, what each role sees, the
 * filters, expiry, immutability of approved versions, standard responses as items, and files typed by their bytes.
 */
@PostgresTest
class ContentLibraryIntegrationTests extends PostgresTestBase {

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries queries;

	@Autowired
	ContentFiles files;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	static final MutableClock CLOCK = MutableClock.startingNow();

	@TestBean
	Clock clock;

	static Clock clock() {
		return CLOCK;
	}

	ContentViewer marketing;

	ContentViewer medical;

	ContentViewer medical2;

	ContentViewer medical3;

	ContentViewer reviewer;

	ContentViewer mr;

	long area;

	long product;

	long otherAreaProduct;

	LocalDate today;

	@BeforeEach
	void peopleAndAnArea() {
		CLOCK.set(Instant.now());
		long n = System.nanoTime() % 1_000_000_000L;
		this.marketing = new ContentViewer("mkt-" + n, Set.of(Role.MARKETING), "MARKETING");
		this.medical = new ContentViewer("med-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.medical2 = new ContentViewer("med2-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.medical3 = new ContentViewer("med3-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.reviewer = new ContentViewer("rev-" + n, Set.of(Role.REVIEWER), "COMPLIANCE");
		this.mr = new ContentViewer("mr-" + n, Set.of(Role.MR), "SALES");
		String code = "CL" + n;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '糖尿病',"
				+ " 'Diabetes') RETURNING id", Long.class, code);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '薬', 'Drug', ?) RETURNING id", Long.class, code + "P", this.area);
		long otherArea = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?,"
				+ " '他', 'Other') RETURNING id", Long.class, code + "X");
		this.otherAreaProduct = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en,"
				+ " therapeutic_area_id) VALUES (?, '他薬', 'Other', ?) RETURNING id", Long.class, code + "XP", otherArea);
		this.today = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	ContentDraft draft(String title, ContentKind kind, boolean offLabel, LocalDate expiresOn) {
		return new ContentDraft(title, kind, this.area, Set.of(this.product), Set.of(NeedCategory.DOSING),
				List.of("腎機能別の用量"), Set.of(AdoptionStage.INTERESTED, AdoptionStage.TRIAL),
				Set.of(ConsentChannel.VISIT, ConsentChannel.EMAIL), "ja", "要約", "本文です。", expiresOn, offLabel, null);
	}

	long draftVersion(long itemId) {
		return this.queries.item(itemId, this.marketing.seesMedical() ? this.marketing : this.medical).latest().versionId();
	}

	VersionRow latest(long itemId, ContentViewer viewer) {
		return this.queries.item(itemId, viewer).latest();
	}

	long approvedPromotional(String title, LocalDate expiresOn) {
		long item = this.library.create(draft(title, ContentKind.LEAFLET, false, expiresOn), null, this.marketing);
		VersionRow v = latest(item, this.marketing);
		this.library.submit(v.versionId(), v.version(), this.marketing);
		v = latest(item, this.marketing);
		this.library.review(v.versionId(), v.version(), ReviewSlot.MEDICAL, ReviewDecision.APPROVED, null, this.medical);
		v = latest(item, this.marketing);
		this.library.review(v.versionId(), v.version(), ReviewSlot.REGULATORY, ReviewDecision.APPROVED, null,
				this.reviewer);
		return item;
	}

	@Test
	void anItemIsApprovedByAMedicalAndARegulatoryReviewerAndThenEveryoneMayUseIt() {
		long item = this.library.create(draft("用量早見表", ContentKind.LEAFLET, false, this.today.plusMonths(6)), null,
				this.marketing);
		VersionRow v = latest(item, this.marketing);
		assertThat(v.status()).isEqualTo(ContentStatus.DRAFT);
		assertThat(v.audience()).isEqualTo(ContentAudience.PROMOTIONAL);
		assertThat(this.queries.search(Filter.none(), this.mr, 0).items()).extracting(VersionRow::itemId)
			.doesNotContain(item);

		this.library.submit(v.versionId(), v.version(), this.marketing);
		v = latest(item, this.marketing);
		assertThat(this.library.review(v.versionId(), v.version(), ReviewSlot.MEDICAL, ReviewDecision.APPROVED, null,
				this.medical)).isEqualTo(ContentStatus.IN_REVIEW);
		VersionRow inReview = latest(item, this.marketing);
		assertThatThrownBy(() -> this.library.review(inReview.versionId(), inReview.version(), ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, null, this.medical2)).hasMessageContaining("content.review.wrongRole");
		assertThat(this.library.review(inReview.versionId(), inReview.version(), ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, null, this.reviewer)).isEqualTo(ContentStatus.APPROVED);

		assertThat(this.queries.search(Filter.none(), this.mr, 0).items()).extracting(VersionRow::itemId).contains(item);
		var detail = this.queries.version(item, v.versionId(), this.mr);
		assertThat(detail.reviews()).extracting(ContentQueries.Review::slot)
			.containsExactly(ReviewSlot.MEDICAL, ReviewSlot.REGULATORY);
		assertThat(detail.products()).extracting(ContentQueries.ProductName::id).containsExactly(this.product);
		assertThat(this.audit.actions("CONTENT_VERSION", v.versionId(), 10)).extracting("action")
			.contains("SUBMIT", "REVIEW");
	}

	@Test
	void aReturnedVersionGoesBackToItsAuthorAndTheNextRoundStartsAfresh() {
		long item = this.library.create(draft("説明資料", ContentKind.DETAILING_SLIDES, false, this.today.plusMonths(6)),
				null, this.marketing);
		VersionRow v = latest(item, this.marketing);
		this.library.submit(v.versionId(), v.version(), this.marketing);
		v = latest(item, this.marketing);
		this.library.review(v.versionId(), v.version(), ReviewSlot.MEDICAL, ReviewDecision.APPROVED, null, this.medical);
		v = latest(item, this.marketing);
		assertThat(this.library.review(v.versionId(), v.version(), ReviewSlot.REGULATORY, ReviewDecision.RETURNED,
				"比較表の出典を明記してください", this.reviewer)).isEqualTo(ContentStatus.DRAFT);
		v = latest(item, this.marketing);
		this.library.updateDraft(v.versionId(), v.version(), draft("説明資料（出典付き）", ContentKind.DETAILING_SLIDES,
				false, this.today.plusMonths(6)), null, this.marketing);
		v = latest(item, this.marketing);
		this.library.submit(v.versionId(), v.version(), this.marketing);
		var second = this.queries.version(item, v.versionId(), this.marketing);
		assertThat(second.round()).isEqualTo(2);
		assertThat(second.currentRound()).isEmpty();
		assertThat(second.reviews()).hasSize(2);
		assertThat(second.row().title()).isEqualTo("説明資料（出典付き）");
	}

	@Test
	void aMedicalItemIsReviewedByTwoOtherMedicalPeopleAndStaysBehindTheFirewall() {
		long item = this.library.create(draft("適応外使用に関する文献", ContentKind.MEDICAL_LETTER, true,
				this.today.plusMonths(6)), null, this.medical);
		VersionRow v = latest(item, this.medical);
		assertThat(v.audience()).isEqualTo(ContentAudience.MEDICAL);
		assertThat(v.offLabel()).isTrue();
		this.library.submit(v.versionId(), v.version(), this.medical);
		VersionRow inReview = latest(item, this.medical);
		assertThatThrownBy(() -> this.library.review(inReview.versionId(), inReview.version(), ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, null, this.medical)).hasMessageContaining("content.review.ownVersion");
		assertThatThrownBy(() -> this.library.review(inReview.versionId(), inReview.version(), ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, null, this.reviewer)).isInstanceOf(NotFoundException.class);
		this.library.review(inReview.versionId(), inReview.version(), ReviewSlot.MEDICAL, ReviewDecision.APPROVED, null,
				this.medical2);
		v = latest(item, this.medical);
		this.library.review(v.versionId(), v.version(), ReviewSlot.REGULATORY, ReviewDecision.APPROVED, null,
				this.medical3);
		assertThat(latest(item, this.medical).status()).isEqualTo(ContentStatus.APPROVED);

		for (ContentViewer commercial : List.of(this.mr, this.marketing, this.reviewer)) {
			assertThat(this.queries.search(Filter.none(), commercial, 0).items()).extracting(VersionRow::itemId)
				.doesNotContain(item);
			assertThatThrownBy(() -> this.queries.item(item, commercial)).isInstanceOf(NotFoundException.class);
		}
	}

	@Test
	void badInputIsRefusedFieldByFieldAndNothingIsSaved() {
		Integer before = this.jdbc.queryForObject("SELECT count(*) FROM content_item", Integer.class);
		ContentDraft bad = new ContentDraft(" ", ContentKind.LEAFLET, this.area, Set.of(this.otherAreaProduct), Set.of(),
				List.of(), Set.of(), Set.of(ConsentChannel.VISIT), "ja", null, null, this.today.minusDays(1), true, null);
		assertThatThrownBy(() -> this.library.create(bad, null, this.marketing))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::field)
				.containsExactlyInAnyOrder("title", "productIds", "expiresOn", "offLabel"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_item", Integer.class)).isEqualTo(before);
		assertThatThrownBy(() -> this.library.create(draft("x", ContentKind.LEAFLET, false, this.today.plusDays(9)), null,
				this.mr)).hasMessageContaining("content.author.notAuthor");
	}

	@Test
	void aDraftWithoutFileOrTextCannotGoToReviewAndAStaleFormIsRefused() {
		ContentDraft noText = new ContentDraft("空の資料", ContentKind.LEAFLET, this.area, Set.of(), Set.of(), List.of(),
				Set.of(), Set.of(ConsentChannel.VISIT), "ja", null, null, this.today.plusDays(30), false, null);
		long item = this.library.create(noText, null, this.marketing);
		VersionRow v = latest(item, this.marketing);
		assertThatThrownBy(() -> this.library.submit(v.versionId(), v.version(), this.marketing))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.getField()).isEqualTo("file"));
		assertThatThrownBy(() -> this.library.submit(v.versionId(), v.version() + 1, this.marketing))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.library.submit(v.versionId(), v.version(), this.medical))
			.hasMessageContaining("content.author.notOwner");
	}

	@Test
	void anApprovedVersionNeverChangesAndANewVersionIsANewRow() {
		long item = approvedPromotional("固定された資料", this.today.plusMonths(3));
		VersionRow approved = latest(item, this.marketing);
		assertThatThrownBy(() -> this.jdbc.update("UPDATE content_version SET title = 'changed' WHERE id = ?",
				approved.versionId())).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("only a draft");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM content_version_product WHERE version_id = ?",
				approved.versionId())).isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> this.jdbc.update("UPDATE content_review SET comment = 'x' WHERE version_id = ?",
				approved.versionId())).isInstanceOf(DataAccessException.class);

		long second = this.library.newVersion(item, this.marketing);
		assertThatThrownBy(() -> this.library.newVersion(item, this.marketing))
			.hasMessageContaining("content.version.openExists");
		var item2 = this.queries.item(item, this.marketing);
		assertThat(item2.versions()).extracting(VersionRow::number).containsExactly(2, 1);
		assertThat(item2.latest().versionId()).isEqualTo(second);
		assertThat(item2.latest().status()).isEqualTo(ContentStatus.DRAFT);
		// The MR keeps using the approved version meanwhile.
		assertThat(latest(item, this.mr).versionId()).isEqualTo(approved.versionId());
	}

	@Test
	void withdrawnAndExpiredVersionsCannotBeUsedAndTheFiltersFindWhatIsExpiringSoon() {
		long soon = approvedPromotional("まもなく期限の資料", this.today.plusDays(10));
		long later = approvedPromotional("来年まで有効な資料", this.today.plusYears(1));
		long withdrawn = approvedPromotional("撤回する資料", this.today.plusYears(1));
		VersionRow w = latest(withdrawn, this.marketing);
		assertThatThrownBy(() -> this.library.withdraw(w.versionId(), w.version(), " ", this.marketing))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(ex.getViolations()).extracting(FieldViolation::field).containsExactly("reason"));
		this.library.withdraw(w.versionId(), w.version(), "添付文書改訂のため", this.marketing);

		Filter expiring = new Filter(this.area, null, null, null, null, null, true, null);
		assertThat(this.queries.search(expiring, this.marketing, 0).items()).extracting(VersionRow::itemId)
			.containsExactly(soon);
		Filter approvedHere = new Filter(this.area, this.product, "DOSING", "TRIAL", "EMAIL", "APPROVED", false, null);
		assertThat(this.queries.search(approvedHere, this.mr, 0).items()).extracting(VersionRow::itemId)
			.containsExactlyInAnyOrder(soon, later);
		Filter byTopic = new Filter(this.area, null, null, null, null, null, false, "じんきのう");
		assertThat(this.queries.search(byTopic, this.marketing, 0).items()).isEmpty();
		Filter byKana = new Filter(this.area, null, null, null, null, "WITHDRAWN", false, "撤回");
		assertThat(this.queries.search(byKana, this.marketing, 0).items()).extracting(VersionRow::itemId)
			.containsExactly(withdrawn);

		// Past its date, a version reads as expired before the job marks it, and the job then makes it so.
		CLOCK.advance(Duration.ofDays(11));
		assertThat(latest(soon, this.marketing).status()).isEqualTo(ContentStatus.EXPIRED);
		assertThat(this.queries.search(new Filter(this.area, null, null, null, null, null, false, null), this.mr, 0)
			.items()).extracting(VersionRow::itemId).containsExactly(later);
		this.library.expireDue("system");
		assertThat(this.jdbc.queryForObject("SELECT status FROM content_version WHERE item_id = ?", String.class, soon))
			.isEqualTo("EXPIRED");
		assertThat(this.jdbc.queryForObject("SELECT status FROM content_version WHERE item_id = ?", String.class, later))
			.isEqualTo("APPROVED");
	}

	@Test
	void aStandardResponseOfMedicalAffairsIsAnItemOfTheLibrary() {
		Long response = this.jdbc.queryForObject("INSERT INTO standard_response (product_id, code, title, body,"
				+ " approval_ref, valid_from, valid_to) VALUES (?, ?, '腎機能別の用量', '本文', 'MA-2026-001', ?, ?)"
				+ " RETURNING id", Long.class, this.product, "SR" + System.nanoTime(), this.today.minusDays(1),
				this.today.plusYears(1));
		Long versionId = this.jdbc.queryForObject("SELECT content_version_id FROM standard_response WHERE id = ?",
				Long.class, response);
		Long itemId = this.jdbc.queryForObject("SELECT item_id FROM content_version WHERE id = ?", Long.class, versionId);
		VersionRow row = latest(itemId, this.medical);
		assertThat(row.kind()).isEqualTo(ContentKind.STANDARD_RESPONSE);
		assertThat(row.audience()).isEqualTo(ContentAudience.MEDICAL);
		assertThat(row.status()).isEqualTo(ContentStatus.APPROVED);
		assertThat(row.approvalRef()).isEqualTo("MA-2026-001");
		assertThatThrownBy(() -> this.queries.item(itemId, this.mr)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void aFileIsTypedByItsBytesNotItsName() {
		byte[] pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		var stored = this.files.store("資料.txt", pdf, this.marketing.username());
		assertThat(stored.mediaType()).isEqualTo("application/pdf");
		assertThat(this.files.bytes(stored.id())).isEqualTo(pdf);
		byte[] html = "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> this.files.store("leaflet.pdf", html, this.marketing.username()))
			.isInstanceOfSatisfying(ValidationException.class, ex -> {
				assertThat(ex.getViolations()).extracting(FieldViolation::code).containsExactly("content.file.typeRefused");
				assertThat(ex.getViolations().get(0).arguments()).containsExactly("text/html");
			});
		assertThatThrownBy(() -> this.files.store("empty.pdf", new byte[0], this.marketing.username()))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::code).containsExactly("content.file.empty"));
		ContentDraft noText = new ContentDraft("PDF資料", ContentKind.LEAFLET, this.area, Set.of(), Set.of(), List.of(),
				Set.of(), Set.of(ConsentChannel.VISIT), "ja", null, null, this.today.plusDays(30), false, null);
		Integer filesBefore = this.jdbc.queryForObject("SELECT count(*) FROM content_file", Integer.class);
		assertThatThrownBy(() -> this.library.create(noText, ContentLibrary.Upload.of("x.pdf", html), this.marketing))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::field).containsExactly("file"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_file", Integer.class)).isEqualTo(filesBefore);
		long item = this.library.create(noText, ContentLibrary.Upload.of("資料.pdf", pdf), this.marketing);
		VersionRow v = latest(item, this.marketing);
		this.library.submit(v.versionId(), v.version(), this.marketing);
		long fileId = this.queries.fileOf(v.versionId(), this.marketing).orElseThrow();
		assertThat(this.files.find(fileId).orElseThrow().mediaType()).isEqualTo("application/pdf");
		assertThat(this.files.bytes(fileId)).isEqualTo(pdf);
	}

	@Test
	void theDatabaseStoreKeepsBytesInItsTable() {
		DatabaseFileStore store = new DatabaseFileStore(this.jdbc);
		String key = "k" + System.nanoTime();
		byte[] bytes = { 1, 2, 3 };
		store.put(key, bytes);
		assertThat(store.get(key)).isEqualTo(bytes);
		assertThat(ContentFiles.safeName("C:\\Users\\a\\資料.pdf")).isEqualTo("資料.pdf");
		assertThat(EnumSet.copyOf(List.of(ContentStatus.values()))).hasSize(5);
	}

}
