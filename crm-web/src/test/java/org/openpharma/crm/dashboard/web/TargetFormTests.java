package org.openpharma.crm.dashboard.web;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.shared.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A treated-patient target as typed. */
class TargetFormTests {

	@Test
	void aNewTargetIsForTheMonthAndWhatTheDashboardShows() {
		DashboardFilter filter = new DashboardFilter(YearMonth.of(2026, 1), YearMonth.of(2026, 11), 4L, 9L, "KANTO",
				null);
		assertThat(TargetForm.forFilter(YearMonth.of(2026, 11), filter))
			.isEqualTo(new TargetForm(4L, 9L, "KANTO", "2026-11", null, null));
		assertThat(TargetForm.forFilter(YearMonth.of(2026, 11), null))
			.isEqualTo(new TargetForm(null, null, null, "2026-11", null, null));
	}

	@Test
	void aTargetIsDraftedWithItsMonthReadAndABadMonthNamed() {
		assertThat(new TargetForm(4L, null, " ", " 2026-10 ", 12, null).toDraft().period())
			.isEqualTo(YearMonth.of(2026, 10));
		assertThat(new TargetForm(4L, null, " ", null, 12, null).toDraft().regionCode()).isNull();
		assertThatExceptionOfType(ValidationException.class)
			.isThrownBy(() -> new TargetForm(4L, null, null, "2026-13", 12, null).toDraft())
			.satisfies(ex -> assertThat(ex.getViolations()).singleElement()
				.satisfies(v -> assertThat(v.field()).isEqualTo("period")));
	}

}
