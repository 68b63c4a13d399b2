package org.openpharma.crm.dashboard;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the deltas that writers append to the dashboard rollups into one row per key, every two seconds by
 * default ({@code crm.rollup.compact-interval-ms}). The dashboards are exact without it (they sum deltas
 * and compacted rows alike); compaction only keeps what they read small. One run at a time across all
 * application nodes: the scheduled run takes the ShedLock lock {@code rollup-compaction} (docs/adr/0021), and
 * the database function itself takes an advisory lock and skips when another run (e.g. a direct call) holds it.
 */
@Component
public class RollupCompaction {

	private static final Logger log = LoggerFactory.getLogger(RollupCompaction.class);

	private final JdbcTemplate jdbc;

	RollupCompaction(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Compacts now; returns the number of keys written. */
	public long compact() {
		Long keys = this.jdbc.queryForObject("SELECT rollup_compact()", Long.class);
		return (keys != null) ? keys : 0;
	}

	@Scheduled(fixedDelayString = "${crm.rollup.compact-interval-ms:2000}",
			initialDelayString = "${crm.rollup.compact-interval-ms:2000}")
	// A run takes milliseconds, after a bulk load seconds; should a node die during one, another node takes
	// over within five minutes, and the dashboards stay exact meanwhile. No lockAtLeastFor: the node whose
	// delay ends first after a run compacts next, so the backlog is never older than the interval.
	@SchedulerLock(name = "rollup-compaction", lockAtMostFor = "PT5M")
	void compactInBackground() {
		try {
			compact();
		}
		catch (RuntimeException ex) {
			// The next run catches up; the dashboards stay exact meanwhile.
			log.warn("Rollup compaction failed: {}", ex.toString());
		}
	}

}
