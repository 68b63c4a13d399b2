package org.openpharma.crm.campaign;

/**
 * Where a campaign is: launched for a later start ({@code SCHEDULED}), reaching its members ({@code RUNNING}: mails
 * being queued, or suggestions in the MRs' lists until the end day), {@code COMPLETED} (every mail queued or every
 * member excluded; a push campaign after its end day) or {@code CANCELLED} before it completed.
 */
public enum CampaignStatus {

	SCHEDULED, RUNNING, COMPLETED, CANCELLED;

	public boolean isOpen() {
		return this == SCHEDULED || this == RUNNING;
	}

}
