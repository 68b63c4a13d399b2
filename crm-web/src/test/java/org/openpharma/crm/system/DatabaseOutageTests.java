package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Which exceptions mean "the database cannot be reached", and the db health's deadline. */
class DatabaseOutageTests {

	static final SQLException REFUSED = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");

	@Test
	void aConnectionFailureIsAnOutageHoweverDeepItIsWrapped() {
		SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 3000ms", "08001", REFUSED);
		assertThat(DatabaseOutage.isCause(poolTimeout)).isTrue();
		assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException("Could not open JPA EntityManager",
				new RuntimeException("JDBCConnectionException", poolTimeout)))).isTrue();
		assertThat(DatabaseOutage.isCause(new InternalAuthenticationServiceException("lookup failed",
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimeout)))).isTrue();
		assertThat(DatabaseOutage.isCause(new RuntimeException(REFUSED))).isTrue();
		// PostgreSQL shutting down (admin_shutdown) or still starting (cannot_connect_now).
		assertThat(DatabaseOutage.isCause(new SQLException("terminating connection", "57P01"))).isTrue();
		assertThat(DatabaseOutage.isCause(new SQLException("the database system is starting up", "57P03"))).isTrue();
	}

	@Test
	void otherDatabaseErrorsAndWrongPasswordsAreNot() {
		assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key", "23505")))).isFalse();
		assertThat(DatabaseOutage.isCause(new BadSqlGrammarException("select", "select x",
				new SQLException("column x does not exist", "42703")))).isFalse();
		assertThat(DatabaseOutage.isCause(new SQLException("canceling statement due to statement timeout", "57014")))
			.isFalse();
		assertThat(DatabaseOutage.isCause(new BadCredentialsException("Bad credentials"))).isFalse();
		assertThat(DatabaseOutage.isCause(new InternalAuthenticationServiceException("bug",
				new IllegalStateException("no")))).isFalse();
		assertThat(DatabaseOutage.isCause(null)).isFalse();
	}

	@Test
	void aCycleOfCausesEnds() {
		RuntimeException a = new RuntimeException("a");
		RuntimeException b = new RuntimeException("b", a);
		a.initCause(b);
		assertThat(DatabaseOutage.isCause(a)).isFalse();
	}

	/**
	 * A host that no longer answers at all (packets dropped): getting or validating a connection hangs. The
	 * health answers DOWN at its deadline all the same, and probes that come meanwhile share the one check.
	 */
	@Test
	void theDbHealthIsDownAtItsDeadlineWhenTheDatabaseHangs() throws Exception {
		CountDownLatch released = new CountDownLatch(1);
		AtomicInteger attempts = new AtomicInteger();
		DataSource hanging = mock(DataSource.class);
		when(hanging.getConnection()).thenAnswer(invocation -> {
			attempts.incrementAndGet();
			released.await(30, TimeUnit.SECONDS);
			throw REFUSED;
		});
		DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(hanging, Duration.ofMillis(200));
		try {
			long start = System.nanoTime();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(attempts).hasValue(1);
		}
		finally {
			released.countDown();
			indicator.destroy();
		}
	}

	@Test
	void theDbHealthIsUpWhenAConnectionValidates() throws Exception {
		Connection connection = mock(Connection.class, org.mockito.Mockito.RETURNS_DEEP_STUBS);
		when(connection.isValid(anyInt())).thenReturn(true);
		when(connection.getMetaData().getDatabaseProductName()).thenReturn("PostgreSQL");
		DataSource dataSource = mock(DataSource.class);
		when(dataSource.getConnection()).thenReturn(connection);
		DatabaseHealthIndicator indicator = new DatabaseHealthIndicator(dataSource, Duration.ofSeconds(3));
		try {
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("database", "PostgreSQL");
		}
		finally {
			indicator.destroy();
		}
	}

}
