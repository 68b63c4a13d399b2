package org.openpharma.crm.content;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.stage.AdoptionStage;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDraftTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	static ContentDraft draft(ContentKind kind, Set<ConsentChannel> channels, LocalDate expiresOn, boolean offLabel) {
		return new ContentDraft(" HbA1c 目標の考え方 ", kind, 1L, Set.of(2L), Set.of(NeedCategory.EFFICACY),
				List.of("ＨｂＡ１ｃ 目標", "hba1c目標", " ", "低血糖"), Set.of(AdoptionStage.AWARE), channels, "ja", null,
				"本文", expiresOn, offLabel, null);
	}

	@Test
	void aCompleteDraftHasNoViolationsAndItsTopicsAreMatchedByKey() {
		ContentDraft draft = draft(ContentKind.LEAFLET, Set.of(ConsentChannel.VISIT), TODAY.plusYears(1), false);
		assertThat(draft.violations(ContentAudience.PROMOTIONAL, TODAY)).isEmpty();
		assertThat(draft.title()).isEqualTo("HbA1c 目標の考え方");
		assertThat(draft.topics()).containsExactly("HbA1c 目標", "hba1c目標", "低血糖");
		assertThat(draft.topicKeys()).containsExactly("hba1c目標", "低血糖");
	}

	@Test
	void eachMissingOrWrongFieldIsNamed() {
		ContentDraft empty = new ContentDraft("", null, null, null, null, null, null, Set.of(), "fr", null, null, null,
				true, null);
		assertThat(empty.violations(ContentAudience.PROMOTIONAL, TODAY)).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("title", "kind", "therapeuticAreaId", "channels", "language", "expiresOn",
					"offLabel");
	}

	@Test
	void anEmailTemplateMayBeUsedByEmail() {
		ContentDraft template = draft(ContentKind.EMAIL_TEMPLATE, Set.of(ConsentChannel.WEB), TODAY.plusDays(10), false);
		assertThat(template.violations(ContentAudience.PROMOTIONAL, TODAY)).extracting(FieldViolation::code)
			.containsExactly("content.channels.emailTemplate");
	}

	@Test
	void theExpiryLiesAfterTodayAndAtMostThreeYearsAhead() {
		assertThat(draft(ContentKind.LEAFLET, Set.of(ConsentChannel.VISIT), TODAY, false)
			.violations(ContentAudience.PROMOTIONAL, TODAY)).extracting(FieldViolation::code)
			.containsExactly("content.expiresOn.past");
		assertThat(draft(ContentKind.LEAFLET, Set.of(ConsentChannel.VISIT), TODAY.plusYears(3).plusDays(1), false)
			.violations(ContentAudience.PROMOTIONAL, TODAY)).extracting(FieldViolation::code)
			.containsExactly("content.expiresOn.tooFar");
	}

	@Test
	void offLabelMaterialIsMedicalOnly() {
		ContentDraft offLabel = draft(ContentKind.MEDICAL_LETTER, Set.of(ConsentChannel.EMAIL), TODAY.plusDays(30), true);
		assertThat(offLabel.violations(ContentAudience.MEDICAL, TODAY)).isEmpty();
		assertThat(offLabel.violations(ContentAudience.PROMOTIONAL, TODAY)).extracting(FieldViolation::code)
			.containsExactly("content.offLabel.medicalOnly");
	}

	@Test
	void theAudienceFollowsFromTheAuthorsDepartment() {
		assertThat(ContentAudience.ofAuthor("MEDICAL")).isEqualTo(ContentAudience.MEDICAL);
		assertThat(ContentAudience.ofAuthor("MARKETING")).isEqualTo(ContentAudience.PROMOTIONAL);
	}

}
