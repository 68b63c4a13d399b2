package org.openpharma.crm.delivery;

import org.openpharma.crm.content.ContentAudience;
import org.openpharma.crm.content.ContentViewer;
import org.openpharma.crm.user.Capability;

/**
 * Who may send what (the firewall and Japan's sales-information guideline): commercial senders promotional, on-label
 * items only; medical affairs medical items too; off-label items only medical affairs, and only as the answer to a
 * request the HCP made (a recorded medical inquiry of that HCP).
 */
public final class SendRules {

	/** The longest description of the request's circumstances kept with an off-label answer. */
	public static final int CIRCUMSTANCES_MAX = 2000;

	private SendRules() {
	}

	public static boolean maySend(ContentViewer sender, ContentAudience audience, boolean offLabel,
			boolean answeringInquiry) {
		if (!Capability.SEND_CONTENT.heldByAny(sender.roles())) {
			return false;
		}
		if (offLabel) {
			return sender.seesMedical() && answeringInquiry;
		}
		return sender.sees(audience);
	}

	public static boolean maySend(ContentViewer sender, ContentCandidate candidate, boolean answeringInquiry) {
		return maySend(sender, candidate.audience(), candidate.offLabel(), answeringInquiry);
	}

}
