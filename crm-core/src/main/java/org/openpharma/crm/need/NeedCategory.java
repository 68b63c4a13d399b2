package org.openpharma.crm.need;

/** What kind of information an HCP needs. */
public enum NeedCategory {

	EFFICACY, SAFETY, DOSING, GUIDELINE, PATIENT_SUPPORT, ACCESS, OTHER

}
