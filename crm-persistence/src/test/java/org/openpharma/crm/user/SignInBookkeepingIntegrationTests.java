package org.openpharma.crm.user;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in bookkeeping under concurrent sign-ins of one user, on real PostgreSQL. */
@PostgresTest
class SignInBookkeepingIntegrationTests extends PostgresTestBase {

	private static final int THREADS = 20;

	@Autowired
	UserManagement users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void concurrentFailedSignInsAreCountedExactlyWithoutAnException() throws Exception {
		AppUser user = newUser();

		List<Throwable> errors = runAtOnce(THREADS, i -> this.users.recordFailedLogin(user.getUsername()));

		assertThat(errors).isEmpty();
		Map<String, Long> actions = auditActions(user.getId());
		assertThat(actions.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(THREADS);
		assertThat(actions).containsOnly(Map.entry("LOGIN_FAILED", (long) THREADS));
		assertThat(failedAttempts(user.getId())).isEqualTo(THREADS);
	}

	@Test
	void aSuccessfulSignInAmongConcurrentFailuresNeverFails() throws Exception {
		AppUser user = newUser();

		List<Throwable> errors = runAtOnce(THREADS, i -> {
			if (i == THREADS / 2) {
				this.users.recordSuccessfulLogin(user.getUsername());
			}
			else {
				this.users.recordFailedLogin(user.getUsername());
			}
		});

		assertThat(errors).isEmpty();
		Map<String, Long> actions = auditActions(user.getId());
		assertThat(actions).containsEntry("LOGIN", 1L);
		assertThat(actions).containsEntry("LOGIN_FAILED", THREADS - 1L);
		// Not exact: the success resets the count, and how many failures land after it is up to the threads.
		assertThat(failedAttempts(user.getId())).isBetween(0, THREADS - 1);
	}

	@Test
	void anUnknownUserNameIsNotAnError() {
		this.users.recordFailedLogin("nobody-" + System.nanoTime());
		this.users.recordSuccessfulLogin("nobody-" + System.nanoTime());
	}

	private AppUser newUser() {
		String name = "signin-" + System.nanoTime() % 1_000_000_000L;
		return this.users.create(name, "Sign-in test", "correct-horse-battery", "SALES", EnumSet.of(Role.MR), Set.of(),
				"test-setup");
	}

	private int failedAttempts(long id) {
		return this.jdbc.queryForObject("SELECT failed_attempts FROM app_user WHERE id = ?", Integer.class, id);
	}

	private Map<String, Long> auditActions(long id) {
		Map<String, Long> actions = new java.util.TreeMap<>();
		this.jdbc.query("SELECT action, count(*) FROM audit_event WHERE entity_type = 'USER' AND entity_id = ?"
				+ " AND action LIKE 'LOGIN%' GROUP BY action", rs -> {
					actions.put(rs.getString(1), rs.getLong(2));
				}, id);
		return actions;
	}

	/** Starts all tasks together (one latch) and returns what they threw. */
	static List<Throwable> runAtOnce(int threads, IntTask task) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
		try {
			for (int i = 0; i < threads; i++) {
				int n = i;
				pool.execute(() -> {
					ready.countDown();
					try {
						go.await();
						task.run(n);
					}
					catch (Throwable ex) {
						errors.add(ex);
					}
				});
			}
			ready.await();
			go.countDown();
		}
		finally {
			pool.shutdown();
			assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		return new ArrayList<>(errors);
	}

	interface IntTask {

		void run(int index) throws Exception;

	}

}
