package org.openpharma.crm.inquiry;

import java.time.Instant;

/**
 * How long answers and adverse-event hand-offs may take, in business days (configurable: e.g. urgent 1,
 * normal 5, adverse events 1), counted on a {@link BusinessCalendar}.
 */
public record SlaPolicy(int urgentDays, int normalDays, int adverseEventDays, BusinessCalendar calendar) {

	public SlaPolicy {
		if (urgentDays < 0 || normalDays < 0 || adverseEventDays < 0) {
			throw new IllegalArgumentException("SLA days must not be negative");
		}
	}

	/** When an inquiry of this priority, received at {@code received}, must be answered. */
	public Instant answerDue(InquiryPriority priority, Instant received) {
		return this.calendar.addBusinessDays(received, (priority == InquiryPriority.URGENT) ? this.urgentDays
				: this.normalDays);
	}

	/** When pharmacovigilance must have the adverse event a report mentioned. */
	public Instant adverseEventDue(Instant received) {
		return this.calendar.addBusinessDays(received, this.adverseEventDays);
	}

}
