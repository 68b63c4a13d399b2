package org.openpharma.crm.consent;

/**
 * What silence means on a channel for a purpose. Under {@link #OPT_IN} the company may contact the HCP
 * only after a recorded grant (Japan: e-mail and other electronic promotion, as the Act on Specified
 * Electronic Mail requires); under {@link #OPT_OUT} it may unless the HCP objected (Japan: visits and
 * calls). A withdrawal blocks the contact under both.
 */
public enum ConsentMode {

	OPT_IN, OPT_OUT

}
