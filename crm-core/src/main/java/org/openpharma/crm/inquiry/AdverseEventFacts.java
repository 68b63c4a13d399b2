package org.openpharma.crm.inquiry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.openpharma.crm.shared.FieldViolation;

/**
 * The minimum facts pharmacovigilance needs about an adverse event an HCP mentioned: the suspect product,
 * what happened, when it began, how serious it is, whether it is listed in the label (expected), whether
 * the patient died, who reported it, and the patient's age band and sex. The regulators' clocks depend on
 * seriousness, expectedness and death ({@link AdverseEventCase}). Never the patient's name or any other
 * identity: there is no field for it.
 */
public record AdverseEventFacts(Long suspectProductId, String description, LocalDate onsetDate, Seriousness seriousness,
		Expectedness expectedness, Boolean fatal, String reporter, AgeBand ageBand, Sex sex) {

	public static final int DESCRIPTION_MAX = 2000;

	public static final int REPORTER_MAX = 100;

	public enum Seriousness {
		SERIOUS, NON_SERIOUS, UNKNOWN
	}

	/** Whether the event is listed in the product's label (Japanese: 既知/未知). */
	public enum Expectedness {
		UNEXPECTED, EXPECTED, UNKNOWN
	}

	/** Age in decades, so that no birth date is ever needed. */
	public enum AgeBand {
		UNDER_10, TEENS, TWENTIES, THIRTIES, FORTIES, FIFTIES, SIXTIES, SEVENTIES, EIGHTY_PLUS, UNKNOWN
	}

	public enum Sex {
		FEMALE, MALE, UNKNOWN
	}

	/** Field-level problems, with fields prefixed {@code ae.}; empty when PV has what it needs. */
	public List<FieldViolation> violations(LocalDate today) {
		List<FieldViolation> violations = new ArrayList<>();
		if (this.suspectProductId == null) {
			violations.add(new FieldViolation("ae.suspectProductId", "inquiry.ae.product.required"));
		}
		if (this.description == null || this.description.isBlank()) {
			violations.add(new FieldViolation("ae.description", "inquiry.ae.description.required"));
		}
		else if (this.description.length() > DESCRIPTION_MAX) {
			violations.add(new FieldViolation("ae.description", "validation.tooLong", DESCRIPTION_MAX));
		}
		if (this.onsetDate != null && this.onsetDate.isAfter(today)) {
			violations.add(new FieldViolation("ae.onsetDate", "inquiry.ae.onset.future"));
		}
		if (this.seriousness == null) {
			violations.add(new FieldViolation("ae.seriousness", "inquiry.ae.seriousness.required"));
		}
		if (this.expectedness == null) {
			violations.add(new FieldViolation("ae.expectedness", "inquiry.ae.expectedness.required"));
		}
		if (this.fatal == null) {
			violations.add(new FieldViolation("ae.fatal", "inquiry.ae.fatal.required"));
		}
		else if (this.fatal && this.seriousness == Seriousness.NON_SERIOUS) {
			// ICH E2A: death is a seriousness criterion.
			violations.add(new FieldViolation("ae.seriousness", "inquiry.ae.fatal.serious"));
		}
		if (this.reporter == null || this.reporter.isBlank()) {
			violations.add(new FieldViolation("ae.reporter", "inquiry.ae.reporter.required"));
		}
		else if (this.reporter.length() > REPORTER_MAX) {
			violations.add(new FieldViolation("ae.reporter", "validation.tooLong", REPORTER_MAX));
		}
		if (this.ageBand == null) {
			violations.add(new FieldViolation("ae.ageBand", "inquiry.ae.ageBand.required"));
		}
		if (this.sex == null) {
			violations.add(new FieldViolation("ae.sex", "inquiry.ae.sex.required"));
		}
		return violations;
	}

	/** The case as the regulators' clocks see it (unknowns resolved to the shorter clock). */
	public AdverseEventCase regulatoryCase() {
		return AdverseEventCase.of(this.seriousness, this.expectedness, this.fatal);
	}

}
