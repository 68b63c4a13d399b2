package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openpharma.crm.action.ActionKind.APPROVED_EMAIL;
import static org.openpharma.crm.action.ActionKind.MEDICAL_HANDOFF;
import static org.openpharma.crm.action.ActionKind.NO_CONTACT;
import static org.openpharma.crm.action.ActionKind.VISIT;
import static org.openpharma.crm.action.ActionKind.WEBINAR_INVITATION;
import static org.openpharma.crm.action.ActionKind.WEB_CONTENT;

class StagePolicyTests {

	static final LocalDate NEW_YEAR_FROM = LocalDate.of(2026, 12, 28);

	static final LocalDate NEW_YEAR_TO = LocalDate.of(2027, 1, 4);

	// Defaults

	@Test
	void defaultsPullWhileUnawareOrAwarePushWhileInterestedOrTryingAndPullAgainOnceAdopted() {
		StagePolicy policy = StagePolicy.defaults(7);
		assertThat(policy.therapeuticAreaId()).isEqualTo(7);
		assertThat(policy.isDefaults()).isTrue();
		assertThat(policy.violations()).isEmpty();
		assertThat(policy.ruleFor(AdoptionStage.UNAWARE).approach()).isEqualTo(Approach.PULL);
		assertThat(policy.ruleFor(AdoptionStage.UNAWARE).actions()).containsExactly(WEB_CONTENT, WEBINAR_INVITATION);
		assertThat(policy.ruleFor(AdoptionStage.AWARE).approach()).isEqualTo(Approach.PULL);
		assertThat(policy.ruleFor(AdoptionStage.AWARE).actions()).containsExactly(WEBINAR_INVITATION, WEB_CONTENT);
		assertThat(policy.ruleFor(AdoptionStage.INTERESTED).approach()).isEqualTo(Approach.PUSH);
		assertThat(policy.ruleFor(AdoptionStage.INTERESTED).first()).isEqualTo(VISIT);
		assertThat(policy.ruleFor(AdoptionStage.INTERESTED).rankOf(MEDICAL_HANDOFF)).isEqualTo(1);
		assertThat(policy.ruleFor(AdoptionStage.TRIAL).actions()).containsExactly(VISIT, MEDICAL_HANDOFF, APPROVED_EMAIL);
		assertThat(policy.ruleFor(AdoptionStage.ADOPTER).approach()).isEqualTo(Approach.PULL);
		assertThat(policy.ruleFor(AdoptionStage.ADOPTER).actions()).containsExactly(WEB_CONTENT, MEDICAL_HANDOFF,
				WEBINAR_INVITATION);
		assertThat(policy.ruleFor(AdoptionStage.ADOPTER).rationale()).contains("患者サポート情報");
		assertThat(policy.ruleFor(AdoptionStage.ADVOCATE).approach()).isEqualTo(Approach.PULL);
		assertThat(policy.capFor(ConsentChannel.EMAIL)).contains(new FatigueCap(4, 30));
		assertThat(policy.capFor(ConsentChannel.VISIT)).contains(new FatigueCap(4, 30));
		assertThat(policy.quietPeriods()).isEmpty();
		assertThat(policy.minDaysBetweenPush()).isEqualTo(7);
		assertThat(policy.withVersion(3).isDefaults()).isFalse();
	}

	@Test
	void theValuesCannotBeChangedAfterwards() {
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(StagePolicy.defaults(1).rules());
		StagePolicy policy = new StagePolicy(1, 1, rules, Map.of(), List.of(), 0);
		rules.remove(AdoptionStage.UNAWARE);
		assertThat(policy.rules()).containsKey(AdoptionStage.UNAWARE);
		assertThatThrownBy(() -> policy.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> policy.quietPeriods().add(null)).isInstanceOf(UnsupportedOperationException.class);
	}

	// Stage rules

