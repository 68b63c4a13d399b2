package org.openpharma.crm.content;

/**
 * Whom an item is made for. Like the purpose of a contact, it follows from who makes it, never from a choice
 * on a form: what medical affairs authors is medical information (authored, approved and sent by medical affairs
 * only, never shown to commercial roles); what marketing authors is promotional.
 */
public enum ContentAudience {

	PROMOTIONAL, MEDICAL;

	public static ContentAudience ofAuthor(String departmentCode) {
		return "MEDICAL".equals(departmentCode) ? MEDICAL : PROMOTIONAL;
	}

}
