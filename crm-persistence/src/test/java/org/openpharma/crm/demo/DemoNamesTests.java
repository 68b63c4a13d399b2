package org.openpharma.crm.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.demo.DemoNames.Part;
import org.openpharma.crm.demo.DemoNames.PersonName;
import org.openpharma.crm.shared.JapaneseText;

import static org.assertj.core.api.Assertions.assertThat;

/** The name tables and the seeded name draw, without Spring or a database. */
class DemoNamesTests {

	private static final String KATAKANA = "[\\u30A1-\\u30F6\\u30FC]+";

	@Test
	void everyNamePartHasAKatakanaReadingAndHepburnRomaji() {
		List<Part> all = Stream
			.of(DemoNames.familyNames(), DemoNames.MALE_NAMES, DemoNames.FEMALE_NAMES)
			.flatMap(List::stream)
			.toList();
		// Floors, not counts: enough names for two thousand demo physicians to look varied.
		assertThat(DemoNames.familyNames()).hasSizeGreaterThanOrEqualTo(150);
		assertThat(DemoNames.MALE_NAMES.size() + DemoNames.FEMALE_NAMES.size()).isGreaterThanOrEqualTo(100);
		assertThat(all).allSatisfy(part -> {
			assertThat(part.kana()).as(part.kanji()).matches(KATAKANA);
			assertThat(part.romaji()).as(part.kanji()).matches("[A-Z][a-z]+");
			assertThat(JapaneseText.isKanjiName(part.kanji())).as(part.kanji()).isTrue();
			assertThat(part.kanji()).doesNotContain(" ");
		});
	}

	@Test
	void fullNamesUseOneAsciiSpaceAndPassTheDomainChecks() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 1000; i++) {
			PersonName name = DemoNames.person(random);
			assertThat(name.kanji()).matches("\\S+ \\S+");
			assertThat(name.kana()).matches(KATAKANA + " " + KATAKANA);
			assertThat(name.romaji()).matches("[A-Z][a-z]+ [A-Z][a-z]+");
			assertThat(JapaneseText.isKana(name.kana())).isTrue();
			assertThat(JapaneseText.isRomaji(name.romaji())).isTrue();
		}
	}

	@Test
	void sameSeedSameNamesOtherSeedOtherNames() {
		assertThat(names(42, 50)).isEqualTo(names(42, 50)).isNotEqualTo(names(43, 50));
	}

	@Test
	void seed42StartsWithTheRecordedNames() {
		// A regression anchor: changing the tables or the draw changes every demo installation's data.
		assertThat(names(42, 3)).containsExactly("金子 陽介", "佐藤 亮", "鈴木 瞳");
	}

	@Test
	void familyNamesFollowTheirRealFrequency() {
		SplittableRandom random = new SplittableRandom(1);
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < 200_000; i++) {
			counts.merge(DemoNames.family(random).kanji(), 1, Integer::sum);
		}
		// 佐藤 (187) against 松村 (13): about fourteen times as common; a ratio of the weights, not a count.
		assertThat(counts.get("佐藤")).isGreaterThan(counts.get("松村") * 8);
		assertThat(counts.keySet()).hasSize(DemoNames.familyNames().stream().map(Part::kanji).distinct().toList().size());
	}

	@Test
	void femaleShareIsRoughlyThePhysiciansShare() {
		SplittableRandom random = new SplittableRandom(3);
		long female = IntStream.range(0, 10_000).filter(i -> DemoNames.person(random).female()).count();
		assertThat(female).isBetween(1_900L, 2_700L);
	}

	@Test
	void hiraganaReadingForClinicNames() {
		assertThat(new Part("佐藤", "サトウ", "Sato").hiragana()).isEqualTo("さとう");
		assertThat(new Part("五十嵐", "イガラシ", "Igarashi").hiragana()).isEqualTo("いがらし");
	}

	private static List<String> names(long seed, int count) {
		SplittableRandom random = new SplittableRandom(seed);
		return IntStream.range(0, count).mapToObj(i -> DemoNames.person(random).kanji()).toList();
	}

}
