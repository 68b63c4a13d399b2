package org.openpharma.crm.hcp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.UniqueNames;
import org.openpharma.crm.shared.SearchPage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class HcpSearchIntegrationTests extends PostgresTestBase {

	@Autowired
	HcpSearch search;

	@Autowired
	HcpManagement hcps;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HcpNameDictionary dictionary;

	UniqueNames.Name family;

	Hcp taro;

	Hcp hanako;

	@BeforeEach
	void twoDoctorsOfOneFamily() {
		this.family = UniqueNames.next();
		this.taro = this.hcps.create(new HcpDetails(this.family.kanji() + " 太郎", this.family.kana() + " タロウ",
				this.family.romaji() + " Taro", UniqueNames.registryNumber(), "CARDIOLOGY", null, null, null), "test");
		this.hanako = this.hcps.create(new HcpDetails(this.family.kanji() + " 花子", this.family.kana() + " ハナコ",
				this.family.romaji() + " Hanako", null, "PEDIATRICS", null, null, null), "test");
	}

	@Test
	void findsByKanjiPrefixWithOrWithoutTheSpace() {
		// Sorted by reading: タロウ before ハナコ.
		assertThat(ids(this.family.kanji())).containsExactly(this.taro.getId(), this.hanako.getId());
		assertThat(ids(this.family.kanji() + "太")).containsExactly(this.taro.getId());
		assertThat(ids(this.family.kanji() + " 太")).containsExactly(this.taro.getId());
	}

	@Test
	void findsByKanaInHiraganaKatakanaAndHalfWidth() {
		String katakana = this.family.kana() + "タロウ";
		String hiragana = toHiragana(katakana);
		String halfWidth = toHalfWidth(katakana);
		assertThat(ids(katakana)).containsExactly(this.taro.getId());
		assertThat(ids(hiragana)).containsExactly(this.taro.getId());
		assertThat(ids(halfWidth)).containsExactly(this.taro.getId());
	}

	@Test
	void findsByRomajiPrefixCaseInsensitively() {
		assertThat(ids(this.family.romaji().toUpperCase() + "tar")).containsExactly(this.taro.getId());
	}

	@Test
	void findsByExactRegistryNumber() {
		assertThat(ids(this.taro.getRegistryNumber())).containsExactly(this.taro.getId());
	}

	@Test
	void toleratesATypoWithSimilarNames() {
		// One kana wrong in the given name: no prefix matches, the trigram fallback finds Taro.
		String typo = this.family.kana() + " タロオ";
		SearchPage<HcpSummary> page = this.search.search(HcpSearchCriteria.of(typo), 0, 20);
		assertThat(page.fuzzy()).isTrue();
		assertThat(page.items()).extracting(HcpSummary::id).first().isEqualTo(this.taro.getId());
	}

	@Test
	void correctsAFamilyNameWithALetterMissingToTheSpellingThatExists() {
		this.dictionary.refresh();
		String romaji = this.family.romaji().toLowerCase(java.util.Locale.ROOT);
		String missing = romaji.substring(0, 2) + romaji.substring(3);
		SearchPage<HcpSummary> page = this.search.search(HcpSearchCriteria.of(missing + " taro"), 0, 20);
		assertThat(page.fuzzy()).isTrue();
		assertThat(page.items()).extracting(HcpSummary::id).contains(this.taro.getId()).doesNotContain(this.hanako.getId());
	}

	@Test
	void aNameNewerThanTheDictionaryIsStillCorrectedInItsOtherWord() {
		this.dictionary.refresh();
		UniqueNames.Name newcomer = UniqueNames.next();
		Hcp jiro = this.hcps.create(new HcpDetails(newcomer.kanji() + " 次郎", newcomer.kana() + " ジロウ", null, null,
				null, null, null, null), "test");
		SearchPage<HcpSummary> page = this.search.search(HcpSearchCriteria.of(newcomer.kana() + " ジロオ"), 0, 20);
		assertThat(page.fuzzy()).isTrue();
		assertThat(page.items()).extracting(HcpSummary::id).first().isEqualTo(jiro.getId());
	}

	@Test
	void filtersBySpecialtyAndSortsDescending() {
		HcpSearchCriteria criteria = new HcpSearchCriteria(this.family.kanji(), null, "PEDIATRICS", null, "kana", false);
		assertThat(this.search.search(criteria, 0, 20).items()).extracting(HcpSummary::id)
			.containsExactly(this.hanako.getId());
		HcpSearchCriteria descending = new HcpSearchCriteria(this.family.kanji(), null, null, null, "kana", true);
		assertThat(this.search.search(descending, 0, 20).items()).extracting(HcpSummary::id)
			.containsExactly(this.hanako.getId(), this.taro.getId());
	}

	@Test
	void filtersByPrefectureAndInstitutionOfThePrimaryAffiliation() {
		Long hcoId = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code)"
				+ " VALUES (?, 'テストビョウイン', 'HOSPITAL', 27) RETURNING id", Long.class, this.family.kanji() + "病院");
		this.hcps.update(this.taro.getId(), this.taro.getVersion(),
				new HcpDetails(this.taro.getNameKanji(), this.taro.getNameKana(), null, this.taro.getRegistryNumber(),
						null, null, null, hcoId),
				"test");
		assertThat(this.search.search(new HcpSearchCriteria(this.family.kanji(), null, null, 27, null, false), 0, 20)
			.items()).extracting(HcpSummary::id).containsExactly(this.taro.getId());
		assertThat(this.search.search(new HcpSearchCriteria("", this.family.kanji() + "病", null, null, null, false), 0, 20)
			.items()).extracting(HcpSummary::id).containsExactly(this.taro.getId());
	}

	@Test
	void aSearchForAMergedRecordLeadsToTheSurvivor() {
		UniqueNames.Name other = UniqueNames.next();
		Hcp duplicate = this.hcps.create(new HcpDetails(other.kanji() + " 太郎", other.kana() + " タロウ", null, null,
				null, null, null, null), "test");
		this.hcps.merge(this.taro.getId(), duplicate.getId(), "test");
		assertThat(ids(other.kanji())).containsExactly(this.taro.getId());
	}

	@Test
	void treatsLikeWildcardsLiterally() {
		assertThat(ids("%")).isEmpty();
		assertThat(ids(this.family.kanji() + "_")).isEmpty();
	}

	@Test
	void exportStreamsEveryMatch() {
		java.util.List<Long> exported = new java.util.ArrayList<>();
		this.search.forEach(HcpSearchCriteria.of(this.family.kanji()), row -> exported.add(row.id()));
		assertThat(exported).containsExactly(this.taro.getId(), this.hanako.getId());
	}

	private java.util.List<Long> ids(String query) {
		SearchPage<HcpSummary> page = this.search.search(HcpSearchCriteria.of(query), 0, 20);
		return page.fuzzy() ? java.util.List.of() : page.items().stream().map(HcpSummary::id).toList();
	}

	private static String toHiragana(String katakana) {
		StringBuilder sb = new StringBuilder();
		for (char c : katakana.toCharArray()) {
			sb.append((c >= '\u30A1' && c <= '\u30F6') ? (char) (c - 0x60) : c);
		}
		return sb.toString();
	}

	private static String toHalfWidth(String katakana) {
		String full = "アイウエオカキクケコタロウヌ";
		String half = "ｱｲｳｴｵｶｷｸｹｺﾀﾛｳﾇ";
		StringBuilder sb = new StringBuilder();
		for (char c : katakana.toCharArray()) {
			int i = full.indexOf(c);
			sb.append((i >= 0) ? half.charAt(i) : c);
		}
		return sb.toString();
	}

}
