package org.openpharma.crm.hco;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.hcp.HcpSummary;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class HcoQueriesIntegrationTests extends PostgresTestBase {

	@Autowired
	HcoQueries queries;

	@Autowired
	HcoManagement hcos;

	@Autowired
	HcpManagement hcps;

	@Test
	void findsInstitutionsByNameKanaOrCodeAndListsTheirHcps() {
		UniqueNames.Name name = UniqueNames.next();
		String code = "Q" + Math.abs(name.romaji().hashCode());
		Hco hospital = this.hcos.upsert(new HcoDetails(code, name.kanji() + "総合病院", name.kana() + "ソウゴウビョウイン",
				HcoType.HOSPITAL, 26, "600-8000", "京都市", null, 300), "test").hco();
		this.hcps.create(new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, null, null, null, null,
				hospital.getId()), "test");

		assertThat(this.queries.search(name.kanji(), null, null, 0, 20).items()).extracting(HcoQueries.HcoSummary::id)
			.containsExactly(hospital.getId());
		assertThat(this.queries.search(name.kana(), 26, "HOSPITAL", 0, 20).items()).singleElement()
			.satisfies(row -> assertThat(row.hcpCount()).isEqualTo(1));
		assertThat(this.queries.search(code, null, null, 0, 20).total()).isEqualTo(1);
		assertThat(this.queries.search(name.kanji(), 13, null, 0, 20).items()).isEmpty();
		assertThat(this.queries.hcps(hospital.getId(), 0, 20).items()).extracting(HcpSummary::nameKanji)
			.containsExactly(name.kanji() + " 一郎");
	}

	@Test
	void reImportingTheSameInstitutionCodeUpdatesInsteadOfDuplicating() {
		UniqueNames.Name name = UniqueNames.next();
		String code = "R" + Math.abs(name.romaji().hashCode());
		HcoDetails details = new HcoDetails(code, name.kanji() + "医院", name.kana() + "イイン", HcoType.CLINIC, 1, null,
				null, null, null);
		assertThat(this.hcos.upsert(details, "test").created()).isTrue();
		assertThat(this.hcos.upsert(details, "test").created()).isFalse();
		assertThat(this.queries.search(code, null, null, 0, 20).total()).isEqualTo(1);
	}

}
