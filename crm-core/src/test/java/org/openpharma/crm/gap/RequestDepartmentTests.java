package org.openpharma.crm.gap;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.need.NeedCategory;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDepartmentTests {

	@Test
	void safetyDosingAndGuidelinesGoToMedicalAffairsTheRestToMarketing() {
		assertThat(RequestDepartment.forCategory(NeedCategory.SAFETY)).isEqualTo(RequestDepartment.MEDICAL);
		assertThat(RequestDepartment.forCategory(NeedCategory.DOSING)).isEqualTo(RequestDepartment.MEDICAL);
		assertThat(RequestDepartment.forCategory(NeedCategory.GUIDELINE)).isEqualTo(RequestDepartment.MEDICAL);
		assertThat(RequestDepartment.forCategory(NeedCategory.EFFICACY)).isEqualTo(RequestDepartment.MARKETING);
		assertThat(RequestDepartment.forCategory(NeedCategory.PATIENT_SUPPORT)).isEqualTo(RequestDepartment.MARKETING);
		assertThat(RequestDepartment.forCategory(NeedCategory.ACCESS)).isEqualTo(RequestDepartment.MARKETING);
		assertThat(RequestDepartment.forCategory(NeedCategory.OTHER)).isEqualTo(RequestDepartment.MARKETING);
	}

	@Test
	void aRequestNeedsAnAreaAndAShortNote() {
		GapKey group = new GapKey(3, 0, NeedCategory.EFFICACY, "長期データ");
		assertThat(new ContentRequestDraft(group, "  ").violations()).isEmpty();
		assertThat(new ContentRequestDraft(group, "  ").note()).isNull();
		assertThat(new ContentRequestDraft(group, "x".repeat(1001)).violations()).extracting("code")
			.containsExactly("gap.request.note.tooLong");
		assertThat(new ContentRequestDraft(new GapKey(0, 0, NeedCategory.OTHER, "x"), null).violations())
			.extracting("field").containsExactly("group");
		assertThat(new ContentRequestDraft(group, null).department()).isEqualTo(RequestDepartment.MARKETING);
	}

	@Test
	void theDefaultClusteringIsTheNormalisedTopic() {
		assertThat(TopicClustering.NORMALISED.keyOf("ＨｂＡ１ｃ 目標")).isEqualTo("hba1c目標");
		assertThat(TopicClustering.NORMALISED.keyOf("ていきょう")).isEqualTo(TopicClustering.NORMALISED.keyOf("テイキョウ"));
	}

}
