package org.openpharma.crm.inquiry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the regulator's rule for an adverse event: the rule of the HCP's country's jurisdiction that is in
 * force on day 0 and fits the case (serious, expected, fatal). Day 0 is the date, in the company's time
 * zone, on which any employee first learned of the event. When more than one rule fits, the shortest clock
 * wins (a rule without an expedited report counts as the longest); the seeded rules never overlap, and the
 * database refuses two rules with the same conditions in force on the same day. The due date is day 0 plus
 * the rule's calendar days, with no shift for weekends or holidays (earlier is always allowed).
 */
public final class AdverseEventClockRules {

	private static final Comparator<RegulatoryRule> SHORTEST_FIRST = Comparator
		.comparing((RegulatoryRule r) -> (r.reportDays() != null) ? r.reportDays() : Integer.MAX_VALUE)
		.thenComparing(RegulatoryRule::effectiveFrom, Comparator.reverseOrder())
		.thenComparingLong(RegulatoryRule::id);

	private final ZoneId zone;

	private final Map<String, String> jurisdictionByCountry;

	private final List<RegulatoryRule> rules;

	/**
	 * @param zone the company's time zone, in which day 0 is a date
	 * @param jurisdictionByCountry ISO 3166-1 alpha-2 country to jurisdiction code (DE → EU)
	 * @param rules every rule, of every period
	 */
	public AdverseEventClockRules(ZoneId zone, Map<String, String> jurisdictionByCountry, List<RegulatoryRule> rules) {
		this.zone = zone;
		this.jurisdictionByCountry = Map.copyOf(jurisdictionByCountry);
		this.rules = List.copyOf(rules);
	}

	/** The date of day 0: when the first employee learned of the event, in the company's time zone. */
	public LocalDate dayZero(Instant awareAt) {
		return LocalDate.ofInstant(awareAt, this.zone);
	}

	/** The regulator's deadline for a case in {@code country} that an employee first learned of at {@code awareAt}. */
	public RegulatoryDeadline deadline(String country, Instant awareAt, AdverseEventCase adverseEvent) {
		LocalDate dayZero = dayZero(awareAt);
		String code = (country != null) ? country.strip().toUpperCase(Locale.ROOT) : null;
		String jurisdiction = (code != null) ? this.jurisdictionByCountry.get(code) : null;
		if (jurisdiction == null) {
			return new RegulatoryDeadline(code, null, dayZero, null, null);
		}
		RegulatoryRule rule = this.rules.stream()
			.filter(r -> r.jurisdiction().equals(jurisdiction) && r.inForceOn(dayZero) && r.fits(adverseEvent))
			.min(SHORTEST_FIRST)
			.orElse(null);
		LocalDate due = (rule != null && rule.expedited()) ? dayZero.plusDays(rule.reportDays()) : null;
		return new RegulatoryDeadline(code, jurisdiction, dayZero, rule, due);
	}

}
