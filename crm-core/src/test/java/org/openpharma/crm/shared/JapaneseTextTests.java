package org.openpharma.crm.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JapaneseTextTests {

	@Test
	void turnsHiraganaIntoKatakana() {
		assertThat(JapaneseText.toKatakana("さとう たろう")).isEqualTo("サトウ タロウ");
	}

	@Test
	void turnsHalfWidthKatakanaIntoFullWidth() {
		assertThat(JapaneseText.toKatakana("ｻﾄｳ ﾀﾛｳ")).isEqualTo("サトウ タロウ");
		assertThat(JapaneseText.toKatakana("ｶﾞｯｺｳ")).isEqualTo("ガッコウ");
	}

	@Test
	void kanaKeyDropsSpacesIncludingFullWidthOnes() {
		assertThat(JapaneseText.kanaKey("さとう　たろう")).isEqualTo("サトウタロウ");
		assertThat(JapaneseText.kanjiKey("佐藤　太郎")).isEqualTo("佐藤太郎");
	}

	@Test
	void romajiKeyIsLowerCaseWithoutSpacesAndFullWidthLettersAreNormalised() {
		assertThat(JapaneseText.romajiKey("Ｓａｔｏ Taro")).isEqualTo("satotaro");
	}

	@Test
	void recognisesKanaReadings() {
		assertThat(JapaneseText.isKana("サトウ タロウ")).isTrue();
		assertThat(JapaneseText.isKana("さとう")).isTrue();
		assertThat(JapaneseText.isKana("ﾀﾅｶ")).isTrue();
		assertThat(JapaneseText.isKana("コーヒー")).isTrue();
		assertThat(JapaneseText.isKana("佐藤")).isFalse();
		assertThat(JapaneseText.isKana("Sato")).isFalse();
	}

	@Test
	void recognisesRomajiAndRejectsOtherScripts() {
		assertThat(JapaneseText.isRomaji("Sato Taro")).isTrue();
		assertThat(JapaneseText.isRomaji("O'Neil-Smith")).isTrue();
		assertThat(JapaneseText.isRomaji("佐藤")).isFalse();
		assertThat(JapaneseText.isRomaji("Sato1")).isFalse();
	}

	@Test
	void kanjiNamesMayNotHoldDigitsOrLatinLetters() {
		assertThat(JapaneseText.isKanjiName("佐藤 太郎")).isTrue();
		assertThat(JapaneseText.isKanjiName("佐々木 さくら")).isTrue();
		assertThat(JapaneseText.isKanjiName("Sato")).isFalse();
		assertThat(JapaneseText.isKanjiName("佐藤2")).isFalse();
		assertThat(JapaneseText.isKanjiName("佐藤２")).isFalse();
	}

	@Test
	void escapesLikeWildcards() {
		assertThat(JapaneseText.escapeLike("50%_a\\")).isEqualTo("50\\%\\_a\\\\");
	}

}
