package org.openpharma.crm.action;

/**
 * Turns an accepted visit or remote-detailing suggestion into a planned call in the user's plan (the call plan
 * module implements it), so that this module needs no knowledge of plans beyond this.
 */
public interface CallPlanning {

	/** Plans the suggested call for its due day by the actor; returns the planned call's id. */
	long plan(Suggestion suggestion, String actor);

}
