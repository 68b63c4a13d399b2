package org.openpharma.crm.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ApprovedContent;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.action.NextActionDecisions;
import org.openpharma.crm.action.NextActions;
import org.openpharma.crm.action.Suggestion;
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
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Segments and campaigns against PostgreSQL: each criterion's query, saved segments with optimistic locking, an
 * e-mail campaign's launch with its holdout, the dispatcher's consent, address and fatigue checks with the
 * exclusions reported, the results against the holdout, and a push campaign's suggestion in the MR's next actions.
 */
@PostgresTest
class CampaignsIntegrationTests extends PostgresTestBase {

	@Autowired
	Segments segments;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignDispatcher dispatcher;

	@Autowired
	CampaignResults results;

	@Autowired
	NextActions actions;

	@Autowired
	NextActionDecisions decisions;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long hco;

	String marketing;

	ContentViewer sender;

	long leaflet;

	long template;

	@BeforeEach
	void anAreaWithApprovedContent() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '腎臓',"
				+ " 'Kidney') RETURNING id", Long.class, "CA" + n);
		this.hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('島根病院', 'シマネビョウイン', 'HOSPITAL', 32) RETURNING id", Long.class);
		this.marketing = "ca-mkt-" + n;
		this.users.create(this.marketing, "キャンペーン 担当", "campaign-password", "MARKETING", EnumSet.of(Role.MARKETING),
				Set.of(), "test");
		this.sender = new ContentViewer(this.marketing, Set.of(Role.MARKETING), "MARKETING");
		ContentViewer medical = viewer("ca-med-" + n, "MEDICAL", Role.MEDICAL);
		ContentViewer reviewer = viewer("ca-rev-" + n, "COMPLIANCE", Role.REVIEWER);
		LocalDate expires = today().plusMonths(6);
		ApprovedContent content = new ApprovedContent(this.library, this.contentQueries);
		this.leaflet = content.approve(new ContentDraft("腎機能別の用量リーフレット", ContentKind.LEAFLET, this.area, Set.of(),
				Set.of(NeedCategory.DOSING), List.of("用量"), Set.of(), Set.of(ConsentChannel.VISIT, ConsentChannel.EMAIL),
				"ja", null, "本文", expires, false, null), null, this.sender, medical, reviewer).versionId();
		this.template = content.approve(new ContentDraft("{{hcp.name}} 先生へ：新しい資料のご案内", ContentKind.EMAIL_TEMPLATE,
				this.area, Set.of(), Set.of(), List.of(), Set.of(), Set.of(ConsentChannel.EMAIL), "ja", null,
				"{{hcp.name}} 先生\n{{content.links}}\n配信停止: {{unsubscribe.link}}", expires, false, null), null,
				this.sender, medical, reviewer).versionId();
		this.actions.forgetLibrary();
	}

	private ContentViewer viewer(String username, String department, Role role) {
		this.users.create(username, username, "campaign-password", department, EnumSet.of(role), Set.of(), "test");
		return new ContentViewer(username, Set.of(role), department);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), Japan.ZONE);
	}

	/** An active HCP with a stage in the area, an address, and consent to promotional e-mail when told so. */
	private long hcp(AdoptionStage stage, String email, boolean consent) {
		UniqueNames.Name name = UniqueNames.next();
		long id = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, specialty_code, email, primary_hco_id)"
				+ " VALUES (?, ?, 'NEPHROLOGY', ?, ?) RETURNING id", Long.class, name.kanji() + " 花子",
				name.kana() + " ハナコ", email, this.hco);
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, ?, ?, 'test')", id, this.area, stage.name(),
				Timestamp.from(this.clock.instant().minusSeconds(86400L * 40)));
		if (consent) {
			// Promotional e-mail only: visits are opt-out, allowed without a record.
			this.consents.record(id, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL, ConsentState.GRANTED,
					ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null), "test");
		}
		return id;
	}

	private SegmentCriteria inArea(Set<AdoptionStage> stages, Set<ConsentChannel> consent) {
		return new SegmentCriteria(this.area, stages, null, null, null, null, null, null, null, null, null, consent, null);
	}

	private static List<String> codes(ValidationException ex) {
		return ex.getViolations().stream().map(v -> v.field() + ":" + v.code()).toList();
	}

	@Test
	void eachCriterionNarrowsTheLiveCount() {
		long aware = hcp(AdoptionStage.AWARE, "a@example.jp", true);
		long interested = hcp(AdoptionStage.INTERESTED, "b@example.jp", false);
		long trial = hcp(AdoptionStage.TRIAL, "c@example.jp", true);
		this.jdbc.update("INSERT INTO information_need (hcp_id, topic, category, therapeutic_area_id, urgency, status,"
				+ " created_by, created_at, updated_by, updated_at) VALUES (?, '腎機能低下時の用量', 'DOSING', ?, 'NORMAL',"
				+ " 'OPEN', 'test', now(), 'test', now())", trial, this.area);
		this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, recorded_at,"
				+ " updated_at) VALUES (?, 'VISIT', ?, 'test', 'SALES', now(), now())", aware,
				Timestamp.from(this.clock.instant().minusSeconds(86400L * 5)));
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, treated_patients, reported_by,"
				+ " reported_at) VALUES (?, ?, date '2026-09-01', 8, 'test', now()), (?, ?, date '2026-10-01', 7, 'test', now())",
				trial, this.area, trial, this.area);

		assertThat(this.segments.count(inArea(Set.of(), Set.of()))).isEqualTo(3);
		assertThat(this.segments.memberIds(inArea(Set.of(AdoptionStage.AWARE, AdoptionStage.TRIAL), Set.of())))
			.containsExactly(aware, trial);
		// E-mail is opt-in: the HCP without a record is not in the segment.
		assertThat(this.segments.memberIds(inArea(Set.of(), Set.of(ConsentChannel.EMAIL)))).containsExactly(aware, trial);
		// Visits are opt-out: allowed unless the HCP objected.
		assertThat(this.segments.count(inArea(Set.of(), Set.of(ConsentChannel.VISIT)))).isEqualTo(3);
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, Set.of("NEPHROLOGY"), Set.of("CHUGOKU"),
				null, Set.of(NeedCategory.DOSING), null, null, null, null, null, null))).containsExactly(trial);
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, null, null, Set.of(13), null, null,
				null, null, null, null, null))).isEmpty();
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, null, null, null, null, null, null,
				30, null, null, null))).containsExactly(aware);
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, null, null, null, null, null, null,
				null, 30, null, null))).containsExactly(interested, trial);
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, null, null, null, null, null, null,
				null, null, null, 15))).containsExactly(trial);
		assertThat(this.segments.memberIds(new SegmentCriteria(this.area, null, null, null, null, null, null, null, null,
				null, null, null, 16))).isEmpty();
		var page = this.segments.members(inArea(Set.of(), Set.of()), 0);
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.items()).extracting(Segments.Member::stage).containsExactlyInAnyOrder("AWARE", "INTERESTED", "TRIAL");
	}

	@Test
	void badCriteriaAreRefusedFieldByField() {
		assertThatThrownBy(() -> this.segments.count(new SegmentCriteria(null, Set.of(AdoptionStage.AWARE), 999_999_999L,
				Set.of("NOPE"), null, Set.of(99), null, null, null, null, null, null, null)))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(codes(ex)).containsExactly(
					"stages:segment.stages.needArea", "productId:segment.unknown", "specialties:segment.unknown",
					"prefectures:segment.unknown"));
	}

	@Test
	void aSavedSegmentStaysLiveAndIsChangedOnlyFromTheVersionSeen() {
		hcp(AdoptionStage.AWARE, "a@example.jp", true);
		String name = "腎臓 認知層 " + System.nanoTime();
		Segments.Saved saved = this.segments.create(name, "認知段階の先生方", inArea(Set.of(AdoptionStage.AWARE), Set.of()),
				this.marketing);
		assertThat(this.segments.count(saved.criteria())).isEqualTo(1);
		hcp(AdoptionStage.AWARE, "b@example.jp", true);
		assertThat(this.segments.count(this.segments.get(saved.id()).criteria())).isEqualTo(2);

		assertThatThrownBy(() -> this.segments.create(" " + name.toUpperCase() + " ", null, SegmentCriteria.everyone(),
				this.marketing))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(codes(ex)).containsExactly("name:segment.name.taken"));
		Segments.Saved changed = this.segments.update(saved.id(), saved.version(), name, null,
				inArea(Set.of(AdoptionStage.AWARE, AdoptionStage.INTERESTED), Set.of()), this.marketing);
		assertThat(changed.version()).isEqualTo(saved.version() + 1);
		assertThatThrownBy(() -> this.segments.update(saved.id(), saved.version(), name, null, SegmentCriteria.everyone(),
				this.marketing))
			.isInstanceOf(StaleVersionException.class);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE entity_type = 'SEGMENT' AND entity_id = ?",
				Long.class, saved.id())).isEqualTo(2);
	}

	private Segments.Saved segment(SegmentCriteria criteria) {
		return this.segments.create("セグメント " + System.nanoTime(), null, criteria, this.marketing);
	}

	private CampaignDraft email(long segmentId, int holdout) {
		return new CampaignDraft("腎臓 用量リーフレット配信", segmentId, CampaignKind.EMAIL, this.template, this.leaflet, null,
				holdout, this.clock.instant(), null);
	}

	@Test
	void anEmailCampaignMailsTheConsentingMembersAndReportsWhoWasLeftOutAndWhy() {
		long ok = hcp(AdoptionStage.AWARE, "ok@example.jp", true);
		long noConsent = hcp(AdoptionStage.AWARE, "none@example.jp", false);
		long withdrawn = hcp(AdoptionStage.AWARE, "gone@example.jp", true);
		this.consents.record(withdrawn, new ConsentEntry(ConsentChannel.EMAIL, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.EMAIL_LINK, null, "test", this.clock.instant().minusSeconds(10), null),
				"test");
		long noAddress = hcp(AdoptionStage.AWARE, null, true);
		long tired = hcp(AdoptionStage.AWARE, "tired@example.jp", true);
		for (int i = 0; i < 5; i++) {
			this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, purpose,"
					+ " recorded_at, updated_at) VALUES (?, 'EMAIL_OUT', ?, 'test', 'MARKETING', 'PROMOTIONAL', now(), now())",
					tired, Timestamp.from(this.clock.instant().minusSeconds(86400L * (i + 1))));
		}
		Segments.Saved segment = segment(inArea(Set.of(AdoptionStage.AWARE), Set.of()));

		long id = this.campaigns.launch(email(segment.id(), 0), this.sender);
		Campaigns.Campaign launched = this.campaigns.get(id);
		assertThat(launched.status()).isEqualTo(CampaignStatus.RUNNING);
		assertThat(launched.members()).isEqualTo(5);
		assertThat(launched.therapeuticAreaId()).isEqualTo(this.area);

		this.dispatcher.dispatch(100);
		this.dispatcher.dispatch(100);

		Campaigns.Progress progress = this.campaigns.progress(id);
		assertThat(progress.queued()).isEqualTo(1);
		assertThat(progress.exclusions()).containsEntry(Exclusion.NO_CONSENT, 1)
			.containsEntry(Exclusion.WITHDRAWN, 1)
			.containsEntry(Exclusion.NO_ADDRESS, 1)
			.containsEntry(Exclusion.FATIGUE, 1);
		assertThat(this.campaigns.excluded(id, 10)).extracting(Campaigns.ExcludedMember::hcpId)
			.containsExactlyInAnyOrder(noConsent, withdrawn, noAddress, tired);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id = ? AND status = 'QUEUED'",
				Long.class, ok)).isEqualTo(1);
		assertThat(this.campaigns.get(id).status()).isEqualTo(CampaignStatus.COMPLETED);
		// Nothing was sent to anyone without consent.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM content_email WHERE hcp_id IN (?, ?)", Long.class,
				noConsent, withdrawn)).isZero();
	}

	@Test
	void theResultsCompareTheReachedMembersWithTheHoldout() {
		for (int i = 0; i < 40; i++) {
			hcp(AdoptionStage.AWARE, "m" + i + "@example.jp", true);
		}
		Segments.Saved segment = segment(inArea(Set.of(AdoptionStage.AWARE), Set.of()));
		long id = this.campaigns.launch(email(segment.id(), 25), this.sender);
		Campaigns.Campaign campaign = this.campaigns.get(id);
		assertThat(campaign.heldOut()).isBetween(3, 20);
		this.dispatcher.dispatch(100);
		List<Long> targeted = this.jdbc.queryForList("SELECT hcp_id FROM campaign_member WHERE campaign_id = ?"
				+ " AND status <> 'HOLDOUT' ORDER BY hcp_id", Long.class, id);
		List<Long> held = this.jdbc.queryForList("SELECT hcp_id FROM campaign_member WHERE campaign_id = ?"
				+ " AND status = 'HOLDOUT' ORDER BY hcp_id", Long.class, id);
		// After the mail: two of the reached and one of the held-out move forward; one reached reports patients.
		Instant later = this.clock.instant().plusSeconds(3600);
		for (long hcpId : List.of(targeted.get(0), targeted.get(1), held.get(0))) {
			this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, changed_by,"
					+ " changed_at) VALUES (?, ?, 'AWARE', 'INTERESTED', 'test', ?)", hcpId, this.area, Timestamp.from(later));
		}
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, treated_patients, reported_by,"
				+ " reported_at) VALUES (?, ?, date '2026-11-01', 3, 'test', ?), (?, ?, date '2026-11-01', 4, 'test', ?)",
				targeted.get(0), this.area, Timestamp.from(later), targeted.get(0), this.area,
				Timestamp.from(later.plusSeconds(60)));
		// A move backwards is not a move forward.
		this.jdbc.update("INSERT INTO stage_change (hcp_id, therapeutic_area_id, from_stage, to_stage, changed_by,"
				+ " changed_at) VALUES (?, ?, 'AWARE', 'UNAWARE', 'test', ?)", targeted.get(2), this.area, Timestamp.from(later));

		CampaignResults.Results result = this.results.of(campaign);

		assertThat(result.targeted().members()).isEqualTo(targeted.size());
		assertThat(result.holdout().members()).isEqualTo(held.size());
		assertThat(result.targeted().mailed()).isEqualTo(targeted.size());
		assertThat(result.holdout().mailed()).isZero();
		assertThat(result.targeted().movedForward()).isEqualTo(2);
		assertThat(result.holdout().movedForward()).isEqualTo(1);
		// The later report of the month corrects the first: 4 patients, not 7.
		assertThat(result.targeted().reporting()).isEqualTo(1);
		assertThat(result.targeted().treatedPatients()).isEqualTo(4);
		assertThat(result.windowClosed()).isFalse();
	}

	@Test
	void aCampaignIsRefusedWithoutContentTheSenderMayUseOrWithAnEmptySegment() {
		Segments.Saved empty = segment(inArea(Set.of(AdoptionStage.ADVOCATE), Set.of()));
		assertThatThrownBy(() -> this.campaigns.launch(email(empty.id(), 10), this.sender))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(codes(ex)).containsExactly("segmentId:campaign.segment.empty"));
		hcp(AdoptionStage.AWARE, "a@example.jp", true);
		Segments.Saved segment = segment(inArea(Set.of(AdoptionStage.AWARE), Set.of()));
		CampaignDraft swapped = new CampaignDraft("x", segment.id(), CampaignKind.EMAIL, this.leaflet, this.template, null,
				10, this.clock.instant(), null);
		assertThatThrownBy(() -> this.campaigns.launch(swapped, this.sender))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(codes(ex))
				.containsExactly("contentVersionId:campaign.content.unusable", "templateVersionId:campaign.template.unusable"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM campaign WHERE segment_id IN (?, ?)", Long.class,
				empty.id(), segment.id())).isZero();
	}

	@Test
	void aPushCampaignPutsItsVisitIntoTheMrsNextActionsUntilItIsCancelled() {
		long member = hcp(AdoptionStage.AWARE, "p@example.jp", true);
		Segments.Saved segment = segment(inArea(Set.of(AdoptionStage.AWARE), Set.of()));
		long id = this.campaigns.launch(new CampaignDraft("訪問キャンペーン", segment.id(), CampaignKind.PUSH, null,
				this.leaflet, Channel.VISIT, 0, this.clock.instant(), today().plusDays(30)), this.sender);
		this.dispatcher.dispatch(100);
		assertThat(this.campaigns.progress(id).suggested()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class, member))
			.isEqualTo(1);

		this.actions.refresh(member);
		Suggestion visit = this.actions.forHcp(member)
			.stream()
			.flatMap(a -> a.outcome().suggestions().stream())
			.filter(s -> id == (s.campaignId() != null ? s.campaignId() : -1))
			.findFirst()
			.orElseThrow();
		assertThat(visit.kind()).isEqualTo(ActionKind.VISIT);
		assertThat(visit.contentVersionId()).isEqualTo(this.leaflet);
		assertThat(this.jdbc.queryForObject("SELECT campaign_id FROM next_action WHERE hcp_id = ? AND kind = 'VISIT'",
				Long.class, member)).isEqualTo(id);
		String mr = "ca-mr-" + System.nanoTime() % 1_000_000_000L;
		this.users.create(mr, "島根 MR", "campaign-password", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		this.decisions.dismiss(member, visit.key(), "来月は学会で不在のため", mr);
		assertThat(this.results.of(this.campaigns.get(id)).decisions().dismissed()).isEqualTo(1);

		this.campaigns.cancel(id, this.campaigns.get(id).version(), "対象資料の改訂のため", this.marketing);
		this.actions.refresh(member);
		assertThat(this.actions.forHcp(member)
			.stream()
			.flatMap(a -> a.outcome().suggestions().stream())
			.filter(s -> s.campaignId() != null)).isEmpty();
		assertThatThrownBy(() -> this.campaigns.cancel(id, this.campaigns.get(id).version(), "again", this.marketing))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(codes(ex)).containsExactly("reason:campaign.cancel.notOpen"));
	}

}
