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
	void findsTheCallerByTheirNumberHoweverItIsWritten() {
		String digits = uniqueDigits();
		String written = digits.substring(0, 2) + "-" + digits.substring(2, 6) + "-" + digits.substring(6);
		this.hcps.update(this.hanako.getId(), this.hanako.getVersion(), new HcpDetails(this.hanako.getNameKanji(),
				this.hanako.getNameKana(), null, null, null, null, written, null), "test");
		String fullWidth = toFullWidth(digits.substring(0, 2) + "(" + digits.substring(2, 6) + ")" + digits.substring(6));
		for (String typed : java.util.List.of(written, digits, fullWidth, "+81 " + digits.substring(1),
				digits.substring(0, 8))) {
			assertThat(ids(typed)).as(typed).containsExactly(this.hanako.getId());
		}
		// A number nobody has is nobody, not "similar names".
		SearchPage<HcpSummary> none = this.search.search(HcpSearchCriteria.of(digits.substring(0, 9)
				+ (digits.charAt(9) - '0' + 1) % 10), 0, 20);
		assertThat(none.items()).isEmpty();
		assertThat(none.fuzzy()).isFalse();
	}

	@Test
	void findsTheDoctorsOfAnInstitutionByItsMainLine() {
		String digits = uniqueDigits();
		Long hcoId = this.jdbc.queryForObject("INSERT INTO hco (name, name_kana, hco_type, prefecture_code, phone)"
				+ " VALUES (?, 'テストビョウイン', 'HOSPITAL', 13, ?) RETURNING id", Long.class, this.family.kanji() + "病院",
				digits.substring(0, 2) + "-" + digits.substring(2, 6) + "-" + digits.substring(6));
		for (Hcp hcp : java.util.List.of(this.taro, this.hanako)) {
			this.hcps.update(hcp.getId(), hcp.getVersion(), new HcpDetails(hcp.getNameKanji(), hcp.getNameKana(), null,
					hcp.getRegistryNumber(), null, null, null, hcoId), "test");
		}
		assertThat(ids(toFullWidth(digits))).containsExactly(this.taro.getId(), this.hanako.getId());
		// The picker's single box: the number, the institution's name, or the doctor's name.
		assertThat(this.search.find(digits, 10)).extracting(HcpSummary::id)
			.containsExactly(this.taro.getId(), this.hanako.getId());
		assertThat(this.search.find(this.family.kanji() + "病院", 10)).extracting(HcpSummary::id)
			.containsExactly(this.taro.getId(), this.hanako.getId());
		assertThat(this.search.find(this.family.kanji() + "花", 10)).extracting(HcpSummary::id)
			.containsExactly(this.hanako.getId());
	}

	@Test
	void theDatabaseKeyOfANumberIsTheOneTheSearchComputes() {
		for (String phone : java.util.List.of("03-1234-5678", "03(1234)5678", "+81-3-1234-5678", "0312345678")) {
			assertThat(this.jdbc.queryForObject("SELECT phone_key FROM (SELECT ?::text AS phone) p, LATERAL (SELECT"
					+ " nullif(CASE WHEN phone LIKE '+81%' THEN '0' || substr(regexp_replace(phone, '[^0-9]', '', 'g'), 3)"
					+ " ELSE regexp_replace(phone, '[^0-9]', '', 'g') END, '') AS phone_key) k", String.class, phone))
				.isEqualTo(org.openpharma.crm.shared.PhoneNumber.digits(phone));
		}
		String digits = uniqueDigits();
		this.hcps.update(this.taro.getId(), this.taro.getVersion(), new HcpDetails(this.taro.getNameKanji(),
				this.taro.getNameKana(), null, this.taro.getRegistryNumber(), null, null, "+81 " + digits.substring(1),
				null), "test");
		assertThat(this.jdbc.queryForObject("SELECT phone_key FROM hcp WHERE id = ?", String.class, this.taro.getId()))
			.isEqualTo(digits);
	}

	/** Eleven digits starting 050 (IP telephones), as no demo number does (demo numbers use area codes). */
	private static String uniqueDigits() {
		return "050" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
	}

	private static String toFullWidth(String ascii) {
		StringBuilder sb = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			sb.append((c >= '!' && c <= '~') ? (char) (c + 0xFEE0) : c);
		}
		return sb.toString();
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
