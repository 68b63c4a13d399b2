package org.openpharma.crm.plan;

import org.openpharma.crm.action.CallPlanning;
import org.openpharma.crm.action.Suggestion;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.stereotype.Component;

/**
 * An accepted visit or remote-detailing suggestion becomes a planned call in the user's own plan: on its due day (or
 * today when that has passed), on the suggestion's channel, in its area, with its item. Planning checks consent and
 * the item again ({@link CallPlans#plan}); the plan keeps nothing of the suggestion but the link from the decision.
 */
@Component
class SuggestedCalls implements CallPlanning {

	private final CallPlans plans;

	SuggestedCalls(CallPlans plans) {
		this.plans = plans;
	}

	@Override
	public long plan(Suggestion suggestion, String actor) {
		Channel channel = switch (suggestion.kind()) {
			case VISIT -> Channel.VISIT;
			case REMOTE_DETAIL -> Channel.REMOTE_DETAIL;
			default -> throw ValidationException.of(null, "action.planUnavailable");
		};
		java.time.LocalDate today = this.plans.today();
		java.time.LocalDate day = suggestion.dueOn().isBefore(today) ? today : suggestion.dueOn();
		return this.plans.plan(new PlanDraft(suggestion.hcpId(), suggestion.therapeuticAreaId(), day, channel,
				suggestion.contentVersionId(), null, actor, "次の一手の提案から"), actor);
	}

}
