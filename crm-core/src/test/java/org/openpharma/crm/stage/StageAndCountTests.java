package org.openpharma.crm.stage;

import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageAndCountTests {

	private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");

	private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

	@Test
	void stagesMoveInBothDirections() {
		HcpStage stage = HcpStage.first(1L, 2L, AdoptionStage.INTERESTED, "mr", NOW);
		assertThat(stage.moveTo(AdoptionStage.TRIAL, "mr", NOW)).isEqualTo(AdoptionStage.INTERESTED);
		assertThat(stage.moveTo(AdoptionStage.AWARE, "mr", NOW)).isEqualTo(AdoptionStage.TRIAL);
		assertThat(stage.getStage()).isEqualTo(AdoptionStage.AWARE);
	}

	@Test
	void aChangeToTheSameStageIsNotAChange() {
		HcpStage stage = HcpStage.first(1L, 2L, AdoptionStage.AWARE, "mr", NOW);
		assertThatThrownBy(() -> stage.moveTo(AdoptionStage.AWARE, "mr", NOW)).hasMessageContaining("stage.unchanged");
	}

	@Test
	void acceptsPlausiblePatientCounts() {
		assertThat(new PatientCountFacts(1L, null, NOVEMBER, 40, 12).violations("p.", NOVEMBER)).isEmpty();
		assertThat(new PatientCountFacts(null, 5L, NOVEMBER.minusMonths(35), 0, 0).violations("p.", NOVEMBER)).isEmpty();
	}

	@Test
	void refusesNegativeAbsurdOrInconsistentCounts() {
		assertThat(new PatientCountFacts(1L, null, NOVEMBER, -1, null).violations("p.", NOVEMBER))
			.extracting(FieldViolation::field, FieldViolation::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("p.eligiblePatients", "patientCount.range"));
		assertThat(new PatientCountFacts(1L, null, NOVEMBER, 1_000_000, null).violations("p.", NOVEMBER))
			.extracting(FieldViolation::code).containsExactly("patientCount.range");
		assertThat(new PatientCountFacts(1L, null, NOVEMBER, 10, 11).violations("p.", NOVEMBER))
			.extracting(FieldViolation::code).containsExactly("patientCount.treated.exceedsEligible");
	}

	@Test
	void requiresAnAreaAPeriodInRangeAndANumber() {
		assertThat(new PatientCountFacts(null, null, NOVEMBER.plusMonths(1), null, null).violations("p.", NOVEMBER))
			.extracting(FieldViolation::code)
			.containsExactly("patientCount.area.required", "patientCount.period.range", "patientCount.numbers.required");
	}

}
