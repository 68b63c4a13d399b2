package org.openpharma.crm.need;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NeedStatusTests {

	@ParameterizedTest
	@CsvSource({ "OPEN,TRIAGED", "OPEN,CLOSED_UNMET", "TRIAGED,IN_PROGRESS", "TRIAGED,TRIAGED", "TRIAGED,CLOSED_UNMET",
			"IN_PROGRESS,FULFILLED", "IN_PROGRESS,CLOSED_UNMET", "FULFILLED,CONFIRMED_BY_HCP" })
	void allowsTheDocumentedMoves(NeedStatus from, NeedStatus to) {
		assertThat(from.canMoveTo(to)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "OPEN,IN_PROGRESS", "OPEN,FULFILLED", "OPEN,CONFIRMED_BY_HCP", "TRIAGED,FULFILLED",
			"IN_PROGRESS,TRIAGED", "FULFILLED,CLOSED_UNMET", "FULFILLED,OPEN", "CONFIRMED_BY_HCP,OPEN",
			"CLOSED_UNMET,OPEN", "CLOSED_UNMET,TRIAGED" })
	void refusesEveryOtherMove(NeedStatus from, NeedStatus to) {
		assertThat(from.canMoveTo(to)).isFalse();
	}

	@Test
	void finalStatesGoNowhere() {
		assertThat(NeedStatus.CONFIRMED_BY_HCP.next()).isEmpty();
		assertThat(NeedStatus.CLOSED_UNMET.next()).isEmpty();
	}

	@Test
	void openMeansNotYetFulfilledOrClosed() {
		assertThat(NeedStatus.OPEN.isOpen()).isTrue();
		assertThat(NeedStatus.IN_PROGRESS.isOpen()).isTrue();
		assertThat(NeedStatus.FULFILLED.isOpen()).isFalse();
		assertThat(NeedStatus.CLOSED_UNMET.isOpen()).isFalse();
	}

}
