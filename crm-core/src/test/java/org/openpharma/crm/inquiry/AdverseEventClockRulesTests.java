package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.inquiry.RegulatoryDeadline.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The regulators' clocks per country: the rules of V14 as seeded, effective dates and day 0. */
class AdverseEventClockRulesTests {

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	static final LocalDate BASELINE = LocalDate.of(2000, 1, 1);

	static final Map<String, String> COUNTRIES = Map.of("JP", "JP", "US", "US", "DE", "EU", "FR", "EU", "NO", "EU");

	/** The seeded rules of V14__ae_regulatory_clocks.sql. */
	static final List<RegulatoryRule> SEEDED = List.of(rule(1, "JP", "JP-SERIOUS-UNEXPECTED", true, false, null, 15),
			rule(2, "JP", "JP-SERIOUS-EXPECTED-DEATH", true, true, true, 15),
			rule(3, "JP", "JP-SERIOUS-EXPECTED", true, true, false, 30),
			rule(4, "JP", "JP-NON-SERIOUS", false, null, null, null),
			rule(5, "US", "US-SERIOUS-UNEXPECTED", true, false, null, 15),
			rule(6, "US", "US-SERIOUS-EXPECTED", true, true, null, null),
			rule(7, "US", "US-NON-SERIOUS", false, null, null, null), rule(8, "EU", "EU-SERIOUS", true, null, null, 15),
			rule(9, "EU", "EU-NON-SERIOUS", false, null, null, 90));

	static final AdverseEventClockRules RULES = new AdverseEventClockRules(JAPAN, COUNTRIES, SEEDED);

	static final AdverseEventCase SERIOUS_UNEXPECTED = new AdverseEventCase(true, false, false);

	static final AdverseEventCase SERIOUS_UNEXPECTED_FATAL = new AdverseEventCase(true, false, true);

	static final AdverseEventCase SERIOUS_EXPECTED = new AdverseEventCase(true, true, false);

	static final AdverseEventCase SERIOUS_EXPECTED_FATAL = new AdverseEventCase(true, true, true);

	static final AdverseEventCase NON_SERIOUS_UNEXPECTED = new AdverseEventCase(false, false, false);

	static final AdverseEventCase NON_SERIOUS_EXPECTED = new AdverseEventCase(false, true, false);

	static RegulatoryRule rule(long id, String jurisdiction, String code, boolean serious, Boolean expected, Boolean fatal,
			Integer days) {
		return rule(id, jurisdiction, code, serious, expected, fatal, days, BASELINE, null);
	}

	static RegulatoryRule rule(long id, String jurisdiction, String code, boolean serious, Boolean expected, Boolean fatal,
			Integer days, LocalDate from, LocalDate to) {
		return new RegulatoryRule(id, jurisdiction, code, serious, expected, fatal, days, code, code, "basis", from, to);
	}

	static Instant jst(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(JAPAN).toInstant();
	}

	/** Learned of on Friday 20 Nov 2026 at 17:30 Japan time. */
	static final Instant FRIDAY = jst("2026-11-20T17:30");

