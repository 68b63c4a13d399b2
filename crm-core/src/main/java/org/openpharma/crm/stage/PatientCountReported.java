package org.openpharma.crm.stage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * An HCP's patient counts for a month, as they reported them: numbers only, never a patient. The area or the
 * product may be missing (the area then follows from the product), and so may one of the two counts.
 */
public record PatientCountReported(UUID eventId, Instant occurredAt, long hcpId, Long therapeuticAreaId,
		Long productId, YearMonth period, Integer eligiblePatients, Integer treatedPatients, Long interactionId,
		String actor)
		implements DomainEvent {

	@Override
	public String eventType() {
		return "stage.patient-count-reported";
	}

}
