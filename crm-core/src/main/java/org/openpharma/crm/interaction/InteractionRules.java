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

	/**
	 * A contact dated more than this ahead of now is planned, not a record of what happened: the company
	 * initiates it, so it is refused without consent. A record is never refused (it is flagged instead);
	 * the margin keeps a tablet whose clock runs a little fast from turning a record into a plan.
	 */
	public static final Duration RECORD_MARGIN = Duration.ofMinutes(15);

	private InteractionRules() {
	}

	public static boolean withinEditWindow(Instant recordedAt, Instant now) {
		return !now.isAfter(recordedAt.plus(EDIT_WINDOW));
	}

	/** Whether a contact at {@code occurredAt} is planned (company-initiated) rather than recorded after the fact. */
	public static boolean planned(Instant occurredAt, Instant now) {
		return occurredAt.isAfter(now.plus(RECORD_MARGIN));
	}

	public static boolean plausibleTime(Instant occurredAt, Instant now) {
		return !occurredAt.isAfter(now.plus(FUTURE_TOLERANCE)) && !occurredAt.isBefore(now.minus(MAX_AGE));
	}

}
