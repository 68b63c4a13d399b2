package org.openpharma.crm.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;

/**
 * A target of treated patients a manager sets for one therapeutic area (optionally one of its products and
 * one region) and one month. Checked here; whether the codes exist, by the service.
 *
 * @param therapeuticAreaId required
 * @param productId null for the area as a whole
 * @param regionCode null for all of Japan
 * @param period the month
 * @param treatedTarget treated patients aimed for, 0 to 100,000,000
 */
public record TargetDraft(Long therapeuticAreaId, Long productId, String regionCode, YearMonth period,
		Integer treatedTarget) {

	public static final int MAX_TARGET = 100_000_000;

	public List<FieldViolation> violations(YearMonth current) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.therapeuticAreaId == null) {
			violations.add(new FieldViolation("therapeuticAreaId", "target.area.required"));
		}
		if (this.period == null) {
			violations.add(new FieldViolation("period", "target.period.required"));
		}
		else if (this.period.isBefore(current.minusMonths(DashboardFilter.MAX_MONTHS))
				|| this.period.isAfter(current.plusMonths(DashboardFilter.DEFAULT_MONTHS))) {
			violations.add(new FieldViolation("period", "target.period.range", DashboardFilter.MAX_MONTHS,
					DashboardFilter.DEFAULT_MONTHS));
		}
		if (this.treatedTarget == null) {
			violations.add(new FieldViolation("treatedTarget", "target.treated.required"));
		}
		else if (this.treatedTarget < 0 || this.treatedTarget > MAX_TARGET) {
			violations.add(new FieldViolation("treatedTarget", "target.treated.range", MAX_TARGET));
		}
		return violations;
	}

}
