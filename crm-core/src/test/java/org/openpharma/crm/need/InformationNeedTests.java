package org.openpharma.crm.need;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InformationNeedTests {

	private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");

	private static InformationNeed need() {
		return InformationNeed.raise(1L, 10L, "Renal dosing", NeedCategory.DOSING, 3L, null, null, null, "mr", NOW);
	}

	@Test
	void aNewNeedIsOpenWithNormalUrgency() {
		InformationNeed need = need();
		assertThat(need.getStatus()).isEqualTo(NeedStatus.OPEN);
		assertThat(need.getUrgency()).isEqualTo(Urgency.NORMAL);
	}

	@Test
	void goesThroughTriageToConfirmation() {
		InformationNeed need = need();
		need.triage(RoutedTo.MEDICAL, "Off-label dosing question", "manager", NOW);
		assertThat(need.getRoutedTo()).isEqualTo(RoutedTo.MEDICAL);
		need.start("msl", NOW);
		need.fulfil("Sent the renal dosing standard response", 42L, "msl", NOW);
		assertThat(need.getFulfilledByInteractionId()).isEqualTo(42L);
		need.confirm(true, 5, "mr", NOW);
		assertThat(need.getStatus()).isEqualTo(NeedStatus.CONFIRMED_BY_HCP);
		assertThat(need.getFeedbackScore()).isEqualTo(5);
	}

	@Test
	void triageNeedsADepartmentAndAReason() {
		assertThatThrownBy(() -> need().triage(null, "x", "m", NOW)).hasMessageContaining("need.routedTo.required");
		assertThatThrownBy(() -> need().triage(RoutedTo.SALES, " ", "m", NOW)).hasMessageContaining("need.reason.required");
	}

	@Test
	void refusesAForgedJumpFromOpenToFulfilled() {
		InformationNeed need = need();
		assertThatThrownBy(() -> need.fulfil("done", null, "x", NOW)).isInstanceOf(DomainException.class)
			.hasMessageContaining("need.transition.invalid");
		assertThat(need.getStatus()).isEqualTo(NeedStatus.OPEN);
	}

	@Test
	void closingUnmetNeedsAReasonAndIsFinal() {
		InformationNeed need = need();
		assertThatThrownBy(() -> need.closeUnmet("", "x", NOW)).hasMessageContaining("need.reason.required");
		need.closeUnmet("HCP retired", "x", NOW);
		assertThatThrownBy(() -> need.triage(RoutedTo.MEDICAL, "again", "x", NOW))
			.hasMessageContaining("need.transition.invalid");
	}

	@Test
	void feedbackScoreIsOneToFive() {
		InformationNeed need = need();
		need.triage(RoutedTo.MARKETING, "leaflet", "x", NOW);
		need.start("x", NOW);
		need.fulfil("leaflet handed over", null, "x", NOW);
		assertThatThrownBy(() -> need.confirm(true, 6, "x", NOW)).hasMessageContaining("need.feedback.score");
		assertThatThrownBy(() -> need.confirm(true, 0, "x", NOW)).hasMessageContaining("need.feedback.score");
		assertThat(need.getStatus()).isEqualTo(NeedStatus.FULFILLED);
	}

}
