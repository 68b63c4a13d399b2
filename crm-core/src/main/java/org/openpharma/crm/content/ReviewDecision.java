package org.openpharma.crm.content;

/** A reviewer approves the version or returns it to its author with comments. */
public enum ReviewDecision {

	APPROVED, RETURNED

}
