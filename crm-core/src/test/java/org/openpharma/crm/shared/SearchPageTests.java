package org.openpharma.crm.shared;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchPageTests {

	@Test
	void aRequestedPageIsKeptWithinThePagesThatHoldRows() {
		assertThat(SearchPage.clamp(0, 0, 20)).isZero();
		assertThat(SearchPage.clamp(-1, 45, 20)).isZero();
		assertThat(SearchPage.clamp(1, 45, 20)).isEqualTo(1);
		assertThat(SearchPage.clamp(2, 45, 20)).isEqualTo(2);
		assertThat(SearchPage.clamp(3, 45, 20)).isEqualTo(2);
		assertThat(SearchPage.clamp(2, 40, 20)).isEqualTo(1);
	}

	@Test
	void beyondTheCountCapTheLastPageEndsAtTheCap() {
		assertThat(SearchPage.clamp(99_999, SearchPage.COUNT_CAP + 1, 20)).isEqualTo(49);
		SearchPage<Integer> last = new SearchPage<>(List.of(1), 49, 20, SearchPage.COUNT_CAP + 1, false);
		assertThat(last.totalPages()).isEqualTo(50);
		assertThat(last.hasNext()).isFalse();
		assertThat(last.totalCapped()).isTrue();
	}

}
