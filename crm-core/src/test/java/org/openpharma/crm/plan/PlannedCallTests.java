package org.openpharma.crm.plan;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannedCallTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

	static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");

	static PlanDraft draft(LocalDate day, Channel channel) {
		return new PlanDraft(1L, 2L, day, channel, null, null, null, "  bring the leaflet ");
	}

	static PlannedCall planned(LocalDate day) {
		return PlannedCall.plan(draft(day, Channel.VISIT), "mr", "mr", TODAY, NOW);
	}

	@Test
	void plansTodayOrAFutureDay() {
		PlannedCall call = PlannedCall.plan(draft(TODAY, Channel.VISIT), "mr", "manager", TODAY, NOW);
		assertThat(call.getStatus()).isEqualTo(PlanStatus.PLANNED);
		assertThat(call.getOwner()).isEqualTo("mr");
		assertThat(call.getCreatedBy()).isEqualTo("manager");
		assertThat(call.getNote()).isEqualTo("bring the leaflet");
		assertThat(planned(TODAY.plusDays(10)).getDay()).isEqualTo(TODAY.plusDays(10));
	}

	@Test
	void rejectsAPastDay() {
		assertThatThrownBy(() -> planned(TODAY.minusDays(1))).isInstanceOfSatisfying(ValidationException.class,
				ex -> assertThat(ex.getViolations()).extracting(FieldViolation::field, FieldViolation::code)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("day", "plan.day.past")));
	}

	@Test
	void rejectsADayMoreThanAYearAhead() {
		assertThatThrownBy(() -> planned(TODAY.plusDays(PlanRules.MAX_AHEAD_DAYS + 1)))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(ex.getViolations()).extracting(FieldViolation::code).containsExactly("plan.day.tooFar"));
	}

	@Test
	void rejectsAPullChannel() {
		for (Channel pull : new Channel[] { Channel.WEB_CONTENT, Channel.WEBINAR, Channel.EMAIL_OPENED, Channel.PHONE_IN }) {
			assertThatThrownBy(() -> PlannedCall.plan(draft(TODAY, pull), "mr", "mr", TODAY, NOW))
				.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
					.extracting(FieldViolation::field, FieldViolation::code)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("channel", "plan.channel.notPush")));
		}
		assertThat(PlanRules.channels()).containsExactly(Channel.VISIT, Channel.REMOTE_DETAIL, Channel.PHONE_OUT,
				Channel.EMAIL_OUT);
	}

	@Test
	void reportsEveryBrokenRuleAtOnce() {
		assertThatThrownBy(() -> PlannedCall.plan(new PlanDraft(1L, null, null, null, null, null, null, "x".repeat(1001)),
				"mr", "mr", TODAY, NOW))
			.isInstanceOfSatisfying(ValidationException.class, ex -> assertThat(ex.getViolations())
				.extracting(FieldViolation::code)
				.containsExactly("plan.day.required", "plan.channel.required", "plan.note.tooLong"));
	}

	@Test
	void aPlannedCallWhoseDayHasPassedReadsAsMissed() {
		PlannedCall call = planned(TODAY);
		assertThat(call.stateOn(TODAY)).isEqualTo(PlanState.PLANNED);
		assertThat(call.stateOn(TODAY.plusDays(1))).isEqualTo(PlanState.MISSED);
		call.markDone(9L, "mr", NOW);
		assertThat(call.stateOn(TODAY.plusDays(1))).isEqualTo(PlanState.DONE);
	}

	@Test
	void movesToAnotherDayButNotIntoThePast() {
		PlannedCall call = planned(TODAY.plusDays(1));
		call.moveTo(TODAY.plusDays(3), "mr", TODAY, NOW.plusSeconds(5));
		assertThat(call.getDay()).isEqualTo(TODAY.plusDays(3));
		assertThat(call.getUpdatedAt()).isEqualTo(NOW.plusSeconds(5));
		assertThatThrownBy(() -> call.moveTo(TODAY.minusDays(1), "mr", TODAY, NOW))
			.isInstanceOf(ValidationException.class);
		// A missed plan may be moved on to a day ahead.
		PlannedCall missed = planned(TODAY);
		missed.moveTo(TODAY.plusDays(2), "mr", TODAY.plusDays(1), NOW);
		assertThat(missed.stateOn(TODAY.plusDays(1))).isEqualTo(PlanState.PLANNED);
	}

	@Test
	void doneIsLinkedToTheInteractionThatLoggedIt() {
		PlannedCall call = planned(TODAY);
		call.markDone(42L, "mr", NOW);
		assertThat(call.getStatus()).isEqualTo(PlanStatus.DONE);
		assertThat(call.getInteractionId()).isEqualTo(42L);
	}

	@Test
	void cancellingNeedsAReasonAndKeepsIt() {
		PlannedCall call = planned(TODAY);
		assertThatThrownBy(() -> call.cancel(" ", "mr", NOW)).isInstanceOf(ValidationException.class);
		assertThatThrownBy(() -> call.cancel("x".repeat(501), "mr", NOW)).isInstanceOf(ValidationException.class);
		call.cancel(" 先生がご不在 ", "mr", NOW);
		assertThat(call.getStatus()).isEqualTo(PlanStatus.CANCELLED);
		assertThat(call.getCancelReason()).isEqualTo("先生がご不在");
	}

	@Test
	void onlyAPlannedCallMovesIsDoneOrIsCancelled() {
		PlannedCall done = planned(TODAY);
		done.markDone(1L, "mr", NOW);
		assertThatThrownBy(() -> done.markDone(2L, "mr", NOW)).isInstanceOfSatisfying(DomainException.class,
				ex -> assertThat(ex.getCode()).isEqualTo("plan.notPlanned.DONE"));
		assertThatThrownBy(() -> done.cancel("why", "mr", NOW)).isInstanceOf(DomainException.class);
		PlannedCall cancelled = planned(TODAY);
		cancelled.cancel("why", "mr", NOW);
		assertThatThrownBy(() -> cancelled.moveTo(TODAY.plusDays(1), "mr", TODAY, NOW))
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.getCode()).isEqualTo("plan.notPlanned.CANCELLED"));
	}

}
