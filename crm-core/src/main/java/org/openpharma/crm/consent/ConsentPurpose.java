package org.openpharma.crm.consent;

/** What a contact is for; consent is given per channel and purpose. */
public enum ConsentPurpose {

	PROMOTIONAL, MEDICAL_INFORMATION, SURVEY, EVENT_INVITATION;

	/**
	 * The purpose of an outbound contact follows from who sends it, never from a choice on a form:
	 * whatever a commercial department (sales, marketing, the call center, management) sends is
	 * promotional; medical information is what medical affairs sends, whose contacts answer recorded
	 * requests and scientific exchange.
	 */
	public static ConsentPurpose ofSender(String departmentCode) {
		return "MEDICAL".equals(departmentCode) ? MEDICAL_INFORMATION : PROMOTIONAL;
	}

}
