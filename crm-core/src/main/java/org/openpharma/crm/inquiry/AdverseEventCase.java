package org.openpharma.crm.inquiry;

import org.openpharma.crm.inquiry.AdverseEventFacts.Expectedness;
import org.openpharma.crm.inquiry.AdverseEventFacts.Seriousness;

/**
 * An adverse event as the regulators' clocks see it: serious or not, expected (listed in the label) or not,
 * fatal or not. What the intake did not know counts the way that gives the shorter clock: unknown
 * seriousness is serious, unknown expectedness is unexpected, and a serious case whose outcome was not
 * recorded (hand-offs from before death was asked) may have been fatal. A death is always serious.
 */
public record AdverseEventCase(boolean serious, boolean expected, boolean fatal) {

	public AdverseEventCase {
		if (fatal && !serious) {
			throw new IllegalArgumentException("a fatal case is serious");
		}
	}

	public static AdverseEventCase of(Seriousness seriousness, Expectedness expectedness, Boolean fatal) {
		boolean serious = seriousness != Seriousness.NON_SERIOUS || Boolean.TRUE.equals(fatal);
		return new AdverseEventCase(serious, expectedness == Expectedness.EXPECTED,
				serious && !Boolean.FALSE.equals(fatal));
	}

}