	@Test
	void japanFifteenDaysForSeriousUnexpectedAndForExpectedDeathsThirtyForOtherExpectedSeriousNoneForNonSerious() {
		assertThat(RULES.deadline("JP", FRIDAY, SERIOUS_UNEXPECTED)).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-UNEXPECTED");
			assertThat(d.dayZero()).isEqualTo(LocalDate.of(2026, 11, 20));
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
			assertThat(d.kind()).isEqualTo(Kind.DUE);
		});
		assertThat(RULES.deadline("JP", FRIDAY, SERIOUS_UNEXPECTED_FATAL).dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
		assertThat(RULES.deadline("JP", FRIDAY, SERIOUS_EXPECTED_FATAL)).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED-DEATH");
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
		});
		assertThat(RULES.deadline("JP", FRIDAY, SERIOUS_EXPECTED)).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED");
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 12, 20));
		});
		for (AdverseEventCase nonSerious : List.of(NON_SERIOUS_UNEXPECTED, NON_SERIOUS_EXPECTED)) {
			assertThat(RULES.deadline("jp", FRIDAY, nonSerious)).satisfies(d -> {
				assertThat(d.rule().code()).isEqualTo("JP-NON-SERIOUS");
				assertThat(d.dueDate()).isNull();
				assertThat(d.kind()).as("said explicitly, not a made-up date").isEqualTo(Kind.NOT_EXPEDITED);
			});
		}
	}

	@Test
	void unitedStatesFifteenCalendarDaysForSeriousUnexpectedOnlyWeekendsIncluded() {
		// Day 0 Friday 20 Nov + 15 calendar days = Saturday 5 Dec: no shift to the next business day.
		assertThat(RULES.deadline("US", FRIDAY, SERIOUS_UNEXPECTED)).satisfies(d -> {
			assertThat(d.jurisdiction()).isEqualTo("US");
			assertThat(d.rule().code()).isEqualTo("US-SERIOUS-UNEXPECTED");
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
		});
		assertThat(RULES.deadline("US", FRIDAY, SERIOUS_UNEXPECTED_FATAL).dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
		for (AdverseEventCase periodic : List.of(SERIOUS_EXPECTED, SERIOUS_EXPECTED_FATAL, NON_SERIOUS_UNEXPECTED,
				NON_SERIOUS_EXPECTED)) {
			assertThat(RULES.deadline("US", FRIDAY, periodic).kind()).as(periodic.toString()).isEqualTo(Kind.NOT_EXPEDITED);
		}
	}

	@Test
	void europeFifteenDaysSeriousNinetyNonSeriousInEveryEeaCountry() {
		for (String country : List.of("DE", "FR", "NO")) {
			assertThat(RULES.deadline(country, FRIDAY, SERIOUS_EXPECTED)).satisfies(d -> {
				assertThat(d.jurisdiction()).isEqualTo("EU");
				assertThat(d.rule().code()).isEqualTo("EU-SERIOUS");
				assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 12, 5));
			});
			assertThat(RULES.deadline(country, FRIDAY, SERIOUS_UNEXPECTED_FATAL).dueDate())
				.isEqualTo(LocalDate.of(2026, 12, 5));
			assertThat(RULES.deadline(country, FRIDAY, NON_SERIOUS_UNEXPECTED)).satisfies(d -> {
				assertThat(d.rule().code()).isEqualTo("EU-NON-SERIOUS");
				assertThat(d.dueDate()).isEqualTo(LocalDate.of(2027, 2, 18));
			});
		}
	}

	@Test
	void aCountryWithoutRulesSaysSoInsteadOfGuessing() {
		assertThat(RULES.deadline("CN", FRIDAY, SERIOUS_UNEXPECTED)).satisfies(d -> {
			assertThat(d.country()).isEqualTo("CN");
			assertThat(d.jurisdiction()).isNull();
			assertThat(d.rule()).isNull();
			assertThat(d.dueDate()).isNull();
			assertThat(d.kind()).isEqualTo(Kind.NO_RULE);
		});
		assertThat(RULES.deadline(null, FRIDAY, SERIOUS_UNEXPECTED).kind()).isEqualTo(Kind.NO_RULE);
	}

	@Test
	void dayZeroIsTheDateInJapanWhenTheFirstEmployeeLearnedOfIt() {
		// 23:30 in Tokyo is still 14:30 UTC of the same day; 00:30 in Tokyo is the previous day in UTC.
		assertThat(RULES.deadline("JP", jst("2026-11-30T23:30"), SERIOUS_UNEXPECTED).dueDate())
			.isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(RULES.deadline("JP", jst("2026-12-01T00:30"), SERIOUS_UNEXPECTED).dueDate())
			.isEqualTo(LocalDate.of(2026, 12, 16));
	}

	@Test
	void theRuleInForceOnDayZeroDecidesBothEndsInclusive() {
		// Suppose Japan shortens the expected-serious clock to 20 days from 1 April 2027.
		List<RegulatoryRule> rules = new ArrayList<>(SEEDED.stream().filter(r -> r.id() != 3).toList());
		rules.add(rule(3, "JP", "JP-SERIOUS-EXPECTED", true, true, false, 30, BASELINE, LocalDate.of(2027, 3, 31)));
		rules.add(rule(10, "JP", "JP-SERIOUS-EXPECTED-2027", true, true, false, 20, LocalDate.of(2027, 4, 1), null));
		AdverseEventClockRules changed = new AdverseEventClockRules(JAPAN, COUNTRIES, rules);
		assertThat(changed.deadline("JP", jst("2027-03-31T23:59"), SERIOUS_EXPECTED)).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED");
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2027, 4, 30));
		});
		assertThat(changed.deadline("JP", jst("2027-04-01T00:00"), SERIOUS_EXPECTED)).satisfies(d -> {
			assertThat(d.rule().code()).isEqualTo("JP-SERIOUS-EXPECTED-2027");
			assertThat(d.dueDate()).isEqualTo(LocalDate.of(2027, 4, 21));
		});
		// Reported late (on 2 April) but learned of on 31 March: the old rule, from day 0.
		assertThat(changed.deadline("JP", jst("2027-03-31T09:00"), SERIOUS_EXPECTED).rule().reportDays()).isEqualTo(30);
		// Before the first rule starts there is none.
		assertThat(changed.deadline("JP", jst("1999-12-31T12:00"), SERIOUS_EXPECTED).kind()).isEqualTo(Kind.NO_RULE);
		assertThat(changed.deadline("JP", jst("2000-01-01T00:00"), SERIOUS_EXPECTED).rule().code())
			.isEqualTo("JP-SERIOUS-EXPECTED");
	}

	@Test
	void whenRulesOverlapTheShortestClockWins() {
		List<RegulatoryRule> rules = new ArrayList<>(SEEDED);
		// A broader rule (any serious case: 10 days) next to the specific ones.
		rules.add(rule(11, "JP", "JP-ALL-SERIOUS-10", true, null, null, 10));
		AdverseEventClockRules overlapping = new AdverseEventClockRules(JAPAN, COUNTRIES, rules);
		assertThat(overlapping.deadline("JP", FRIDAY, SERIOUS_EXPECTED).rule().code()).isEqualTo("JP-ALL-SERIOUS-10");
		// A deadline beats "no expedited report".
		rules.add(rule(12, "US", "US-NON-SERIOUS-60", false, null, null, 60));
		assertThat(new AdverseEventClockRules(JAPAN, COUNTRIES, rules).deadline("US", FRIDAY, NON_SERIOUS_EXPECTED)
			.rule().code()).isEqualTo("US-NON-SERIOUS-60");
	}

	@Test
	void aRuleCannotEndBeforeItStartsNorHaveNoDays() {
		assertThatThrownBy(() -> rule(1, "JP", "X", true, null, null, 15, LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> rule(1, "JP", "X", true, null, null, 0)).isInstanceOf(IllegalArgumentException.class);
	}

}
