package org.openpharma.crm.plan;

/** What is stored about a planned call: still to do, done (by an interaction), or called off (with a reason). */
public enum PlanStatus {

	PLANNED, DONE, CANCELLED

}
