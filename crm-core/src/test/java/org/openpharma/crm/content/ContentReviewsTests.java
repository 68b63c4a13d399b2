package org.openpharma.crm.content;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.content.ContentReviews.Given;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.user.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openpharma.crm.content.ContentAudience.MEDICAL;
import static org.openpharma.crm.content.ContentAudience.PROMOTIONAL;
import static org.openpharma.crm.content.ContentStatus.APPROVED;
import static org.openpharma.crm.content.ContentStatus.DRAFT;
import static org.openpharma.crm.content.ContentStatus.IN_REVIEW;

class ContentReviewsTests {

	private static final Set<Role> MED = Set.of(Role.MEDICAL);

	private static final Set<Role> REG = Set.of(Role.REVIEWER);

	@Test
	void aPromotionalItemNeedsAMedicalAndARegulatoryApproval() {
		ContentStatus afterMedical = ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, "med", MED, null);
		assertThat(afterMedical).isEqualTo(IN_REVIEW);
		ContentStatus afterBoth = ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author",
				List.of(new Given(ReviewSlot.MEDICAL, ReviewDecision.APPROVED, "med")), ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, "reg", REG, null);
		assertThat(afterBoth).isEqualTo(APPROVED);
	}

	@Test
	void theAuthorNeverReviewsTheirOwnVersion() {
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, MEDICAL, "med", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, "med", MED, null))
			.isInstanceOf(DomainException.class)
			.hasMessageContaining("content.review.ownVersion");
	}

	@Test
	void oneSlotNeedsItsRole() {
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", List.of(),
				ReviewSlot.REGULATORY, ReviewDecision.APPROVED, "med", MED, null))
			.hasMessageContaining("content.review.wrongRole");
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, "reg", REG, null))
			.hasMessageContaining("content.review.wrongRole");
	}

	@Test
	void medicalItemsAreReviewedByTwoMedicalPeopleOnly() {
		assertThat(ReviewSlot.REGULATORY.reviewerRole(MEDICAL)).isEqualTo(Role.MEDICAL);
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, MEDICAL, "med1", List.of(), ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, "reg", REG, null))
			.hasMessageContaining("content.review.wrongRole");
		List<Given> first = List.of(new Given(ReviewSlot.MEDICAL, ReviewDecision.APPROVED, "med2"));
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, MEDICAL, "med1", first, ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, "med2", MED, null))
			.hasMessageContaining("content.review.secondReviewByOnePerson");
		assertThat(ContentReviews.decide(IN_REVIEW, MEDICAL, "med1", first, ReviewSlot.REGULATORY,
				ReviewDecision.APPROVED, "med3", MED, null)).isEqualTo(APPROVED);
	}

	@Test
	void aSlotIsApprovedOncePerRound() {
		List<Given> round = List.of(new Given(ReviewSlot.MEDICAL, ReviewDecision.APPROVED, "med2"));
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", round, ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, "med3", MED, null))
			.hasMessageContaining("content.review.slotDone");
	}

	@Test
	void aReturnNeedsACommentAndSendsTheVersionBackToItsAuthor() {
		assertThatThrownBy(() -> ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.RETURNED, "med", MED, "  "))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.getField()).isEqualTo("comment"));
		assertThat(ContentReviews.decide(IN_REVIEW, PROMOTIONAL, "author", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.RETURNED, "med", MED, "出典の記載をお願いします")).isEqualTo(DRAFT);
	}

	@Test
	void onlyAVersionInReviewIsReviewed() {
		assertThatThrownBy(() -> ContentReviews.decide(DRAFT, PROMOTIONAL, "author", List.of(), ReviewSlot.MEDICAL,
				ReviewDecision.APPROVED, "med", MED, null))
			.hasMessageContaining("content.review.notInReview");
	}

	@Test
	void openSlotsAreThoseTheUserCouldStillGive() {
		assertThat(ContentReviews.open(IN_REVIEW, PROMOTIONAL, "author", List.of(), "med", MED))
			.containsExactly(ReviewSlot.MEDICAL);
		assertThat(ContentReviews.open(IN_REVIEW, MEDICAL, "author", List.of(), "med", MED))
			.containsExactly(ReviewSlot.MEDICAL, ReviewSlot.REGULATORY);
		List<Given> round = List.of(new Given(ReviewSlot.MEDICAL, ReviewDecision.APPROVED, "med"));
		assertThat(ContentReviews.open(IN_REVIEW, MEDICAL, "author", round, "med", MED)).isEmpty();
		assertThat(ContentReviews.open(IN_REVIEW, MEDICAL, "author", round, "med2", MED))
			.containsExactly(ReviewSlot.REGULATORY);
		assertThat(ContentReviews.open(IN_REVIEW, PROMOTIONAL, "author", List.of(), "author", Set.of(Role.MEDICAL)))
			.isEmpty();
		assertThat(ContentReviews.open(APPROVED, PROMOTIONAL, "author", List.of(), "med", MED)).isEmpty();
	}

	@Test
	void statusesMoveOnlyForward() {
		assertThat(DRAFT.canMoveTo(IN_REVIEW)).isTrue();
		assertThat(IN_REVIEW.canMoveTo(DRAFT)).isTrue();
		assertThat(APPROVED.canMoveTo(DRAFT)).isFalse();
		assertThat(APPROVED.canMoveTo(ContentStatus.WITHDRAWN)).isTrue();
		assertThat(ContentStatus.EXPIRED.canMoveTo(APPROVED)).isFalse();
		assertThat(ContentStatus.WITHDRAWN.canMoveTo(ContentStatus.EXPIRED)).isFalse();
	}

}
