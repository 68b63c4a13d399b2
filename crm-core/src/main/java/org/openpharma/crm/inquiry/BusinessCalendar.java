package org.openpharma.crm.inquiry;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Business days in one time zone: Monday to Friday except the configured holidays (Japan's national
 * holidays and company days off, set by operations). SLA clocks count in these days.
 */
public final class BusinessCalendar {

	private final ZoneId zone;

	private final Set<LocalDate> holidays;

	public BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {
		this.zone = zone;
		this.holidays = Set.copyOf(holidays);
	}

	public boolean isBusinessDay(LocalDate date) {
		DayOfWeek day = date.getDayOfWeek();
		return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !this.holidays.contains(date);
	}

	/**
	 * The same local time {@code days} business days later: Friday 15:00 + 1 is Monday 15:00 (Tuesday if
	 * Monday is a holiday); Saturday 10:00 + 1 is Monday 10:00. Zero days is the moment itself.
	 */
	public Instant addBusinessDays(Instant from, int days) {
		if (days < 0) {
			throw new IllegalArgumentException("days must not be negative");
		}
		ZonedDateTime at = from.atZone(this.zone);
		int counted = 0;
		while (counted < days) {
			at = at.plusDays(1);
			if (isBusinessDay(at.toLocalDate())) {
				counted++;
			}
		}
		return at.toInstant();
	}

	public ZoneId zone() {
		return this.zone;
	}

}
