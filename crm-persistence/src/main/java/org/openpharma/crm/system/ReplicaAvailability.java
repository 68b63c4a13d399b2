package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Whether the read replica may be read, checked every {@code crm.database.replica-check-interval} on a thread of its
 * own: a pooled connection to it answers within the pool's connection timeout plus {@link #NETWORK_TIMEOUT}, and it
 * replays the primary's changes no later than {@code crm.database.replica-max-lag}. Until the first check has passed,
 * and whenever one fails, reads go to the primary (docs/adr/0025): a replica that is down or far behind slows the
 * primary down, it does not take the CRM down.
 */
public class ReplicaAvailability implements DisposableBean {

	/** How long the check's statement may take on a connection it already has. */
	static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * How far the replica is behind, in seconds: 0 when it has replayed everything it received (also when the
	 * primary is idle, where the time of the last replayed transaction only grows) or is no standby at all.
	 */
	static final String LAG_SQL = "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery()"
			+ " OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
			+ " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END";

	private static final Logger log = LoggerFactory.getLogger(ReplicaAvailability.class);

	private final DataSource replica;

	private final Duration maxLag;

	private final Clock clock;

	private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "replica-check");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Check last;

	ReplicaAvailability(DataSource replica, Duration maxLag, Duration interval, Clock clock) {
		this.replica = replica;
		this.maxLag = maxLag;
		this.clock = clock;
		this.checker.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Whether read-only transactions that may read the replica go there now. */
	public boolean readable() {
		Check check = this.last;
		return check != null && check.readable();
	}

	/** The last check; null until the first one has finished. */
	public Check last() {
		return this.last;
	}

	private void refresh() {
		Check before = this.last;
		Check now = check();
		this.last = now;
		if (now.readable() && (before == null || !before.readable())) {
			log.info("Read replica readable (lag {} ms): read-only screens read it", now.lag().toMillis());
		}
		else if (!now.readable() && (before == null || before.readable())) {
			log.warn("Read replica not readable ({}): reads go to the primary until it is", now.problem());
		}
	}

	Check check() {
		Instant at = this.clock.instant();
		try (Connection connection = this.replica.getConnection()) {
			connection.setNetworkTimeout(Runnable::run, (int) NETWORK_TIMEOUT.toMillis());
			try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(LAG_SQL)) {
				row.next();
				Duration lag = Duration.ofMillis(Math.round(row.getDouble(2) * 1000));
				return Check.of(at, row.getBoolean(1), lag, this.maxLag);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// Hikari's pool that never connected throws its PoolInitializationException, a RuntimeException.
			return Check.unreachable(at, String.valueOf(ex.getMessage()));
		}
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

	/**
	 * One check's outcome: readable, or why not.
	 * @param checkedAt when it ran
	 * @param standby whether the database is a standby replaying the primary's changes (false for a stand-in)
	 * @param lag how far it was behind (zero when unreachable)
	 * @param problem why it may not be read, null when it may
	 */
	public record Check(Instant checkedAt, boolean standby, Duration lag, String problem) {

		static Check of(Instant at, boolean standby, Duration lag, Duration maxLag) {
			String problem = (lag.compareTo(maxLag) > 0)
					? "behind the primary by " + lag.toMillis() + " ms, more than " + maxLag.toMillis() + " ms" : null;
			return new Check(at, standby, lag, problem);
		}

		static Check unreachable(Instant at, String why) {
			return new Check(at, false, Duration.ZERO, "unreachable: " + why);
		}

		public boolean readable() {
			return this.problem == null;
		}

	}

}
