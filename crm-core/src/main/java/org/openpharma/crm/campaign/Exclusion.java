package org.openpharma.crm.campaign;

/**
 * Why a member of a campaign was not reached: the reasons the campaign report lists with their counts and HCPs.
 * Consent is checked per HCP when the mail is queued (and again by the outbox when it is sent).
 */
public enum Exclusion {

	/** No consent on the channel for promotion (opt-in and nothing granted). */
	NO_CONSENT,

	/** The HCP withdrew consent for the channel. */
	WITHDRAWN,

	/** The consent the channel relied on has expired. */
	EXPIRED,

	/** No e-mail address on the HCP's record. */
	NO_ADDRESS,

	/** The fatigue cap of the area's stage policy for the channel is reached. */
	FATIGUE,

	/** The HCP is no longer active (merged or inactive) since the segment was frozen. */
	INACTIVE,

	/** The template or item can no longer be used (expired, withdrawn) when the member's turn came. */
	CONTENT_UNUSABLE,

	/** The campaign was cancelled before the member's turn. */
	CANCELLED

}
