package org.openpharma.crm.need;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an information need: OPEN → TRIAGED → IN_PROGRESS → FULFILLED → CONFIRMED_BY_HCP, or
 * CLOSED_UNMET (with a reason) from any state before fulfilment.
 */
public enum NeedStatus {

	OPEN, TRIAGED, IN_PROGRESS, FULFILLED, CONFIRMED_BY_HCP, CLOSED_UNMET;

	/** The states this one may move to. */
	public Set<NeedStatus> next() {
		return switch (this) {
			case OPEN -> EnumSet.of(TRIAGED, CLOSED_UNMET);
			case TRIAGED -> EnumSet.of(IN_PROGRESS, TRIAGED, CLOSED_UNMET);
			case IN_PROGRESS -> EnumSet.of(FULFILLED, CLOSED_UNMET);
			case FULFILLED -> EnumSet.of(CONFIRMED_BY_HCP);
			case CONFIRMED_BY_HCP, CLOSED_UNMET -> EnumSet.noneOf(NeedStatus.class);
		};
	}

	public boolean canMoveTo(NeedStatus target) {
		return next().contains(target);
	}

	public boolean isOpen() {
		return this == OPEN || this == TRIAGED || this == IN_PROGRESS;
	}

}
