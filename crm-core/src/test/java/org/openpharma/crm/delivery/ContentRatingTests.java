package org.openpharma.crm.delivery;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;

class ContentRatingTests {

	@Test
	void aScoreFromOneToFiveAndAShortCommentAreFine() {
		assertThat(new ContentRating(1, "  ", false).violations()).isEmpty();
		assertThat(new ContentRating(5, "x".repeat(1000), true).violations()).isEmpty();
		assertThat(new ContentRating(3, "  役立ちました ", false).comment()).isEqualTo("役立ちました");
	}

	@Test
	void refusesAMissingOrOutOfRangeScoreAndALongComment() {
		assertThat(new ContentRating(null, null, false).violations()).extracting(FieldViolation::field)
			.containsExactly("helpful");
		assertThat(new ContentRating(0, null, false).violations()).extracting(FieldViolation::code)
			.containsExactly("delivery.rating.helpful.range");
		assertThat(new ContentRating(6, "x".repeat(1001), false).violations()).extracting(FieldViolation::field)
			.containsExactly("helpful", "comment");
	}

}
