package org.openpharma.crm.dashboard;

import org.openpharma.crm.hcp.HcpMerged;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the dashboards' rollups right through a merge (ADR 0012, docs/adr/0023): both HCPs' figures leave before the
 * other modules move their rows and come back after it, recomputed, instead of row by row (a merge can change a
 * contact's region and stage). The row triggers are off in between, for this transaction only.
 */
@Component
class RollupMergeHandling {

	private final JdbcTemplate jdbc;

	RollupMergeHandling(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	@Order(HcpMerged.WITHDRAW_FIGURES)
	@Transactional(propagation = Propagation.MANDATORY)
	void withdraw(HcpMerged merged) {
		this.jdbc.query("SELECT rollup_hcp_emit(ARRAY[?, ?]::bigint[], -1)", rs -> null, merged.duplicateId(),
				merged.survivorId());
		this.jdbc.query("SELECT set_config('crm.rollup', 'off', true)", rs -> null);
	}

	@EventListener
	@Order(HcpMerged.RESTORE_FIGURES)
	@Transactional(propagation = Propagation.MANDATORY)
	void restore(HcpMerged merged) {
		this.jdbc.query("SELECT set_config('crm.rollup', 'on', true)", rs -> null);
		this.jdbc.query("SELECT rollup_hcp_emit(ARRAY[?, ?]::bigint[], 1)", rs -> null, merged.duplicateId(),
				merged.survivorId());
	}

}
