package org.openpharma.crm.gap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ApprovedContent;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentDraft;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.content.ContentLibrary;
import org.openpharma.crm.content.ContentQueries;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.gap.ContentGapQueries.Filter;
import org.openpharma.crm.gap.ContentGapQueries.Group;
import org.openpharma.crm.gap.ContentGapQueries.Source;
import org.openpharma.crm.gap.ContentGapQueries.WaitingHcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.JapaneseText;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The content-gap report and content requests against PostgreSQL, on this test's own area, product, HCPs, needs
 * and content: the figures of each group from the rollups (and the same from the raw rows), following needs and
 * stages as they move; the match with approved content behind the firewall; the HCPs behind a group within a
 * scope; requests, their snapshot, and their answer once content is approved.
 */
@PostgresTest
class ContentGapQueriesIntegrationTests extends PostgresTestBase {

	static final int TOKYO = 13;

	static final int ISHIKAWA = 17;

	@Autowired
	ContentGapQueries gaps;

	@Autowired
	ContentRequests requests;

	@Autowired
	ContentRequestQueries requestQueries;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries content;

	@Autowired
	AuditTrail audit;

	@Autowired
	HcpManagement hcps;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long product;

	long h1;

	long h2;

	long h3;

	YearMonth thisMonth;

	Instant now;

	ContentViewer marketing;

	ContentViewer medical;

	ContentViewer medical2;

	ContentViewer medical3;

	ContentViewer reviewer;

