package org.openpharma.crm.gap;

import org.openpharma.crm.need.NeedCategory;

/**
 * Who makes the content a request asks for. By the group's need category ({@link #forCategory}):
 * <ul>
 * <li>SAFETY, DOSING, GUIDELINE: medical affairs. Safety and dosing questions reach beyond what promotional
 * material may say (special populations, renal or hepatic dosing, interactions, off-label use), and answering
 * them is medical information, reviewed by medical affairs; a treatment guideline is scientific exchange, not a
 * claim about a product.</li>
 * <li>EFFICACY, PATIENT_SUPPORT, ACCESS, OTHER: marketing. On-label efficacy data is the core of approved
 * promotional material (detailing slides, leaflets), patient material and access information (formulary, price,
 * reimbursement) are marketing's, and anything else starts there; marketing's content is reviewed by medical and
 * regulatory reviewers anyway, and can hand a request to medical affairs by raising it again later.</li>
 * </ul>
 * The codes are the departments' ({@code department.code}) that own content items ({@code content_item.owner_department}).
 */
public enum RequestDepartment {

	MARKETING, MEDICAL;

	public static RequestDepartment forCategory(NeedCategory category) {
		return switch (category) {
			case SAFETY, DOSING, GUIDELINE -> MEDICAL;
			case EFFICACY, PATIENT_SUPPORT, ACCESS, OTHER -> MARKETING;
		};
	}

}
