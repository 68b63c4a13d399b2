package org.openpharma.crm.action;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;

/**
 * What the policy says for one adoption stage: push or pull, the actions preferred in order, and the rationale a
 * suggestion quotes as its reason ("stage policy: …").
 */
public record StageRule(Approach approach, List<ActionKind> actions, String rationale) {

	/** More is no longer a preference. */
	public static final int MAX_ACTIONS = 4;

	public static final int RATIONALE_MAX = 200;

	public StageRule {
		actions = (actions == null) ? List.of() : actions.stream().filter(Objects::nonNull).toList();
		rationale = (rationale == null || rationale.isBlank()) ? null : rationale.strip();
	}

	/** The most preferred action. */
	public ActionKind first() {
		return this.actions.isEmpty() ? ActionKind.NO_CONTACT : this.actions.get(0);
	}

	/** Where it ranks an action: 0 for the first; -1 when the rule does not name it. */
	public int rankOf(ActionKind kind) {
		return this.actions.indexOf(kind);
	}

	/**
	 * What is wrong with it, as fields under {@code path} ({@code rules[INTERESTED]}): an approach, one to
	 * {@value #MAX_ACTIONS} different actions whose first one takes that approach (NO_CONTACT only alone), and a
	 * rationale of at most {@value #RATIONALE_MAX} characters.
	 */
	public List<FieldViolation> violations(String path) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.approach == null) {
			violations.add(new FieldViolation(path + ".approach", "policy.rule.approach.required"));
		}
		String actionsPath = path + ".actions";
		Set<ActionKind> seen = EnumSet.noneOf(ActionKind.class);
		boolean duplicate = !this.actions.stream().allMatch(seen::add);
		if (this.actions.isEmpty()) {
			violations.add(new FieldViolation(actionsPath, "policy.rule.actions.required"));
		}
		else if (this.actions.size() > MAX_ACTIONS) {
			violations.add(new FieldViolation(actionsPath, "policy.rule.actions.tooMany", MAX_ACTIONS));
		}
		else if (duplicate) {
			violations.add(new FieldViolation(actionsPath, "policy.rule.actions.duplicate"));
		}
		else if (seen.contains(ActionKind.NO_CONTACT) && this.actions.size() > 1) {
			violations.add(new FieldViolation(actionsPath, "policy.rule.actions.noContactAlone"));
		}
		else if (this.approach != null && first().isContact() && first().approach().orElseThrow() != this.approach) {
			violations.add(new FieldViolation(actionsPath, "policy.rule.actions.firstNotApproach", this.approach.name()));
		}
		if (this.rationale == null) {
			violations.add(new FieldViolation(path + ".rationale", "policy.rule.rationale.required"));
		}
		else if (this.rationale.length() > RATIONALE_MAX || !StorableText.isStorable(this.rationale)) {
			violations.add(new FieldViolation(path + ".rationale", "policy.rule.rationale.tooLong", RATIONALE_MAX));
		}
		return violations;
	}

}
