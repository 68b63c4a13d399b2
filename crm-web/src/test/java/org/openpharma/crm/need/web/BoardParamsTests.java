package org.openpharma.crm.need.web;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.need.NeedStatus;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.need.web.NeedController.BoardParams;

import static org.assertj.core.api.Assertions.assertThat;

class BoardParamsTests {

	@Test
	void aScopeIsMineAllOrNothing() {
		assertThat(new BoardParams(null, null, null, null, null, null, null, null, "mine").scope()).isEqualTo("mine");
		assertThat(new BoardParams(null, null, null, null, null, null, null, null, "all").scope()).isEqualTo("all");
		assertThat(new BoardParams(null, null, null, null, null, null, null, null, "everyone").scope()).isNull();
		assertThat(new BoardParams(null, null, null, null, null, null, null, null, null).page()).isZero();
	}

	@Test
	void theUrlsOfTheBoardKeepTheFiltersAndNameTheScope() {
		BoardParams params = new BoardParams(NeedStatus.OPEN, 4L, null, Urgency.HIGH, null, 30, 7L, 2, null);
		assertThat(params.toUrl()).isEqualTo("/needs?status=OPEN&ta=4&urgency=HIGH&age=30&hcp=7");
		assertThat(params.withScope("mine").toUrl()).isEqualTo("/needs?status=OPEN&ta=4&urgency=HIGH&age=30&hcp=7&scope=mine");
		assertThat(params.withScope("all").page()).isEqualTo(2);
	}

	@Test
	void anAgeOutsideTenYearsAndAPageBeyond500AreNotUsed() {
		BoardParams params = new BoardParams(null, null, null, null, null, 4000, null, 9999, null);
		assertThat(params.toFilter().minAgeDays()).isNull();
		assertThat(params.safePage()).isEqualTo(500);
		assertThat(new BoardParams(null, null, null, null, null, -1, null, -5, null).safePage()).isZero();
	}

}