	@Test
	void everyStageNeedsARule() {
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(StagePolicy.defaults(1).rules());
		rules.remove(AdoptionStage.TRIAL);
		StagePolicy policy = new StagePolicy(1, 1, rules, Map.of(), List.of(), 0);
		assertThat(policy.violations()).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("rules[TRIAL]", "policy.rule.missing"));
		assertThatThrownBy(() -> policy.ruleFor(AdoptionStage.TRIAL)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aRuleNeedsAnApproachAnActionAndARationale() {
		assertThat(codes(new StageRule(null, List.of(), " "))).containsExactly("x.approach policy.rule.approach.required",
				"x.actions policy.rule.actions.required", "x.rationale policy.rule.rationale.required");
	}

	@Test
	void aRulesFirstActionTakesItsApproach() {
		assertThat(codes(new StageRule(Approach.PUSH, List.of(WEB_CONTENT, VISIT), "理由")))
			.containsExactly("x.actions policy.rule.actions.firstNotApproach");
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT, VISIT), "理由"))).isEmpty();
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT, MEDICAL_HANDOFF), "理由"))).isEmpty();
	}

	@Test
	void aRuleNamesEachActionOnceAndAtMostFour() {
		assertThat(codes(new StageRule(Approach.PUSH, List.of(VISIT, VISIT), "理由")))
			.containsExactly("x.actions policy.rule.actions.duplicate");
		assertThat(codes(new StageRule(Approach.PUSH,
				List.of(VISIT, MEDICAL_HANDOFF, APPROVED_EMAIL, WEB_CONTENT, WEBINAR_INVITATION), "理由")))
			.containsExactly("x.actions policy.rule.actions.tooMany");
	}

	@Test
	void noContactStandsAlone() {
		assertThat(codes(new StageRule(Approach.PULL, List.of(NO_CONTACT), "様子を見る"))).isEmpty();
		assertThat(codes(new StageRule(Approach.PUSH, List.of(NO_CONTACT), "様子を見る"))).isEmpty();
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT, NO_CONTACT), "様子を見る")))
			.containsExactly("x.actions policy.rule.actions.noContactAlone");
	}

	@Test
	void theRationaleIsShort() {
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT), "あ".repeat(200)))).isEmpty();
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT), "あ".repeat(201))))
			.containsExactly("x.rationale policy.rule.rationale.tooLong");
		assertThat(codes(new StageRule(Approach.PULL, List.of(WEB_CONTENT), "a\u0000b")))
			.containsExactly("x.rationale policy.rule.rationale.tooLong");
		assertThat(new StageRule(Approach.PULL, List.of(WEB_CONTENT), "  理由  ").rationale()).isEqualTo("理由");
	}

	@Test
	void ruleViolationsAreNamedAfterTheirStage() {
		Map<AdoptionStage, StageRule> rules = new EnumMap<>(StagePolicy.defaults(1).rules());
		rules.put(AdoptionStage.INTERESTED, new StageRule(Approach.PUSH, List.of(), "理由"));
		assertThat(new StagePolicy(1, 1, rules, Map.of(), List.of(), 7).violations())
			.extracting(FieldViolation::field)
			.containsExactly("rules[INTERESTED].actions");
	}

	// Caps

	@Test
	void aCapCountsContactsInItsWindowIncludingTheDay() {
		FatigueCap cap = new FatigueCap(3, 30);
		assertThat(cap.windowStart(LocalDate.of(2026, 12, 30))).isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(cap.reached(2)).isFalse();
		assertThat(cap.reached(3)).isTrue();
	}

	@Test
	void capsAreBetweenOneAndFiftyContactsInOneToThreeHundredSixtyFiveDays() {
		assertThat(new FatigueCap(1, 1).violations("caps[EMAIL]")).isEmpty();
		assertThat(new FatigueCap(50, 365).violations("caps[EMAIL]")).isEmpty();
		assertThat(new FatigueCap(0, 30).violations("caps[EMAIL]")).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("caps[EMAIL].max", "policy.cap.max.range"));
		assertThat(new FatigueCap(51, 0).violations("caps[VISIT]")).extracting(FieldViolation::field)
			.containsExactly("caps[VISIT].max", "caps[VISIT].days");
		StagePolicy policy = new StagePolicy(1, 1, StagePolicy.defaults(1).rules(),
				Map.of(ConsentChannel.EMAIL, new FatigueCap(0, 30)), List.of(), 7);
		assertThat(policy.violations()).extracting(FieldViolation::field).containsExactly("caps[EMAIL].max");
		assertThat(policy.capFor(ConsentChannel.VISIT)).isEmpty();
	}

	// Quiet periods

	@Test
	void aQuietPeriodIncludesBothEnds() {
		StagePolicy policy = withQuiet(new QuietPeriod(NEW_YEAR_FROM, NEW_YEAR_TO, "年末年始"));
		assertThat(policy.inQuietPeriod(NEW_YEAR_FROM.minusDays(1))).isFalse();
		assertThat(policy.inQuietPeriod(NEW_YEAR_FROM)).isTrue();
		assertThat(policy.inQuietPeriod(LocalDate.of(2027, 1, 1))).isTrue();
		assertThat(policy.inQuietPeriod(NEW_YEAR_TO)).isTrue();
		assertThat(policy.inQuietPeriod(NEW_YEAR_TO.plusDays(1))).isFalse();
		assertThat(policy.quietPeriodOn(NEW_YEAR_TO).map(QuietPeriod::label)).contains("年末年始");
		assertThat(policy.violations()).isEmpty();
	}

	@Test
	void aQuietPeriodNeedsBothDaysInOrderALabelAndAtMostAQuarter() {
		assertThat(codes(new QuietPeriod(null, null, null))).containsExactly("x.from policy.quiet.from.required",
				"x.to policy.quiet.to.required", "x.label policy.quiet.label.required");
		assertThat(codes(new QuietPeriod(NEW_YEAR_TO, NEW_YEAR_FROM, "年末年始")))
			.containsExactly("x.to policy.quiet.to.beforeFrom");
		assertThat(codes(new QuietPeriod(NEW_YEAR_FROM, NEW_YEAR_FROM.plusDays(91), "長期"))).isEmpty();
		assertThat(codes(new QuietPeriod(NEW_YEAR_FROM, NEW_YEAR_FROM.plusDays(92), "長期")))
			.containsExactly("x.to policy.quiet.tooLong");
		assertThat(codes(new QuietPeriod(NEW_YEAR_FROM, NEW_YEAR_TO, "あ".repeat(41))))
			.containsExactly("x.label policy.quiet.label.tooLong");
	}

	@Test
	void quietPeriodsDoNotOverlap() {
		StagePolicy policy = withQuiet(new QuietPeriod(NEW_YEAR_FROM, NEW_YEAR_TO, "年末年始"),
				new QuietPeriod(LocalDate.of(2027, 4, 29), LocalDate.of(2027, 5, 5), "ゴールデンウィーク"),
				new QuietPeriod(NEW_YEAR_TO, NEW_YEAR_TO.plusDays(2), "学会"));
		assertThat(policy.violations()).extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("quietPeriods[2].from", "policy.quiet.overlaps"));
		assertThat(policy.violations().get(0).arguments()).containsExactly("年末年始");
	}

	@Test
	void atMostTwentyFourQuietPeriods() {
		List<QuietPeriod> periods = new java.util.ArrayList<>();
		for (int i = 0; i < 25; i++) {
			periods.add(new QuietPeriod(NEW_YEAR_FROM.plusDays(2L * i), NEW_YEAR_FROM.plusDays(2L * i), "休止" + i));
		}
		assertThat(withQuiet(periods.toArray(QuietPeriod[]::new)).violations()).extracting(FieldViolation::field)
			.containsExactly("quietPeriods");
	}

	// The gap between push contacts

	@Test
	void theGapBetweenPushContactsIsUpToNinetyDays() {
		StagePolicy policy = StagePolicy.defaults(1);
		assertThat(policy.nextPushOn(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 8));
		assertThat(new StagePolicy(1, 1, policy.rules(), policy.caps(), List.of(), 91).violations())
			.extracting(FieldViolation::field)
			.containsExactly("minDaysBetweenPush");
		assertThat(new StagePolicy(1, 1, policy.rules(), policy.caps(), List.of(), -1).violations()).hasSize(1);
		assertThat(new StagePolicy(0, 1, policy.rules(), policy.caps(), List.of(), 0).violations())
			.extracting(FieldViolation::field)
			.containsExactly("therapeuticAreaId");
	}

	private static StagePolicy withQuiet(QuietPeriod... periods) {
		StagePolicy defaults = StagePolicy.defaults(1);
		return new StagePolicy(1, 1, defaults.rules(), defaults.caps(), List.of(periods), 7);
	}

	private static List<String> codes(StageRule rule) {
		return rule.violations("x").stream().map(v -> v.field() + " " + v.code()).toList();
	}

	private static List<String> codes(QuietPeriod period) {
		return period.violations("x").stream().map(v -> v.field() + " " + v.code()).toList();
	}

}
