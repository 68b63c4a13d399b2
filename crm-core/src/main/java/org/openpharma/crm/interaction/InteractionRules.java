package org.openpharma.crm.interaction;

import java.time.Duration;
import java.time.Instant;

/** Time rules of interactions: how far in the future a contact may be dated and how long its author may edit it. */
public final class InteractionRules {

	/** An author may change their interaction this long after recording it; later, a correction is a new record. */
	public static final Duration EDIT_WINDOW = Duration.ofHours(24);

	/** Clock skew and time zones allowed for a contact dated in the future. */
	public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

	/** Contacts older than this are most likely typing mistakes. */
	public static final Duration MAX_AGE = Duration.ofDays(366 * 3);

	public static final int MAX_DURATION_MINUTES = 24 * 60;

	private InteractionRules() {
	}

	public static boolean withinEditWindow(Instant recordedAt, Instant now) {
		return !now.isAfter(recordedAt.plus(EDIT_WINDOW));
	}

	public static boolean plausibleTime(Instant occurredAt, Instant now) {
		return !occurredAt.isAfter(now.plus(FUTURE_TOLERANCE)) && !occurredAt.isBefore(now.minus(MAX_AGE));
	}

}
