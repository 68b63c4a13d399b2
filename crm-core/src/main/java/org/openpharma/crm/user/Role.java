package org.openpharma.crm.user;

/**
 * What a user may do; see the role table in the product brief and docs/operations.md. ADMIN manages users
 * and settings, never medical content; PRIVACY_OFFICER answers an HCP's access and erasure requests, the
 * one job that must read everything held about a person (every such read is audited). REVIEWER is the
 * company's regulatory review of promotional material (審査担当), independent of sales and marketing.
 */
public enum Role {

	MR, MARKETING, MEDICAL, CALL_CENTER, MANAGER, ADMIN, PRIVACY_OFFICER, REVIEWER

}
