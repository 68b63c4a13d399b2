package org.openpharma.crm.system;

/**
 * Where this thread's read-only transactions read when a read replica is configured (docs/adr/0025): the replica
 * only inside {@link #replica()}, which the web layer opens for a GET that does not follow a write of the same
 * browser; the primary everywhere else (every write, the reads of a POST, scheduled jobs, event listeners, start-up),
 * so that nothing that acts on what it reads, or must see what was just written, reads behind the primary. Without a
 * replica nobody asks.
 */
public final class ReadRouting {

	private static final ThreadLocal<Boolean> REPLICA = new ThreadLocal<>();

	private ReadRouting() {
	}

	/** Lets this thread's read-only transactions read the replica until the returned scope is closed. */
	public static Scope replica() {
		Boolean before = REPLICA.get();
		REPLICA.set(Boolean.TRUE);
		return () -> {
			if (before == null) {
				REPLICA.remove();
			}
			else {
				REPLICA.set(before);
			}
		};
	}

	/** Whether a read-only transaction that starts reading now may read the replica. */
	static boolean replicaAllowed() {
		return Boolean.TRUE.equals(REPLICA.get());
	}

	/** The span in which the replica may be read; closing it restores what held before. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
