package org.openpharma.crm.shared;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class PagedSqlIntegrationTests extends PostgresTestBase {

	@Autowired
	JdbcTemplate jdbc;

	SearchPage<Integer> page(int rows, int page) {
		return PagedSql.page(this.jdbc, "SELECT g FROM generate_series(1, ?) g", "ORDER BY g", List.of(rows),
				(rs, i) -> rs.getInt(1), page, 20);
	}

	@Test
	void aFirstPageThatIsNotFullIsTheWholeResult() {
		SearchPage<Integer> page = page(5, 0);
		assertThat(page.items()).containsExactly(1, 2, 3, 4, 5);
		assertThat(page.total()).isEqualTo(5);
		assertThat(page(0, 0).total()).isZero();
	}

	@Test
	void aFullPageOrALaterOneIsCounted() {
		assertThat(page(20, 0).total()).isEqualTo(20);
		SearchPage<Integer> first = page(25, 0);
		assertThat(first.items()).hasSize(20).startsWith(1);
		assertThat(first.total()).isEqualTo(25);
		SearchPage<Integer> second = page(25, 1);
		assertThat(second.items()).containsExactly(21, 22, 23, 24, 25);
		assertThat(second.total()).isEqualTo(25);
		assertThat(page(25, 3).total()).isEqualTo(25);
	}

	@Test
	void aPageAfterTheLastShowsTheLastAndOneBeforeTheFirstShowsTheFirst() {
		SearchPage<Integer> late = page(25, 3);
		assertThat(late.page()).isEqualTo(1);
		assertThat(late.items()).containsExactly(21, 22, 23, 24, 25);
		SearchPage<Integer> early = page(25, -1);
		assertThat(early.page()).isZero();
		assertThat(early.items()).hasSize(20).startsWith(1);
		// Beyond the cap the last page is the one that ends at the 1,000th row.
		SearchPage<Integer> far = page(5_000, 99_999);
		assertThat(far.page()).isEqualTo(49);
		assertThat(far.items()).hasSize(20).endsWith(1_000);
	}

	@Test
	void theCountStopsAfterTheCap() {
		assertThat(page(5_000, 0).total()).isEqualTo(SearchPage.COUNT_CAP + 1);
	}

}
