package org.openpharma.crm.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.ConsentFixtures;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.Coverage;
import org.openpharma.crm.dashboard.NeedsDashboardQueries.StageCount;
import org.openpharma.crm.dashboard.PatientDashboardQueries.MonthPatients;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PatientDashboard;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PlacePatients;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionCapture.StageDraft;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.interaction.InteractionManagement;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every drill-down adds up to the dashboard figure it is opened from: the rows' figures summed (or the rows
 * counted) equal the figure, for each list. The test owns its area, product and institutions; where a figure is a
 * whole prefecture's (coverage), it compares the list with the figure read at the same moment and checks its own
 * HCPs in it.
 */
@PostgresTest
class DrillDownQueriesIntegrationTests extends PostgresTestBase {

	static final int TOKYO = 13;

	static final int OSAKA = 27;

	@Autowired
	DrillDownQueries drill;

	@Autowired
	PatientDashboardQueries patients;

	@Autowired
	NeedsDashboardQueries needs;

	@Autowired
	ChannelDashboardQueries channels;

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

	long tokyoHospital;

	long osakaHospital;

	YearMonth month;

	@BeforeEach
	void anAreaAProductAndAHospitalInTokyoAndOsaka() {
		if (this.users.findByUsername("mr-drill").isEmpty()) {
			this.users.create("mr-drill", "MR", "drill-password-1", "SALES", EnumSet.of(Role.MR), Set.of(), "test");
		}
		this.month = YearMonth.from(this.clock.instant().atZone(org.openpharma.crm.shared.Japan.ZONE));
		long n = System.nanoTime() % 1_000_000;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, '掘下', 'Drill')"
				+ " RETURNING id", Long.class, "DD" + n);
		this.product = this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, '掘下錠', 'Drillol', ?) RETURNING id", Long.class, "DE" + n, this.area);
		this.tokyoHospital = hospital(TOKYO);
		this.osakaHospital = hospital(OSAKA);
	}

	private long hospital(int prefecture) {
		return this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('掘下病院', 'ホリサゲビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, prefecture);
	}

	private Hcp hcpAt(long hospital) {
		UniqueNames.Name name = UniqueNames.next();
		Hcp hcp = this.hcps.create(new HcpDetails(name.kanji() + " 五郎", name.kana() + " ゴロウ", null, null, null, null,
				null, hospital), "test");
		ConsentFixtures.grantEverything(this.consents, hcp.getId(), this.clock.instant());
		return hcp;
	}

	private void log(Hcp hcp, Channel channel, Instant at, List<StageDraft> stages, List<PatientCountFacts> counts) {
		this.interactions.log(new InteractionCapture(hcp.getId(),
				new InteractionFacts(channel, at, 10, null, null, null, Set.of(), Set.of(this.area)), List.of(), stages,
				null, counts), "mr-drill");
	}

	private static MonthPatients month(PatientDashboard dashboard, YearMonth month) {
		return dashboard.months().stream().filter(m -> m.month().equals(month)).findFirst().orElseThrow();
	}

	private List<DrillHcp> all(DashboardFilter filter, DrillDown list) {
		List<DrillHcp> rows = new ArrayList<>();
		this.drill.forEach(filter, list, rows::add);
		return rows;
	}

	@Test
	void theReportingHcpsAddUpToTheMonthsAndThePrefecturesPatients() {
		Instant now = this.clock.instant();
		Hcp first = hcpAt(this.tokyoHospital);
		Hcp second = hcpAt(this.tokyoHospital);
		Hcp inOsaka = hcpAt(this.osakaHospital);
		// The first HCP corrects their report of the month: only the latest counts, as on the dashboard.
		log(first, Channel.VISIT, now.minusSeconds(600), List.of(),
				List.of(new PatientCountFacts(this.area, null, this.month, 40, 12)));
		log(first, Channel.PHONE_OUT, now.minusSeconds(300), List.of(),
				List.of(new PatientCountFacts(this.area, null, this.month, 50, 20)));
		log(second, Channel.VISIT, now.minusSeconds(200), List.of(),
				List.of(new PatientCountFacts(this.area, null, this.month, 10, 5),
						new PatientCountFacts(this.area, this.product, this.month, 7, 3),
						new PatientCountFacts(this.area, null, this.month.minusMonths(1), 8, 2)));
		log(inOsaka, Channel.VISIT, now.minusSeconds(100), List.of(),
				List.of(new PatientCountFacts(this.area, this.product, this.month, 30, 9)));

		// The month row of the whole country, clicked.
		DashboardFilter thisMonth = new DashboardFilter(this.month, this.month, this.area, null, null, null);
		DrillPage page = this.drill.page(thisMonth, new DrillDown.Reporting(null), 0);
		MonthPatients figure = month(this.patients.patients(thisMonth, DashboardSource.ROLLUP), this.month);
		assertThat(page.hcps()).extracting(DrillHcp::id, DrillHcp::figures).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple(first.getId(), List.of(50L, 20L, 1L)),
				org.assertj.core.groups.Tuple.tuple(second.getId(), List.of(17L, 8L, 2L)),
				org.assertj.core.groups.Tuple.tuple(inOsaka.getId(), List.of(30L, 9L, 1L)));
		assertThat(page.total()).isEqualTo(3);
		assertThat(page.totals()).containsExactly(figure.eligible(), figure.treated(), figure.reports());
		assertThat(page.totals()).containsExactly(97L, 37L, 4L);

		// Two months of Kanto, then Tokyo's row of the places table.
		DashboardFilter kanto = new DashboardFilter(this.month.minusMonths(1), this.month, this.area, null, "KANTO", null);
		PatientDashboard kantoFigures = this.patients.patients(kanto, DashboardSource.ROLLUP);
		DrillPage kantoPage = this.drill.page(kanto, new DrillDown.Reporting(null), 0);
		assertThat(kantoPage.hcps()).extracting(DrillHcp::id).containsExactlyInAnyOrder(first.getId(), second.getId());
		assertThat(kantoPage.totals()).containsExactly(kantoFigures.eligible(), kantoFigures.treated(),
				kantoFigures.months().stream().mapToLong(MonthPatients::reports).sum());
		PlacePatients tokyo = kantoFigures.places().stream().filter(p -> p.prefectureCode() == TOKYO).findFirst()
			.orElseThrow();
		assertThat(this.drill.page(kanto, new DrillDown.Reporting(TOKYO), 0).totals())
			.containsExactly(tokyo.eligible(), tokyo.treated(), tokyo.reports());
		assertThat(this.drill.page(kanto, new DrillDown.Reporting(OSAKA), 0).hcps()).isEmpty();

		// One product: only the reports of the product.
		DashboardFilter product = new DashboardFilter(this.month, this.month, null, this.product, null, null);
		MonthPatients productFigure = month(this.patients.patients(product, DashboardSource.ROLLUP), this.month);
		assertThat(this.drill.page(product, new DrillDown.Reporting(null), 0).totals())
			.containsExactly(productFigure.eligible(), productFigure.treated(), productFigure.reports())
			.containsExactly(37L, 12L, 2L);
		// The CSV's rows are the page's rows.
		assertThat(all(thisMonth, new DrillDown.Reporting(null))).isEqualTo(page.hcps());
	}

	@Test
	void theHcpsAtAStageAreAsManyAsTheFunnelCountsAndPageByAHundred() {
		Instant now = this.clock.instant();
		Hcp tokyo = hcpAt(this.tokyoHospital);
		Hcp osaka = hcpAt(this.osakaHospital);
		log(tokyo, Channel.VISIT, now.minusSeconds(60), List.of(new StageDraft(this.area, AdoptionStage.TRIAL, null)),
				List.of());
		log(osaka, Channel.VISIT, now.minusSeconds(60), List.of(new StageDraft(this.area, AdoptionStage.TRIAL, null)),
				List.of());
		DashboardFilter kanto = new DashboardFilter(this.month, this.month, this.area, null, "KANTO", null);
		DrillPage page = this.drill.page(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), 0);
		assertThat(page.hcps()).singleElement().satisfies(h -> {
			assertThat(h.id()).isEqualTo(tokyo.getId());
			assertThat(h.date()).isEqualTo(LocalDate.ofInstant(now, org.openpharma.crm.shared.Japan.ZONE));
			assertThat(h.prefectureCode()).isEqualTo(TOKYO);
			assertThat(h.figures()).isEmpty();
		});
		assertThat(page.total()).isEqualTo(stageCount(kanto, "TRIAL")).isEqualTo(1);

		// 101 more HCPs at the stage in Tokyo: two pages, the count over both; a page past the end is the last.
		for (int i = 0; i < 101; i++) {
			UniqueNames.Name name = UniqueNames.next();
			long id = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, primary_hco_id) VALUES (?, ?, ?)"
					+ " RETURNING id", Long.class, name.kanji(), name.kana(), this.tokyoHospital);
			this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
					+ " VALUES (?, ?, 'TRIAL', now(), 'test')", id, this.area);
		}
		DrillPage first = this.drill.page(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), 0);
		assertThat(first.total()).isEqualTo(stageCount(kanto, "TRIAL")).isEqualTo(102);
		assertThat(first.hcps()).hasSize(DrillDownQueries.PAGE_SIZE);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(first.hasPrevious()).isFalse();
		assertThat(first.hasNext()).isTrue();
		DrillPage second = this.drill.page(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), 1);
		assertThat(second.hcps()).hasSize(2);
		assertThat(second.hasNext()).isFalse();
		assertThat(this.drill.page(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), 99_999)).isEqualTo(second);
		assertThat(this.drill.page(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), -1)).isEqualTo(first);
		List<DrillHcp> everyone = new ArrayList<>(first.hcps());
		everyone.addAll(second.hcps());
		assertThat(all(kanto, new DrillDown.Stage(this.area, AdoptionStage.TRIAL))).isEqualTo(everyone);

		DashboardFilter japan = new DashboardFilter(this.month, this.month, this.area, null, null, null);
		assertThat(this.drill.page(japan, new DrillDown.Stage(this.area, AdoptionStage.TRIAL), 0).total())
			.isEqualTo(stageCount(japan, "TRIAL")).isEqualTo(103);
	}

	private long stageCount(DashboardFilter filter, String stage) {
		return this.needs.needs(filter, DashboardSource.ROLLUP).stages().stream()
			.filter(s -> s.therapeuticAreaId() == this.area && s.stage().equals(stage)).mapToLong(StageCount::hcps)
			.sum();
	}

	@Test
	void theUncoveredHcpsAreThePrefecturesHcpsLessThoseContacted() {
		Instant now = this.clock.instant();
		Hcp visited = hcpAt(this.tokyoHospital);
		Hcp longAgo = hcpAt(this.tokyoHospital);
		Hcp byMarketing = hcpAt(this.tokyoHospital);
		Hcp never = hcpAt(this.tokyoHospital);
		log(visited, Channel.VISIT, now.minusSeconds(3600), List.of(), List.of());
		log(longAgo, Channel.VISIT, now.minus(java.time.Duration.ofDays(120)), List.of(), List.of());
		// An inbound call is no outbound contact: it leaves the HCP uncovered.
		log(never, Channel.PHONE_IN, now.minusSeconds(60), List.of(), List.of());
		this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, recorded_at,"
				+ " updated_at) VALUES (?, 'EMAIL_OUT', ?, 'marketing', 'MARKETING', ?, ?)", byMarketing.getId(),
				java.sql.Timestamp.from(now.minusSeconds(30)), java.sql.Timestamp.from(now),
				java.sql.Timestamp.from(now));

		for (String department : new String[] { null, "SALES", "MARKETING" }) {
			DashboardFilter filter = new DashboardFilter(this.month, this.month, null, null, "KANTO", department);
			Coverage tokyo = this.channels.channels(filter, DashboardSource.ROLLUP).coverage().stream()
				.filter(c -> c.prefectureCode() == TOKYO).findFirst().orElseThrow();
			List<DrillHcp> uncovered = all(filter, new DrillDown.Uncovered(90, TOKYO));
			assertThat(uncovered).as(String.valueOf(department)).hasSize((int) (tokyo.hcps() - tokyo.contacted90()));
			assertThat(this.drill.page(filter, new DrillDown.Uncovered(90, TOKYO), 0).total())
				.isEqualTo(tokyo.hcps() - tokyo.contacted90());
			assertThat(all(filter, new DrillDown.Uncovered(30, TOKYO))).hasSize((int) (tokyo.hcps() - tokyo.contacted30()));
			List<Long> ids = uncovered.stream().map(DrillHcp::id).toList();
			assertThat(ids).contains(longAgo.getId(), never.getId());
			if (department == null) {
				assertThat(ids).doesNotContain(visited.getId(), byMarketing.getId());
			}
			else if (department.equals("SALES")) {
				assertThat(ids).contains(byMarketing.getId()).doesNotContain(visited.getId());
			}
			else {
				assertThat(ids).contains(visited.getId()).doesNotContain(byMarketing.getId());
			}
		}
		DrillHcp longAgoRow = all(new DashboardFilter(this.month, this.month, null, null, null, null),
				new DrillDown.Uncovered(90, TOKYO)).stream().filter(h -> h.id() == longAgo.getId()).findFirst().orElseThrow();
		assertThat(longAgoRow.date())
			.isEqualTo(LocalDate.ofInstant(now.minus(java.time.Duration.ofDays(120)), org.openpharma.crm.shared.Japan.ZONE));
		assertThat(all(new DashboardFilter(this.month, this.month, null, null, "KINKI", null),
				new DrillDown.Uncovered(90, TOKYO))).isEmpty();
	}

}
