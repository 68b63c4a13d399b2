package org.openpharma.crm.plan;

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
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@PostgresTest
class CallPlansIntegrationTests extends PostgresTestBase {

	@Autowired
	CallPlans plans;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	ConsentLedger consents;

	@Autowired
	ContentLibrary library;

	@Autowired
	ContentQueries contentQueries;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	String mr;

	String otherMr;

	String manager;

	String farManager;

	long area;

	long hcp;

	LocalDate today;

	long n;

	@BeforeEach
	void territoriesPeopleAndAnHcp() {
		this.n = System.nanoTime() % 1_000_000_000L;
		long territory = territory("PL" + this.n, 46);
		long farTerritory = territory("PLF" + this.n, 45);
		this.mr = user("pl-mr-" + this.n, "SALES", Role.MR, territory);
		this.otherMr = user("pl-mr2-" + this.n, "SALES", Role.MR, farTerritory);
		this.manager = user("pl-mgr-" + this.n, "SALES", Role.MANAGER, territory);
		this.farManager = user("pl-mgf-" + this.n, "SALES", Role.MANAGER, farTerritory);
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '計画領域',"
				+ " 'Plan area') RETURNING id", Long.class, "PL" + this.n);
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('鹿児島計画病院', 'カゴシマケイカクビョウイン', 'HOSPITAL', 46) RETURNING id", Long.class);
		this.hcp = hcp(hco);
		ConsentFixtures.grantEverything(this.consents, this.hcp, this.clock.instant());
		this.today = this.plans.today();
	}

	PlanDraft draft(LocalDate day, Channel channel) {
		return new PlanDraft(this.hcp, this.area, day, channel, null, null, null, "前回の質問の回答を持参");
	}

	@Test
	void plansACallForTheActorAndAuditsIt() {
		long id = this.plans.plan(draft(this.today.plusDays(2), Channel.VISIT), this.mr);

		PlannedCall call = this.plans.get(id);
		assertThat(call.getOwner()).isEqualTo(this.mr);
		assertThat(call.getStatus()).isEqualTo(PlanStatus.PLANNED);
		assertThat(call.getDay()).isEqualTo(this.today.plusDays(2));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE entity_type = 'PLANNED_CALL'"
				+ " AND entity_id = ? AND action = 'PLAN' AND actor = ?", Long.class, id, this.mr)).isEqualTo(1);
	}

	@Test
	void refusesEachBrokenRuleOnItsField() {
		assertThat(violations(draft(this.today.minusDays(1), Channel.VISIT), this.mr))
			.containsExactly(tuple("day", "plan.day.past"));
		assertThat(violations(draft(this.today, Channel.WEBINAR), this.mr))
			.containsExactly(tuple("channel", "plan.channel.notPush"));
		assertThat(violations(new PlanDraft(-1, null, this.today, Channel.VISIT, null, null, null, null), this.mr))
			.containsExactly(tuple("hcpId", "plan.hcp.unknown"));
		assertThat(violations(new PlanDraft(this.hcp, null, this.today, Channel.VISIT, null, null, this.otherMr, null),
				this.mr))
			.containsExactly(tuple("owner", "plan.owner.notYours"));
	}

	@Test
	void refusesContentThatIsNotApprovedOrExpiresBeforeTheDay() {
		ContentViewer marketing = viewer("pl-mkt-" + this.n, "MARKETING", Role.MARKETING);
		ContentViewer medical = viewer("pl-med-" + this.n, "MEDICAL", Role.MEDICAL);
		ContentViewer reviewer = viewer("pl-rev-" + this.n, "COMPLIANCE", Role.REVIEWER);
		ContentDraft leaflet = new ContentDraft("計画用リーフレット " + this.n, ContentKind.LEAFLET, this.area, Set.of(),
				Set.of(NeedCategory.EFFICACY), List.of(), Set.of(), Set.of(ConsentChannel.VISIT), "ja", null, "本文",
				this.today.plusDays(5), false, null);
		long approved = new ApprovedContent(this.library, this.contentQueries)
			.approve(leaflet, null, marketing, medical, reviewer)
			.versionId();
		long draftItem = this.library.create(leaflet, null, marketing);
		long draftVersion = this.contentQueries.item(draftItem, marketing).latest().versionId();

		long id = this.plans.plan(new PlanDraft(this.hcp, this.area, this.today.plusDays(5), Channel.VISIT, approved, 77L,
				null, null), this.mr);
		assertThat(this.plans.get(id).getContentVersionId()).isEqualTo(approved);
		assertThat(this.plans.get(id).getSuggestionId()).isEqualTo(77L);
		assertThat(violations(new PlanDraft(this.hcp, this.area, this.today.plusDays(6), Channel.VISIT, approved, null,
				null, null), this.mr))
			.containsExactly(tuple("contentVersionId", "plan.content.unusable"));
		assertThat(violations(new PlanDraft(this.hcp, this.area, this.today, Channel.VISIT, draftVersion, null, null,
				null), this.mr))
			.containsExactly(tuple("contentVersionId", "plan.content.unusable"));
	}

	@Test
	void refusesAPlanWithoutConsentOnTheChannel() {
		long withoutConsent = hcp(null);
		this.consents.record(withoutConsent, new ConsentEntry(ConsentChannel.VISIT, ConsentPurpose.PROMOTIONAL,
				ConsentState.WITHDRAWN, ConsentSource.PAPER, "test", "test", this.clock.instant().minusSeconds(60), null),
				"test");
		assertThat(violations(new PlanDraft(withoutConsent, null, this.today, Channel.VISIT, null, null, null, null),
				this.mr))
			.extracting(t -> t.toList().get(0))
			.containsExactly("channel");
		// E-mail is opt-in: no record, no plan.
		assertThat(violations(new PlanDraft(withoutConsent, null, this.today, Channel.EMAIL_OUT, null, null, null, null),
				this.mr))
			.extracting(t -> t.toList().get(0))
			.containsExactly("channel");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM planned_call WHERE hcp_id = ?", Long.class,
				withoutConsent)).isZero();
	}

	@Test
	void theOwnerOrTheirManagerMovesAndCancelsWithTheVersionTheySaw() {
		long id = this.plans.plan(draft(this.today.plusDays(1), Channel.VISIT), this.mr);
		assertThatThrownBy(() -> this.plans.move(id, 0, this.today.plusDays(3), this.otherMr))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.getCode()).isEqualTo("plan.notYours"));
		assertThatThrownBy(() -> this.plans.move(id, 0, this.today.plusDays(3), this.farManager))
			.isInstanceOf(DomainException.class);

		PlannedCall moved = this.plans.move(id, 0, this.today.plusDays(3), this.mr);
		assertThat(moved.getDay()).isEqualTo(this.today.plusDays(3));
		assertThatThrownBy(() -> this.plans.move(id, 0, this.today.plusDays(4), this.mr))
			.isInstanceOf(StaleVersionException.class);
		assertThatThrownBy(() -> this.plans.move(id, moved.getVersion(), this.today.minusDays(1), this.mr))
			.isInstanceOf(ValidationException.class);
		PlannedCall byManager = this.plans.move(id, moved.getVersion(), this.today.plusDays(4), this.manager);
		assertThat(byManager.getUpdatedBy()).isEqualTo(this.manager);

		PlannedCall cancelled = this.plans.cancel(id, byManager.getVersion(), "学会出張のため", this.mr);
		assertThat(cancelled.getStatus()).isEqualTo(PlanStatus.CANCELLED);
		assertThat(cancelled.getCancelReason()).isEqualTo("学会出張のため");
		assertThat(this.plans.week(this.mr, this.today.plusDays(4)).days().stream().mapToInt(d -> d.cards().size()).sum())
			.isZero();
		assertThat(this.jdbc.queryForList("SELECT action FROM audit_event WHERE entity_type = 'PLANNED_CALL'"
				+ " AND entity_id = ? ORDER BY id", String.class, id)).containsExactly("PLAN", "MOVE", "MOVE", "CANCEL");
	}

	@Test
	void theWeekShowsEachDayWithItsCardsAndToday() {
		LocalDate monday = CallPlans.mondayOf(this.today);
		long first = this.plans.plan(draft(this.today, Channel.VISIT), this.mr);
		long second = this.plans.plan(draft(this.today.plusDays(7), Channel.REMOTE_DETAIL), this.mr);

		CallPlans.Week week = this.plans.week(this.mr, this.today);
		assertThat(week.monday()).isEqualTo(monday);
		assertThat(week.days()).hasSize(7);
		assertThat(week.days()).filteredOn(CallPlans.Day::today).extracting(CallPlans.Day::date).containsExactly(this.today);
		assertThat(week.days().stream().flatMap(d -> d.cards().stream()).map(CallPlans.Card::id).toList())
			.containsExactly(first);
		CallPlans.Card card = week.days().get((int) (this.today.toEpochDay() - monday.toEpochDay())).cards().get(0);
		assertThat(card.hcpName()).endsWith("花子");
		assertThat(card.areaJa()).isEqualTo("計画領域");
		assertThat(card.state()).isEqualTo(PlanState.PLANNED);
		assertThat(this.plans.week(this.mr, week.next()).days().stream().flatMap(d -> d.cards().stream())
			.map(CallPlans.Card::id)
			.toList()).containsExactly(second);
	}

	@Test
	void loggingThePlanMarksItDoneWithTheInteractionInOneTransaction() {
		long id = this.plans.plan(draft(this.today, Channel.VISIT), this.mr);
		ContentViewer mrViewer = new ContentViewer(this.mr, Set.of(Role.MR), "SALES");

		// Someone else's plan, or another HCP, gets nowhere.
		assertThatThrownBy(() -> this.plans.log(id, capture(this.hcp), List.of(),
				new ContentViewer(this.otherMr, Set.of(Role.MR), "SALES")))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.getCode()).isEqualTo("plan.log.notYours"));
		long other = hcp(null);
		assertThatThrownBy(() -> this.plans.log(id, capture(other), List.of(), mrViewer))
			.isInstanceOf(ValidationException.class);
		// A contact the interaction refuses leaves the plan as it was.
		InteractionCapture noChannel = new InteractionCapture(this.hcp,
				new InteractionFacts(null, this.clock.instant(), 10, null, null, null, null, null), List.of(), List.of(),
				null, List.of());
		assertThatThrownBy(() -> this.plans.log(id, noChannel, List.of(), mrViewer)).isInstanceOf(ValidationException.class);
		assertThat(this.plans.get(id).getStatus()).isEqualTo(PlanStatus.PLANNED);

		Interaction logged = this.plans.log(id, capture(this.hcp), List.of(), mrViewer);

		PlannedCall done = this.plans.get(id);
		assertThat(done.getStatus()).isEqualTo(PlanStatus.DONE);
		assertThat(done.getInteractionId()).isEqualTo(logged.getId());
		assertThatThrownBy(() -> this.plans.log(id, capture(this.hcp), List.of(), mrViewer))
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.getCode()).isEqualTo("plan.notPlanned.DONE"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM interaction WHERE hcp_id = ?", Long.class, this.hcp))
			.isEqualTo(1);
	}

	@Test
	void aManagerSeesPlanAgainstDoneForTheirRepsOnly() {
		LocalDate monday = CallPlans.mondayOf(this.today);
		// Other classes may have HCPs in Kagoshima: what moved among the rep's HCPs is asserted as the difference.
		CallPlans.RepWeek before = this.plans.team(this.manager, monday).stream()
			.filter(r -> r.username().equals(this.mr))
			.findFirst()
			.orElseThrow();
		long done = this.plans.plan(draft(this.today, Channel.VISIT), this.mr);
		this.plans.plan(draft(this.today, Channel.PHONE_OUT), this.mr);
		long cancelled = this.plans.plan(draft(this.today, Channel.VISIT), this.mr);
		this.plans.cancel(cancelled, 0, "不在", this.mr);
		// A plan whose day has passed and was not done: written directly, as nobody may plan a past day.
		this.jdbc.update("INSERT INTO planned_call (hcp_id, planned_day, channel, owner, status, created_by, created_at,"
				+ " updated_by, updated_at) VALUES (?, ?, 'VISIT', ?, 'PLANNED', ?, now(), ?, now())", this.hcp,
				java.sql.Date.valueOf(this.today.minusDays(1)), this.mr, this.mr, this.mr);
		this.plans.log(done, new InteractionCapture(this.hcp,
				new InteractionFacts(Channel.VISIT, this.clock.instant(), 20, null, null, null, null, Set.of(this.area)),
				List.of(new NeedDraft("用量", NeedCategory.DOSING, this.area, null, null, null)),
				List.of(new StageDraft(this.area, AdoptionStage.INTERESTED, null)), null,
				List.of(new PatientCountFacts(this.area, null, java.time.YearMonth.from(this.today), 10, 4))),
				List.of(), new ContentViewer(this.mr, Set.of(Role.MR), "SALES"));

		List<CallPlans.RepWeek> team = this.plans.team(this.manager, monday);
		assertThat(team).extracting(CallPlans.RepWeek::username).contains(this.mr).doesNotContain(this.otherMr);
		CallPlans.RepWeek mine = team.stream().filter(r -> r.username().equals(this.mr)).findFirst().orElseThrow();
		boolean yesterdayInWeek = !this.today.minusDays(1).isBefore(monday);
		assertThat(mine.planned()).isEqualTo(yesterdayInWeek ? 3 : 2);
		assertThat(mine.done()).isEqualTo(1);
		assertThat(mine.missed()).isEqualTo(yesterdayInWeek ? 1 : 0);
		assertThat(mine.cancelled()).isEqualTo(1);
		assertThat(mine.needsRaised() - before.needsRaised()).isEqualTo(1);
		assertThat(mine.needsFulfilled() - before.needsFulfilled()).isZero();
		assertThat(mine.stageMoves() - before.stageMoves()).isEqualTo(1);
		assertThat(mine.patientsReported() - before.patientsReported()).isEqualTo(4);
		assertThat(this.plans.team(this.farManager, monday)).extracting(CallPlans.RepWeek::username)
			.contains(this.otherMr)
			.doesNotContain(this.mr);
		assertThat(this.plans.team(this.mr, monday)).isEmpty();
	}

	private InteractionCapture capture(long hcpId) {
		return new InteractionCapture(hcpId,
				new InteractionFacts(Channel.VISIT, this.clock.instant(), 15, null, null, null, null, null), List.of(),
				List.of(), null, List.of());
	}

	private List<org.assertj.core.groups.Tuple> violations(PlanDraft draft, String actor) {
		try {
			this.plans.plan(draft, actor);
		}
		catch (ValidationException ex) {
			return ex.getViolations().stream().map(v -> tuple(v.field(), v.code())).toList();
		}
		throw new AssertionError("not refused");
	}

	private long territory(String code, int prefecture) {
		Long id = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '計画', 'Plan')"
				+ " RETURNING id", Long.class, code);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, ?)", id, prefecture);
		return id;
	}

	private String user(String username, String department, Role role, long territory) {
		this.users.create(username, "計画 " + username, "a call plan passphrase", department, EnumSet.of(role),
				Set.of(territory), "test");
		return username;
	}

	private ContentViewer viewer(String username, String department, Role role) {
		this.users.create(username, "計画 " + username, "a call plan passphrase", department, EnumSet.of(role), Set.of(),
				"test");
		return new ContentViewer(username, Set.of(role), department);
	}

	private long hcp(Long hco) {
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 花子", name.kana() + " ハナコ", null, null, null, null, null,
				hco), "test").getId();
	}

}
