package org.openpharma.crm.dashboard.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import org.openpharma.crm.dashboard.DashboardFilter;
import org.openpharma.crm.dashboard.TargetDraft;
import org.openpharma.crm.shared.ValidationException;

/** One treated-patient target as typed; {@code version} is the one the manager saw (empty for a new target). */
public record TargetForm(Long therapeuticAreaId, Long productId, String regionCode, String period,
		Integer treatedTarget, Long version) {

	/** A new target for a month, for the area, product and region the dashboard shows (if it shows one). */
	static TargetForm forFilter(YearMonth month, DashboardFilter filter) {
		return (filter != null)
				? new TargetForm(filter.therapeuticAreaId(), filter.productId(), filter.regionCode(), month.toString(),
						null, null)
				: new TargetForm(null, null, null, month.toString(), null, null);
	}

	TargetDraft toDraft() {
		YearMonth month = null;
		if (this.period != null && !this.period.isBlank()) {
			try {
				month = YearMonth.parse(this.period.strip());
			}
			catch (DateTimeParseException ex) {
				throw ValidationException.of("period", "dashboard.period.invalid");
			}
		}
		return new TargetDraft(this.therapeuticAreaId, this.productId,
				(this.regionCode == null || this.regionCode.isBlank()) ? null : this.regionCode.strip(), month,
				this.treatedTarget);
	}

}
