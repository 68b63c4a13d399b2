package org.openpharma.crm.gap;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.need.NeedCategory;

import static org.assertj.core.api.Assertions.assertThat;

class ContentMatchTests {

	static final long AREA = 7;

	static final long PRODUCT = 71;

	static UsableContent content(long versionId, ContentAudience audience, long area, Set<NeedCategory> categories,
			Set<String> topicKeys, Set<Long> products) {
		return new UsableContent(versionId, versionId * 10, audience, "資料" + versionId, area, categories, topicKeys,
				products);
	}

	@Test
	void theSameAreaCategoryAndATopicKeyInCommonAnswer() {
		UsableContent c = content(1, ContentAudience.PROMOTIONAL, AREA, Set.of(NeedCategory.DOSING),
				Set.of("腎機能別ノ用量"), Set.of());
		assertThat(ContentMatch.answers(c, new GapKey(AREA, 0, NeedCategory.DOSING, "腎機能別ノ用量"))).isTrue();
		assertThat(ContentMatch.answers(c, new GapKey(AREA, PRODUCT, NeedCategory.DOSING, "腎機能別ノ用量"))).isTrue();
	}

	@Test
	void anotherAreaOrCategoryNeverAnswers() {
		UsableContent c = content(1, ContentAudience.PROMOTIONAL, AREA, Set.of(NeedCategory.DOSING),
				Set.of("用量"), Set.of(PRODUCT));
		assertThat(ContentMatch.answers(c, new GapKey(AREA + 1, PRODUCT, NeedCategory.DOSING, "用量"))).isFalse();
		assertThat(ContentMatch.answers(c, new GapKey(AREA, PRODUCT, NeedCategory.SAFETY, "用量"))).isFalse();
	}

	@Test
	void theSameProductAnswersWhateverTheWordingButOnlyWhenTheGroupNamesIt() {
		UsableContent c = content(1, ContentAudience.PROMOTIONAL, AREA, Set.of(NeedCategory.DOSING),
				Set.of("用量早見表"), Set.of(PRODUCT));
		assertThat(ContentMatch.answers(c, new GapKey(AREA, PRODUCT, NeedCategory.DOSING, "投与間隔"))).isTrue();
		assertThat(ContentMatch.answers(c, new GapKey(AREA, PRODUCT + 1, NeedCategory.DOSING, "投与間隔"))).isFalse();
		assertThat(ContentMatch.answers(c, new GapKey(AREA, 0, NeedCategory.DOSING, "投与間隔"))).isFalse();
	}

	@Test
	void aNeedWithoutAnAreaIsAnsweredByNothing() {
		UsableContent c = content(1, ContentAudience.PROMOTIONAL, 0, Set.of(NeedCategory.OTHER), Set.of("講演会"),
				Set.of());
		assertThat(ContentMatch.answers(c, new GapKey(0, 0, NeedCategory.OTHER, "講演会"))).isFalse();
	}

	@Test
	void answeringKeepsTheOrderGiven() {
		UsableContent a = content(1, ContentAudience.PROMOTIONAL, AREA, Set.of(NeedCategory.SAFETY), Set.of("x"), Set.of());
		UsableContent b = content(2, ContentAudience.MEDICAL, AREA, Set.of(NeedCategory.SAFETY), Set.of("x"), Set.of());
		UsableContent other = content(3, ContentAudience.MEDICAL, AREA, Set.of(NeedCategory.SAFETY), Set.of("y"),
				Set.of());
		assertThat(ContentMatch.answering(List.of(a, b, other), new GapKey(AREA, 0, NeedCategory.SAFETY, "x")))
			.containsExactly(a, b);
	}

	@Test
	void aCommercialReaderLearnsOnlyThatMedicalAffairsAnswered() {
		UsableContent promo = content(1, ContentAudience.PROMOTIONAL, AREA, Set.of(NeedCategory.SAFETY), Set.of("x"),
				Set.of());
		UsableContent medical = content(2, ContentAudience.MEDICAL, AREA, Set.of(NeedCategory.SAFETY), Set.of("x"),
				Set.of());
		GapAnswer commercial = GapAnswer.of(List.of(medical), false);
		assertThat(commercial.items()).isEmpty();
		assertThat(commercial.byMedicalAffairs()).isTrue();
		assertThat(commercial.answered()).isTrue();

		GapAnswer medicalReader = GapAnswer.of(List.of(promo, medical), true);
		assertThat(medicalReader.items()).containsExactly(medical, promo);
		assertThat(medicalReader.byMedicalAffairs()).isFalse();

		GapAnswer both = GapAnswer.of(List.of(promo, medical), false);
		assertThat(both.items()).containsExactly(promo);
		assertThat(both.byMedicalAffairs()).isTrue();

		assertThat(GapAnswer.of(List.of(), false).answered()).isFalse();
	}

}
