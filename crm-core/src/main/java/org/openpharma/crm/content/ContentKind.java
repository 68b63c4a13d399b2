package org.openpharma.crm.content;

/** What a content item is, which decides how it can be delivered. */
public enum ContentKind {

	DETAILING_SLIDES, LEAFLET, WEB_ARTICLE, EMAIL_TEMPLATE, WEBINAR, MEDICAL_LETTER, STANDARD_RESPONSE;

	/** An e-mail template is the frame of an approved e-mail, not something to hand over or link to. */
	public boolean isEmailTemplate() {
		return this == EMAIL_TEMPLATE;
	}

}
