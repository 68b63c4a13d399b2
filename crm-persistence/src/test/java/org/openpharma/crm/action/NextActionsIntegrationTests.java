package org.openpharma.crm.action;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ApprovedContent;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
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
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Next best actions against PostgreSQL: the facts read for an HCP, the suggestions computed live and stored, a write
 * marking its HCP stale and the refresh, the day's list of a territory, accepting and dismissing with the decision
 * kept, and consent withdrawn taking a suggestion away.
 */
@PostgresTest
class NextActionsIntegrationTests extends PostgresTestBase {

	@Autowired
	NextActions actions;

	@Autowired
	NextActionDecisions decisions;

	@Autowired
	StagePolicies policies;

	@Autowired
	HcpManagement hcps;

	@Autowired
	InteractionManagement interactions;

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

	long hcp;

	String mr;

	String marketing;

	long leaflet;

	long need;

	@BeforeEach
	void anInterestedHcpWithANeedAndALeaflet() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '骨代謝',"
				+ " 'Bone') RETURNING id", Long.class, "NA" + n);
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '鳥取',"
				+ " 'Tottori') RETURNING id", Long.class, "NAT" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 31)", territory);
		this.mr = "na-mr-" + n;
		this.marketing = "na-mkt-" + n;
		this.users.create(this.mr, "次の一手 MR", "next-action-password", "SALES", EnumSet.of(Role.MR), Set.of(territory),
				"test");
		this.users.create(this.marketing, "次の一手 MKT", "next-action-password", "MARKETING", EnumSet.of(Role.MARKETING),
				Set.of(), "test");
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('鳥取病院', 'トットリビョウイン', 'HOSPITAL', 31) RETURNING id", Long.class);
		UniqueNames.Name name = UniqueNames.next();
		this.hcp = this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null,
				"na" + n + "@example.jp", null, hco), "test").getId();
		ConsentFixtures.grantEverything(this.consents, this.hcp, this.clock.instant());
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'INTERESTED', ?, 'test')", this.hcp, this.area,
				java.sql.Timestamp.from(this.clock.instant().minusSeconds(86400L * 10)));
		this.need = this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category, therapeutic_area_id,"
				+ " urgency, status, routed_to, created_by, created_at, updated_by, updated_at) VALUES (?, '骨密度の再検査',"
				+ " 'DOSING', ?, 'NORMAL', 'TRIAGED', 'MARKETING', 'test', ?, 'test', ?) RETURNING id", Long.class, this.hcp,
				this.area, java.sql.Timestamp.from(this.clock.instant().minusSeconds(86400L * 14)),
				java.sql.Timestamp.from(this.clock.instant()));
		ContentViewer author = viewer(this.marketing, "MARKETING", Role.MARKETING);
		ContentViewer medical = viewer(ensure("na-med-" + n, "MEDICAL", Role.MEDICAL), "MEDICAL", Role.MEDICAL);
		ContentViewer reviewer = viewer(ensure("na-rev-" + n, "COMPLIANCE", Role.REVIEWER), "COMPLIANCE", Role.REVIEWER);
		LocalDate expires = LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6);
		this.leaflet = new ApprovedContent(this.library, this.contentQueries)
			.approve(new ContentDraft("骨密度検査の間隔リーフレット", ContentKind.LEAFLET, this.area, Set.of(),
					Set.of(NeedCategory.DOSING), List.of("骨密度の再検査"), Set.of(), Set.of(ConsentChannel.VISIT,
							ConsentChannel.EMAIL), "ja", null, "本文", expires, false, null), null, author, medical, reviewer)
			.versionId();
		this.actions.forgetLibrary();
	}

	private String ensure(String username, String department, Role role) {
		this.users.create(username, username, "next-action-password", department, EnumSet.of(role), Set.of(), "test");
		return username;
	}

	private static ContentViewer viewer(String username, String department, Role role) {
		return new ContentViewer(username, Set.of(role), department);
	}

	private List<Suggestion> suggestions() {
		return this.actions.forHcp(this.hcp)
			.stream()
			.filter(a -> a.therapeuticAreaId() == this.area)
			.findFirst()
			.orElseThrow()
			.outcome()
			.suggestions();
	}

	@Test
	void anInterestedHcpIsVisitedWithTheLeafletThatAnswersTheNeedWithEveryReason() {
		List<Suggestion> suggestions = suggestions();

		assertThat(suggestions).extracting(Suggestion::kind).containsExactly(ActionKind.VISIT, ActionKind.REMOTE_DETAIL);
		Suggestion visit = suggestions.get(0);
		assertThat(visit.contentVersionId()).isEqualTo(this.leaflet);
		assertThat(visit.needId()).isEqualTo(this.need);
		assertThat(visit.department()).isEqualTo("SALES");
		assertThat(visit.policyVersion()).isEqualTo(this.policies.current(this.area).version());
		assertThat(visit.reasons()).extracting(Reason::code)
			.containsExactly("stage", "policy", "rank", "consent", "contactsInWindow", "content", "need");
		assertThat(visit.reasons().get(0).args()).containsExactly("INTERESTED",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).minusDays(10).toString(), "10");
		// The leaflet is not approved for remote detailing: that suggestion goes without it.
		assertThat(suggestions.get(1).contentVersionId()).isNull();
	}

	@Test
	void aContactMarksTheHcpStaleAndTheRefreshStoresTheSuggestionsForTheDaysList() {
		this.interactions.log(new InteractionCapture(this.hcp, new InteractionFacts(Channel.WEBINAR,
				this.clock.instant().minusSeconds(3600), 60, "視聴", null, null, Set.of(), Set.of(this.area)), null, null,
				null, null), this.mr);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class,
				this.hcp)).isEqualTo(1);

		this.actions.refresh(this.hcp);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class,
				this.hcp)).isZero();
		assertThat(this.jdbc.queryForList("SELECT kind FROM next_action WHERE hcp_id = ? ORDER BY rank", String.class,
				this.hcp)).containsExactly("VISIT", "REMOTE_DETAIL");
		assertThat(this.actions.first(List.of(this.hcp)).get(this.hcp).kind()).isEqualTo(ActionKind.VISIT);
		List<NextActions.DayAction> day = this.actions.today(this.users.scopeOf(this.mr), 500);
		assertThat(day).filteredOn(d -> d.hcpId() == this.hcp)
			.singleElement()
			.satisfies(d -> {
				assertThat(d.suggestion().kind()).isEqualTo(ActionKind.VISIT);
				assertThat(d.suggestion().reasons()).contains(Reason.of("lastContact",
						LocalDate.ofInstant(this.clock.instant().minusSeconds(3600), Japan.ZONE), "WEBINAR", "視聴"));
			});
		// Marketing's list holds no MR visit.
		assertThat(this.actions.today(this.users.scopeOf(this.marketing), 500)).noneMatch(d -> d.hcpId() == this.hcp);
		// The row keeps the HCP's prefecture for the territory's list; an HCP who moved away leaves it at once.
		assertThat(this.jdbc.queryForList("SELECT DISTINCT prefecture_code FROM next_action WHERE hcp_id = ?",
				Integer.class, this.hcp)).containsExactly(31);
		Long elsewhere = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('沖縄病院', 'オキナワビョウイン', 'HOSPITAL', 47) RETURNING id", Long.class);
		this.jdbc.update("UPDATE hcp SET primary_hco_id = ? WHERE id = ?", elsewhere, this.hcp);
		assertThat(this.actions.today(this.users.scopeOf(this.mr), 500)).noneMatch(d -> d.hcpId() == this.hcp);
	}

	@Test
	void aStagePolicySaveMarksTheAreasHcpsStaleAndNoOtherArea() {
		this.actions.refresh(this.hcp);
		// One HCP with a stored suggestion of the area but no stage in it, one with a stage in another area only.
		Long hco = this.jdbc.queryForObject("SELECT primary_hco_id FROM hcp WHERE id = ?", Long.class, this.hcp);
		UniqueNames.Name name = UniqueNames.next();
		long suggested = this.hcps.create(new HcpDetails(name.kanji() + " 二郎", name.kana() + " ジロウ", null, null, null,
				null, null, hco), "test").getId();
		this.jdbc.update("INSERT INTO next_action (hcp_id, therapeutic_area_id, rank, kind, due_on, department, score,"
				+ " reasons, policy_version, computed_at) VALUES (?, ?, 1, 'WEB_CONTENT', current_date, 'MARKETING', 10,"
				+ " '[]'::jsonb, 0, now())", suggested, this.area);
		long otherArea = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?,"
				+ " '皮膚', 'Skin') RETURNING id", Long.class, "NB" + System.nanoTime() % 1_000_000_000L);
		UniqueNames.Name other = UniqueNames.next();
		long elsewhere = this.hcps.create(new HcpDetails(other.kanji() + " 三郎", other.kana() + " サブロウ", null, null,
				null, null, null, hco), "test").getId();
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'AWARE', now(), 'test')", elsewhere, otherArea);
		this.jdbc.update("DELETE FROM next_action_stale WHERE hcp_id IN (?, ?, ?)", this.hcp, suggested, elsewhere);

		StagePolicies.PolicyVersion current = this.policies.current(this.area);
		this.policies.save(this.area, current.version(), current.policy(), "方針の見直し", this.marketing);

		assertThat(this.jdbc.queryForList("SELECT hcp_id FROM next_action_stale WHERE hcp_id IN (?, ?, ?) ORDER BY hcp_id",
				Long.class, this.hcp, suggested, elsewhere)).containsExactly(this.hcp, suggested);
		this.actions.refresh(this.hcp);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT policy_version FROM next_action WHERE hcp_id = ?", Long.class,
				this.hcp)).containsExactly(current.version() + 1);
	}

	@Test
	void consentWithdrawnTakesTheVisitAwayAtOnceAndMarksTheStoredOnesStale() {
		this.actions.refresh(this.hcp);
		this.consents.record(this.hcp, new ConsentEntry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.PAPER, "test", "test", this.clock.instant(), null), "test");

		assertThat(suggestions()).extracting(Suggestion::kind).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class,
				this.hcp)).isEqualTo(1);
		this.actions.refresh(this.hcp);
		assertThat(this.jdbc.queryForList("SELECT kind FROM next_action WHERE hcp_id = ? ORDER BY rank", String.class,
				this.hcp)).containsExactly("REMOTE_DETAIL");
	}

	@Test
	void aDismissalNeedsAReasonIsKeptAndHoldsTheSuggestionBack() {
		Suggestion visit = suggestions().get(0);
		assertThatThrownBy(() -> this.decisions.dismiss(this.hcp, visit.key(), "  ", this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).field())
			.isEqualTo("reason");
		assertThatThrownBy(() -> this.decisions.dismiss(this.hcp, visit.key(), "担当外", this.marketing))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).code())
			.isEqualTo("action.notYours");

		long id = this.decisions.dismiss(this.hcp, visit.key(), "来月まで学会準備で多忙", this.mr);

		assertThat(this.jdbc.queryForMap("SELECT decision, reason, kind, content_version_id, decided_by"
				+ " FROM next_action_decision WHERE id = ?", id))
			.containsEntry("decision", "DISMISSED")
			.containsEntry("reason", "来月まで学会準備で多忙")
			.containsEntry("kind", "VISIT")
			.containsEntry("content_version_id", this.leaflet)
			.containsEntry("decided_by", this.mr);
		assertThat(suggestions()).extracting(Suggestion::kind).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(this.jdbc.queryForList("SELECT kind FROM next_action WHERE hcp_id = ?", String.class, this.hcp))
			.containsExactly("REMOTE_DETAIL");
		// Acting on a suggestion that is gone is refused with a message, not a second decision.
		assertThatThrownBy(() -> this.decisions.dismiss(this.hcp, visit.key(), "二度目", this.mr))
			.isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().get(0).code())
			.isEqualTo("action.gone");
		// The decision is evidence: the application's database role may not change it.
		assertThatThrownBy(() -> this.jdbc.update("UPDATE next_action_decision SET reason = 'x' WHERE id = ?", id))
			.rootCause()
			.hasMessageContaining("permission denied");
	}

	@Test
	void aMedicalNeedIsHandedToMedicalAffairsWhenTheyAcceptIt() {
		long safety = this.jdbc.queryForObject("INSERT INTO information_need (hcp_id, topic, category,"
				+ " therapeutic_area_id, urgency, status, routed_to, created_by, created_at, updated_by, updated_at)"
				+ " VALUES (?, '長期投与の安全性', 'SAFETY', ?, 'HIGH', 'OPEN', NULL, 'test', now(), 'test', now()) RETURNING id",
				Long.class, this.hcp, this.area);
		Suggestion handoff = suggestions().stream()
			.filter(s -> s.kind() == ActionKind.MEDICAL_HANDOFF)
			.findFirst()
			.orElseThrow();
		assertThat(handoff.needId()).isEqualTo(safety);
		String medical = ensure("na-msl-" + System.nanoTime() % 1_000_000, "MEDICAL", Role.MEDICAL);
		// Medical affairs' list is national: the hand-off is on it, whatever the HCP's territory.
		this.actions.refresh(this.hcp);
		assertThat(this.actions.today(this.users.scopeOf(medical), 500)).filteredOn(d -> d.hcpId() == this.hcp)
			.extracting(d -> d.suggestion().kind())
			.containsExactly(ActionKind.MEDICAL_HANDOFF);

		NextActionDecisions.Accepted accepted = this.decisions.accept(this.hcp, handoff.key(), medical);

		assertThat(accepted.resultType()).isEqualTo(NextActionDecisions.ResultType.MEDICAL_HANDOFF);
		assertThat(this.jdbc.queryForObject("SELECT routed_to FROM information_need WHERE id = ?", String.class, safety))
			.isEqualTo(RoutedTo.MEDICAL.name());
		assertThat(this.jdbc.queryForObject("SELECT result_type FROM next_action_decision WHERE id = ?", String.class,
				accepted.decisionId())).isEqualTo("MEDICAL_HANDOFF");
	}

	@Test
	void aMergeMovesTheDecisionsAndRecomputesTheSurvivor() {
		Suggestion visit = suggestions().get(0);
		this.decisions.dismiss(this.hcp, visit.key(), "別の医療従事者と重複", this.mr);
		UniqueNames.Name name = UniqueNames.next();
		long survivor = this.hcps.create(new HcpDetails(name.kanji() + " 二郎", name.kana() + " ジロウ", null, null, null,
				null, null, null), "test").getId();

		this.hcps.merge(survivor, this.hcp, "test");

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_decision WHERE hcp_id = ?", Long.class,
				survivor)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action WHERE hcp_id = ?", Long.class, this.hcp))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class,
				survivor)).isEqualTo(1);
	}

	@Autowired
	NextActionRefresher refresher;

	@Test
	void aNewApprovalMarksItsAreasHcpsForARefresh() {
		this.refresher.followApprovals();
		this.jdbc.update("DELETE FROM next_action_stale WHERE hcp_id = ?", this.hcp);
		assertThat(this.refresher.followApprovals()).isZero();

		ContentViewer author = viewer(this.marketing, "MARKETING", Role.MARKETING);
		long n = System.nanoTime() % 1_000_000_000L;
		ContentViewer medical = viewer(ensure("na-med2-" + n, "MEDICAL", Role.MEDICAL), "MEDICAL", Role.MEDICAL);
		ContentViewer reviewer = viewer(ensure("na-rev2-" + n, "COMPLIANCE", Role.REVIEWER), "COMPLIANCE", Role.REVIEWER);
		new ApprovedContent(this.library, this.contentQueries).approve(new ContentDraft("骨密度の新しいパンフレット",
				ContentKind.LEAFLET, this.area, Set.of(), Set.of(NeedCategory.DOSING), List.of("骨密度"), Set.of(),
				Set.of(ConsentChannel.VISIT), "ja", null, "本文",
				LocalDate.ofInstant(this.clock.instant(), Japan.ZONE).plusMonths(6), false, null), null, author, medical,
				reviewer);

		assertThat(this.refresher.followApprovals()).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM next_action_stale WHERE hcp_id = ?", Long.class,
				this.hcp)).isEqualTo(1);
	}

}
