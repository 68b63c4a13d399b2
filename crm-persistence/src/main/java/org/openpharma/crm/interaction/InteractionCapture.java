package org.openpharma.crm.interaction;

import java.time.YearMonth;
import java.util.List;

import org.openpharma.crm.need.NeedCategory;
import org.openpharma.crm.need.Urgency;
import org.openpharma.crm.stage.AdoptionStage;
import org.openpharma.crm.stage.PatientCountFacts;

/**
 * Everything one "log interaction" form saves together: the contact, the needs it raised, stage
 * changes, a treatment-policy note and patient counts. All of it is saved, or none of it.
 */
public record InteractionCapture(Long hcpId, InteractionFacts facts, List<NeedDraft> needs,
		List<StageDraft> stages, PolicyDraft policy, List<PatientCountFacts> patientCounts) {

	public InteractionCapture {
		needs = (needs != null) ? List.copyOf(needs) : List.of();
		stages = (stages != null) ? List.copyOf(stages) : List.of();
		patientCounts = (patientCounts != null) ? List.copyOf(patientCounts) : List.of();
	}

	/** A need raised in the contact. */
	public record NeedDraft(String topic, NeedCategory category, Long therapeuticAreaId, Long productId,
			Urgency urgency, String details) {
	}

	/** A stage the HCP is now at in one therapeutic area, and why. */
	public record StageDraft(Long therapeuticAreaId, AdoptionStage stage, String reason) {
	}

	/** A note on the HCP's current treatment policy, optionally for one therapeutic area. */
	public record PolicyDraft(Long therapeuticAreaId, String note) {
	}

	/** A convenience for callers that build patient counts from a month. */
	public static PatientCountFacts count(Long taId, Long productId, YearMonth period, Integer eligible,
			Integer treated) {
		return new PatientCountFacts(taId, productId, period, eligible, treated);
	}

}
