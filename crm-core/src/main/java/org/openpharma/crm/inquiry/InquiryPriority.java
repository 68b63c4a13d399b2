package org.openpharma.crm.inquiry;

/** How fast medical affairs must answer; the SLA in business days comes from {@link SlaPolicy}. */
public enum InquiryPriority {

	URGENT, NORMAL

}
