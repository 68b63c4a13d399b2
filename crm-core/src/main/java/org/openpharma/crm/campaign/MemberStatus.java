package org.openpharma.crm.campaign;

/**
 * One member of a launched campaign: held out for comparison ({@code HOLDOUT}), not handled yet ({@code PENDING}),
 * reached ({@code QUEUED}: the mail is in the outbox; {@code SUGGESTED}: the suggestion is in the MR's list) or
 * {@code EXCLUDED} with the {@link Exclusion} that says why.
 */
public enum MemberStatus {

	HOLDOUT, PENDING, QUEUED, SUGGESTED, EXCLUDED

}
