package org.openpharma.crm.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.ChannelDashboard;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.Coverage;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.PushPull;
import org.openpharma.crm.dashboard.NeedsDashboardQueries.NeedsDashboard;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PatientDashboard;
import org.openpharma.crm.dashboard.SlaDashboardQueries.OverdueInquiry;
import org.openpharma.crm.dashboard.SlaDashboardQueries.SlaDashboard;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.need.NeedCategory;
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

/**
 * Each dashboard's figures on real PostgreSQL: from the rollups, equal to the raw recomputation. Each test has its
 * own area, product, institution and HCP, so a filter by area or product sees only its rows; a figure of a whole
 * region also holds other test classes' rows, and there the test asserts exactly what its own rows added.
 */
@PostgresTest
class DashboardQueriesIntegrationTests extends PostgresTestBase {

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	static final int TOKYO = 13;

	@Autowired
	DashboardFilters filters;

	@Autowired
	PatientDashboardQueries patientDashboard;

	@Autowired
	NeedsDashboardQueries needsDashboard;

	@Autowired
	ChannelDashboardQueries channelDashboard;

	@Autowired
	SlaDashboardQueries slaDashboard;

	@Autowired
	PatientTargets targets;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	long area;

	long product;

	long hco;

	Hcp hcp;

	YearMonth month;

	DashboardFilter filter;

	@BeforeEach
	void anHcpInTokyoWithAVisitANeedAStageAndACount() {
		if (this.users.findByUsername("mr-dash").isEmpty()) {
			this.users.create("mr-dash", "MR", "dash-password-1", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		Instant now = this.clock.instant();
		this.month = YearMonth.from(now.atZone(JAPAN));
		long n = System.nanoTime() % 1_000_000;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '集計', 'Dash')"
				+ " RETURNING id", Long.class, "DQ" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '集計錠', 'Dashol', ?) RETURNING id", Long.class, "DP" + n, this.area);
		this.hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('集計病院', 'シュウケイビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, TOKYO);
		this.hcp = hcpInTokyo();
		this.interactions.log(new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(Channel.VISIT, now.minusSeconds(3600), 10, null, "key", null,
						Set.of(this.product), Set.of(this.area)),
				List.of(new NeedDraft("用量", NeedCategory.DOSING, this.area, this.product, null, null)),
				List.of(new StageDraft(this.area, AdoptionStage.INTERESTED, null)), null,
				List.of(new PatientCountFacts(this.area, null, this.month, 40, 12))), "mr-dash");
		webVisit(this.hcp, now);
		this.filter = new DashboardFilter(this.month.minusMonths(2), this.month, this.area, null, "KANTO", null);
	}

	/** A new HCP of the test's institution in Tokyo, who agreed to every contact. */
	private Hcp hcpInTokyo() {
		UniqueNames.Name name = UniqueNames.next();
		Hcp hcp = this.hcps.create(new HcpDetails(name.kanji() + " 四郎", name.kana() + " シロウ", null, null, null, null,
				null, this.hco), "test");
		ConsentFixtures.grantEverything(this.consents, hcp.getId(), this.clock.instant());
		return hcp;
	}

