package org.openpharma.crm.consent;

/** The ways the company may contact an HCP, as consent is given for them. */
public enum ConsentChannel {

	VISIT, REMOTE, PHONE, EMAIL, WEB

}
