package org.openpharma.crm.inquiry;

import java.util.Collection;
import java.util.Set;

import org.openpharma.crm.shared.DomainException;

/**
 * The commercial/medical firewall and the four-eyes rule, in one place. Only medical affairs sees an
 * inquiry's question, answer and adverse-event facts; everyone else (MR, marketing, call center,
 * managers, administrators) sees that an inquiry exists, its short subject, status and due date. Queries
 * and services project by this rule; templates merely show what they are given.
 */
public final class InquiryFirewall {

	/** Roles (without the ROLE_ prefix) that see medical content. */
	public static final Set<String> MEDICAL_ROLES = Set.of("MEDICAL");

	private InquiryFirewall() {
	}

	public static boolean seesMedicalContent(Collection<String> roles) {
		return roles.stream().anyMatch(MEDICAL_ROLES::contains);
	}

	/** A custom answer needs a second medical person: its author may not approve it. */
	public static void requireSecondPerson(String author, String approver) {
		if (author == null || approver == null || author.equalsIgnoreCase(approver)) {
			throw DomainException.global("inquiry.answer.ownApproval");
		}
	}

}
