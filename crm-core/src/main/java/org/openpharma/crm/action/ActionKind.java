package org.openpharma.crm.action;

import java.util.Optional;

import org.openpharma.crm.consent.ConsentChannel;
import org.openpharma.crm.consent.ConsentPurpose;

/**
 * What a suggestion asks someone to do with an HCP: whether it pushes or leaves the initiative to the HCP, the channel
 * consent it relies on, and which department does it unless someone else is chosen (department codes as in table
 * {@code department} and {@link ConsentPurpose#ofSender}: SALES is the territory's MR).
 * <ul>
 * <li>A webinar invitation and a shared web link are pull actions: the HCP decides whether to come; the invitation
 * travels by e-mail and needs e-mail consent, the link is the company's web channel (WEB consent).</li>
 * <li>A hand-off to medical affairs (an MSL) needs no consent itself: it is internal, and medical affairs' contact
 * that follows checks its own channel for medical information.</li>
 * <li>NO_CONTACT is neither push nor pull: "leave this HCP alone for now"; the territory's MR, who holds the
 * relationship, is the one it is shown to.</li>
 * </ul>
 */
public enum ActionKind {

	/** The MR's visit with detailing content. */
	VISIT(Approach.PUSH, ConsentChannel.VISIT, "SALES"),

	/** Remote detailing by the MR. */
	REMOTE_DETAIL(Approach.PUSH, ConsentChannel.REMOTE, "SALES"),

	/** An approved e-mail with content, sent by the MR. */
	APPROVED_EMAIL(Approach.PUSH, ConsentChannel.EMAIL, "SALES"),

	/** An invitation to a webinar, sent by marketing. */
	WEBINAR_INVITATION(Approach.PULL, ConsentChannel.EMAIL, "MARKETING"),

	/** A pull link to web content the HCP opens when they want to. */
	WEB_CONTENT(Approach.PULL, ConsentChannel.WEB, "MARKETING"),

	/** Hand the HCP to medical affairs (an MSL) for scientific questions. */
	MEDICAL_HANDOFF(Approach.PUSH, null, "MEDICAL"),

	/** No company-initiated contact for now. */
	NO_CONTACT(null, null, "SALES");

	private final Approach approach;

	private final ConsentChannel consentChannel;

	private final String department;

	ActionKind(Approach approach, ConsentChannel consentChannel, String department) {
		this.approach = approach;
		this.consentChannel = consentChannel;
		this.department = department;
	}

	/** PUSH or PULL; empty for {@link #NO_CONTACT}. */
	public Optional<Approach> approach() {
		return Optional.ofNullable(this.approach);
	}

	public boolean isPush() {
		return this.approach == Approach.PUSH;
	}

	public boolean isPull() {
		return this.approach == Approach.PULL;
	}

	/** Whether it is a contact with the HCP at all (everything but {@link #NO_CONTACT}). */
	public boolean isContact() {
		return this.approach != null;
	}

	/** The channel consent it needs; empty when it needs none (a hand-off, no contact). */
	public Optional<ConsentChannel> consentChannel() {
		return Optional.ofNullable(this.consentChannel);
	}

	/** The department that performs it by default: SALES (the territory's MR), MARKETING or MEDICAL. */
	public String defaultDepartment() {
		return this.department;
	}

	/** The purpose its consent is checked for when the default department performs it. */
	public ConsentPurpose defaultPurpose() {
		return ConsentPurpose.ofSender(this.department);
	}

}
