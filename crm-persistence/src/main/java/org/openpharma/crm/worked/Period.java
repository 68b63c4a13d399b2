package org.openpharma.crm.worked;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.Japan;
import org.openpharma.crm.shared.ValidationException;

/**
 * The days (Japan time, both included) whose decisions the "what worked" page counts; every section of the page (the
 * stage policy rules, later the campaigns) reads the same period.
 */
public record Period(LocalDate from, LocalDate to) {

	/** The default: the last 180 days up to today. */
	public static final int DEFAULT_DAYS = 180;

	/** The longest period asked for at once. */
	public static final int MAX_DAYS = 731;

	/**
	 * The period asked for, a missing end filled from the default; a start after the end, an end in the future or a
	 * period over two years is refused field by field ({@code from}, {@code to}).
	 */
	public static Period of(LocalDate from, LocalDate to, LocalDate today) {
		LocalDate end = (to != null) ? to : today;
		LocalDate start = (from != null) ? from : end.minusDays(DEFAULT_DAYS - 1);
		List<FieldViolation> violations = new ArrayList<>();
		if (end.isAfter(today)) {
			violations.add(new FieldViolation("to", "worked.period.future"));
		}
		if (start.isAfter(end)) {
			violations.add(new FieldViolation("from", "worked.period.order"));
		}
		else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			violations.add(new FieldViolation("from", "worked.period.tooLong", MAX_DAYS));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		return new Period(start, end);
	}

	/** The first moment of the period. */
	public Instant start() {
		return this.from.atStartOfDay(Japan.ZONE).toInstant();
	}

	/** The first moment after the period. */
	public Instant end() {
		return this.to.plusDays(1).atStartOfDay(Japan.ZONE).toInstant();
	}

}