	@BeforeEach
	void anAreaAProductAndThreeHcps() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '領域',"
				+ " 'Area') RETURNING id", Long.class, "GAP" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, 'ギャップ錠', 'Gaptab', ?) RETURNING id", Long.class, "GAP" + n + "P", this.area);
		this.h1 = hcp(TOKYO);
		this.h2 = hcp(TOKYO);
		this.h3 = hcp(ISHIKAWA);
		this.now = this.clock.instant();
		this.thisMonth = YearMonth.from(LocalDate.ofInstant(this.now, Japan.ZONE));
		this.marketing = new ContentViewer("mkt-" + n, Set.of(Role.MARKETING), "MARKETING");
		this.medical = new ContentViewer("med-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.medical2 = new ContentViewer("med2-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.medical3 = new ContentViewer("med3-" + n, Set.of(Role.MEDICAL), "MEDICAL");
		this.reviewer = new ContentViewer("rev-" + n, Set.of(Role.REVIEWER), "COMPLIANCE");
	}

	long hcp(int prefecture) {
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('ギャップ病院', 'ギャップビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, prefecture);
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null, null,
				null, hco), "test").getId();
	}

	long need(long hcp, String topic, NeedCategory category, Long product, String status, Instant createdAt) {
		return this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, therapeutic_area_id,"
				+ " product_id, urgency, status, routed_to, close_reason, fulfilment, created_by, created_at, updated_by,"
				+ " updated_at) VALUES (?, ?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, 'mr01', ?, 'mr01', ?) RETURNING id",
				Long.class, hcp, topic, category.name(), (product == null) ? this.area : null, product, status,
				"OPEN".equals(status) ? null : "MEDICAL", "CLOSED_UNMET".equals(status) ? "該当するデータなし" : null,
				status.startsWith("FULFILLED") ? "資料を送付" : null, Timestamp.from(createdAt),
				Timestamp.from(createdAt));
	}

	void stage(long hcp, AdoptionStage stage) {
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, ?, now(), 'test') ON CONFLICT (hcp_id, therapeutic_area_id) DO UPDATE SET stage = excluded.stage",
				hcp, this.area, stage.name());
	}

	Instant monthsAgo(int months) {
		return LocalDate.ofInstant(this.now, Japan.ZONE).withDayOfMonth(10).minusMonths(months)
			.atStartOfDay(Japan.ZONE).toInstant();
	}

	List<Group> mine(Source source, boolean seesMedical) {
		return this.gaps.report(new Filter(this.area, null, null, null), seesMedical, source).groups();
	}

	ContentGapQueries.Months months(Group group, Source source) {
		return this.gaps.months(List.of(group.key()), this.gaps.report(Filter.none(), false).months(), source)
			.get(group.key());
	}

	Group group(List<Group> groups, NeedCategory category) {
		return groups.stream().filter(g -> g.key().category() == category).findFirst().orElseThrow();
	}

	List<Long> trend(long... lastMonths) {
		Long[] trend = new Long[12];
		java.util.Arrays.fill(trend, 0L);
		for (int i = 0; i < lastMonths.length; i++) {
			trend[12 - lastMonths.length + i] = lastMonths[i];
		}
		return List.of(trend);
	}

	@Test
	void theTopicKeyOfTheDatabaseIsTheApplicationsOwn() {
		for (String topic : List.of("ＨｂＡ１ｃ 目標", "hba1c目標", "ていきょう　テイキョウ", "ｼﾞﾝｷﾉｳ別の用量", "ΑΒΓ Ⅱ", "a\tb\nc",
				"服薬指導用の資料", "  前後の空白  ", "Long-Term データ")) {
			assertThat(this.jdbc.queryForObject("SELECT content_gap_topic_key(?)", String.class, topic))
				.as(topic).isEqualTo(JapaneseText.topicKey(topic)).isEqualTo(TopicClustering.NORMALISED.keyOf(topic));
		}
	}

	@Test
	void groupsCountOpenAndUnmetNeedsByNormalisedTopicWithStagesAgeAndTrend() {
		stage(this.h1, AdoptionStage.INTERESTED);
		stage(this.h2, AdoptionStage.TRIAL);
		long n1 = need(this.h1, "腎機能別の用量", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(2));
		need(this.h2, "腎機能別ノ 用量", NeedCategory.DOSING, this.product, "TRIAGED", monthsAgo(0));
		need(this.h3, "じんきのうべつの用量", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(14));
		need(this.h3, "腎機能別の用量", NeedCategory.DOSING, this.product, "CLOSED_UNMET", monthsAgo(1));
		need(this.h2, "腎機能別の用量", NeedCategory.DOSING, this.product, "FULFILLED", monthsAgo(1));
		need(this.h1, "長期有効性", NeedCategory.EFFICACY, null, "IN_PROGRESS", monthsAgo(0));

		for (Source source : Source.values()) {
			List<Group> groups = mine(source, false);
			// じんきのうべつ (hiragana) is another key than 腎機能別 (kanji): three groups, the largest first.
			assertThat(groups).extracting(g -> g.key().topicKey())
				.containsExactly("腎機能別ノ用量", "長期有効性", "ジンキノウベツノ用量");
			Group dosing = groups.get(0);
			assertThat(dosing.key()).isEqualTo(new GapKey(this.area, this.product, NeedCategory.DOSING, "腎機能別ノ用量"));
			assertThat(dosing.waiting()).isEqualTo(2);
			assertThat(dosing.unmet()).isEqualTo(1);
			assertThat(months(dosing, source).oldest()).isEqualTo(this.thisMonth.minusMonths(2));
			assertThat(months(dosing, source).trend()).isEqualTo(trend(1, 1, 1));
			assertThat(dosing.stages()).isEqualTo(Map.of("INTERESTED", 1L, "TRIAL", 1L));
			assertThat(dosing.answered()).isFalse();
			Group efficacy = groups.get(1);
			assertThat(efficacy.key()).isEqualTo(new GapKey(this.area, 0, NeedCategory.EFFICACY, "長期有効性"));
			assertThat(efficacy.waiting()).isEqualTo(1);
			assertThat(efficacy.stages()).isEqualTo(Map.of("INTERESTED", 1L));
			Group old = groups.get(2);
			assertThat(months(old, source).oldest()).isEqualTo(this.thisMonth.minusMonths(14));
			assertThat(months(old, source).trend()).isEqualTo(trend(0));
			assertThat(old.stages()).isEqualTo(Map.of("NONE", 1L));
		}
		assertThat(this.gaps.topics(List.of(mine(Source.ROLLUP, false).get(0).key())).values())
			.containsExactly("腎機能別の用量");

		// A stage moves the HCP's waiting needs; a fulfilled need leaves; another filter, another answer.
		stage(this.h1, AdoptionStage.ADOPTER);
		this.jdbc.update("UPDATE information_need SET status = 'FULFILLED', routed_to = 'MEDICAL', fulfilment = 'x'"
				+ " WHERE id = ?", n1);
		for (Source source : Source.values()) {
			Group dosing = mine(source, false).get(0);
			assertThat(dosing.waiting()).isEqualTo(1);
			assertThat(months(dosing, source).oldest()).isEqualTo(this.thisMonth);
			assertThat(months(dosing, source).trend()).isEqualTo(trend(0, 0, 1, 1));
			assertThat(dosing.stages()).isEqualTo(Map.of("TRIAL", 1L));
			assertThat(group(mine(source, false), NeedCategory.EFFICACY).stages()).isEqualTo(Map.of("ADOPTER", 1L));
		}
		assertThat(this.gaps.report(new Filter(this.area, this.product, null, null), false).groups())
			.extracting(g -> g.key().topicKey()).containsExactly("腎機能別ノ用量", "ジンキノウベツノ用量");
		assertThat(this.gaps.report(new Filter(this.area, null, NeedCategory.EFFICACY, null), false).groups())
			.hasSize(1);
		assertThat(this.gaps.report(new Filter(this.area, null, null, true), false).groups()).isEmpty();
	}

	@Test
	void theNeedsOfAnErasedHcpWaitForNobody() {
		long need = need(this.h1, "長期有効性", NeedCategory.EFFICACY, null, "OPEN", monthsAgo(0));
		need(this.h2, "長期有効性", NeedCategory.EFFICACY, null, "OPEN", monthsAgo(0));
		assertThat(mine(Source.ROLLUP, false).get(0).waiting()).isEqualTo(2);
		// What crm_erase_needs (R__erasure.sql) does to an erased HCP's needs.
		this.jdbc.update("UPDATE information_need SET topic = '(消去済み)' WHERE id = ?", need);
		for (Source source : Source.values()) {
			assertThat(mine(source, false)).extracting(Group::waiting).containsExactly(1L);
		}
	}

	@Test
	void approvedContentAnswersAGroupAndACommercialReaderSeesOnlyThatMedicalAffairsAnswered() {
		need(this.h1, "腎機能別の用量", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(0));
		need(this.h2, "長期有効性", NeedCategory.EFFICACY, null, "OPEN", monthsAgo(0));
		need(this.h2, "患者向け資材", NeedCategory.PATIENT_SUPPORT, null, "OPEN", monthsAgo(0));
		need(this.h3, "患者向け資材", NeedCategory.PATIENT_SUPPORT, null, "OPEN", monthsAgo(0));
		// A dosing leaflet of the product (another topic): answers the product's dosing questions.
		long leaflet = approvedPromotional("用量早見表", NeedCategory.DOSING, Set.of(this.product), List.of("早見表"));
		// A medical letter on long-term efficacy: answers, but only medical affairs sees with what.
		long letter = approvedMedical("長期有効性に関する文献", NeedCategory.EFFICACY, List.of("長期 有効性"));

		List<Group> commercial = mine(Source.ROLLUP, false);
		// No content first; then by needs waiting (a tie here), area and product (none before one).
		assertThat(commercial).extracting(g -> g.key().category())
			.containsExactly(NeedCategory.PATIENT_SUPPORT, NeedCategory.EFFICACY, NeedCategory.DOSING);
		assertThat(commercial.get(0).answered()).isFalse();
		assertThat(commercial.get(0).waiting()).isEqualTo(2);
		assertThat(commercial.get(2).answer().items()).extracting(UsableContent::itemId).containsExactly(leaflet);
		assertThat(commercial.get(2).answer().byMedicalAffairs()).isFalse();
		assertThat(commercial.get(1).answer().items()).isEmpty();
		assertThat(commercial.get(1).answer().byMedicalAffairs()).isTrue();
		assertThat(commercial.get(1).answered()).isTrue();

		List<Group> medicalView = mine(Source.ROLLUP, true);
		assertThat(group(medicalView, NeedCategory.EFFICACY).answer().items()).extracting(UsableContent::itemId)
			.containsExactly(letter);

		assertThat(this.gaps.report(new Filter(this.area, null, null, false), false).groups())
			.extracting(g -> g.key().category()).containsExactly(NeedCategory.PATIENT_SUPPORT);
		assertThat(this.gaps.report(new Filter(this.area, null, null, true), false).groups()).hasSize(2);
		assertThat(this.gaps.report(new Filter(this.area, null, null, null), false).withoutContent()).isEqualTo(1);
	}

	@Test
	void theHcpsBehindAGroupOldestFirstWithinAScope() {
		stage(this.h2, AdoptionStage.AWARE);
		need(this.h1, "用量", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(0));
		need(this.h2, "用量", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(3));
		need(this.h2, "ようりょう", NeedCategory.DOSING, this.product, "OPEN", monthsAgo(1));
		need(this.h3, "用量", NeedCategory.DOSING, this.product, "IN_PROGRESS", monthsAgo(2));
		need(this.h3, "用量", NeedCategory.DOSING, this.product, "CLOSED_UNMET", monthsAgo(2));
		GapKey key = new GapKey(this.area, this.product, NeedCategory.DOSING, "用量");

		var all = this.gaps.hcps(key, false, null, 0, 50);
		assertThat(all.total()).isEqualTo(3);
		assertThat(all.items()).extracting(WaitingHcp::id).containsExactly(this.h2, this.h3, this.h1);
		assertThat(all.items().get(0).stage()).isEqualTo("AWARE");
		assertThat(all.items().get(0).needs()).isEqualTo(1);
		assertThat(all.items().get(0).prefectureCode()).isEqualTo(TOKYO);
		assertThat(all.items().get(1).stage()).isEqualTo("NONE");

		assertThat(this.gaps.hcps(key, false, Set.of(TOKYO), 0, 50).items()).extracting(WaitingHcp::id)
			.containsExactly(this.h2, this.h1);
		assertThat(this.gaps.hcps(key, true, null, 0, 50).items()).extracting(WaitingHcp::id).containsExactly(this.h3);
		List<Long> each = new java.util.ArrayList<>();
		this.gaps.forEachHcp(key, false, Set.of(ISHIKAWA), h -> each.add(h.id()));
		assertThat(each).containsExactly(this.h3);
	}

	@Test
	void aRequestSnapshotsTheWaitingNeedsGoesToItsDepartmentAndIsAnsweredOnceContentIsApproved() {
		long n1 = need(this.h1, "患者向け資材", NeedCategory.PATIENT_SUPPORT, this.product, "OPEN", monthsAgo(1));
		long n2 = need(this.h2, "患者向け 資材", NeedCategory.PATIENT_SUPPORT, this.product, "TRIAGED", monthsAgo(0));
		long n3 = need(this.h2, "患者向け資材", NeedCategory.PATIENT_SUPPORT, this.product, "OPEN", monthsAgo(0));
		need(this.h3, "患者向け資材", NeedCategory.PATIENT_SUPPORT, this.product, "CLOSED_UNMET", monthsAgo(0));
		GapKey key = new GapKey(this.area, this.product, NeedCategory.PATIENT_SUPPORT, "患者向ケ資材");
		assertThat(mine(Source.ROLLUP, false)).extracting(Group::key).containsExactly(key);

		long id = this.requests.raise(new ContentRequestDraft(key, "患者さん向けの説明冊子が必要です"), this.marketing.username());
		var detail = this.requestQueries.detail(id, false).orElseThrow();
		assertThat(detail.request().assignedTo()).isEqualTo(RequestDepartment.MARKETING);
		assertThat(detail.request().hcpCount()).isEqualTo(2);
		assertThat(detail.request().needCount()).isEqualTo(3);
		assertThat(detail.request().stillOpen()).isEqualTo(3);
		assertThat(detail.request().topic()).isEqualTo("患者向け資材");
		assertThat(detail.request().requestedBy()).isEqualTo(this.marketing.username());
		assertThat(detail.request().answered()).isFalse();
		assertThat(detail.needs()).extracting(ContentRequestQueries.RequestNeed::id).containsExactly(n1, n2, n3);
		assertThat(detail.needs()).noneMatch(ContentRequestQueries.RequestNeed::offered);
		assertThat(this.requestQueries.offers(List.of(n1, n2, n3), false)).isEmpty();
		assertThat(this.requestQueries.list(RequestDepartment.MARKETING, false, 0, 100).items())
			.extracting(ContentRequestQueries.RequestRow::id).contains(id);
		assertThat(this.requestQueries.list(RequestDepartment.MEDICAL, false, 0, 100).items())
			.extracting(ContentRequestQueries.RequestRow::id).doesNotContain(id);
		assertThat(this.audit.actions("CONTENT_REQUEST", id, 5)).extracting("action").containsExactly("RAISE");

		// A need raised later is not in the snapshot; content approved answers it; a fulfilled need is not offered.
		need(this.h3, "患者向け資材", NeedCategory.PATIENT_SUPPORT, this.product, "OPEN", monthsAgo(0));
		long item = approvedPromotional("患者さん向け説明冊子", NeedCategory.PATIENT_SUPPORT, Set.of(), List.of("患者向け資材"));
		this.jdbc.update("UPDATE information_need SET status = 'FULFILLED', routed_to = 'MARKETING', fulfilment = 'x'"
				+ " WHERE id = ?", n3);
		detail = this.requestQueries.detail(id, false).orElseThrow();
		assertThat(detail.request().answered()).isTrue();
		assertThat(detail.request().answer().items()).extracting(UsableContent::itemId).containsExactly(item);
		assertThat(detail.request().stillOpen()).isEqualTo(2);
		assertThat(detail.needs()).filteredOn(ContentRequestQueries.RequestNeed::offered)
			.extracting(ContentRequestQueries.RequestNeed::id).containsExactly(n1, n2);
		Map<Long, GapAnswer> offers = this.requestQueries.offers(List.of(n1, n2, n3), false);
		assertThat(offers.keySet()).containsExactlyInAnyOrder(n1, n2);
		assertThat(offers.get(n1).items()).extracting(UsableContent::itemId).containsExactly(item);
	}

	@Test
	void aSafetyRequestGoesToMedicalAffairsAndABadRequestIsRefusedByField() {
		need(this.h1, "妊婦への投与", NeedCategory.SAFETY, this.product, "OPEN", monthsAgo(0));
		long id = this.requests.raise(new ContentRequestDraft(new GapKey(this.area, this.product, NeedCategory.SAFETY,
				"妊婦ヘノ投与"), null), "marketing");
		assertThat(this.requestQueries.detail(id, false).orElseThrow().request().assignedTo())
			.isEqualTo(RequestDepartment.MEDICAL);
		assertThatThrownBy(() -> this.requests.raise(new ContentRequestDraft(new GapKey(0, 0, NeedCategory.OTHER, "x"),
				null), "marketing")).isInstanceOfSatisfying(ValidationException.class,
						ex -> assertThat(ex.getViolations()).extracting("field").containsExactly("group"));
		assertThatThrownBy(() -> this.requests.raise(new ContentRequestDraft(new GapKey(this.area, -5,
				NeedCategory.OTHER, "x"), null), "marketing")).isInstanceOf(ValidationException.class);
	}

	long approvedPromotional(String title, NeedCategory category, Set<Long> products, List<String> topics) {
		return new ApprovedContent(this.library, this.content)
			.approve(draft(title, category, products, topics), null, this.marketing, this.medical, this.reviewer)
			.itemId();
	}

	long approvedMedical(String title, NeedCategory category, List<String> topics) {
		return new ApprovedContent(this.library, this.content)
			.approve(draft(title, category, Set.of(), topics), null, this.medical, this.medical2, this.medical3)
			.itemId();
	}

	ContentDraft draft(String title, NeedCategory category, Set<Long> products, List<String> topics) {
		return new ContentDraft(title, ContentKind.LEAFLET, this.area, products, Set.of(category), topics,
				Set.of(AdoptionStage.INTERESTED), Set.of(ConsentChannel.VISIT), "ja", "要約", "本文です。",
				LocalDate.ofInstant(this.now, Japan.ZONE).plusMonths(6), false, null);
	}

}
