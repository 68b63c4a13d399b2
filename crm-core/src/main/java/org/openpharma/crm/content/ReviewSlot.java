package org.openpharma.crm.content;

import org.openpharma.crm.user.Role;

/**
 * The two reviews every version needs before it may be used, each by a different person other than its author:
 * the medical review (is it scientifically right and balanced?) and the regulatory review (does it keep to the
 * promotion code and the sales-information guideline?). Medical information is reviewed by medical affairs only,
 * so for it both reviewers are medical.
 */
public enum ReviewSlot {

	MEDICAL, REGULATORY;

	/** The role a reviewer of this slot needs for an item of this audience. */
	public Role reviewerRole(ContentAudience audience) {
		if (this == MEDICAL || audience == ContentAudience.MEDICAL) {
			return Role.MEDICAL;
		}
		return Role.REVIEWER;
	}

}
