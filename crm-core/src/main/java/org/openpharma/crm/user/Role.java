package org.openpharma.crm.user;

/** What a user may do; see the role table in the product brief. */
public enum Role {

	MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER, ADMIN

}
