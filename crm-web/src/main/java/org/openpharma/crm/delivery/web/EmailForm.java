package org.openpharma.crm.delivery.web;

import java.util.List;

import org.openpharma.crm.delivery.ContentEmails.EmailRequest;

/**
 * The e-mail form: an approved template, the items, and for a need or an inquiry what the mail answers.
 * {@code recipient} is shown, never taken: the address is the HCP's own; consent refusals are reported on it.
 */
record EmailForm(Long templateVersionId, List<Long> versionIds, Long needId, Boolean fulfilNeed, Long needVersion,
		Long inquiryId, String requestCircumstances, String recipient) {

	static EmailForm start(Long needId, Long needVersion, Long inquiryId, String recipient) {
		return start(needId, needVersion, inquiryId, recipient, null);
	}

	/** The form with one item ticked already (an accepted suggestion's). */
	static EmailForm start(Long needId, Long needVersion, Long inquiryId, String recipient, Long versionId) {
		return new EmailForm(null, (versionId != null) ? List.of(versionId) : List.of(), needId, Boolean.TRUE,
				needVersion, inquiryId, null, recipient);
	}

	EmailForm withRecipient(String address) {
		return new EmailForm(this.templateVersionId, this.versionIds, this.needId, this.fulfilNeed, this.needVersion,
				this.inquiryId, this.requestCircumstances, address);
	}

	EmailRequest toRequest(long hcpId) {
		return new EmailRequest(hcpId, this.templateVersionId, this.versionIds, this.needId,
				Boolean.TRUE.equals(this.fulfilNeed), this.needVersion, this.inquiryId, this.requestCircumstances);
	}

}
