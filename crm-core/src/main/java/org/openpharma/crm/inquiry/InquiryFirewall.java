package org.openpharma.crm.inquiry;

import java.util.Collection;

import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.user.Capability;
import org.openpharma.crm.user.Role;

/**
 * The commercial/medical firewall and the four-eyes rule, in one place. Only medical affairs sees an
 * inquiry's question, answer and adverse-event facts; everyone else (MR, marketing, call center,
 * managers, administrators) sees that an inquiry exists, its short subject, status and due date. Queries
 * and services project by this rule; templates merely show what they are given.
 */
public final class InquiryFirewall {

	private InquiryFirewall() {
	}

	/** Who sees medical content is {@link Capability#READ_MEDICAL_CONTENT}, like every other right. */
	public static boolean seesMedicalContent(Collection<Role> roles) {
		return Capability.READ_MEDICAL_CONTENT.heldByAny(roles);
	}

	/** A custom answer needs a second medical person: its author may not approve it. */
	public static void requireSecondPerson(String author, String approver) {
		if (author == null || approver == null || author.equalsIgnoreCase(approver)) {
			throw DomainException.global("inquiry.answer.ownApproval");
		}
	}

}
