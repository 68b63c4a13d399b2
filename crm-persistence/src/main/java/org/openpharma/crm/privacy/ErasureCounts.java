package org.openpharma.crm.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the modules erased for one {@link HcpErased}, collected in the erasure's transaction: each module's handler
 * calls its own database function (db/migration/R__erasure.sql), which answers with counts named
 * {@code removed.…}, {@code anonymised.…} or {@code kept.…}; {@link DataRights} turns their sum into the report.
 */
public final class ErasureCounts {

	private ErasureCounts() {
	}

	/**
	 * Runs a module's erasure function ({@code call} is its SQL call with {@code ?} parameters, e.g.
	 * {@code crm_erase_needs(?)}) and adds what it reports to the erasure in progress.
	 */
	public static void collect(JdbcTemplate jdbc, String call, Object... args) {
		Map<String, Integer> counts = current();
		jdbc.query("SELECT key, value::integer AS rows FROM jsonb_each_text(" + call + ")",
				rs -> {
					counts.merge(rs.getString("key"), rs.getInt("rows"), Integer::sum);
				}, args);
	}

	static Map<String, Integer> open() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		TransactionSynchronizationManager.bindResource(ErasureCounts.class, counts);
		return counts;
	}

	static void close() {
		TransactionSynchronizationManager.unbindResourceIfPossible(ErasureCounts.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Integer> current() {
		Object counts = TransactionSynchronizationManager.getResource(ErasureCounts.class);
		if (counts == null) {
			throw new IllegalStateException("No erasure in progress: HcpErased is handled inside DataRights.erase");
		}
		return (Map<String, Integer>) counts;
	}

}
