package org.openpharma.crm.hcp;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;

class HcpDetailsTests {

	static HcpDetails valid() {
		return new HcpDetails("佐藤 太郎", "さとう たろう", "Sato Taro", "123456", "CARDIOLOGY", "sato@example.jp",
				"03-1234-5678", null);
	}

	@Test
	void normalisesReadingToKatakanaAndBlanksToNull() {
		HcpDetails details = new HcpDetails(" 佐藤　太郎 ", "ｻﾄｳ ﾀﾛｳ", " ", "ab-12", "", " ", "", null).normalized();
		assertThat(details.nameKanji()).isEqualTo("佐藤 太郎");
		assertThat(details.nameKana()).isEqualTo("サトウ タロウ");
		assertThat(details.nameRomaji()).isNull();
		assertThat(details.registryNumber()).isEqualTo("AB-12");
		assertThat(details.specialtyCode()).isNull();
		assertThat(details.email()).isNull();
	}

	@Test
	void acceptsAValidHcp() {
		assertThat(valid().normalized().violations()).isEmpty();
	}

	@Test
	void requiresNameAndReading() {
		HcpDetails details = new HcpDetails("", " ", null, null, null, null, null, null).normalized();
		assertThat(details.violations()).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("nameKanji", "hcp.nameKanji.required"),
					org.assertj.core.groups.Tuple.tuple("nameKana", "hcp.nameKana.required"));
	}

	@Test
	void rejectsTheWrongScriptInEachNameField() {
		HcpDetails details = new HcpDetails("Sato Taro", "佐藤", "佐藤", null, null, null, null, null).normalized();
		assertThat(details.violations()).extracting(FieldViolation::code)
			.containsExactly("hcp.nameKanji.script", "hcp.nameKana.script", "hcp.nameRomaji.script");
	}

	@Test
	void rejectsOverlongNames() {
		String longName = "佐".repeat(HcpDetails.NAME_MAX + 1);
		HcpDetails details = new HcpDetails(longName, "サトウ", null, null, null, null, null, null).normalized();
		assertThat(details.violations()).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("nameKanji", "validation.tooLong"));
	}

	@Test
	void rejectsMalformedRegistryNumberEmailAndPhone() {
		HcpDetails details = new HcpDetails("佐藤", "サトウ", null, "12 34/5", null, "not-an-email", "abc", null)
			.normalized();
		assertThat(details.violations()).extracting(FieldViolation::field)
			.containsExactly("registryNumber", "email", "phone");
	}

}
