package org.openpharma.crm;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database keeps the rules even when the application is bypassed. */
@PostgresTest
class SchemaConstraintsIntegrationTests extends PostgresTestBase {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void referenceDataIsComplete() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM prefecture", Integer.class)).isEqualTo(47);
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT region_code) FROM prefecture", Integer.class))
			.isEqualTo(8);
	}

	@Test
	void anHcpNeedsANameAndAValidStatus() {
		assertThatThrownBy(() -> this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana) VALUES (' ', 'ア')"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(
				() -> this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana, status) VALUES ('甲', 'コウ', 'GONE')"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void aMergedHcpMustPointAtItsSurvivor() {
		assertThatThrownBy(
				() -> this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana, status) VALUES ('甲', 'コウ', 'MERGED')"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void registryNumbersAreUniqueButOptional() {
		String registry = UniqueNames.registryNumber();
		this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana, registry_number) VALUES ('甲', 'コウ', ?)", registry);
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO hcp (name_kanji, name_kana, registry_number) VALUES ('乙', 'オツ', ?)", registry))
			.isInstanceOf(DataIntegrityViolationException.class);
		this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana) VALUES ('丙', 'ヘイ')");
		this.jdbc.update("INSERT INTO hcp (name_kanji, name_kana) VALUES ('丁', 'テイ')");
	}

	@Test
	void hcoTypeAndPrefectureAreChecked() {
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO hco (name, name_kana, hco_type, prefecture_code) VALUES ('x', 'エックス', 'SPA', 13)"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO hco (name, name_kana, hco_type, prefecture_code) VALUES ('x', 'エックス', 'CLINIC', 48)"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

}
