package org.openpharma.crm.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.hco.HcoDetails;
import org.openpharma.crm.hco.HcoType;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.reference.ReferenceData;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRowMappingTests {

	static final List<ReferenceData.Item> SPECIALTIES = List.of(
			new ReferenceData.Item("CARDIOLOGY", "循環器内科", "Cardiology", null),
			new ReferenceData.Item("INTERNAL_MEDICINE", "内科", "Internal medicine", null));

	final HcpRowMapper hcps = new HcpRowMapper(HcpRowMapper.specialtyResolver(SPECIALTIES),
			code -> "H-001".equals(code) ? 42L : null);

	final HcoRowMapper hcos = new HcoRowMapper(v -> switch (v) {
		case "東京都", "13" -> 13;
		case "大阪府", "27" -> 27;
		default -> null;
	});

	@Test
	void mapsAnHcpRowToNormalisedDetails() {
		ImportRow row = hcpRow(5, "a-123", "山田　太郎", "やまだ たろう", "Taro Yamada", "循環器内科", "h-001",
				"taro@example.jp", "03-1234-5678");
		MappedRow<HcpDetails> mapped = this.hcps.map(row);
		assertThat(mapped.errors()).isEmpty();
		assertThat(mapped.value()).isEqualTo(new HcpDetails("山田 太郎", "ヤマダ タロウ", "Taro Yamada", "A-123",
				"CARDIOLOGY", "taro@example.jp", "03-1234-5678", 42L));
	}

	@Test
	void acceptsASpecialtyByCodeOrByEnglishName() {
		assertThat(this.hcps.map(hcpRow(2, "", "山田 太郎", "ヤマダ", "", "cardiology", "", "", "")).value()
			.specialtyCode()).isEqualTo("CARDIOLOGY");
		assertThat(this.hcps.map(hcpRow(2, "", "山田 太郎", "ヤマダ", "", "Internal medicine", "", "", "")).value()
			.specialtyCode()).isEqualTo("INTERNAL_MEDICINE");
	}

	@Test
	void reportsEveryProblemOfAnHcpRowWithItsColumnAndRawValue() {
		ImportRow row = hcpRow(7, "12/34", "Yamada", "", "", "歯科", "X-9", "not-an-email", "");
		MappedRow<HcpDetails> mapped = this.hcps.map(row);
		assertThat(mapped.errors()).extracting(ImportRowError::field, e -> e.message().code(),
				ImportRowError::rawValue)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("specialty", "import.hcp.specialty.unknown", "歯科"),
					org.assertj.core.groups.Tuple.tuple("institution_code", "import.hcp.institutionCode.unknown",
							"X-9"),
					org.assertj.core.groups.Tuple.tuple("name_kanji", "hcp.nameKanji.script", "Yamada"),
					org.assertj.core.groups.Tuple.tuple("name_kana", "hcp.nameKana.required", ""),
					org.assertj.core.groups.Tuple.tuple("registry_number", "hcp.registryNumber.format", "12/34"),
					org.assertj.core.groups.Tuple.tuple("email", "validation.email", "not-an-email"));
		assertThat(mapped.errors()).allSatisfy(e -> assertThat(e.rowNumber()).isEqualTo(7));
	}

	@Test
	void keepsTheMaximumLengthAsAMessageArgument() {
		ImportRow row = hcpRow(3, "", "山".repeat(101), "ヤマダ", "", "", "", "", "");
		assertThat(this.hcps.map(row).errors()).singleElement().satisfies(e -> {
			assertThat(e.message()).isEqualTo(ImportMessage.of("validation.tooLong", 100));
			assertThat(e.field()).isEqualTo("name_kanji");
		});
	}

	@Test
	void truncatesLongRawValues() {
		ImportRow row = hcpRow(3, "", "山田 太郎", "ヤマダ", "", "", "", "x".repeat(400) + "@", "");
		assertThat(this.hcps.map(row).errors()).singleElement()
			.satisfies(e -> assertThat(e.rawValue()).hasSize(300));
	}

	@Test
	void rejectsARowWithTheWrongNumberOfValuesAsAWhole() {
		ImportRow row = new ImportRow(4, Map.of("registry_number", "A-1"), 2, 8);
		assertThat(this.hcps.map(row).errors()).singleElement().satisfies(e -> {
			assertThat(e.field()).isNull();
			assertThat(e.message()).isEqualTo(ImportMessage.of("import.row.columns", 8, 2));
		});
	}

	@Test
	void leavesStoredValuesOfColumnsTheFileDoesNotHave() {
		Map<String, String> values = new HashMap<>();
		values.put("registry_number", "A-1");
		values.put("name_kanji", "山田 太郎");
		values.put("name_kana", "ヤマダ タロウ");
		values.put("email", "");
		ImportRow row = new ImportRow(2, values, 4, 4);
		HcpDetails incoming = this.hcps.map(row).value();
		HcpDetails stored = new HcpDetails("山田 太郎", "ヤマダ タロウ", "Taro", "A-1", "CARDIOLOGY", "old@example.jp",
				"03-0000-0000", 42L);
		assertThat(HcpRowMapper.keepAbsent(incoming, stored, row)).isEqualTo(new HcpDetails("山田 太郎", "ヤマダ タロウ",
				"Taro", "A-1", "CARDIOLOGY", null, "03-0000-0000", 42L));
	}

	@Test
	void mapsAnHcoRowWithJapaneseTypeAndPrefectureName() {
		ImportRow row = hcoRow(2, "1312345", "東京中央病院", "とうきょうちゅうおうびょういん", "病院", "東京都", "100-0001",
				"千代田区1-1", "03-1111-2222", "1,200");
		MappedRow<HcoDetails> mapped = this.hcos.map(row);
		assertThat(mapped.errors()).isEmpty();
		assertThat(mapped.value()).isEqualTo(new HcoDetails("1312345", "東京中央病院", "トウキョウチュウオウビョウイン",
				HcoType.HOSPITAL, 13, "100-0001", "千代田区1-1", "03-1111-2222", 1200));
	}

	@Test
	void acceptsHcoTypeCodesAndPrefectureCodes() {
		MappedRow<HcoDetails> mapped = this.hcos.map(hcoRow(2, "27-1", "薬局", "ヤッキョク", "pharmacy", "27", "", "", "",
				""));
		assertThat(mapped.errors()).isEmpty();
		assertThat(mapped.value().type()).isEqualTo(HcoType.PHARMACY);
		assertThat(mapped.value().prefectureCode()).isEqualTo(27);
		assertThat(HcoRowMapper.type("診療所")).isEqualTo(HcoType.CLINIC);
	}

	@Test
	void reportsEveryProblemOfAnHcoRow() {
		ImportRow row = hcoRow(9, "", "", "ｱｲｳ", "大学", "ムー州", "1234", "", "", "many");
		assertThat(this.hcos.map(row).errors()).extracting(ImportRowError::field, e -> e.message().code())
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("institution_code", "import.hco.institutionCode.required"),
					org.assertj.core.groups.Tuple.tuple("type", "import.hco.type.unknown"),
					org.assertj.core.groups.Tuple.tuple("prefecture", "import.hco.prefecture.unknown"),
					org.assertj.core.groups.Tuple.tuple("bed_count", "import.hco.bedCount.number"),
					org.assertj.core.groups.Tuple.tuple("name", "hco.name.required"),
					org.assertj.core.groups.Tuple.tuple("postal_code", "hco.postalCode.format"));
	}

	static ImportRow hcpRow(int line, String registry, String kanji, String kana, String romaji, String specialty,
			String institution, String email, String phone) {
		Map<String, String> values = new HashMap<>();
		values.put("registry_number", registry);
		values.put("name_kanji", kanji);
		values.put("name_kana", kana);
		values.put("name_romaji", romaji);
		values.put("specialty", specialty);
		values.put("institution_code", institution);
		values.put("email", email);
		values.put("phone", phone);
		return new ImportRow(line, values, 8, 8);
	}

	static ImportRow hcoRow(int line, String code, String name, String kana, String type, String prefecture,
			String postal, String address, String phone, String beds) {
		Map<String, String> values = new HashMap<>();
		values.put("institution_code", code);
		values.put("name", name);
		values.put("name_kana", kana);
		values.put("type", type);
		values.put("prefecture", prefecture);
		values.put("postal_code", postal);
		values.put("address", address);
		values.put("phone", phone);
		values.put("bed_count", beds);
		return new ImportRow(line, values, 9, 9);
	}

}
