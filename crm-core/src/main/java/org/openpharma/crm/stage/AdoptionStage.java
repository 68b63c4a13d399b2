package org.openpharma.crm.stage;

/** Where an HCP stands with the company's medicines in one therapeutic area; moves in both directions. */
public enum AdoptionStage {

	UNAWARE, AWARE, INTERESTED, TRIAL, ADOPTER, ADVOCATE

}
