package org.openpharma.crm.campaign;

/**
 * How a campaign reaches its members: by approved e-mail through the outbox, sent by marketing (push), or as a
 * suggestion in each owning MR's list of next actions, for a visit or remote detailing with the item (push).
 */
public enum CampaignKind {

	EMAIL, PUSH

}
