package org.openpharma.crm.hcp;

/** Lifecycle of an HCP record; MERGED records point at the record that absorbed them. */
public enum HcpStatus {

	ACTIVE, INACTIVE, MERGED

}
