package org.openpharma.crm.consent;

/** What a contact is for; consent is given per channel and purpose. */
public enum ConsentPurpose {

	PROMOTIONAL, MEDICAL_INFORMATION, SURVEY, EVENT_INVITATION;

	/** The purpose a contact by this department has unless the user says otherwise. */
	public static ConsentPurpose defaultFor(String departmentCode) {
		return "MEDICAL".equals(departmentCode) ? MEDICAL_INFORMATION : PROMOTIONAL;
	}

}
