package org.openpharma.crm.need;

/** The department a need is routed to at triage (department codes of the user table). */
public enum RoutedTo {

	MEDICAL, MARKETING, SALES, CALL_CENTER

}
