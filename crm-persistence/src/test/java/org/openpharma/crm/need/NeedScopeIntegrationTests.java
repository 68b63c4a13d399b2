package org.openpharma.crm.need;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.openpharma.crm.user.WorkScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One company-wide record, scoped work: who moves which need, and the board of a territory. */
@PostgresTest
class NeedScopeIntegrationTests extends PostgresTestBase {

	static final int TOKYO = 13;

	static final int ISHIKAWA = 17;

	@Autowired
	NeedManagement needs;

	@Autowired
	NeedQueries queries;

	@Autowired
	InformationNeedRepository repository;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Clock clock;

	String tokyoMr;

	String medical;

	Hcp inTokyo;

	Hcp inHokuriku;

	@BeforeEach
	void aTokyoMrAndHcpsInTokyoAndHokuriku() {
		long n = System.nanoTime() % 1_000_000_000L;
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '東京', 'Tokyo')"
				+ " RETURNING id", Long.class, "TKY" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, ?)", territory, TOKYO);
		this.tokyoMr = "mr-tky-" + n;
		this.users.create(this.tokyoMr, "MR Tokyo", "a tokyo test passphrase", "SALES", EnumSet.of(Role.MR),
				Set.of(territory), "test");
		this.medical = "msl-" + n;
		this.users.create(this.medical, "MSL", "a medical test passphrase", "MEDICAL", EnumSet.of(Role.MEDICAL), Set.of(),
				"test");
		this.inTokyo = hcp(hco(TOKYO));
		this.inHokuriku = hcp(hco(ISHIKAWA));
	}

	private Long hco(int prefecture) {
		return this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('テスト病院', 'テストビョウイン', 'HOSPITAL', ?) RETURNING id", Long.class, prefecture);
	}

	private Hcp hcp(Long hco) {
		UniqueNames.Name name = UniqueNames.next();
		return this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null, null, null,
				hco), "test");
	}

	private InformationNeed need(Hcp hcp, String by) {
		return this.repository.saveAndFlush(InformationNeed.raise(hcp.getId(), null, "renal dosing", NeedCategory.DOSING,
				null, null, Urgency.NORMAL, null, by, this.clock.instant()));
	}

	@Test
	void theScopeOfAUserComesFromTheirRolesAndTerritories() {
		WorkScope mr = this.users.scopeOf(this.tokyoMr);
		assertThat(mr.national()).isFalse();
		assertThat(mr.prefectures()).containsExactly(TOKYO);
		assertThat(mr.departmentCode()).isEqualTo("SALES");
		assertThat(this.users.scopeOf(this.medical).national()).isTrue();
		assertThat(this.users.scopeOf("nobody-at-all").national()).isFalse();
	}

	@Test
	void aTokyoMrCannotMoveANeedOfAnHcpInHokurikuUnlessRoutedToSalesOrRaisedByThem() {
		InformationNeed hokuriku = need(this.inHokuriku, "mr07");
		assertThatThrownBy(() -> this.needs.triage(hokuriku.getId(), hokuriku.getVersion(), RoutedTo.MARKETING, "leaflet",
				this.tokyoMr)).isInstanceOf(DomainException.class).hasMessageContaining("scope.otherTerritory");
		assertThatThrownBy(() -> this.needs.closeUnmet(hokuriku.getId(), hokuriku.getVersion(), "not ours",
				this.tokyoMr)).hasMessageContaining("scope.otherTerritory");
		assertThat(this.needs.get(hokuriku.getId()).getStatus()).isEqualTo(NeedStatus.OPEN);
		assertThat(this.needs.mayAct(this.needs.get(hokuriku.getId()), this.tokyoMr)).isFalse();
		// Medical affairs works nationwide; once routed to sales, the Tokyo MR may take it on.
		InformationNeed routed = this.needs.triage(hokuriku.getId(), hokuriku.getVersion(), RoutedTo.SALES, "visit needed",
				this.medical);
		assertThat(this.needs.start(routed.getId(), routed.getVersion(), this.tokyoMr).getStatus())
			.isEqualTo(NeedStatus.IN_PROGRESS);
		// In the territory, and what the MR raised anywhere, the MR acts on.
		InformationNeed tokyo = need(this.inTokyo, "mr07");
		assertThat(this.needs.triage(tokyo.getId(), tokyo.getVersion(), RoutedTo.SALES, "visit needed", this.tokyoMr).getStatus())
			.isEqualTo(NeedStatus.TRIAGED);
		InformationNeed own = need(this.inHokuriku, this.tokyoMr);
		assertThat(this.needs.mayAct(own, this.tokyoMr)).isTrue();
	}

	@Test
	void theBoardOfATerritoryShowsItsHcpsNeedsOnly() {
		InformationNeed tokyo = need(this.inTokyo, "mr07");
		InformationNeed hokuriku = need(this.inHokuriku, "mr07");
		// The Tokyo board holds other test classes' needs too: it is read for each of this test's HCPs.
		assertThat(boardIds(this.inTokyo, Set.of(TOKYO))).containsExactly(tokyo.getId());
		assertThat(boardIds(this.inHokuriku, Set.of(TOKYO))).isEmpty();
		List<Long> hokurikuBoard = this.queries.board(new NeedQueries.Filter(null, null, null, null, null, null,
				this.inHokuriku.getId(), null), 0, 50).items().stream().map(NeedQueries.BoardRow::id).toList();
		assertThat(hokurikuBoard).containsExactly(hokuriku.getId());
	}

	private List<Long> boardIds(Hcp hcp, Set<Integer> prefectures) {
		return this.queries.board(new NeedQueries.Filter(null, null, null, null, null, null, hcp.getId(), prefectures), 0,
				50).items().stream().map(NeedQueries.BoardRow::id).toList();
	}

}
