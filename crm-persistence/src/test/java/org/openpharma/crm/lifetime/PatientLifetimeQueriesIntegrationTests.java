package org.openpharma.crm.lifetime;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.AreaLifetime;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.LifetimeMonth;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.MonthTotal;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionFilter;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionLifetime;
import org.openpharma.crm.lifetime.PatientLifetimeQueries.RegionReport;
import org.openpharma.crm.user.WorkScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@PostgresTest
class PatientLifetimeQueriesIntegrationTests extends PostgresTestBase {

	static final YearMonth JAN = YearMonth.of(2026, 1);

	static final YearMonth FEB = YearMonth.of(2026, 2);

	static final YearMonth MAR = YearMonth.of(2026, 3);

	static final WorkScope NATIONAL = new WorkScope(true, Set.of(), "MARKETING");

	/** A manager of Kagoshima (46, Kyushu): Tokyo's HCPs are not theirs. */
	static final WorkScope KAGOSHIMA = new WorkScope(false, Set.of(46), "SALES");

	@Autowired
	PatientLifetimeQueries lifetimes;

	@Autowired
	HcpManagement hcps;

	@Autowired
	JdbcTemplate jdbc;

	long area;

	long otherArea;

	long productA;

	long productB;

	long kagoshima;

	long tokyo;

