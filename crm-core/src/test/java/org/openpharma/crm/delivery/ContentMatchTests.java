package org.openpharma.crm.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class ContentMatchTests {

	static ContentCandidate candidate(long id, String title, long area, Set<Long> products, Set<NeedCategory> categories,
			Set<String> topics, Set<AdoptionStage> stages, Set<ConsentChannel> channels) {
		return new ContentCandidate(id, id * 10, title, ContentKind.LEAFLET, ContentAudience.PROMOTIONAL, false, area,
				products, categories, topics, stages, channels, null, LocalDate.of(2030, 1, 1));
	}

	static final ContentCandidate EVERYTHING = candidate(1, "腎機能別の用量", 7, Set.of(70L), Set.of(NeedCategory.DOSING),
			Set.of("じんきのうべつのようりょう"), Set.of(AdoptionStage.INTERESTED), Set.of(ConsentChannel.EMAIL));

	@Test
	void aCandidateMatchingEverythingScoresEveryPartWithItsReasons() {
		MatchContext context = new MatchContext("じんきのうべつのようりょう", NeedCategory.DOSING, 7L, 70L,
				Map.of(7L, AdoptionStage.INTERESTED), ConsentChannel.EMAIL, true);
		ContentMatch match = ContentMatch.of(EVERYTHING, context);
		assertThat(match.score()).isEqualTo(40 + 20 + 15 + 10 + 10 + 5);
		assertThat(match.reasons()).containsExactly("delivery.reason.topic", "delivery.reason.category",
				"delivery.reason.product", "delivery.reason.area", "delivery.reason.stage", "delivery.reason.consent");
	}

	@Test
	void withoutConsentOnTheChannelItSaysSoAndScoresNothingForIt() {
		MatchContext context = new MatchContext(null, null, null, null, Map.of(), ConsentChannel.EMAIL, false);
		ContentMatch match = ContentMatch.of(EVERYTHING, context);
		assertThat(match.score()).isZero();
		assertThat(match.reasons()).containsExactly("delivery.reason.noConsent");
	}

	@Test
	void withoutANeedTheHcpsAreasAndStagesCount() {
		MatchContext context = new MatchContext(null, null, null, null, Map.of(7L, AdoptionStage.TRIAL),
				ConsentChannel.EMAIL, true);
		ContentMatch match = ContentMatch.of(EVERYTHING, context);
		assertThat(match.score()).isEqualTo(10 + 5);
		assertThat(match.reasons()).containsExactly("delivery.reason.hcpArea", "delivery.reason.consent");
	}

	@Test
	void aNeedOfAnotherAreaGivesNoAreaPointsEvenWhenTheHcpIsStagedThere() {
		MatchContext context = new MatchContext(null, NeedCategory.SAFETY, 8L, null, Map.of(7L, AdoptionStage.INTERESTED),
				ConsentChannel.VISIT, true);
		ContentMatch match = ContentMatch.of(EVERYTHING, context);
		assertThat(match.score()).isEqualTo(10);
		assertThat(match.reasons()).containsExactly("delivery.reason.stage");
	}

	@Test
	void ranksBestFirstThenByTitle() {
		ContentCandidate topicOnly = candidate(2, "B", 9, Set.of(), Set.of(), Set.of("k"), Set.of(),
				Set.of(ConsentChannel.EMAIL));
		ContentCandidate categoryOnly = candidate(3, "A", 9, Set.of(), Set.of(NeedCategory.SAFETY), Set.of(), Set.of(),
				Set.of(ConsentChannel.EMAIL));
		ContentCandidate categoryOnlyToo = candidate(4, "C", 9, Set.of(), Set.of(NeedCategory.SAFETY), Set.of(), Set.of(),
				Set.of(ConsentChannel.EMAIL));
		MatchContext context = new MatchContext("k", NeedCategory.SAFETY, null, null, Map.of(), ConsentChannel.EMAIL,
				true);
		List<ContentMatch> ranked = ContentMatch.rank(List.of(categoryOnlyToo, categoryOnly, topicOnly), context);
		assertThat(ranked).extracting(m -> m.candidate().title()).containsExactly("B", "A", "C");
		assertThat(ranked).extracting(ContentMatch::score).containsExactly(45, 25, 25);
	}

}
