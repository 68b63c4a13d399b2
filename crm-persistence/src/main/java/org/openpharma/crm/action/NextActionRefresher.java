package org.openpharma.crm.action;

import java.sql.Timestamp;
import java.time.Instant;

import java.util.List;
import java.util.Map;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.consent.ConsentChanged;
import org.openpharma.crm.hcp.HcpMerged;
import org.openpharma.crm.interaction.InteractionLogged;
import org.openpharma.crm.interaction.PullEventsRecorded;
import org.openpharma.crm.need.NeedRaised;
import org.openpharma.crm.need.NeedStatusChanged;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.stage.StageChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the stored suggestions current. A write that changes a reason — a contact, a need, a stage, consent, pull
 * events — marks its HCP stale in the writing transaction (a row, no computing: the write stays as fast as before);
 * every second ({@code crm.actions.refresh-interval-ms}) the refresher recomputes the stale HCPs, each in its own
 * transaction so that one HCP's failure does not hold up the others. Every node runs it: an HCP is refreshed by one
 * of them at a time (an advisory lock per HCP, skipped when taken). A merge and an erasure act inside their own transaction.
 */
@Component
class NextActionRefresher {

	private static final Logger LOG = LoggerFactory.getLogger(NextActionRefresher.class);

	/** HCPs per run: at a few milliseconds each a run ends well within its second. */
	static final int BATCH = 200;

	private final NextActions actions;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditTrail audit;

	NextActionRefresher(NextActions actions, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			AuditTrail audit) {
		this.actions = actions;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.audit = audit;
	}

	/** The latest approval of content this node has followed; null until the first run. */
	private volatile Instant approvalsSeen;

	@Scheduled(fixedDelayString = "${crm.actions.refresh-interval-ms:1000}",
			initialDelayString = "${crm.actions.refresh-interval-ms:1000}")
	void refreshInBackground() {
		try {
			followApprovals();
		}
		catch (RuntimeException ex) {
			LOG.warn("Next-action refresh could not read new approvals: {}", ex.toString());
		}
		List<Long> due;
		try {
			due = this.jdbc.queryForList("SELECT hcp_id FROM next_action_stale ORDER BY since LIMIT ?", Long.class, BATCH);
		}
		catch (RuntimeException ex) {
			LOG.warn("Next-action refresh could not read the stale HCPs: {}", ex.toString());
			return;
		}
		for (long hcpId : due) {
			try {
				// An HCP another node or request is refreshing right now is skipped: that refresh is enough.
				this.transactions.executeWithoutResult(status -> this.actions.refreshUnlessBusy(hcpId));
			}
			catch (RuntimeException ex) {
				// Keeps the mark; the next run tries again. The HCP page computes live meanwhile.
				LOG.warn("Next actions of HCP {} could not be refreshed: {}", hcpId, ex.toString());
			}
		}
	}

	/**
	 * Content approved since the last run is a new option for its area's HCPs: the library read is forgotten and the
	 * area's HCPs are marked, so stored suggestions follow a new approval within seconds as they follow any other
	 * write (an item that expires or is withdrawn is dropped when the rows are read). The first run only notes where
	 * the library stands. Every node does it; marking twice is harmless. Returns the HCPs marked.
	 */
	int followApprovals() {
		Timestamp seen = (this.approvalsSeen != null) ? Timestamp.from(this.approvalsSeen) : null;
		Map<String, Object> latest = this.jdbc.queryForMap("SELECT max(approved_at) AS latest,"
				+ " array_agg(DISTINCT therapeutic_area_id) FILTER (WHERE approved_at > ?) AS areas FROM content_version"
				+ " WHERE status = 'APPROVED'", (seen != null) ? seen : Timestamp.from(Instant.EPOCH));
		Timestamp newest = (Timestamp) latest.get("latest");
		if (seen == null) {
			this.approvalsSeen = (newest != null) ? newest.toInstant() : Instant.EPOCH;
			return 0;
		}
		java.sql.Array areas = (java.sql.Array) latest.get("areas");
		if (areas == null || newest == null) {
			return 0;
		}
		List<Long> ids;
		try {
			ids = java.util.Arrays.stream((Object[]) areas.getArray()).map(a -> ((Number) a).longValue()).toList();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		this.actions.forgetLibrary();
		int marked = this.transactions.execute(status -> this.actions.markAreasStale(ids));
		this.approvalsSeen = newest.toInstant();
		return marked;
	}

	@EventListener
	void on(InteractionLogged event) {
		this.actions.markStale(event.hcpId());
	}

	@EventListener
	void on(NeedRaised event) {
		this.actions.markStale(event.hcpId());
	}

	@EventListener
	void on(NeedStatusChanged event) {
		this.actions.markStale(event.hcpId());
	}

	@EventListener
	void on(StageChanged event) {
		this.actions.markStale(event.hcpId());
	}

	@EventListener
	void on(ConsentChanged event) {
		this.actions.markStale(event.hcpId());
	}

	@EventListener
	void on(PullEventsRecorded event) {
		event.items().stream().map(PullEventsRecorded.Item::hcpId).distinct().forEach(this.actions::markStale);
	}

	/**
	 * A merge: the duplicate's suggestions go, its decisions move to the survivor, and the survivor is recomputed
	 * with everything it now holds.
	 */
	@EventListener
	@Order(HcpMerged.MOVE_RECORDS)
	void moveForMerge(HcpMerged merged) {
		this.jdbc.update("DELETE FROM next_action WHERE hcp_id = ?", merged.duplicateId());
		this.jdbc.update("DELETE FROM next_action_stale WHERE hcp_id = ?", merged.duplicateId());
		int decisions = this.jdbc.update("UPDATE next_action_decision SET hcp_id = ? WHERE hcp_id = ?",
				merged.survivorId(), merged.duplicateId());
		this.actions.markStale(merged.survivorId());
		this.audit.record(merged.actor(), "MERGE_MOVE", "HCP", merged.survivorId(), null,
				Map.of("module", "action", "fromHcpId", merged.duplicateId(), "next_action_decision", decisions));
	}

	/** An erasure: the stored suggestions go, dismissals lose their free text (R__next_actions.sql). */
	@EventListener
	@Order(HcpErased.ERASE_RECORDS)
	void eraseFor(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_next_actions(?)", erased.hcpId());
	}

}
