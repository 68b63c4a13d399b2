package org.openpharma.crm.system;

import java.time.Duration;
import java.time.Instant;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;

class SharedSessionsTests {

	static final Instant STORED = Instant.parse("2026-12-04T10:00:00Z");

	static MapSession stored() {
		MapSession session = new MapSession("s1");
		session.setCreationTime(STORED);
		session.setLastAccessedTime(STORED);
		session.setMaxInactiveInterval(Duration.ofHours(8));
		return session;
	}

	@Test
	void keepsTheStoredLastAccessTimeWithinTheWriteInterval() {
		MapSession stored = stored();
		new SharedSessions.ThrottledSession(stored).setLastAccessedTime(STORED.plusSeconds(59));
		assertThat(stored.getLastAccessedTime()).isEqualTo(STORED);
	}

	@Test
	void movesTheLastAccessTimeOnceTheIntervalHasPassed() {
		MapSession stored = stored();
		SharedSessions.ThrottledSession session = new SharedSessions.ThrottledSession(stored);
		session.setLastAccessedTime(STORED.plus(SharedSessions.LAST_ACCESS_WRITE_INTERVAL));
		assertThat(stored.getLastAccessedTime()).isEqualTo(STORED.plusSeconds(60));
		session.setLastAccessedTime(STORED.plusSeconds(61));
		assertThat(session.getLastAccessedTime()).isEqualTo(STORED.plusSeconds(60));
	}

	@Test
	void expiresByTheStoredLastAccessTime() {
		// The wall clock: Spring Session's MapSession.isExpired() compares with Instant.now() itself.
		MapSession idle = stored();
		idle.setLastAccessedTime(Instant.now().minus(Duration.ofHours(8)).minusSeconds(1));
		assertThat(new SharedSessions.ThrottledSession(idle).isExpired()).isTrue();
		MapSession recent = stored();
		recent.setLastAccessedTime(Instant.now().minus(Duration.ofHours(8)).plusSeconds(60));
		assertThat(new SharedSessions.ThrottledSession(recent).isExpired()).isFalse();
	}

	@Test
	void readsASessionWithoutATransactionAndWritesInOne() {
		AtomicInteger transactions = new AtomicInteger();
		SharedSessions.SessionTransactions sessions = new SharedSessions.SessionTransactions(new TransactionOperations() {
			@Override
			public <T> T execute(TransactionCallback<T> action) {
				transactions.incrementAndGet();
				return action.doInTransaction(new SimpleTransactionStatus(true));
			}
		});
		String read = SharedSessions.SessionTransactions.reading(() -> sessions.execute(status -> "row"));
		assertThat(read).isEqualTo("row");
		assertThat(transactions).hasValue(0);
		sessions.executeWithoutResult(status -> {
		});
		assertThat(transactions).hasValue(1);
	}

	@Test
	void passesAttributesAndIdChangesThrough() {
		MapSession stored = stored();
		SharedSessions.ThrottledSession session = new SharedSessions.ThrottledSession(stored);
		session.setAttribute("flash", "hcp.updated");
		assertThat(stored.<String>getAttribute("flash")).isEqualTo("hcp.updated");
		String id = session.changeSessionId();
		assertThat(stored.getId()).isEqualTo(id).isNotEqualTo("s1");
		session.removeAttribute("flash");
		assertThat(stored.getAttributeNames()).isEmpty();
	}

}
