package org.openpharma.crm.consent;

/** Where a consent record comes from. */
public enum ConsentSource {

	/** A signed paper form. */
	PAPER,
	/** Said in person or by phone, captured by an MR or the call center. */
	VERBAL,
	/** The company's web site form. */
	WEB_FORM,
	/** A link in an e-mail (e.g. unsubscribe). */
	EMAIL_LINK,
	/** A CSV import by an administrator. */
	IMPORT,
	/** The HCP's own self-service page, opened through a signed link. */
	WEB_LINK

}
