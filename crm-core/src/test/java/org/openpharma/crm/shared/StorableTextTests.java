package org.openpharma.crm.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTests {

	@Test
	void ordinaryTextEmojiAndNothingAreStorable() {
		assertThat(StorableText.isStorable(null)).isTrue();
		assertThat(StorableText.isStorable("")).isTrue();
		assertThat(StorableText.isStorable("ガイドライン 2026 webinar")).isTrue();
		assertThat(StorableText.isStorable("𠮷野家 \uD83D\uDE00")).isTrue();
	}

	@Test
	void aNulCharacterIsNotStorable() {
		assertThat(StorableText.isStorable("ev-1\u0000")).isFalse();
		assertThat(StorableText.isStorable("\u0000")).isFalse();
	}

	@Test
	void halfASurrogatePairIsNotStorable() {
		assertThat(StorableText.isStorable("a\uD83D")).isFalse();
		assertThat(StorableText.isStorable("\uDE00b")).isFalse();
		assertThat(StorableText.isStorable("\uD83Dx\uDE00")).isFalse();
	}

}
