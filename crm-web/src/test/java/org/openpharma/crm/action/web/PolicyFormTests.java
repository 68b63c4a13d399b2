package org.openpharma.crm.action.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.action.ActionKind;
import org.openpharma.crm.action.Approach;
import org.openpharma.crm.action.FatigueCap;
import org.openpharma.crm.action.StagePolicy;
import org.openpharma.crm.action.web.PolicyForm.CapRow;
import org.openpharma.crm.action.web.PolicyForm.QuietRow;
import org.openpharma.crm.action.web.PolicyForm.RuleRow;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyFormTests {

	@Test
	void aPolicyMakesAFormThatGivesTheSamePolicyBack() {
		StagePolicy defaults = StagePolicy.defaults(3);
		PolicyForm form = PolicyForm.of(defaults);
		assertThat(form.version()).isZero();
		assertThat(form.rules().get("INTERESTED").actions()).containsExactly(ActionKind.VISIT, ActionKind.MEDICAL_HANDOFF,
				ActionKind.REMOTE_DETAIL, null);
		assertThat(form.quietPeriods()).hasSize(PolicyForm.SPARE_ROWS);
		assertThat(form.toPolicy(3)).isEqualTo(defaults);
	}

	@Test
	void blankCapsAreNoCapsAndAHalfFilledCapIsRefusedOnTheBlankField() {
		PolicyForm form = PolicyForm.of(StagePolicy.defaults(3));
		Map<String, CapRow> caps = new java.util.LinkedHashMap<>(form.caps());
		caps.put("PHONE", new CapRow(null, null));
		caps.put("EMAIL", new CapRow(null, 30));
		StagePolicy policy = new PolicyForm(0L, form.rules(), caps, form.quietPeriods(), 7, null).toPolicy(3);
		assertThat(policy.capFor(ConsentChannel.PHONE)).isEmpty();
		assertThat(policy.capFor(ConsentChannel.EMAIL)).contains(new FatigueCap(0, 30));
		assertThat(policy.violations()).extracting(FieldViolation::field).containsExactly("caps[EMAIL].max");
	}

	@Test
	void blankActionSlotsAreLeftOutAndAMissingGapIsRefused() {
		PolicyForm form = PolicyForm.of(StagePolicy.defaults(3));
		Map<String, RuleRow> rules = new java.util.LinkedHashMap<>(form.rules());
		List<ActionKind> actions = new ArrayList<>();
		actions.add(null);
		actions.add(ActionKind.REMOTE_DETAIL);
		rules.put("INTERESTED", new RuleRow(Approach.PUSH, actions, "理由"));
		StagePolicy policy = new PolicyForm(0L, rules, form.caps(), List.of(), null, null).toPolicy(3);
		assertThat(policy.ruleFor(AdoptionStage.INTERESTED).actions()).containsExactly(ActionKind.REMOTE_DETAIL);
		assertThat(policy.violations()).extracting(FieldViolation::field).containsExactly("minDaysBetweenPush");
	}

	@Test
	void blankQuietRowsAreLeftOutAndViolationsPointAtTheRowTheUserTyped() {
		PolicyForm form = PolicyForm.of(StagePolicy.defaults(3));
		List<QuietRow> rows = List.of(new QuietRow(null, null, " "),
				new QuietRow(LocalDate.of(2027, 1, 4), LocalDate.of(2026, 12, 28), "年末年始"), new QuietRow(null, null, null));
		PolicyForm edited = new PolicyForm(0L, form.rules(), form.caps(), rows, 7, null);
		StagePolicy policy = edited.toPolicy(3);
		assertThat(policy.quietPeriods()).hasSize(1);
		assertThat(policy.violations()).extracting(FieldViolation::field).containsExactly("quietPeriods[0].to");
		assertThat(edited.formPath("quietPeriods[0].to")).isEqualTo("quietPeriods[1].to");
		assertThat(edited.formPath("caps[EMAIL].max")).isEqualTo("caps[EMAIL].max");
		assertThat(edited.withSpareRows().quietPeriods()).hasSize(2 + PolicyForm.SPARE_ROWS);
	}

	@Test
	void forgedStagesAndChannelsAreIgnored() {
		PolicyForm form = PolicyForm.of(StagePolicy.defaults(3));
		Map<String, RuleRow> rules = new java.util.LinkedHashMap<>(form.rules());
		rules.put("NOPE", new RuleRow(Approach.PUSH, List.of(ActionKind.VISIT), "x"));
		Map<String, CapRow> caps = new java.util.LinkedHashMap<>(form.caps());
		caps.put("FAX", new CapRow(1, 1));
		StagePolicy policy = new PolicyForm(0L, rules, caps, List.of(), 7, null).toPolicy(3);
		assertThat(policy.rules()).hasSize(6);
		assertThat(policy.caps()).hasSize(5);
	}

}
