package org.openpharma.crm.hcp;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.hcp.NameSpelling.Proposal;

import static org.assertj.core.api.Assertions.assertThat;

class NameSpellingTests {

	static final Map<String, Long> KANA = Map.of("サトウ", 14_000L, "カトウ", 5_000L, "サトミ", 40L, "タロウ", 900L,
			"ジロウ", 700L, "ハナコ", 800L, "ヤマモト", 6_000L);

	static final Map<String, Long> ROMAJI = Map.of("sato", 14_000L, "saito", 3_000L, "taro", 900L, "yokoyama", 1_500L);

	@Test
	void distanceCountsInsertDeleteReplaceAndNeighbourSwapAsOneEditEach() {
		assertThat(NameSpelling.distance("サトオ", "サトウ", 2)).isEqualTo(1);
		assertThat(NameSpelling.distance("stao", "sato", 2)).isEqualTo(1);
		assertThat(NameSpelling.distance("sato", "saito", 2)).isEqualTo(1);
		assertThat(NameSpelling.distance("saito", "sato", 2)).isEqualTo(1);
		assertThat(NameSpelling.distance("斉藤", "斎藤", 2)).isEqualTo(1);
		assertThat(NameSpelling.distance("sato", "sato", 2)).isZero();
		assertThat(NameSpelling.distance("yokoyama", "sato", 2)).isEqualTo(3);
		assertThat(NameSpelling.distance("abcdef", "fedcba", 1)).isEqualTo(2);
	}

	@Test
	void aMisspelledFamilyNameIsCorrectedAndTheKnownGivenNameKept() {
		List<Proposal> proposals = NameSpelling.propose(List.of("サトオ", "タロウ"), KANA);

		assertThat(proposals).isNotEmpty();
		assertThat(proposals.get(0)).isEqualTo(new Proposal("サトウタロウ", 1, 900));
		assertThat(proposals).extracting(Proposal::prefix).contains("サトミタロウ").doesNotContain("サトオタロウ");
	}

	@Test
	void aSwapOfTwoLettersInRomajiFindsTheNameAndNotEveryTaro() {
		List<Proposal> proposals = NameSpelling.propose(List.of("stao", "taro"), ROMAJI);

		assertThat(proposals).extracting(Proposal::prefix).startsWith("satotaro").doesNotContain("yokoyamataro");
	}

	@Test
	void equallyCloseSpellingsComeMostCommonFirst() {
		List<Proposal> proposals = NameSpelling.propose(List.of("サトア"), KANA);

		assertThat(proposals).extracting(Proposal::prefix).containsSubsequence("サトウ", "サトミ");
	}

	@Test
	void theLastWordMayBeUnfinished() {
		List<Proposal> proposals = NameSpelling.propose(List.of("サトオ", "タ"), KANA);

		assertThat(proposals).extracting(Proposal::prefix).startsWith("サトウタ");
	}

	@Test
	void knownWordsInAnUnknownCombinationEachGetTheirNeighbours() {
		List<Proposal> proposals = NameSpelling.propose(List.of("カトウ", "ハナコ"), KANA);

		assertThat(proposals).extracting(Proposal::prefix).contains("サトウハナコ").doesNotContain("カトウハナコ");
	}

	@Test
	void nothingIsProposedForOneLetterWordsLongQueriesOrAnEmptyDictionary() {
		assertThat(NameSpelling.propose(List.of("サ"), KANA)).isEmpty();
		assertThat(NameSpelling.propose(List.of("a", "b", "c", "d", "e"), ROMAJI)).isEmpty();
		assertThat(NameSpelling.propose(List.of("サトオ"), Map.of())).isEmpty();
		assertThat(NameSpelling.propose(List.of("ヤマダ"), KANA)).isEmpty();
	}

}