	@BeforeEach
	void areasProductsAndInstitutions() {
		long n = System.nanoTime() % 1_000_000_000L;
		this.area = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en)"
				+ " VALUES (?, '生涯領域', 'Lifetime area') RETURNING id", Long.class, "LT" + n);
		this.otherArea = this.jdbc.queryForObject("INSERT INTO therapeutic_area (code, name_ja, name_en)"
				+ " VALUES (?, '別領域', 'Other area') RETURNING id", Long.class, "LO" + n);
		this.productA = product("LA" + n, this.area);
		this.productB = product("LB" + n, this.area);
		this.kagoshima = hco("鹿児島生涯病院", 46);
		this.tokyo = hco("東京生涯病院", 13);
	}

	@Test
	void aLaterReportOfTheSameMonthCorrectsTheEarlierOne() {
		long hcp = hcp(this.kagoshima);
		report(hcp, this.area, null, JAN, 20, 5, "2026-01-10T00:00:00Z");
		report(hcp, this.area, null, JAN, 20, 8, "2026-01-20T00:00:00Z");
		report(hcp, this.area, null, FEB, 22, 9, "2026-02-10T00:00:00Z");
		// Reported later but dated earlier: the report with the later reported_at stands.
		report(hcp, this.area, null, FEB, 22, 1, "2026-02-01T00:00:00Z");

		List<AreaLifetime> lifetime = this.lifetimes.ofHcp(hcp);

		assertThat(lifetime).hasSize(1);
		assertThat(lifetime.get(0).months()).extracting(LifetimeMonth::month, LifetimeMonth::treated,
				LifetimeMonth::cumulative)
			.containsExactly(tuple(JAN, 8L, 8L), tuple(FEB, 9L, 17L));
		assertThat(lifetime.get(0).patientMonths()).isEqualTo(17);
		assertThat(view(hcp, this.area)).containsEntry("patient_months", 17L)
			.containsEntry("months_reported", 2L)
			.containsEntry("first_period", Date.valueOf("2026-01-01"))
			.containsEntry("last_period", Date.valueOf("2026-02-01"))
			.containsEntry("last_treated", 9L);
	}

	@Test
	void anAreaReportStandsForTheAreaAndProductReportsAddUpOtherwise() {
		long hcp = hcp(this.kagoshima);
		// January: the area as a whole and one product: the area report is the figure, the product not added.
		report(hcp, this.area, null, JAN, 30, 12, "2026-01-10T00:00:00Z");
		report(hcp, this.area, this.productA, JAN, 10, 4, "2026-01-11T00:00:00Z");
		// February: two products, one corrected, one reported with the product only (its area from the product).
		report(hcp, this.area, this.productA, FEB, 10, 3, "2026-02-10T00:00:00Z");
		report(hcp, this.area, this.productA, FEB, 10, 5, "2026-02-12T00:00:00Z");
		report(hcp, null, this.productB, FEB, 8, 2, "2026-02-10T00:00:00Z");
		// March: eligible patients only.
		report(hcp, this.area, null, MAR, 31, null, "2026-03-10T00:00:00Z");
		report(hcp, this.otherArea, null, MAR, 5, 5, "2026-03-10T00:00:00Z");

		List<AreaLifetime> lifetime = this.lifetimes.ofHcp(hcp);

		assertThat(lifetime).extracting(AreaLifetime::therapeuticAreaId).containsExactly(this.area, this.otherArea);
		assertThat(lifetime.get(0).months())
			.extracting(LifetimeMonth::month, LifetimeMonth::eligible, LifetimeMonth::treated, LifetimeMonth::cumulative,
					LifetimeMonth::areaReport, LifetimeMonth::productReports)
			.containsExactly(tuple(JAN, 30L, 12L, 12L, true, 1L), tuple(FEB, 18L, 7L, 19L, false, 2L),
					tuple(MAR, 31L, null, 19L, true, 0L));
		assertThat(lifetime.get(0).lastTreated()).isNull();
		assertThat(view(hcp, this.area)).containsEntry("patient_months", 19L)
			.containsEntry("months_reported", 3L)
			.containsEntry("last_treated", null);
		assertThat(view(hcp, this.otherArea)).containsEntry("patient_months", 5L).containsEntry("last_treated", 5L);
		// The segment criterion's contract.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM hcp h WHERE h.id = ? AND EXISTS (SELECT 1 FROM"
				+ " hcp_patient_lifetime l WHERE l.hcp_id = h.id AND l.ta_id = ? AND l.patient_months >= ?)", Long.class,
				hcp, this.area, 19)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM hcp h WHERE h.id = ? AND EXISTS (SELECT 1 FROM"
				+ " hcp_patient_lifetime l WHERE l.hcp_id = h.id AND l.ta_id = ? AND l.patient_months >= ?)", Long.class,
				hcp, this.area, 20)).isZero();
	}

	@Test
	void anHcpWithoutReportsHasNoLifetime() {
		assertThat(this.lifetimes.ofHcp(hcp(this.kagoshima))).isEmpty();
	}

	@Test
	void managersSeeTheirTerritoriesByRegionWithTheMedianPerReportingHcp() {
		long k1 = hcp(this.kagoshima);
		long k2 = hcp(this.kagoshima);
		long k3 = hcp(this.kagoshima);
		long t1 = hcp(this.tokyo);
		report(k1, this.area, null, JAN, 10, 2, "2026-01-10T00:00:00Z");
		report(k1, this.area, null, JAN, 10, 4, "2026-01-12T00:00:00Z");
		report(k1, this.area, null, FEB, 10, 6, "2026-02-10T00:00:00Z");
		report(k2, this.area, this.productA, FEB, 10, 1, "2026-02-10T00:00:00Z");
		report(k3, this.area, null, MAR, 30, 30, "2026-03-10T00:00:00Z");
		report(t1, this.area, null, JAN, 50, 40, "2026-01-10T00:00:00Z");
		// Outside the period.
		report(k1, this.area, null, YearMonth.of(2025, 12), 10, 9, "2025-12-10T00:00:00Z");
		RegionFilter filter = new RegionFilter(JAN, MAR, this.area, null);

		RegionReport national = this.lifetimes.byRegion(filter, NATIONAL);
		RegionReport kyushu = this.lifetimes.byRegion(filter, KAGOSHIMA);

		assertThat(national.regions()).extracting(RegionLifetime::regionCode, RegionLifetime::hcps,
				RegionLifetime::patientMonths, RegionLifetime::median)
			.containsExactlyInAnyOrder(tuple("KANTO", 1L, 40L, 40.0), tuple("KYUSHU", 3L, 41L, 10.0));
		assertThat(national.totals()).extracting(RegionLifetime::hcps, RegionLifetime::patientMonths,
				RegionLifetime::median)
			.containsExactly(tuple(4L, 81L, 20.0));
		assertThat(kyushu.regions()).extracting(RegionLifetime::regionCode).containsExactly("KYUSHU");
		assertThat(kyushu.totals()).extracting(RegionLifetime::hcps, RegionLifetime::patientMonths)
			.containsExactly(tuple(3L, 41L));
		assertThat(kyushu.areas()).containsExactly(this.area);
		assertThat(kyushu.months()).extracting(MonthTotal::month, MonthTotal::hcps, MonthTotal::treated,
				MonthTotal::cumulative)
			.containsExactly(tuple(JAN, 1L, 4L, 4L), tuple(FEB, 2L, 7L, 11L), tuple(MAR, 1L, 30L, 41L));
		assertThat(kyushu.months().get(1).treatedIn(this.area)).isEqualTo(7);
		assertThat(national.patientMonths()).isEqualTo(81);
		// A manager asking for a region of the scope, and a manager without territories, see nothing more.
		assertThat(this.lifetimes.byRegion(new RegionFilter(JAN, MAR, this.area, "KANTO"), KAGOSHIMA).regions())
			.isEmpty();
		assertThat(this.lifetimes.byRegion(filter, new WorkScope(false, Set.of(), "SALES")).totals()).isEmpty();
	}

	private Map<String, Object> view(long hcp, long area) {
		return this.jdbc.queryForMap("SELECT * FROM hcp_patient_lifetime WHERE hcp_id = ? AND ta_id = ?", hcp, area);
	}

	private void report(long hcp, Long area, Long product, YearMonth month, Integer eligible, Integer treated,
			String reportedAt) {
		this.jdbc.update("INSERT INTO patient_count (hcp_id, therapeutic_area_id, product_id, period, eligible_patients,"
				+ " treated_patients, reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?, 'lt-mr', ?)", hcp, area, product,
				Date.valueOf(month.atDay(1)), eligible, treated, Timestamp.from(Instant.parse(reportedAt)));
	}

	private long product(String code, long area) {
		return this.jdbc.queryForObject("INSERT INTO product (code, name_ja, name_en, therapeutic_area_id)"
				+ " VALUES (?, ?, ?, ?) RETURNING id", Long.class, code, "製品" + code, "Product " + code, area);
	}

	private long hco(String name, int prefecture) {
		return this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'ショウガイビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, name, prefecture);
	}

	private long hcp(long hco) {
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null, null,
				null, hco), "test").getId();
	}

}
