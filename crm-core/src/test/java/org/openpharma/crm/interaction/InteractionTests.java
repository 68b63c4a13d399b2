package org.openpharma.crm.interaction;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionTests {

	private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");

	private static InteractionFacts visit(Instant at) {
		return new InteractionFacts(Channel.VISIT, at, 15, "interested", "efficacy data", null, Set.of(1L), Set.of(2L));
	}

	@Test
	void channelsArePushOrPull() {
		assertThat(Channel.VISIT.isPush()).isTrue();
		assertThat(Channel.EMAIL_OUT.isPush()).isTrue();
		assertThat(Channel.WEBINAR.isPull()).isTrue();
		assertThat(Channel.PHONE_IN.isPull()).isTrue();
	}

	@Test
	void theAuthorMayEditWithinTwentyFourHours() {
		Interaction interaction = Interaction.record(1L, visit(NOW), "mr", "SALES", null, null, NOW);
		Instant almostADayLater = NOW.plus(Duration.ofHours(24));
		interaction.edit(visit(NOW.minusSeconds(60)), "mr", almostADayLater);
		assertThat(interaction.getOccurredAt()).isEqualTo(NOW.minusSeconds(60));
	}

	@Test
	void afterTheWindowNobodyMayEdit() {
		Interaction interaction = Interaction.record(1L, visit(NOW), "mr", "SALES", null, null, NOW);
		Instant later = NOW.plus(Duration.ofHours(24)).plusSeconds(1);
		assertThat(interaction.isEditable(later)).isFalse();
		assertThatThrownBy(() -> interaction.edit(visit(NOW), "mr", later))
			.hasMessageContaining("interaction.edit.windowClosed");
	}

	@Test
	void onlyTheAuthorMayEdit() {
		Interaction interaction = Interaction.record(1L, visit(NOW), "mr", "SALES", null, null, NOW);
		assertThatThrownBy(() -> interaction.edit(visit(NOW), "someone-else", NOW))
			.hasMessageContaining("interaction.edit.notAuthor");
	}

	@Test
	void anInquiryCallIsAnInboundPhoneCallWithoutTextThatNobodyEditsOrCorrects() {
		Interaction call = Interaction.inquiryCall(1L, 7L, NOW.minusSeconds(30), Set.of(3L), Set.of(2L), "callcenter",
				"CALL_CENTER", NOW);
		assertThat(call.getChannel()).isEqualTo(Channel.PHONE_IN);
		assertThat(call.getOccurredAt()).isEqualTo(NOW.minusSeconds(30));
		assertThat(call.getInquiryId()).isEqualTo(7L);
		assertThat(call.getPurpose()).isNull();
		assertThat(call.getNotes()).isNull();
		assertThat(call.getKeyMessages()).isNull();
		assertThat(call.getOutcome()).isNull();
		assertThat(call.isEditable(NOW)).isFalse();
		assertThat(call.isCorrectableBy("callcenter", "CALL_CENTER")).isFalse();
		assertThatThrownBy(() -> call.edit(visit(NOW), "callcenter", NOW))
			.hasMessageContaining("interaction.inquiryCall.readOnly");
		assertThatThrownBy(() -> call.checkCorrection("callcenter", "CALL_CENTER", "typo"))
			.hasMessageContaining("interaction.inquiryCall.readOnly");
	}

	@Test
	void refusesContactsDatedMoreThanADayAhead() {
		assertThat(visit(NOW.plus(Duration.ofHours(23))).violations(NOW)).isEmpty();
		assertThat(visit(NOW.plus(Duration.ofHours(25))).violations(NOW)).extracting(FieldViolation::code)
			.containsExactly("interaction.occurredAt.range");
	}

	@Test
	void requiresChannelAndTimeAndSaneDuration() {
		InteractionFacts facts = new InteractionFacts(null, null, -5, null, null, null, null, null);
		assertThat(facts.violations(NOW)).extracting(FieldViolation::field)
			.containsExactly("channel", "occurredAt", "durationMinutes");
	}

	@Test
	void rejectsOverlongText() {
		InteractionFacts facts = new InteractionFacts(Channel.PHONE_IN, NOW, null, null, null,
				"x".repeat(InteractionFacts.TEXT_MAX + 1), null, null);
		assertThat(facts.violations(NOW)).extracting(FieldViolation::field).containsExactly("notes");
	}

	@Test
	void aContactDatedAheadOfNowIsPlannedNotRecorded() {
		assertThat(InteractionRules.planned(NOW, NOW)).isFalse();
		assertThat(InteractionRules.planned(NOW.minus(Duration.ofDays(3)), NOW)).isFalse();
		// A tablet whose clock runs a little fast still records.
		assertThat(InteractionRules.planned(NOW.plus(InteractionRules.RECORD_MARGIN), NOW)).isFalse();
		assertThat(InteractionRules.planned(NOW.plus(InteractionRules.RECORD_MARGIN).plusSeconds(1), NOW)).isTrue();
	}

	@Test
	void aContactWithoutConsentIsFlaggedNotLost() {
		Interaction interaction = Interaction.record(1L, visit(NOW), "mr", "SALES", null, null, NOW);
		interaction.assessConsent(new org.openpharma.crm.consent.ConsentPolicy.Decision(
				org.openpharma.crm.consent.ConsentPolicy.Reason.WITHDRAWN, org.openpharma.crm.consent.ConsentChannel.VISIT,
				org.openpharma.crm.consent.ConsentPurpose.PROMOTIONAL, null));
		assertThat(interaction.getConsentBreach()).isEqualTo(org.openpharma.crm.consent.ConsentPolicy.Reason.WITHDRAWN);
		assertThat(interaction.snapshot()).containsEntry("consentBreach", "WITHDRAWN");
		interaction.assessConsent(new org.openpharma.crm.consent.ConsentPolicy.Decision(
				org.openpharma.crm.consent.ConsentPolicy.Reason.NOT_OBJECTED, org.openpharma.crm.consent.ConsentChannel.VISIT,
				org.openpharma.crm.consent.ConsentPurpose.PROMOTIONAL, null));
		assertThat(interaction.getConsentBreach()).isNull();
	}

	@Test
	void onlyTheAuthorOrAColleagueOfTheSameDepartmentWithAReasonCorrects() {
		Interaction interaction = Interaction.record(1L, visit(NOW), "msl", "MEDICAL", null, null, NOW);
		interaction.checkCorrection("msl", "MEDICAL", null);
		interaction.checkCorrection("msl", "MEDICAL", " ");
		assertThat(interaction.isCorrectableBy("msl", "MEDICAL")).isTrue();
		assertThat(interaction.isCorrectableBy("msl2", "MEDICAL")).isTrue();
		assertThat(interaction.isCorrectableBy("marketing", "MARKETING")).isFalse();
		assertThatThrownBy(() -> interaction.checkCorrection("marketing", "MARKETING", "wrong product"))
			.hasMessageContaining("interaction.correction.otherDepartment");
		assertThatThrownBy(() -> interaction.checkCorrection("msl2", "MEDICAL", " "))
			.isInstanceOfSatisfying(org.openpharma.crm.shared.DomainException.class,
					ex -> assertThat(ex.getField()).isEqualTo("correctionReason"))
			.hasMessageContaining("interaction.correction.reasonRequired");
		assertThatThrownBy(() -> interaction.checkCorrection("msl2", "MEDICAL", "x".repeat(501)))
			.hasMessageContaining("validation.tooLong");
		interaction.checkCorrection("msl2", "MEDICAL", "the visit was on Tuesday");
		Interaction correction = Interaction.record(1L, visit(NOW), "msl2", "MEDICAL", null, null, NOW);
		correction.correcting(7L, " the visit was on Tuesday ");
		assertThat(correction.getCorrectsId()).isEqualTo(7L);
		assertThat(correction.getCorrectionReason()).isEqualTo("the visit was on Tuesday");
	}

}
