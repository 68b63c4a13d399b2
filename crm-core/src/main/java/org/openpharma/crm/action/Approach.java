package org.openpharma.crm.action;

/**
 * How the company reaches an HCP at a stage: PUSH is company-initiated (the MR's visit, remote detailing, an approved
 * e-mail, medical affairs' scientific exchange); PULL leaves the initiative to the HCP (web content, webinars, their
 * own requests), cheaper and weak while awareness is low.
 */
public enum Approach {

	PUSH, PULL

}
