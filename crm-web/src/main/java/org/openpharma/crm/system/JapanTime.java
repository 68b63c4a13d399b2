package org.openpharma.crm.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.openpharma.crm.shared.Japan;

/**
 * Instants as Japan time for templates: {@code ${@jst.minute(e.occurredAt)}}. Formatters are built once;
 * the equivalent {@code #temporals.format(x.atZone(T(java.time.ZoneId).of('Asia/Tokyo')), pattern)}
 * looked the type up and built a formatter for every row.
 * Registered as the bean "jst" by WebConfiguration (so web test slices have it too).
 */
public class JapanTime {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Japan.ZONE);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Japan.ZONE);

	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Japan.ZONE);

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	/** A month as "2026-11" ({@code #temporals.format} would parse its pattern again for every row). */
	public String month(java.time.temporal.TemporalAccessor date) {
		return (date != null) ? MONTH.format(date) : "";
	}

	public String date(Instant instant) {
		return (instant != null) ? DATE.format(instant) : "";
	}

	public String minute(Instant instant) {
		return (instant != null) ? MINUTE.format(instant) : "";
	}

	public String second(Instant instant) {
		return (instant != null) ? SECOND.format(instant) : "";
	}

	/** Whole hours from one instant to another (e.g. "due in 5 h"). */
	public long hoursBetween(Instant from, Instant to) {
		return java.time.Duration.between(from, to).toHours();
	}

	/** Whole days from one instant to another (e.g. "3 days ago"). */
	public long daysBetween(Instant from, Instant to) {
		return java.time.Duration.between(from, to).toDays();
	}

}
