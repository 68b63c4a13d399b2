package org.openpharma.crm.action;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.StorableText;

/**
 * Days on which no company-initiated contact is suggested (年末年始, a congress week, an embargo before a label
 * change), both ends included, with the label a suggestion quotes.
 */
public record QuietPeriod(LocalDate from, LocalDate to, String label) {

	public static final int LABEL_MAX = 40;

	/** Longer than a quarter is no longer a pause but a change of policy. */
	public static final int MAX_DAYS = 92;

	public QuietPeriod {
		label = (label == null || label.isBlank()) ? null : label.strip();
	}

	public boolean contains(LocalDate day) {
		return this.from != null && this.to != null && !day.isBefore(this.from) && !day.isAfter(this.to);
	}

	public boolean overlaps(QuietPeriod other) {
		return this.from != null && this.to != null && other.from != null && other.to != null
				&& !this.to.isBefore(other.from) && !other.to.isBefore(this.from);
	}

	/** What is wrong with it, as fields under {@code path} ({@code quietPeriods[0]}). */
	public List<FieldViolation> violations(String path) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.from == null) {
			violations.add(new FieldViolation(path + ".from", "policy.quiet.from.required"));
		}
		if (this.to == null) {
			violations.add(new FieldViolation(path + ".to", "policy.quiet.to.required"));
		}
		else if (this.from != null && this.to.isBefore(this.from)) {
			violations.add(new FieldViolation(path + ".to", "policy.quiet.to.beforeFrom"));
		}
		else if (this.from != null && ChronoUnit.DAYS.between(this.from, this.to) + 1 > MAX_DAYS) {
			violations.add(new FieldViolation(path + ".to", "policy.quiet.tooLong", MAX_DAYS));
		}
		if (this.label == null) {
			violations.add(new FieldViolation(path + ".label", "policy.quiet.label.required"));
		}
		else if (this.label.length() > LABEL_MAX || !StorableText.isStorable(this.label)) {
			violations.add(new FieldViolation(path + ".label", "policy.quiet.label.tooLong", LABEL_MAX));
		}
		return violations;
	}

}
