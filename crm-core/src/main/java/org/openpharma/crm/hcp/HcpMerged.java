package org.openpharma.crm.hcp;

import java.time.Instant;
import java.util.UUID;

import org.openpharma.crm.shared.DomainEvent;

/**
 * The duplicate record was merged into the survivor. Published inside the merge's transaction: every module moves
 * what it holds about the duplicate to the survivor before the merge commits (docs/adr/0023).
 */
public record HcpMerged(UUID eventId, Instant occurredAt, long survivorId, long duplicateId, String actor)
		implements DomainEvent {

	/**
	 * The order of the listeners inside the merge (Spring's {@code @Order}): the dashboards take both HCPs' figures
	 * out first, the modules move their records, the dashboards put the survivor's figures back last.
	 */
	public static final int WITHDRAW_FIGURES = Integer.MIN_VALUE;

	public static final int MOVE_RECORDS = 0;

	public static final int RESTORE_FIGURES = Integer.MAX_VALUE;

	public static HcpMerged of(long survivorId, long duplicateId, String actor, Instant at) {
		return new HcpMerged(DomainEvent.newId(), at, survivorId, duplicateId, actor);
	}

	@Override
	public String eventType() {
		return "hcp.merged";
	}

}
