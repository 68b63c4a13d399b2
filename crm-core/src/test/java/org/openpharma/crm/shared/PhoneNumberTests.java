package org.openpharma.crm.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberTests {

	@Test
	void everyWayOfWritingTheSameNumberHasTheSameDigits() {
		assertThat(PhoneNumber.digits("03-1234-5678")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("0312345678")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("０３（１２３４）５６７８")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("03(1234)5678")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("０３ー１２３４ー５６７８")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("+81 3-1234-5678")).isEqualTo("0312345678");
		assertThat(PhoneNumber.digits("＋８１３１２３４５６７８")).isEqualTo("0312345678");
	}

	@Test
	void normalisesWidthsAndDashesForStorage() {
		assertThat(PhoneNumber.normalize(" ０３（１２３４）５６７８ ")).isEqualTo("03(1234)5678");
		assertThat(PhoneNumber.normalize("03ー1234−5678")).isEqualTo("03-1234-5678");
		assertThat(PhoneNumber.STORED.matcher(PhoneNumber.normalize("０３－１２３４－５６７８")).matches()).isTrue();
	}

	@Test
	void recognisesATelephoneNumberInASearchBox() {
		assertThat(PhoneNumber.looksLikePhone("03-1234-5678")).isTrue();
		assertThat(PhoneNumber.looksLikePhone("０３（１２３４）５６７８")).isTrue();
		assertThat(PhoneNumber.looksLikePhone("0312")).isTrue();
		assertThat(PhoneNumber.looksLikePhone("+81 3 1234")).isTrue();
	}

	@Test
	void namesAndShortNumbersAreNotTelephoneNumbers() {
		assertThat(PhoneNumber.looksLikePhone("佐藤")).isFalse();
		assertThat(PhoneNumber.looksLikePhone("サトウ")).isFalse();
		assertThat(PhoneNumber.looksLikePhone("sato")).isFalse();
		assertThat(PhoneNumber.looksLikePhone("03")).isFalse();
		assertThat(PhoneNumber.looksLikePhone("A-123456")).isFalse();
		assertThat(PhoneNumber.looksLikePhone("")).isFalse();
	}

}
