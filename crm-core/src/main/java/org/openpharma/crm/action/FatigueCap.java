package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;

/**
 * A fatigue cap on one channel: at most {@code max} promotional contacts with an HCP in {@code days} days (the day
 * of the suggestion included). Contacts the HCP started (pull events) do not count.
 */
public record FatigueCap(int max, int days) {

	public static final int MAX_CONTACTS = 50;

	public static final int MAX_DAYS = 365;

	/** The first day of the window that ends on {@code day}. */
	public LocalDate windowStart(LocalDate day) {
		return day.minusDays(this.days - 1L);
	}

	/** Whether another contact would go over the cap, given the contacts already in the window. */
	public boolean reached(long contactsInWindow) {
		return contactsInWindow >= this.max;
	}

	/** What is wrong with it, as fields under {@code path} ({@code caps[EMAIL]}). */
	public List<FieldViolation> violations(String path) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.max < 1 || this.max > MAX_CONTACTS) {
			violations.add(new FieldViolation(path + ".max", "policy.cap.max.range", 1, MAX_CONTACTS));
		}
		if (this.days < 1 || this.days > MAX_DAYS) {
			violations.add(new FieldViolation(path + ".days", "policy.cap.days.range", 1, MAX_DAYS));
		}
		return violations;
	}

}
