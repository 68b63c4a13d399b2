package org.openpharma.crm.action;

import java.time.LocalDate;
import java.util.List;

/**
 * The next action for one HCP in one therapeutic area: what (a kind, with the approved item it would use and the
 * need it answers), when, who (the department that does it), a score, and every reason that produced it — the stage
 * and how long it has been there, the needs, the content, the consent relied on, recent contacts and fatigue, the
 * last outcome and the stage policy rule.
 *
 * @param department SALES (the territory's MR), MARKETING or MEDICAL
 * @param contentVersionId the approved version it would use; null when none is needed or none answers
 * @param campaignId the push campaign that asked for it; null for the stage policy's own suggestions
 */
public record Suggestion(long hcpId, long therapeuticAreaId, ActionKind kind, LocalDate dueOn, String department,
		Long contentVersionId, String contentTitle, Long needId, int score, List<Reason> reasons, long policyVersion,
		Long campaignId) {

	public Suggestion {
		reasons = List.copyOf(reasons);
	}

	/** A suggestion of the stage policy's own (no campaign). */
	public Suggestion(long hcpId, long therapeuticAreaId, ActionKind kind, LocalDate dueOn, String department,
			Long contentVersionId, String contentTitle, Long needId, int score, List<Reason> reasons,
			long policyVersion) {
		this(hcpId, therapeuticAreaId, kind, dueOn, department, contentVersionId, contentTitle, needId, score, reasons,
				policyVersion, null);
	}

	/** What identifies it for an accept or a dismissal: the same HCP, area, kind and item. */
	public String key() {
		return this.hcpId + ":" + this.therapeuticAreaId + ":" + this.kind + ":"
				+ ((this.contentVersionId != null) ? this.contentVersionId : "-");
	}

}
