package org.openpharma.crm.stage;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;

/**
 * Patient numbers an HCP reported for one therapeutic area (or product) and month: counts only,
 * never an identity.
 */
public record PatientCountFacts(Long therapeuticAreaId, Long productId, YearMonth period, Integer eligiblePatients,
		Integer treatedPatients) {

	/** More patients of one kind in one month than any physician plausibly sees. */
	public static final int MAX_PATIENTS = 10_000;

	/**
	 * Rules of one row; {@code prefix} is the row's form path (e.g. {@code patientCounts[0].}) so that a
	 * violation lands on the right field.
	 */
	public List<FieldViolation> violations(String prefix, YearMonth currentMonth) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.therapeuticAreaId == null && this.productId == null) {
			violations.add(new FieldViolation(prefix + "therapeuticAreaId", "patientCount.area.required"));
		}
		if (this.period == null) {
			violations.add(new FieldViolation(prefix + "period", "patientCount.period.required"));
		}
		else if (this.period.isAfter(currentMonth) || this.period.isBefore(currentMonth.minusYears(3))) {
			violations.add(new FieldViolation(prefix + "period", "patientCount.period.range"));
		}
		if (this.eligiblePatients == null && this.treatedPatients == null) {
			violations.add(new FieldViolation(prefix + "eligiblePatients", "patientCount.numbers.required"));
		}
		checkRange(prefix + "eligiblePatients", this.eligiblePatients, violations);
		checkRange(prefix + "treatedPatients", this.treatedPatients, violations);
		if (this.eligiblePatients != null && this.treatedPatients != null && this.treatedPatients > this.eligiblePatients
				&& this.eligiblePatients >= 0) {
			violations.add(new FieldViolation(prefix + "treatedPatients", "patientCount.treated.exceedsEligible"));
		}
		return violations;
	}

	private static void checkRange(String field, Integer value, List<FieldViolation> violations) {
		if (value != null && (value < 0 || value > MAX_PATIENTS)) {
			violations.add(new FieldViolation(field, "patientCount.range", MAX_PATIENTS));
		}
	}

}
