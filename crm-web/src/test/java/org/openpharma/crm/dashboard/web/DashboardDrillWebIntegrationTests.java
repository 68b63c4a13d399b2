package org.openpharma.crm.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.ChannelDashboard;
import org.openpharma.crm.dashboard.ChannelDashboardQueries.Coverage;
import org.openpharma.crm.dashboard.DrillHcp;
import org.openpharma.crm.dashboard.DrillPage;
import org.openpharma.crm.dashboard.NeedsDashboardQueries.NeedsDashboard;
import org.openpharma.crm.dashboard.PatientDashboardQueries.MonthPatients;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PatientDashboard;
import org.openpharma.crm.dashboard.PatientDashboardQueries.PlacePatients;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The drill-downs as a manager opens them: from the figure's own link on the dashboard to a list whose rows add
 * up to that figure, with the filter in words, as CSV, and within a territorial manager's regions. The class owns
 * its area, hospitals and HCPs; coverage is a whole prefecture's, so there the list is compared with the figure
 * shown at the same moment.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
class DashboardDrillWebIntegrationTests extends WebTestBase {

	private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestUsers users;

	@Autowired
	UserManagement userManagement;

	@Autowired
	Clock clock;

	long area;

	String areaName;

	YearMonth month;

	String monthWords;

	long tokyoHospital;

	long osakaHospital;

	long tokyoHcp;

	long secondTokyoHcp;

	long osakaHcp;

