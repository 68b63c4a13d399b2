package org.openpharma.crm.inquiry;

import java.time.LocalDate;

/**
 * One regulator's reporting rule for adverse events, as kept in {@code ae_regulatory_rule}: for cases of
 * this seriousness (and expectedness and fatality; null means either) of a jurisdiction, an expedited report
 * is due {@code reportDays} calendar days after day 0 — or, with {@code reportDays} null, no expedited report
 * is due (periodic reporting only). In force from {@code effectiveFrom} to {@code effectiveTo}, both
 * inclusive (null: open-ended).
 */
public record RegulatoryRule(long id, String jurisdiction, String code, boolean serious, Boolean expected,
		Boolean fatal, Integer reportDays, String nameJa, String nameEn, String legalBasis, LocalDate effectiveFrom,
		LocalDate effectiveTo) {

	public RegulatoryRule {
		if (reportDays != null && reportDays < 1) {
			throw new IllegalArgumentException("report days must be positive");
		}
		if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
			throw new IllegalArgumentException("a rule cannot end before it starts");
		}
	}

	public boolean inForceOn(LocalDate day) {
		return !day.isBefore(this.effectiveFrom) && (this.effectiveTo == null || !day.isAfter(this.effectiveTo));
	}

	public boolean fits(AdverseEventCase adverseEvent) {
		return this.serious == adverseEvent.serious()
				&& (this.expected == null || this.expected == adverseEvent.expected())
				&& (this.fatal == null || this.fatal == adverseEvent.fatal());
	}

	/** Whether the regulator wants this case reported on a deadline at all. */
	public boolean expedited() {
		return this.reportDays != null;
	}

	public String name(java.util.Locale locale) {
		return "ja".equals(locale.getLanguage()) ? this.nameJa : this.nameEn;
	}

}
