package org.openpharma.crm.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

/**
 * Slows down password guessing instead of locking the victim out (docs/adr/0013). Wrong passwords drain
 * token buckets (Bucket4j) kept for the source address, for the account at that address and for the
 * account as a whole; an attempt is refused, before its password is checked, while one of them is
 * empty. Each bucket has a short, a one-hour and a one-day limit, so the wait grows the longer the
 * guessing goes on. The account's own bucket does not stop the account's user at an address they have
 * signed in from before. Successful sign-ins cost nothing. Buckets live in memory, per instance.
 */
class SignInThrottle {

	/** What a bucket counts. */
	enum Scope {

		/** All wrong passwords from one address, whatever the account: password spraying. */
		ADDRESS,

		/** Wrong passwords for one account from one address: someone guessing one password. */
		ACCOUNT_ADDRESS,

		/** Wrong passwords for one account from anywhere: guessing from many addresses. */
		ACCOUNT

	}

	/** At most {@code attempts} wrong passwords per {@code period}, refilled gradually over the period. */
	record Limit(long attempts, Duration period) {
	}

	/** Whether an attempt may go ahead; if not, how long to wait and which bucket refused. */
	record Decision(boolean allowed, long retryAfterSeconds, Scope scope) {

		static final Decision ALLOWED = new Decision(true, 0, null);

	}

	/** Told once when a bucket starts refusing (a burst), not for every refused attempt. */
	interface BurstListener {

		void throttled(Scope scope, String username, String address, long retryAfterSeconds);

	}

	/** Five quick tries (typos), then one every 12 s, after 20 in an hour one every 3 min, after 50 a day one every ~30 min. */
	static final List<Limit> ACCOUNT_ADDRESS_LIMITS = List.of(new Limit(5, Duration.ofMinutes(1)),
			new Limit(20, Duration.ofHours(1)), new Limit(50, Duration.ofDays(1)));

	/** Generous: an office behind one NAT address shares it. */
	static final List<Limit> ADDRESS_LIMITS = List.of(new Limit(20, Duration.ofMinutes(1)),
			new Limit(100, Duration.ofHours(1)), new Limit(300, Duration.ofDays(1)));

	/** Generous: reached only by guessing from many addresses; the user's known addresses are exempt. */
	static final List<Limit> ACCOUNT_LIMITS = List.of(new Limit(100, Duration.ofHours(1)),
			new Limit(300, Duration.ofDays(1)));

	/** How long an address counts as the user's own after a successful sign-in from it. */
	static final Duration KNOWN_ADDRESS_KEPT = Duration.ofDays(30);

	/** Refusals of one bucket closer together than this belong to one burst, audited once. */
	static final Duration QUIET = Duration.ofMinutes(15);

	/** Longest refill period: a bucket untouched this long is full again and can be forgotten. */
	static final Duration IDLE = Duration.ofDays(1);

	private static final int MAX_NAME = 100;

	private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Instant> knownAddresses = new ConcurrentHashMap<>();

	private final Clock clock;

	private final TimeMeter time;

	private final BurstListener listener;

	SignInThrottle(Clock clock, BurstListener listener) {
		this.clock = clock;
		this.listener = listener;
		this.time = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	/** Before the password is checked: may this attempt go ahead? Reads the buckets, consumes nothing. */
	Decision check(String username, String address) {
		String user = normalise(username);
		Decision refused = null;
		for (Scope scope : Scope.values()) {
			Entry entry = this.buckets.get(key(scope, user, address));
			if (entry == null) {
				continue;
			}
			EstimationProbe probe = entry.bucket.estimateAbilityToConsume(1);
			if (probe.canBeConsumed()) {
				continue;
			}
			if (scope == Scope.ACCOUNT && isKnown(user, address)) {
				continue;
			}
			long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
			Instant now = this.clock.instant();
			Instant previous = entry.lastRefusal.getAndSet(now);
			if (previous == null || previous.plus(QUIET).isBefore(now)) {
				this.listener.throttled(scope, user, address, seconds);
			}
			if (refused == null || seconds > refused.retryAfterSeconds()) {
				refused = new Decision(false, seconds, scope);
			}
		}
		return (refused != null) ? refused : Decision.ALLOWED;
	}

	/**
	 * A wrong password (or unknown user): one token from each bucket. Attempts that raced past the check
	 * together may drive a bucket below zero; that debt is paid back in waiting time.
	 */
	void failed(String username, String address) {
		String user = normalise(username);
		Instant now = this.clock.instant();
		for (Scope scope : Scope.values()) {
			Entry entry = this.buckets.computeIfAbsent(key(scope, user, address), k -> new Entry(newBucket(scope)));
			entry.bucket.consumeIgnoringRateLimits(1);
			entry.lastFailure = now;
		}
	}

	/** A right password: the address becomes one of the user's own, and their typos there are forgiven. */
	void succeeded(String username, String address) {
		String user = normalise(username);
		this.buckets.remove(key(Scope.ACCOUNT_ADDRESS, user, address));
		this.knownAddresses.put(user + '\u0000' + address, this.clock.instant());
	}

	/** Forgets buckets that are full again and addresses not used for a long time; keeps memory bounded. */
	void forgetIdle() {
		Instant now = this.clock.instant();
		this.buckets.values().removeIf(e -> e.lastFailure.plus(IDLE).isBefore(now));
		this.knownAddresses.values().removeIf(at -> at.plus(KNOWN_ADDRESS_KEPT).isBefore(now));
	}

	/** Forgets everything (an operator's reset; tests that share one application use it to start clean). */
	void forgetAll() {
		this.buckets.clear();
		this.knownAddresses.clear();
	}

	int size() {
		return this.buckets.size();
	}

	private boolean isKnown(String user, String address) {
		Instant at = this.knownAddresses.get(user + '\u0000' + address);
		return at != null && !at.plus(KNOWN_ADDRESS_KEPT).isBefore(this.clock.instant());
	}

	private Bucket newBucket(Scope scope) {
		List<Limit> limits = switch (scope) {
			case ADDRESS -> ADDRESS_LIMITS;
			case ACCOUNT_ADDRESS -> ACCOUNT_ADDRESS_LIMITS;
			case ACCOUNT -> ACCOUNT_LIMITS;
		};
		var builder = Bucket.builder().withCustomTimePrecision(this.time);
		for (Limit limit : limits) {
			builder.addLimit(Bandwidth.builder()
				.capacity(limit.attempts())
				.refillGreedy(limit.attempts(), limit.period())
				.build());
		}
		return builder.build();
	}

	private static String key(Scope scope, String user, String address) {
		return switch (scope) {
			case ADDRESS -> "A\u0000" + address;
			case ACCOUNT_ADDRESS -> "U\u0000" + user + '\u0000' + address;
			case ACCOUNT -> "N\u0000" + user;
		};
	}

	/** The account as the sign-in looks it up: trimmed, lower case; long junk names are cut. */
	static String normalise(String username) {
		String name = (username == null) ? "" : username.strip().toLowerCase(Locale.ROOT);
		return (name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) : name;
	}

	private static final class Entry {

		final Bucket bucket;

		/** When this bucket last refused an attempt; a refusal after a quiet spell starts a new burst. */
		final AtomicReference<Instant> lastRefusal = new AtomicReference<>();

		volatile Instant lastFailure = Instant.EPOCH;

		Entry(Bucket bucket) {
			this.bucket = bucket;
		}

	}

}
