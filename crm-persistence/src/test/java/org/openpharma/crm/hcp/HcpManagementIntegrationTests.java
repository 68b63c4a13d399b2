package org.openpharma.crm.hcp;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.audit.AuditEntry;
import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PostgresTest
class HcpManagementIntegrationTests extends PostgresTestBase {

	@Autowired
	HcpManagement hcps;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	private HcpDetails details(String registry) {
		UniqueNames.Name name = UniqueNames.next();
		return new HcpDetails(name.kanji() + " 一郎", name.kana() + " イチロウ", null, registry, "NEUROLOGY", null, null,
				null);
	}

	@Test
	void createStoresNormalisedValuesAndAuditsTheCreation() {
		UniqueNames.Name name = UniqueNames.next();
		Hcp hcp = this.hcps.create(new HcpDetails(name.kanji() + "　一郎", "ぬ いちろう", null, null, null, null, null, null),
				"creator");
		assertThat(hcp.getNameKanji()).isEqualTo(name.kanji() + " 一郎");
		assertThat(hcp.getNameKana()).isEqualTo("ヌ イチロウ");
		List<AuditEntry> history = this.audit.history("HCP", hcp.getId(), 10);
		assertThat(history).singleElement().satisfies(entry -> {
			assertThat(entry.actor()).isEqualTo("creator");
			assertThat(entry.action()).isEqualTo("CREATE");
			assertThat(entry.after()).containsEntry("nameKana", "ヌ イチロウ");
		});
	}

	@Test
	void rejectsADuplicateRegistryNumberAsAFieldError() {
		String registry = UniqueNames.registryNumber();
		this.hcps.create(details(registry), "test");
		assertThatThrownBy(() -> this.hcps.create(details(registry), "test")).isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations())
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.extracting(v -> ((FieldViolation) v).code())
			.containsExactly("hcp.registryNumber.duplicate");
	}

	@Test
	void rejectsUnknownSpecialtyAndInstitutionWithoutWritingAnything() {
		long before = countHcps();
		HcpDetails bad = new HcpDetails("山田 一郎", "ヤマダ イチロウ", null, null, "NO_SUCH", null, null, 999_999_999L);
		assertThatThrownBy(() -> this.hcps.create(bad, "test")).isInstanceOf(ValidationException.class)
			.extracting(ex -> ((ValidationException) ex).getViolations().stream().map(FieldViolation::field).toList())
			.isEqualTo(List.of("specialtyCode", "primaryHcoId"));
		assertThat(countHcps()).isEqualTo(before);
	}

	@Test
	void updateWithAStaleVersionIsRefusedAndChangesNothing() {
		Hcp hcp = this.hcps.create(details(null), "first");
		HcpDetails change = new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), "Changed", null, null, null, null,
				null);
		this.hcps.update(hcp.getId(), hcp.getVersion(), change, "first");
		HcpDetails other = new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), "Other", null, null, null, null, null);
		assertThatThrownBy(() -> this.hcps.update(hcp.getId(), hcp.getVersion(), other, "second"))
			.isInstanceOf(StaleVersionException.class);
		assertThat(this.hcps.get(hcp.getId()).getNameRomaji()).isEqualTo("Changed");
	}

	@Test
	void updateIsAuditedWithBeforeAndAfter() {
		Hcp hcp = this.hcps.create(details(null), "first");
		this.hcps.update(hcp.getId(), hcp.getVersion(), new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), null,
				null, "CARDIOLOGY", null, null, null), "editor");
		AuditEntry update = this.audit.history("HCP", hcp.getId(), 10).get(0);
		assertThat(update.action()).isEqualTo("UPDATE");
		assertThat(update.actor()).isEqualTo("editor");
		assertThat(update.changes()).extracting(AuditEntry.Change::field, AuditEntry.Change::before,
				AuditEntry.Change::after)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("specialtyCode", "NEUROLOGY", "CARDIOLOGY"));
	}

	@Test
	void mergeMovesAffiliationsRegistryNumberAndEarlierMerges() {
		Hcp survivor = this.hcps.create(details(null), "test");
		String registry = UniqueNames.registryNumber();
		Hcp duplicate = this.hcps.create(details(registry), "test");
		Hcp older = this.hcps.create(details(null), "test");
		this.hcps.merge(duplicate.getId(), older.getId(), "admin");
		Long hcoId = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES ('統合病院', 'トウゴウビョウイン', 'HOSPITAL', 13) RETURNING id", Long.class);
		this.jdbc.update("INSERT INTO affiliation (hcp_id, hco_id, role) VALUES (?, ?, '部長')", duplicate.getId(), hcoId);

		this.hcps.merge(survivor.getId(), duplicate.getId(), "admin");

		assertThat(this.hcps.get(survivor.getId()).getRegistryNumber()).isEqualTo(registry);
		Hcp merged = this.hcps.get(duplicate.getId());
		assertThat(merged.getStatus()).isEqualTo(HcpStatus.MERGED);
		assertThat(merged.getMergedIntoId()).isEqualTo(survivor.getId());
		assertThat(merged.getRegistryNumber()).isNull();
		assertThat(this.hcps.get(older.getId()).getMergedIntoId()).isEqualTo(survivor.getId());
		assertThat(this.jdbc.queryForObject("SELECT hcp_id FROM affiliation WHERE hco_id = ?", Long.class, hcoId))
			.isEqualTo(survivor.getId());
		assertThat(this.audit.history("HCP", survivor.getId(), 10)).extracting(AuditEntry::action)
			.contains("MERGE_ABSORB");
		assertThat(this.audit.history("HCP", duplicate.getId(), 10)).extracting(AuditEntry::action)
			.contains("MERGE_INTO");
	}

	private long countHcps() {
		return this.jdbc.queryForObject("SELECT count(*) FROM hcp", Long.class);
	}

}
