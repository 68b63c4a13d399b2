package org.openpharma.crm.delivery;

import java.time.Duration;

/**
 * Exponential backoff for the outbox: after the n-th failed attempt the next one waits {@code base × 2^(n-1)}, at
 * most {@code cap}; after {@code maxAttempts} the mail is FAILED.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {

	public RetryPolicy {
		if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0 || maxAttempts < 1) {
			throw new IllegalArgumentException("base > 0, cap >= base, maxAttempts >= 1");
		}
	}

	/** The wait after {@code attempts} failed attempts (1 for the first failure). */
	public Duration delayAfter(int attempts) {
		int doublings = Math.max(0, Math.min(attempts - 1, 30));
		Duration delay = this.base.multipliedBy(1L << doublings);
		return (delay.compareTo(this.cap) > 0) ? this.cap : delay;
	}

	public boolean givesUpAfter(int attempts) {
		return attempts >= this.maxAttempts;
	}

}