	/** A pull contact without area or product, written as the web feed does (no service in between). */
	private void webVisit(Hcp hcp, Instant at) {
		this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, recorded_at,"
				+ " updated_at) VALUES (?, 'WEB_CONTENT', ?, 'web', 'MARKETING', ?, ?)", hcp.getId(), Timestamp.from(at),
				Timestamp.from(at), Timestamp.from(at));
	}

	private static Coverage tokyo(ChannelDashboard channels) {
		return channels.coverage().stream().filter(c -> c.prefectureCode() == TOKYO).findFirst().orElseThrow();
	}

	@Test
	void patientsAreCountedFromTheLatestReportAndMeetTheirTarget() {
		PatientDashboard patients = this.patientDashboard.patients(this.filter, DashboardSource.ROLLUP);
		assertThat(patients.treated()).isEqualTo(12);
		assertThat(patients.eligible()).isEqualTo(40);
		assertThat(patients.places()).singleElement().satisfies(p -> assertThat(p.prefectureCode()).isEqualTo(13));
		assertThat(patients).isEqualTo(this.patientDashboard.patients(this.filter, DashboardSource.RAW));
		// A second report of the month corrects the first instead of adding to it.
		this.interactions.log(new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(Channel.PHONE_IN, this.clock.instant(), null, null, null, null, Set.of(), Set.of()), List.of(),
				List.of(), null, List.of(new PatientCountFacts(this.area, null, this.month, 50, 20))), "mr-dash");
		assertThat(this.patientDashboard.patients(this.filter, DashboardSource.ROLLUP).treated()).isEqualTo(20);
		assertThat(this.patientDashboard.patients(this.filter, DashboardSource.RAW).treated()).isEqualTo(20);
		assertThat(this.patientDashboard.patients(this.filter, DashboardSource.ROLLUP).target()).isNull();

		this.targets.set(new TargetDraft(this.area, null, "KANTO", this.month, 40), null, "manager");
		PatientDashboard withTarget = this.patientDashboard.patients(this.filter, DashboardSource.ROLLUP);
		assertThat(withTarget.target()).isEqualTo(40);
		assertThat(withTarget.attainment()).isEqualTo(50);
		// The all-Japan view has no target of its own (the region's is not the country's).
		assertThat(this.patientDashboard.patients(new DashboardFilter(this.month, this.month, this.area, null, null, null),
				DashboardSource.ROLLUP).target()).isNull();
		assertThatThrownBy(() -> this.targets.set(new TargetDraft(this.area, null, "KANTO", this.month, 41), null, "other"))
			.isInstanceOf(StaleVersionException.class);
		assertThat(this.targets.set(new TargetDraft(this.area, null, "KANTO", this.month, 41), 0L, "other").version())
			.isEqualTo(1);
		assertThatThrownBy(() -> this.targets.set(new TargetDraft(this.area, 999_999_999L, "NOWHERE", this.month, 1), null,
				"manager"))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(v -> v.field()).containsExactly("productId", "regionCode"));
		assertThat(this.targets.list(this.filter)).singleElement()
			.satisfies(t -> assertThat(t.treatedTarget()).isEqualTo(41));
	}

	@Test
	void theNeedsFunnelShowsStagesMovesOpenNeedsAndOutcomes() {
		NeedsDashboard needs = this.needsDashboard.needs(this.filter, DashboardSource.ROLLUP);
		assertThat(needs.stages()).singleElement()
			.satisfies(s -> assertThat(s.stage()).isEqualTo("INTERESTED"))
			.satisfies(s -> assertThat(s.hcps()).isEqualTo(1));
		assertThat(needs.moves()).singleElement().satisfies(m -> assertThat(m.fromStage() + ">" + m.toStage())
			.isEqualTo("NONE>INTERESTED"));
		assertThat(needs.forward()).isEqualTo(1);
		assertThat(needs.raised()).isEqualTo(1);
		assertThat(needs.fulfilledShare()).isZero();
		assertThat(needs.open()).singleElement().satisfies(o -> {
			assertThat(o.routedTo()).isEqualTo("-");
			assertThat(o.byAge()[0]).isEqualTo(1);
		});
		NeedsDashboard raw = this.needsDashboard.needs(this.filter, DashboardSource.RAW);
		assertThat(raw.stages()).isEqualTo(needs.stages());
		assertThat(raw.moves()).isEqualTo(needs.moves());
		assertThat(raw.outcomes()).isEqualTo(needs.outcomes());
		assertThat(raw.open()).hasSameSizeAs(needs.open());
	}

	@Test
	void theChannelMixSeparatesPushFromPullAndCoverageCountsTheContact() {
		ChannelDashboard channels = this.channelDashboard.channels(this.filter, DashboardSource.ROLLUP);
		// The web visit has no area, so only the visit is in the area's figures.
		assertThat(channels.push()).isEqualTo(1);
		assertThat(channels.pull()).isZero();
		assertThat(channels.stages()).extracting(PushPull::push).containsExactly(1L);
		// Without an area the figures are the region's, other test classes' contacts included: read them before
		// another HCP of ours in Tokyo gets a web visit (pull) and a phone call (push), then assert exactly what
		// these added.
		DashboardFilter everything = new DashboardFilter(this.month.minusMonths(2), this.month, null, null, "KANTO", null);
		ChannelDashboard before = this.channelDashboard.channels(everything, DashboardSource.ROLLUP);
		Coverage tokyoBefore = tokyo(before);
		Hcp another = hcpInTokyo();
		Instant now = this.clock.instant();
		webVisit(another, now.minusSeconds(120));
		this.interactions.log(new InteractionCapture(another.getId(),
				new InteractionFacts(Channel.PHONE_OUT, now.minusSeconds(60), 5, null, null, null, Set.of(), Set.of()),
				List.of(), List.of(), null, List.of()), "mr-dash");
		ChannelDashboard all = this.channelDashboard.channels(everything, DashboardSource.ROLLUP);
		assertThat(all.pull()).isEqualTo(before.pull() + 1);
		assertThat(all.push()).isEqualTo(before.push() + 1);
		// Coverage counts outbound contacts only: the new HCP is one more HCP, contacted in the last 30 days.
		assertThat(tokyo(all)).isEqualTo(new Coverage(TOKYO, tokyoBefore.hcps() + 1, tokyoBefore.contacted30() + 1,
				tokyoBefore.contacted90() + 1));
		// Stages belong to one area: without an area there is no mix by stage.
		assertThat(all.stages()).isEmpty();
		assertThat(all.departments()).isEqualTo(this.channelDashboard.channels(everything, DashboardSource.RAW).departments());
		assertThat(all.months()).isEqualTo(this.channelDashboard.channels(everything, DashboardSource.RAW).months());
		assertThat(all.coverage()).isEqualTo(this.channelDashboard.channels(everything, DashboardSource.RAW).coverage());
		ChannelDashboard byProduct = this.channelDashboard.channels(
				new DashboardFilter(this.month, this.month, null, this.product, null, "SALES"), DashboardSource.ROLLUP);
		assertThat(byProduct.push()).isEqualTo(1);
		assertThat(byProduct.departments()).extracting(PushPull::label).containsExactly("SALES");
	}

	@Test
	void unknownCodesAndProductsOfAnotherAreaAreFieldMessages() {
		assertThatThrownBy(() -> this.filters.check(new DashboardFilter(this.month, this.month, 999_999_999L,
				this.product, "ATLANTIS", "NOPE")))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(v -> v.field() + ":" + v.code())
				.containsExactly("ta:dashboard.code.unknown", "product:dashboard.product.otherArea",
						"region:dashboard.code.unknown", "department:dashboard.code.unknown"));
		this.filters.check(new DashboardFilter(this.month, this.month, this.area, this.product, "KANTO", "SALES"));
	}

	@Test
	void theSlaCountsInquiriesReceivedInThePeriodAndListsTheOverdueOnes() {
		long product = this.product;
		// The dashboard's clock decides what is overdue: the rows are dated by it, not by the database's now().
		Instant now = this.clock.instant();
		long overdue = this.jdbc.queryForObject("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id,"
				+ " answer_channel, urgency, priority, status, received_at, received_by, received_via, due_at, updated_at)"
				+ " VALUES (?, '用量', '腎機能低下時の用量は', ?, 'EMAIL', 'NORMAL', 'NORMAL', 'RECEIVED', ?,"
				+ " 'mr-dash', 'SALES', ?, ?) RETURNING id", Long.class, this.hcp.getId(), product,
				Timestamp.from(now.minus(Duration.ofDays(3))), Timestamp.from(now.minus(Duration.ofHours(1))),
				Timestamp.from(now));
		this.jdbc.update("INSERT INTO medical_inquiry (hcp_id, subject, question, product_id, answer_channel, urgency,"
				+ " priority, status, received_at, received_by, received_via, due_at, updated_at) VALUES (?, '併用', '併用は',"
				+ " ?, 'EMAIL', 'NORMAL', 'NORMAL', 'RECEIVED', ?, 'mr-dash', 'SALES', ?, ?)",
				this.hcp.getId(), product, Timestamp.from(now), Timestamp.from(now.plus(Duration.ofDays(2))),
				Timestamp.from(now));
		SlaDashboard sla = this.slaDashboard.inquiries(this.filter);
		assertThat(sla.received()).isEqualTo(2);
		assertThat(sla.open()).isEqualTo(2);
		assertThat(sla.openOverdue()).isEqualTo(1);
		// One overdue, none answered: on time 0 of 1 (the one not yet due counts neither way).
		assertThat(sla.onTimeShare()).isZero();
		assertThat(sla.overdue()).extracting(OverdueInquiry::id).containsExactly(overdue);
		assertThat(this.slaDashboard.inquiries(new DashboardFilter(this.month, this.month, null, null, "KINKI", null))
			.overdue()).extracting(OverdueInquiry::id).doesNotContain(overdue);
	}

	@Test
	void sharesCountOnlyWhatIsDecided() {
		var sla = new SlaDashboard(10, 6, 3, 4, 2, 5, 3, 2, 1, List.of());
		assertThat(sla.onTimeShare()).isEqualTo(38);
		assertThat(sla.handoffOnTimeShare()).isEqualTo(50);
		assertThat(new SlaDashboard(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of()).onTimeShare()).isNull();
	}

	@Test
	void theRollupsPushChannelsAreTheDomainsPushChannels() {
		for (Channel channel : Channel.values()) {
			assertThat(this.jdbc.queryForObject("SELECT rollup_push(?)", Boolean.class, channel.name())).as(channel.name())
				.isEqualTo(channel.isPush());
		}
	}

}
