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
		need.fulfil("Sent the renal dosing standard response", new LinkedRecord(42L, 1L), null, "msl", NOW);
		assertThat(need.getFulfilledByInteractionId()).isEqualTo(42L);
		need.confirm(true, 5, null, "mr", NOW);
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
		assertThatThrownBy(() -> need.fulfil("done", null, null, "x", NOW)).isInstanceOf(DomainException.class)
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
		need.fulfil("leaflet handed over", null, null, "x", NOW);
		assertThatThrownBy(() -> need.confirm(true, 6, null, "x", NOW)).hasMessageContaining("need.feedback.score");
		assertThatThrownBy(() -> need.confirm(true, 0, null, "x", NOW)).hasMessageContaining("need.feedback.score");
		assertThat(need.getStatus()).isEqualTo(NeedStatus.FULFILLED);
	}

	private static InformationNeed inProgress() {
		InformationNeed need = need();
		need.triage(RoutedTo.MEDICAL, "Off-label dosing question", "manager", NOW);
		need.start("msl", NOW);
		return need;
	}

	private static InformationNeed fulfilled() {
		InformationNeed need = inProgress();
		need.fulfil("Sent the renal dosing standard response", null, null, "msl", NOW);
		return need;
	}

	@Test
	void isMetInAnInteractionAndAnsweredByAnInquiryOfItsOwnHcp() {
		InformationNeed need = inProgress();
		need.fulfil("  Standard response sent  ", new LinkedRecord(42L, 1L), new LinkedRecord(7L, 1L), "msl", NOW);
		assertThat(need.getFulfilment()).isEqualTo("Standard response sent");
		assertThat(need.getFulfilledByInteractionId()).isEqualTo(42L);
		assertThat(need.getAnsweredByInquiryId()).isEqualTo(7L);
		assertThat(need.snapshot()).containsEntry("fulfilledByInteractionId", 42L).containsEntry("answeredByInquiryId", 7L);
	}

	@Test
	void refusesAnInteractionOfAnotherHcpOrOneThatDoesNotExistOnItsField() {
		InformationNeed need = inProgress();
		assertThatThrownBy(() -> need.fulfil("sent", new LinkedRecord(42L, 2L), null, "msl", NOW))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.getCode()).isEqualTo("need.fulfilledBy.otherHcp");
				assertThat(ex.getField()).isEqualTo("interactionId");
			});
		assertThatThrownBy(() -> need.fulfil("sent", LinkedRecord.missing(43L), null, "msl", NOW))
			.hasMessageContaining("need.fulfilledBy.otherHcp");
		assertThat(need.getStatus()).isEqualTo(NeedStatus.IN_PROGRESS);
		assertThat(need.getFulfilledByInteractionId()).isNull();
	}

	@Test
	void refusesAnInquiryOfAnotherHcpOnItsField() {
		InformationNeed need = inProgress();
		assertThatThrownBy(() -> need.fulfil("sent", null, new LinkedRecord(7L, 2L), "msl", NOW))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.getCode()).isEqualTo("need.inquiry.otherHcp");
				assertThat(ex.getField()).isEqualTo("inquiryId");
			});
		assertThat(need.getStatus()).isEqualTo(NeedStatus.IN_PROGRESS);
		assertThatThrownBy(() -> fulfilled().linkInquiry(LinkedRecord.missing(8L), "msl", NOW))
			.hasMessageContaining("need.inquiry.otherHcp");
	}

	@Test
	void anInquiryIsLinkedLaterChangedOrRemovedButNotOnANeedClosedUnmet() {
		InformationNeed need = fulfilled();
		need.linkInquiry(new LinkedRecord(7L, 1L), "msl", NOW);
		assertThat(need.getAnsweredByInquiryId()).isEqualTo(7L);
		need.confirm(true, 4, null, "mr", NOW);
		need.linkInquiry(new LinkedRecord(9L, 1L), "msl", NOW);
		assertThat(need.getAnsweredByInquiryId()).isEqualTo(9L);
		need.linkInquiry(null, "msl", NOW);
		assertThat(need.getAnsweredByInquiryId()).isNull();
		InformationNeed unmet = need();
		unmet.closeUnmet("HCP retired", "x", NOW);
		assertThatThrownBy(() -> unmet.linkInquiry(new LinkedRecord(7L, 1L), "x", NOW))
			.hasMessageContaining("need.inquiry.closedUnmet");
	}

	@Test
	void aLinkMadeBeforeFulfilmentStaysWhenFulfilmentNamesNone() {
		InformationNeed need = inProgress();
		need.linkInquiry(new LinkedRecord(7L, 1L), "msl", NOW);
		need.fulfil("sent", null, null, "msl", NOW);
		assertThat(need.getAnsweredByInquiryId()).isEqualTo(7L);
	}

	@Test
	void keepsWhatTheHcpSaidStrippedAndBlankAsNothing() {
		InformationNeed need = fulfilled();
		need.confirm(true, 5, "  腎機能別の表が診療で役立った。  ", "mr", NOW);
		assertThat(need.getFeedbackComment()).isEqualTo("腎機能別の表が診療で役立った。");
		assertThat(need.snapshot()).containsEntry("feedbackComment", "腎機能別の表が診療で役立った。");
		InformationNeed silent = fulfilled();
		silent.confirm(false, 2, "   ", "mr", NOW);
		assertThat(silent.getFeedbackComment()).isNull();
	}

	@Test
	void whatTheHcpSaidIsAtMostAThousandCharacters() {
		InformationNeed need = fulfilled();
		need.confirm(true, 5, "あ".repeat(InformationNeed.COMMENT_MAX), "mr", NOW);
		assertThat(need.getFeedbackComment()).hasSize(1000);
		InformationNeed tooLong = fulfilled();
		assertThatThrownBy(() -> tooLong.confirm(true, 5, "あ".repeat(1001), "mr", NOW))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.getCode()).isEqualTo("need.feedback.comment.tooLong");
				assertThat(ex.getField()).isEqualTo("feedbackComment");
			});
		assertThat(tooLong.getStatus()).isEqualTo(NeedStatus.FULFILLED);
	}

}
