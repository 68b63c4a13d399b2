package org.openpharma.crm.hco;

/** Kind of healthcare organisation. */
public enum HcoType {

	HOSPITAL, CLINIC, PHARMACY

}
