package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.action.ActionFacts.ConsentFact;
import org.openpharma.crm.action.ActionFacts.Contact;
import org.openpharma.crm.action.ActionFacts.ContentOption;
import org.openpharma.crm.action.ActionFacts.Dismissal;
import org.openpharma.crm.action.ActionFacts.OpenNeed;
import org.openpharma.crm.action.NextActionRules.Outcome;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;
import org.openpharma.crm.content.ContentKind;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.RoutedTo;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class NextActionRulesTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	static final StagePolicy POLICY = StagePolicy.defaults(5).withVersion(2);

	/** A fact sheet to vary: stage INTERESTED for 30 days, no needs, consent on every channel, no contacts. */
	static final class Facts {

		AdoptionStage stage = AdoptionStage.INTERESTED;

		LocalDate since = TODAY.minusDays(30);

		List<OpenNeed> needs = new ArrayList<>();

		Map<ConsentChannel, Map<ConsentPurpose, ConsentFact>> consent = new EnumMap<>(ConsentChannel.class);

		List<Contact> contacts = new ArrayList<>();

		Map<ConsentChannel, List<ContentOption>> content = new EnumMap<>(ConsentChannel.class);

		List<Dismissal> dismissed = new ArrayList<>();

		List<ActionFacts.Planned> planned = new ArrayList<>();

		List<ActionFacts.CampaignAsk> campaigns = new ArrayList<>();

		Facts() {
			for (ConsentChannel channel : ConsentChannel.values()) {
				Map<ConsentPurpose, ConsentFact> byPurpose = new EnumMap<>(ConsentPurpose.class);
				for (ConsentPurpose purpose : ConsentPurpose.values()) {
					byPurpose.put(purpose, new ConsentFact(true, TODAY.minusYears(1), "GRANTED"));
				}
				this.consent.put(channel, byPurpose);
			}
		}

		Facts without(ConsentChannel channel) {
			this.consent.get(channel).replaceAll((p, f) -> new ConsentFact(false, null, "NO_CONSENT"));
			return this;
		}

		ActionFacts build() {
			return new ActionFacts(1L, 5L, TODAY, this.stage, this.since, this.needs, this.consent, this.contacts,
					this.content, this.dismissed, this.planned, this.campaigns);
		}

	}

	static List<ActionKind> kinds(Outcome outcome) {
		return outcome.suggestions().stream().map(Suggestion::kind).toList();
	}

	static List<String> codes(Suggestion suggestion) {
		return suggestion.reasons().stream().map(Reason::code).toList();
	}

	@Test
	void anInterestedHcpIsVisitedFirstWithTheStagePolicyAndConsentAsReasons() {
		Outcome outcome = NextActionRules.suggest(new Facts().build(), POLICY);

		// INTERESTED: visit, then medical (only with a medical need), then remote detailing.
		assertThat(kinds(outcome)).containsExactly(ActionKind.VISIT, ActionKind.REMOTE_DETAIL);
		Suggestion visit = outcome.suggestions().get(0);
		assertThat(visit.score()).isEqualTo(100);
		assertThat(visit.department()).isEqualTo("SALES");
		assertThat(visit.dueOn()).isEqualTo(TODAY);
		assertThat(codes(visit)).containsExactly("stage", "policy", "rank", "consent", "contactsInWindow");
		assertThat(visit.reasons().get(0).args()).containsExactly("INTERESTED", "2026-11-07", "30");
		assertThat(visit.reasons().get(3).args()).containsExactly("VISIT", "PROMOTIONAL", "2025-12-07");
		assertThat(outcome.suggestions().get(1).score()).isEqualTo(100 - 2 * 15);
		assertThat(outcome.excluded()).extracting(e -> e.reason().code()).containsExactly("noMedicalNeed");
		assertThat(visit.policyVersion()).isEqualTo(2);
	}

	@Test
	void noSuggestionOnAChannelWithoutConsentAndSaysSo() {
		Outcome outcome = NextActionRules.suggest(new Facts().without(ConsentChannel.VISIT).build(), POLICY);

		assertThat(kinds(outcome)).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(outcome.excluded()).extracting(e -> e.kind() + ":" + e.reason().code())
			.containsExactly("VISIT:noConsent", "MEDICAL_HANDOFF:noMedicalNeed");
	}

	@Test
	void whenNothingIsAllowedTheSuggestionIsNoContactWithEveryReason() {
		Facts facts = new Facts().without(ConsentChannel.VISIT).without(ConsentChannel.REMOTE);

		Outcome outcome = NextActionRules.suggest(facts.build(), POLICY);

		assertThat(kinds(outcome)).containsExactly(ActionKind.NO_CONTACT);
		assertThat(codes(outcome.suggestions().get(0))).endsWith("nothingAllowed", "noConsent", "noMedicalNeed",
				"noConsent");
	}

	@Test
	void theFatigueCapRemovesAChannelOnceReachedAndCountsOnlyPromotionalPushInItsWindow() {
		Facts facts = new Facts();
		// The default visit cap: 4 in 30 days. Three in the window, one older, and a medical visit that does not count.
		facts.contacts.add(new Contact(Channel.VISIT, TODAY.minusDays(10), ConsentPurpose.PROMOTIONAL, "説明済み"));
		facts.contacts.add(new Contact(Channel.VISIT, TODAY.minusDays(12), ConsentPurpose.PROMOTIONAL, null));
		facts.contacts.add(new Contact(Channel.VISIT, TODAY.minusDays(14), ConsentPurpose.MEDICAL_INFORMATION, null));
		facts.contacts.add(new Contact(Channel.VISIT, TODAY.minusDays(20), ConsentPurpose.PROMOTIONAL, null));
		facts.contacts.add(new Contact(Channel.VISIT, TODAY.minusDays(40), ConsentPurpose.PROMOTIONAL, null));

		Suggestion visit = NextActionRules.suggest(facts.build(), POLICY).suggestions().get(0);
		assertThat(visit.kind()).isEqualTo(ActionKind.VISIT);
		assertThat(visit.reasons()).contains(Reason.of("contactsInWindow", "VISIT", 3, 4, 30),
				Reason.of("lastContact", TODAY.minusDays(10), "VISIT", "説明済み"));
		// A week between push contacts (the default): the last push was 10 days ago, so the visit is due today.
		assertThat(visit.dueOn()).isEqualTo(TODAY);

		facts.contacts.add(0, new Contact(Channel.VISIT, TODAY.minusDays(2), ConsentPurpose.PROMOTIONAL, null));
		Outcome capped = NextActionRules.suggest(facts.build(), POLICY);
		assertThat(kinds(capped)).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(capped.excluded()).contains(
				new NextActionRules.Excluded(ActionKind.VISIT, Reason.of("fatigue", "VISIT", 4, 4, 30)));
		// The remote detailing waits for the gap after the visit two days ago.
		Suggestion remote = capped.suggestions().get(0);
		assertThat(remote.dueOn()).isEqualTo(TODAY.plusDays(5));
		assertThat(remote.reasons()).contains(Reason.of("minGap", TODAY.minusDays(2), 7));
	}

	@Test
	void aNeedAndTheItemThatAnswersItRaiseTheScoreAndAreNamed() {
		Facts facts = new Facts();
		facts.needs.add(new OpenNeed(41, "腎機能別の用量", NeedCategory.DOSING, Urgency.HIGH, RoutedTo.MARKETING,
				TODAY.minusDays(35)));
		facts.content.put(ConsentChannel.VISIT,
				List.of(new ContentOption(900, "腎機能別用量表", ContentKind.LEAFLET, 95, 41L)));

		Suggestion visit = NextActionRules.suggest(facts.build(), POLICY).suggestions().get(0);

		assertThat(visit.contentVersionId()).isEqualTo(900L);
		assertThat(visit.needId()).isEqualTo(41L);
		// 100 + 95 / 5 + 5 weeks + 10 urgent.
		assertThat(visit.score()).isEqualTo(100 + 19 + 5 + 10);
		assertThat(visit.reasons()).contains(Reason.of("content", "腎機能別用量表", 95),
				Reason.of("need", "腎機能別の用量", "DOSING", TODAY.minusDays(35), 35));
	}

	@Test
	void aMedicalNeedIsHandedToMedicalAffairsEvenWhereTheStageRuleDoesNotListIt() {
		Facts facts = new Facts();
		facts.stage = AdoptionStage.UNAWARE;
		facts.needs.add(new OpenNeed(7, "長期安全性", NeedCategory.SAFETY, Urgency.NORMAL, RoutedTo.MEDICAL,
				TODAY.minusDays(14)));
		facts.content.put(ConsentChannel.WEB,
				List.of(new ContentOption(901, "疾患啓発サイト", ContentKind.WEB_ARTICLE, 10, null)));

		Outcome outcome = NextActionRules.suggest(facts.build(), POLICY);

		// UNAWARE: pull — web content, then a webinar invitation (no webinar in the library); medical for the need.
		assertThat(kinds(outcome)).containsExactly(ActionKind.WEB_CONTENT, ActionKind.MEDICAL_HANDOFF);
		Suggestion handoff = outcome.suggestions().get(1);
		assertThat(handoff.department()).isEqualTo("MEDICAL");
		assertThat(handoff.needId()).isEqualTo(7L);
		assertThat(handoff.score()).isEqualTo(60 + 2);
		assertThat(codes(handoff)).contains("medicalNeedOutsidePolicy", "need");
		assertThat(outcome.excluded()).extracting(e -> e.kind() + ":" + e.reason().code())
			.containsExactly("WEBINAR_INVITATION:noContent");
	}

	@Test
	void aDismissalHoldsForThirtyDays() {
		Facts facts = new Facts();
		facts.dismissed.add(new Dismissal(ActionKind.VISIT, TODAY.minusDays(29), "学会シーズンで多忙"));
		assertThat(kinds(NextActionRules.suggest(facts.build(), POLICY))).containsExactly(ActionKind.REMOTE_DETAIL);

		facts.dismissed.set(0, new Dismissal(ActionKind.VISIT, TODAY.minusDays(31), "学会シーズンで多忙"));
		assertThat(kinds(NextActionRules.suggest(facts.build(), POLICY))).startsWith(ActionKind.VISIT);
	}

	@Test
	void aCallAlreadyPlannedOnTheChannelIsNotSuggestedAgain() {
		Facts facts = new Facts();
		facts.planned.add(new ActionFacts.Planned(Channel.VISIT, TODAY.plusDays(3)));

		Outcome outcome = NextActionRules.suggest(facts.build(), POLICY);

		assertThat(kinds(outcome)).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(outcome.excluded()).contains(
				new NextActionRules.Excluded(ActionKind.VISIT, Reason.of("planned", TODAY.plusDays(3))));
	}

	@Test
	void inAQuietPeriodNoContactNowAndTheRestAfterIt() {
		StagePolicy quiet = new StagePolicy(5, 3, POLICY.rules(), POLICY.caps(),
				List.of(new QuietPeriod(TODAY.minusDays(2), TODAY.plusDays(4), "年末年始")), 7);

		Outcome outcome = NextActionRules.suggest(new Facts().build(), quiet);

		assertThat(kinds(outcome)).containsExactly(ActionKind.NO_CONTACT, ActionKind.VISIT, ActionKind.REMOTE_DETAIL);
		assertThat(outcome.suggestions().get(0).reasons()).contains(
				Reason.of("quiet", "年末年始", TODAY.minusDays(2), TODAY.plusDays(4)));
		assertThat(outcome.suggestions().get(1).dueOn()).isEqualTo(TODAY.plusDays(5));
	}

	@Test
	void aStageUnchangedForNinetyDaysAsksForAMoveAndAnUnknownStageIsTreatedAsUnaware() {
		Facts stalled = new Facts();
		stalled.since = TODAY.minusDays(120);
		Suggestion visit = NextActionRules.suggest(stalled.build(), POLICY).suggestions().get(0);
		assertThat(visit.score()).isEqualTo(110);
		assertThat(visit.reasons()).contains(Reason.of("stalled", 120));

		Facts unknown = new Facts();
		unknown.stage = null;
		unknown.since = null;
		unknown.content.put(ConsentChannel.WEB,
				List.of(new ContentOption(901, "疾患啓発サイト", ContentKind.WEB_ARTICLE, 10, null)));
		Suggestion first = NextActionRules.suggest(unknown.build(), POLICY).suggestions().get(0);
		assertThat(first.kind()).isEqualTo(ActionKind.WEB_CONTENT);
		assertThat(codes(first)).startsWith("stageUnknown", "policy");
	}

	@Test
	void theRankingSeamReordersButKeepsAtMostThree() {
		NextActionRules.Ranking reversed = (byRules, facts) -> {
			List<Suggestion> copy = new ArrayList<>(byRules);
			java.util.Collections.reverse(copy);
			return copy;
		};
		Outcome outcome = NextActionRules.suggest(new Facts().build(), POLICY, reversed);
		assertThat(kinds(outcome)).containsExactly(ActionKind.REMOTE_DETAIL, ActionKind.VISIT);
	}

	@Test
	void itemsSuitTheirAction() {
		assertThat(NextActionRules.suits(ActionKind.WEBINAR_INVITATION, ContentKind.WEBINAR)).isTrue();
		assertThat(NextActionRules.suits(ActionKind.WEBINAR_INVITATION, ContentKind.LEAFLET)).isFalse();
		assertThat(NextActionRules.suits(ActionKind.APPROVED_EMAIL, ContentKind.EMAIL_TEMPLATE)).isFalse();
		assertThat(NextActionRules.suits(ActionKind.WEB_CONTENT, ContentKind.DETAILING_SLIDES)).isFalse();
		assertThat(NextActionRules.suits(ActionKind.VISIT, ContentKind.DETAILING_SLIDES)).isTrue();
	}

	@Test
	void aPushCampaignAsksForAVisitWithItsItemInPlaceOfThePolicysVisit() {
		Facts facts = new Facts();
		facts.campaigns.add(new ActionFacts.CampaignAsk(77L, "秋の新適応キャンペーン", ActionKind.VISIT, 901L, "新適応のご案内",
				TODAY.plusDays(20)));

		Outcome outcome = NextActionRules.suggest(facts.build(), POLICY);

		assertThat(kinds(outcome)).containsExactly(ActionKind.VISIT, ActionKind.REMOTE_DETAIL);
		Suggestion visit = outcome.suggestions().get(0);
		assertThat(visit.campaignId()).isEqualTo(77L);
		assertThat(visit.contentVersionId()).isEqualTo(901L);
		assertThat(visit.score()).isEqualTo(110);
		assertThat(codes(visit)).contains("campaign", "campaignItem", "consent", "policy");
		assertThat(outcome.suggestions().get(1).campaignId()).isNull();
	}

	@Test
	void aPushCampaignNeverOverridesConsentOrAnEndedCampaign() {
		Facts withdrawn = new Facts().without(ConsentChannel.VISIT);
		withdrawn.campaigns.add(new ActionFacts.CampaignAsk(77L, "秋", ActionKind.VISIT, 901L, "資料", TODAY.plusDays(20)));
		Outcome refused = NextActionRules.suggest(withdrawn.build(), POLICY);
		assertThat(refused.suggestions()).noneMatch(s -> s.campaignId() != null);
		assertThat(refused.excluded()).anyMatch(e -> e.kind() == ActionKind.VISIT && e.reason().code().equals("noConsent"));

		Facts ended = new Facts();
		ended.campaigns.add(new ActionFacts.CampaignAsk(78L, "夏", ActionKind.VISIT, 902L, "資料", TODAY.minusDays(1)));
		assertThat(NextActionRules.suggest(ended.build(), POLICY).suggestions()).noneMatch(s -> s.campaignId() != null);
	}

}
