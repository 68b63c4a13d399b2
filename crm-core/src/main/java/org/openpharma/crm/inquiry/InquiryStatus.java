package org.openpharma.crm.inquiry;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a medical inquiry: RECEIVED → TRIAGED → ASSIGNED → ANSWERED → CLOSED, one step at a time. */
public enum InquiryStatus {

	RECEIVED, TRIAGED, ASSIGNED, ANSWERED, CLOSED;

	/** The states this one may move to. */
	public Set<InquiryStatus> next() {
		return switch (this) {
			case RECEIVED -> EnumSet.of(TRIAGED);
			case TRIAGED -> EnumSet.of(ASSIGNED);
			case ASSIGNED -> EnumSet.of(ANSWERED);
			case ANSWERED -> EnumSet.of(CLOSED);
			case CLOSED -> EnumSet.noneOf(InquiryStatus.class);
		};
	}

	public boolean canMoveTo(InquiryStatus target) {
		return next().contains(target);
	}

	/** Still on the medical team's clock. */
	public boolean isOpen() {
		return this != ANSWERED && this != CLOSED;
	}

}
