package org.openpharma.crm.user;

/** What a user may do; see the role table in the product brief. */
public enum Role {

	MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER, ADMIN;

	/** Roles that may create and edit HCP master data. */
	public boolean editsMasterData() {
		return this == ADMIN || this == MR || this == CALL_CENTER || this == MEDICAL || this == MARKETING;
	}

}
