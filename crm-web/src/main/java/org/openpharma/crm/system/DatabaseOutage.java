package org.openpharma.crm.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database outage (no connection to be had: the server is down, unreachable or refusing, the pool
 * timed out waiting for one) from other database errors, which stay what they were (a 409 for a lost race,
 * a 500 for a bug). An outage is answered 503 with {@code Retry-After} everywhere: screens, the API, the
 * sign-in form (docs/adr/0018).
 */
final class DatabaseOutage {

	/** What {@code Retry-After} says: about the time a restarted PostgreSQL needs to take connections again. */
	static final long RETRY_AFTER_SECONDS = 30;

	/** Causes followed at most: cause chains are short, this only guards against a cycle. */
	private static final int MAX_DEPTH = 20;

	private DatabaseOutage() {
	}

	/** Whether the exception, or one of its causes, says that no database connection could be had. */
	static boolean isCause(Throwable ex) {
		Throwable current = ex;
		for (int i = 0; current != null && i < MAX_DEPTH; i++) {
			if (isConnectionFailure(current)) {
				return true;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return false;
	}

	private static boolean isConnectionFailure(Throwable ex) {
		if (ex instanceof CannotCreateTransactionException || ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessResourceException || ex instanceof SQLTransientConnectionException
				|| ex instanceof SQLNonTransientConnectionException) {
			return true;
		}
		// SQLSTATE class 08: connection exception; 57P01..57P03: the server shuts down or does not take
		// connections yet (PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now).
		String state = (ex instanceof SQLException sql) ? sql.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

}
