package org.openpharma.crm.shared;

/**
 * An event only medical affairs and pharmacovigilance may read on the stream (routing key {@code medical.…}): the
 * firewall of ADR 0011 on the broker.
 */
public interface MedicalEvent extends DomainEvent {

	@Override
	default EventAudience audience() {
		return EventAudience.MEDICAL;
	}

}
