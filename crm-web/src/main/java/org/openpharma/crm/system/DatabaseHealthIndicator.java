package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health (part of readiness), with a deadline: it answers DOWN when the database has not
 * answered within {@code crm.health.db-timeout} (3 s), whatever blocks: the pool waiting for a connection
 * (bounded by Hikari's connection timeout), or a validation on a connection to a host that no longer
 * answers at all (Boot's own indicator calls {@code isValid(0)}, which waits as long as TCP does).
 * Replaces Boot's indicator of the same name. One check runs at a time: probes that arrive while one is
 * still waiting share its answer, so a hanging database never piles up threads (docs/adr/0018).
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

	/** Seconds the connection gets to answer its validation. */
	private static final int VALIDATION_SECONDS = 1;

	private final DataSource dataSource;

	private final Duration timeout;

	private final ExecutorService checker = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "db-health");
		thread.setDaemon(true);
		return thread;
	});

	private Future<Health> running;

	DatabaseHealthIndicator(DataSource dataSource, @Value("${crm.health.db-timeout:3s}") Duration timeout) {
		this.dataSource = dataSource;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		Future<Health> check = start();
		try {
			return check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return Health.down().withDetail("error", "no answer within " + this.timeout.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			return Health.down(ex.getCause()).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
	}

	private synchronized Future<Health> start() {
		if (this.running == null || this.running.isDone()) {
			this.running = this.checker.submit(this::check);
		}
		return this.running;
	}

	private Health check() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (connection.isValid(VALIDATION_SECONDS)) {
				return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
			}
			return Health.down().withDetail("error", "the connection did not validate").build();
		}
		catch (SQLException ex) {
			return Health.down(ex).build();
		}
	}

	@Override
	public void destroy() {
		this.checker.shutdownNow();
	}

}
