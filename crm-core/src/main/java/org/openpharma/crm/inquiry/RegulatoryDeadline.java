package org.openpharma.crm.inquiry;

import java.time.LocalDate;

/**
 * The regulator's deadline for one adverse event: the HCP's country, its jurisdiction (null when none is
 * known), the rule that decided (null when none applies) and the due date (null when the rule asks for no
 * expedited report, or when there is no rule — then pharmacovigilance decides).
 */
public record RegulatoryDeadline(String country, String jurisdiction, LocalDate dayZero, RegulatoryRule rule,
		LocalDate dueDate) {

	public enum Kind {
		/** An expedited report is due on {@link RegulatoryDeadline#dueDate()}. */
		DUE,
		/** The rule asks for no expedited report: periodic reporting only. */
		NOT_EXPEDITED,
		/** No rule for this country (or none in force on day 0): pharmacovigilance must decide. */
		NO_RULE
	}

	public Kind kind() {
		if (this.rule == null) {
			return Kind.NO_RULE;
		}
		return (this.dueDate != null) ? Kind.DUE : Kind.NOT_EXPEDITED;
	}

}
