package org.openpharma.crm.dashboard;

import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.ValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardRulesTests {

	static final YearMonth NOW = YearMonth.of(2026, 11);

	private static List<String> violations(Runnable parse) {
		try {
			parse.run();
			return List.of();
		}
		catch (ValidationException ex) {
			return ex.getViolations().stream().map(v -> v.field() + ":" + v.code()).toList();
		}
	}

	@Test
	void emptyParametersMeanTheLastTwelveMonthsOfEverything() {
		DashboardFilter filter = DashboardFilter.parse(null, " ", "", null, null, "", NOW);
		assertThat(filter).isEqualTo(new DashboardFilter(YearMonth.of(2025, 12), NOW, null, null, null, null));
		assertThat(filter.months()).isEqualTo(12);
		assertThat(filter.monthList()).hasSize(12).startsWith(YearMonth.of(2025, 12)).endsWith(NOW);
	}

	@Test
	void typedValuesAreRead() {
		DashboardFilter filter = DashboardFilter.parse("2026-01", "2026-03", "7", "12", "KANTO", "SALES", NOW);
		assertThat(filter).isEqualTo(new DashboardFilter(YearMonth.of(2026, 1), YearMonth.of(2026, 3), 7L, 12L, "KANTO",
				"SALES"));
		assertThat(filter.months()).isEqualTo(3);
		assertThat(filter.parameters()).containsExactly(java.util.Map.entry("from", "2026-01"),
				java.util.Map.entry("to", "2026-03"), java.util.Map.entry("ta", "7"), java.util.Map.entry("product", "12"),
				java.util.Map.entry("region", "KANTO"), java.util.Map.entry("department", "SALES"));
	}

	@Test
	void everyBadFieldGetsItsOwnMessage() {
		assertThat(violations(() -> DashboardFilter.parse("2026-13", "x", "abc", "-1", "kanto!", "<b>", NOW)))
			.containsExactly("from:dashboard.period.invalid", "to:dashboard.period.invalid", "ta:dashboard.code.unknown",
					"product:dashboard.code.unknown", "region:dashboard.code.unknown", "department:dashboard.code.unknown");
		assertThat(violations(() -> DashboardFilter.parse("1999-12", null, null, null, null, null, NOW)))
			.containsExactly("from:dashboard.period.invalid");
		assertThat(violations(() -> DashboardFilter.parse(null, null, "99999999999999999999", null, null, null, NOW)))
			.containsExactly("ta:dashboard.code.unknown");
	}

	@Test
	void thePeriodRunsForwardForAtMostThirtySixMonthsAndAYearAhead() {
		assertThat(violations(() -> DashboardFilter.parse("2026-05", "2026-04", null, null, null, null, NOW)))
			.containsExactly("to:dashboard.period.order");
		assertThat(violations(() -> DashboardFilter.parse("2023-12", "2026-11", null, null, null, null, NOW))).isEmpty();
		assertThat(violations(() -> DashboardFilter.parse("2023-11", "2026-11", null, null, null, null, NOW)))
			.containsExactly("to:dashboard.period.tooLong");
		assertThat(violations(() -> DashboardFilter.parse("2027-01", "2027-11", null, null, null, null, NOW))).isEmpty();
		assertThat(violations(() -> DashboardFilter.parse("2027-01", "2027-12", null, null, null, null, NOW)))
			.containsExactly("to:dashboard.period.future");
	}

	@Test
	void aTargetNeedsAnAreaAMonthInRangeAndASensibleNumber() {
		assertThat(new TargetDraft(1L, null, null, NOW, 0).violations(NOW)).isEmpty();
		assertThat(new TargetDraft(1L, 2L, "KANTO", NOW.plusMonths(12), TargetDraft.MAX_TARGET).violations(NOW)).isEmpty();
		assertThat(new TargetDraft(null, null, null, null, null).violations(NOW)).extracting(FieldViolation::code)
			.containsExactly("target.area.required", "target.period.required", "target.treated.required");
		assertThat(new TargetDraft(1L, null, null, NOW.plusMonths(13), -1).violations(NOW)).extracting(FieldViolation::code)
			.containsExactly("target.period.range", "target.treated.range");
		assertThat(new TargetDraft(1L, null, null, NOW.minusMonths(37), TargetDraft.MAX_TARGET + 1).violations(NOW))
			.extracting(FieldViolation::field).containsExactly("period", "treatedTarget");
	}

	@Test
	void parseThrowsNothingHalfDone() {
		assertThatThrownBy(() -> DashboardFilter.parse("2026-01", "2025-01", "1", null, null, null, NOW))
			.isInstanceOf(ValidationException.class);
	}

}
