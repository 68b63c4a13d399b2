package org.openpharma.crm.plan;

import java.time.LocalDate;

/**
 * How a planned call reads on a given day: a planned call whose day has passed without being done is missed.
 * Missed is never stored; it follows from the day.
 */
public enum PlanState {

	PLANNED, MISSED, DONE, CANCELLED;

	public static PlanState of(PlanStatus status, LocalDate day, LocalDate today) {
		return switch (status) {
			case DONE -> DONE;
			case CANCELLED -> CANCELLED;
			case PLANNED -> day.isBefore(today) ? MISSED : PLANNED;
		};
	}

}
