package org.openpharma.crm.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.InteractionCapture.NeedDraft;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.user.Role;
import org.openpharma.crm.user.UserManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class MyHcpsQueriesIntegrationTests extends PostgresTestBase {

	@Autowired
	MyHcpsQueries queries;

	@Autowired
	InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	org.openpharma.crm.consent.ConsentLedger consents;

	@Autowired
	java.time.Clock clock;

	@Test
	void territoryHcpsComeWithMostOpenNeedsFirstThenLongestWithoutContact() {
		long n = System.nanoTime() % 1_000_000;
		Long territory = this.jdbc.queryForObject("INSERT INTO territory (code, name_ja, name_en) VALUES (?, '沖縄', 'Okinawa')"
				+ " RETURNING id", Long.class, "OKI" + n);
		this.jdbc.update("INSERT INTO territory_prefecture (territory_id, prefecture_code) VALUES (?, 47)", territory);
		String mr = "mr-oki-" + n;
		this.users.create(mr, "MR Okinawa", "okinawa-password-1", "SALES", EnumSet.of(Role.MR), Set.of(territory), "test");
		Long hco = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('那覇病院', 'ナハビョウイン', 'HOSPITAL', 47) RETURNING id", Long.class);
		Hcp withNeeds = hcp(hco);
		Hcp contactedLongAgo = hcp(hco);
		Hcp neverContacted = hcp(hco);
		Hcp contactedYesterday = hcp(hco);
		Hcp elsewhere = hcp(null);
		Instant now = this.clock.instant();
		log(withNeeds, now.minus(Duration.ofDays(1)), mr, 2);
		log(contactedLongAgo, now.minus(Duration.ofDays(200)), mr, 0);
		log(contactedYesterday, now.minus(Duration.ofDays(1)), mr, 0);

		List<Long> ids = this.queries.forUser(mr, 0, 500).items().stream().map(MyHcpsQueries.MyHcp::id).toList();

		// Other test classes may have HCPs in Okinawa too: the order is asserted among this test's own HCPs.
		List<Long> ours = List.of(withNeeds.getId(), contactedLongAgo.getId(), neverContacted.getId(),
				contactedYesterday.getId(), elsewhere.getId());
		assertThat(ids).filteredOn(ours::contains).containsExactly(withNeeds.getId(), neverContacted.getId(),
				contactedLongAgo.getId(), contactedYesterday.getId());
		assertThat(this.queries.forUser(mr, 0, 500).items().stream().filter(h -> h.id() == withNeeds.getId()).findFirst()
			.orElseThrow().openNeeds()).isEqualTo(2);
		assertThat(this.queries.recentHcpIds(mr, 10)).containsExactlyInAnyOrder(withNeeds.getId(),
				contactedYesterday.getId(), contactedLongAgo.getId());
		assertThat(this.queries.recentHcpIds(mr, 10).get(2)).isEqualTo(contactedLongAgo.getId());
		assertThat(this.queries.inTerritory(mr, List.of(withNeeds.getId(), elsewhere.getId())))
			.containsExactly(withNeeds.getId());
	}

	private Hcp hcp(Long hcoId) {
		UniqueNames.Name name = UniqueNames.next();
		Hcp hcp = this.hcps.create(new HcpDetails(name.kanji() + " 花子", name.kana() + " ハナコ", null, null, null, null, null,
				hcoId), "test");
		org.openpharma.crm.ConsentFixtures.grantEverything(this.consents, hcp.getId(), this.clock.instant());
		return hcp;
	}

	private void log(Hcp hcp, Instant at, String author, int needs) {
		List<NeedDraft> drafts = java.util.stream.IntStream.range(0, needs)
			.mapToObj(i -> new NeedDraft("topic " + i, NeedCategory.EFFICACY, null, null, null, null))
			.toList();
		this.interactions.log(new InteractionCapture(hcp.getId(),
				new InteractionFacts(Channel.VISIT, at, 10, null, null, null, null, null), drafts, List.of(), null,
				List.of()), author);
	}

}