	@BeforeEach
	void twoHcpsInTokyoAndOneInOsakaWithReportsAndStages() {
		this.users.ensureAll();
		long n = System.nanoTime() % 1_000_000;
		this.areaName = "掘下領域" + n;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, "DW" + n, this.areaName, "Drill " + n);
		Instant now = this.clock.instant();
		this.month = YearMonth.from(now.atZone(Japan.ZONE));
		this.monthWords = this.month.getYear() + "年" + this.month.getMonthValue() + "月";
		this.tokyoHospital = hospital("=cmd|' /C calc'!A0", 13);
		this.osakaHospital = hospital("浪速病院", 27);
		this.tokyoHcp = hcp("東京 一郎", "トウキョウ イチロウ", this.tokyoHospital);
		this.secondTokyoHcp = hcp("東京 二郎", "トウキョウ ジロウ", this.tokyoHospital);
		this.osakaHcp = hcp("大阪 三郎", "オオサカ サブロウ", this.osakaHospital);
		report(this.tokyoHcp, 40, 12, now.minusSeconds(300));
		report(this.tokyoHcp, 50, 20, now.minusSeconds(200));
		report(this.secondTokyoHcp, 10, 5, now.minusSeconds(100));
		report(this.osakaHcp, 30, 9, now.minusSeconds(100));
		for (long hcp : new long[] { this.tokyoHcp, this.osakaHcp }) {
			this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
					+ " VALUES (?, ?, 'TRIAL', ?, 'mr')", hcp, this.area, Timestamp.from(now));
		}
		this.jdbc.update("INSERT INTO interaction (hcp_id, channel, occurred_at, author, department_code, recorded_at,"
				+ " updated_at) VALUES (?, 'VISIT', ?, 'mr', 'SALES', ?, ?)", this.tokyoHcp, Timestamp.from(now),
				Timestamp.from(now), Timestamp.from(now));
	}

	private long hospital(String name, int prefecture) {
		return this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'ホリサゲビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, name, prefecture);
	}

	private long hcp(String kanji, String kana, long hospital) {
		return this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana, primary_hco_id) VALUES (?, ?, ?)"
				+ " RETURNING id", Long.class, kanji, kana, hospital);
	}

	/** A report of this month for the area; a later one of the same HCP replaces it. */
	private void report(long hcp, int eligible, int treated, Instant at) {
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, 'mr', ?)", hcp, this.area,
				java.sql.Date.valueOf(this.month.atDay(1)), eligible, treated, Timestamp.from(at));
	}

	private String filter() {
		return "from=" + this.month + "&to=" + this.month + "&ta=" + this.area;
	}

	private MvcResult ok(String url, RequestPostProcessor as) throws Exception {
		return this.mvc.perform(get(url).with(as)).andExpect(status().isOk()).andReturn();
	}

	/** The link of the first element with the class after {@code anchor} in the page. */
	private static String link(MvcResult page, String anchor, String linkClass) throws Exception {
		String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		int from = html.indexOf(anchor);
		assertThat(from).as(anchor).isNotNegative();
		int at = html.indexOf("class=\"" + linkClass + "\"", from);
		Matcher href = HREF.matcher(html.substring(at, html.indexOf('>', at)));
		assertThat(href.find()).isTrue();
		return href.group(1).replace("&amp;", "&");
	}

	private static DrillPage results(MvcResult result) {
		return (DrillPage) result.getModelAndView().getModel().get("results");
	}

	@SuppressWarnings("unchecked")
	private static List<String> words(MvcResult result) {
		return (List<String>) result.getModelAndView().getModel().get("words");
	}

	@Test
	void eachListOpenedFromAFigureAddsUpToThatFigure() throws Exception {
		var manager = user("manager").roles("MANAGER");

		// The month's reports: every HCP of the area, with their latest report.
		MvcResult patients = ok("/dashboards/patients?" + filter(), manager);
		PatientDashboard figures = (PatientDashboard) patients.getModelAndView().getModel().get("patients");
		MonthPatients month = figures.months().get(0);
		MvcResult byMonth = ok(link(patients, "data-month=\"" + this.month + "\"", "drill-month"), manager);
		assertThat(results(byMonth).hcps()).extracting(DrillHcp::id, DrillHcp::figures).containsExactly(
				org.assertj.core.groups.Tuple.tuple(this.osakaHcp, List.of(30L, 9L, 1L)),
				org.assertj.core.groups.Tuple.tuple(this.tokyoHcp, List.of(50L, 20L, 1L)),
				org.assertj.core.groups.Tuple.tuple(this.secondTokyoHcp, List.of(10L, 5L, 1L)));
		assertThat(results(byMonth).totals()).containsExactly(month.eligible(), month.treated(), month.reports())
			.containsExactly(90L, 34L, 3L);
		assertThat(words(byMonth)).containsExactly(this.monthWords, "全国", this.areaName);
		assertThat(byMonth.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains(this.monthWords + " · 全国 · " + this.areaName).contains("合計（3 名）");

		// Tokyo's row of the places table.
		PlacePatients tokyo = figures.places().stream().filter(p -> p.prefectureCode() == 13).findFirst().orElseThrow();
		MvcResult byPlace = ok(link(patients, "data-prefecture=\"13\"", "drill-prefecture"), manager);
		assertThat(results(byPlace).totals()).containsExactly(tokyo.eligible(), tokyo.treated(), tokyo.reports())
			.containsExactly(60L, 25L, 2L);
		assertThat(words(byPlace)).containsExactly(this.monthWords, "東京都", this.areaName);

		// The HCPs at a stage, as many as the funnel counts.
		MvcResult needs = ok("/dashboards/needs?" + filter(), manager);
		long trial = ((NeedsDashboard) needs.getModelAndView().getModel().get("needs")).stages().stream()
			.filter(s -> s.stage().equals("TRIAL")).findFirst().orElseThrow().hcps();
		// The area has HCPs at one stage only: the page's one stage link.
		MvcResult atStage = ok(link(needs, "<body", "drill-stage"), manager);
		assertThat(results(atStage).total()).isEqualTo(trial).isEqualTo(2);
		assertThat(results(atStage).hcps()).extracting(DrillHcp::id).containsExactly(this.osakaHcp, this.tokyoHcp);
		assertThat(words(atStage)).hasSize(3).endsWith("全国", this.areaName);
		assertThat(words(atStage).get(0)).endsWith("日時点");

		// Tokyo's HCPs nobody contacted in 90 days: the prefecture's HCPs less those contacted.
		MvcResult channels = ok("/dashboards/channels?" + filter() + "&region=KANTO", manager);
		Coverage coverage = ((ChannelDashboard) channels.getModelAndView().getModel().get("channels")).coverage()
			.stream().filter(c -> c.prefectureCode() == 13).findFirst().orElseThrow();
		MvcResult uncovered = ok(link(channels, "data-prefecture=\"13\"", "drill-uncovered"), manager);
		assertThat(results(uncovered).total()).isEqualTo(coverage.hcps() - coverage.contacted90());
		assertThat(words(uncovered)).hasSize(3).endsWith("東京都", "全部門からの接触");
		List<Long> ids = new java.util.ArrayList<>();
		for (int page = 0; page < results(uncovered).totalPages(); page++) {
			results(ok("/dashboards/hcps?list=uncovered&days=90&prefecture=13&page=" + page, manager)).hcps()
				.forEach(h -> ids.add(h.id()));
		}
		assertThat(ids).hasSize((int) results(uncovered).total()).contains(this.secondTokyoHcp)
			.doesNotContain(this.tokyoHcp, this.osakaHcp);
	}

	@Test
	void theCsvHasEveryHcpWithTheirFiguresAndNeutralisesFormulas() throws Exception {
		var manager = user("manager").roles("MANAGER");
		long before = this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND actor = 'manager'",
				Long.class);
		MvcResult csv = this.mvc.perform(get("/dashboards/hcps.csv?list=reporting&" + filter()).with(manager))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getHeader("Content-Disposition"))
			.contains("hcps-reporting-" + this.month + "-" + this.month + ".csv");
		assertThat(csv.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
				"\uFEFF氏名,氏名（カナ）,施設,地域,都道府県,対象患者数,治療患者数,報告件数",
				"大阪 三郎,オオサカ サブロウ,浪速病院,近畿,大阪府,30,9,1",
				"東京 一郎,トウキョウ イチロウ,'=cmd|' /C calc'!A0,関東,東京都,50,20,1",
				"東京 二郎,トウキョウ ジロウ,'=cmd|' /C calc'!A0,関東,東京都,10,5,1");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND actor = 'manager'",
				Long.class)).isEqualTo(before + 1);
		String stage = this.mvc.perform(get("/dashboards/hcps.csv?list=stage&stage=TRIAL&lang=en&" + filter()).with(manager))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(stage.lines().toList()).hasSize(3)
			.first().isEqualTo("\uFEFFName,Reading (kana),Institution,Region,Prefecture,Stage since");
		this.mvc.perform(get("/dashboards/hcps.csv?list=stage&" + filter()).with(manager)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/hcps.csv?list=reporting&from=x").with(manager)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/dashboards/hcps.csv?list=reporting").with(user("mr").roles("MR")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aTerritorialManagerDrillsDownAndExportsInTheirRegionOnly() throws Exception {
		String manager = "manager-drill";
		if (this.userManagement.findByUsername(manager).isEmpty()) {
			Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES"
					+ " ('TEST_DRILL_TOKYO', '東京掘下', 'Tokyo drill') RETURNING id", Long.class);
			this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 13)", territory);
			this.userManagement.create(manager, "Manager Drill", "a drill test passphrase", "MANAGEMENT",
					java.util.EnumSet.of(Role.MANAGER), Set.of(territory), "setup");
		}
		var as = user(manager).roles("MANAGER");
		MvcResult mine = ok("/dashboards/hcps?list=reporting&" + filter(), as);
		assertThat(results(mine).hcps()).extracting(DrillHcp::id).containsExactly(this.tokyoHcp, this.secondTokyoHcp);
		assertThat(words(mine)).containsExactly(this.monthWords, "関東", this.areaName);
		assertThat(results(ok("/dashboards/hcps?list=stage&stage=TRIAL&" + filter(), as)).hcps())
			.extracting(DrillHcp::id).containsExactly(this.tokyoHcp);
		String csv = this.mvc.perform(get("/dashboards/hcps.csv?list=reporting&" + filter()).with(as))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains("東京 一郎").doesNotContain("大阪 三郎");
		for (String other : new String[] { "&region=KINKI", "&prefecture=27", "&region=KINKI&prefecture=27" }) {
			this.mvc.perform(get("/dashboards/hcps?list=reporting&" + filter() + other).with(as))
				.andExpect(status().isBadRequest());
			this.mvc.perform(get("/dashboards/hcps.csv?list=reporting&" + filter() + other).with(as))
				.andExpect(status().isBadRequest());
			this.mvc.perform(get("/dashboards/hcps?list=uncovered&days=90&" + filter() + other).with(as))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void pagesStayWithinTheList() throws Exception {
		for (int i = 0; i < 100; i++) {
			long hcp = hcp("頁 " + i, "ページ " + i, this.tokyoHospital);
			this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
					+ " VALUES (?, ?, 'ADOPTER', now(), 'mr')", hcp, this.area);
		}
		var manager = user("manager").roles("MANAGER");
		String list = "/dashboards/hcps?list=stage&stage=ADOPTER&" + filter();
		MvcResult first = ok(list + "&page=-1", manager);
		assertThat(results(first).page()).isZero();
		assertThat(results(first).total()).isEqualTo(100);
		assertThat(first.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("page=-1")
			.doesNotContain("id=\"page-info\"");
		this.jdbc.update("INSERT INTO hcp_stage (hcp_id, therapeutic_area_id, stage, changed_at, changed_by)"
				+ " VALUES (?, ?, 'ADOPTER', now(), 'mr')", this.secondTokyoHcp, this.area);
		MvcResult last = ok(list + "&page=99999", manager);
		assertThat(results(last).page()).isEqualTo(1);
		assertThat(results(last).hcps()).hasSize(1);
		String html = last.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("2 / 2 ページ").contains("page=0").doesNotContain("page=2").doesNotContain("page=99999");
		assertThat(results(ok(list + "&page=abc", manager)).page()).isZero();
	}

}
