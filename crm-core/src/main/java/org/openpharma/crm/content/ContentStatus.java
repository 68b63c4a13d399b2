package org.openpharma.crm.content;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a version stands: written (DRAFT), with its reviewers (IN_REVIEW), approved for use (APPROVED), past its
 * expiry date (EXPIRED) or taken out of use (WITHDRAWN). An approved version never changes; a new version is a new
 * row. A returned version goes back to DRAFT.
 */
public enum ContentStatus {

	DRAFT, IN_REVIEW, APPROVED, EXPIRED, WITHDRAWN;

	public boolean canMoveTo(ContentStatus next) {
		return next(this).contains(next);
	}

	/** Whether the version's content may still change: only a draft's may. */
	public boolean editable() {
		return this == DRAFT;
	}

	/** Whether the version has ended for good. */
	public boolean ended() {
		return this == EXPIRED || this == WITHDRAWN;
	}

	private static Set<ContentStatus> next(ContentStatus from) {
		return switch (from) {
			case DRAFT -> EnumSet.of(IN_REVIEW, WITHDRAWN);
			case IN_REVIEW -> EnumSet.of(DRAFT, APPROVED, WITHDRAWN);
			case APPROVED -> EnumSet.of(EXPIRED, WITHDRAWN);
			case EXPIRED, WITHDRAWN -> EnumSet.noneOf(ContentStatus.class);
		};
	}

}
