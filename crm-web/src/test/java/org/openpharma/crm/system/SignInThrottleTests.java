package org.openpharma.crm.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.system.SignInThrottle.Decision;
import org.openpharma.crm.system.SignInThrottle.Scope;
import org.openpharma.crm.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	private static final String ATTACKER = "203.0.113.7";

	private static final String OFFICE = "198.51.100.20";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T03:00:00Z"));

	private final List<String> bursts = new ArrayList<>();

	private final SignInThrottle throttle = new SignInThrottle(this.clock,
			(scope, user, address, seconds) -> this.bursts.add(scope + " " + user + " " + address));

	/** What an attacker's script does: try, and when allowed, fail. Returns how many were allowed. */
	private int guess(String user, String address, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (this.throttle.check(user, address).allowed()) {
				allowed++;
				this.throttle.failed(user, address);
			}
		}
		return allowed;
	}

	@Test
	void fiveQuickTyposPassThenTheWaitIsTwelveSeconds() {
		assertThat(guess("mr01", OFFICE, 5)).isEqualTo(5);
		Decision sixth = this.throttle.check("mr01", OFFICE);
		assertThat(sixth.allowed()).isFalse();
		assertThat(sixth.scope()).isEqualTo(Scope.ACCOUNT_ADDRESS);
		assertThat(sixth.retryAfterSeconds()).isEqualTo(12);
	}

	@Test
	void aThousandGuessesFromOneAddressGetFiveThroughAndNeverStopTheUserElsewhere() {
		assertThat(guess("admin", ATTACKER, 1_000)).isEqualTo(5);
		assertThat(this.throttle.check("admin", OFFICE).allowed()).isTrue();
		assertThat(this.throttle.check("mr01", ATTACKER).allowed()).isTrue();
	}

	@Test
	void theWaitGrowsTheLongerTheGuessingGoesOn() {
		List<Long> waits = new ArrayList<>();
		for (int round = 0; round < 60; round++) {
			guess("mr01", ATTACKER, 100);
			Decision refused = this.throttle.check("mr01", ATTACKER);
			waits.add(refused.retryAfterSeconds());
			this.clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
		}
		// One every 12 s, after 20 in the hour one every 3 minutes, after 50 in the day one every 28.8 minutes.
		assertThat(waits.get(0)).isEqualTo(12);
		assertThat(waits).anyMatch(w -> w >= 170 && w <= 180);
		assertThat(waits.get(waits.size() - 1)).isEqualTo(24 * 3600 / 50);
	}

	@Test
	void sprayingManyAccountsFromOneAddressIsStoppedAtThatAddressOnly() {
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			allowed += guess("user" + i, ATTACKER, 1);
		}
		assertThat(allowed).isEqualTo(20);
		Decision refused = this.throttle.check("someone-else", ATTACKER);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.scope()).isEqualTo(Scope.ADDRESS);
		assertThat(this.throttle.check("someone-else", OFFICE).allowed()).isTrue();
	}

	@Test
	void guessingOneAccountFromManyAddressesIsCappedButTheUsersOwnAddressStillWorks() {
		this.throttle.succeeded("mr01", OFFICE);
		int allowed = 0;
		for (int i = 0; i < 60; i++) {
			allowed += guess("mr01", "192.0.2." + i, 5);
		}
		assertThat(allowed).isEqualTo(100);
		Decision fresh = this.throttle.check("mr01", "192.0.2.200");
		assertThat(fresh.allowed()).isFalse();
		assertThat(fresh.scope()).isEqualTo(Scope.ACCOUNT);
		assertThat(this.throttle.check("mr01", OFFICE).allowed()).isTrue();
	}

	@Test
	void aSuccessfulSignInForgivesTheTyposAtThatAddress() {
		guess("mr01", OFFICE, 5);
		this.throttle.succeeded("mr01", OFFICE);
		assertThat(this.throttle.check("mr01", OFFICE).allowed()).isTrue();
	}

	@Test
	void userNamesAreComparedAsTheSignInLooksThemUp() {
		guess(" MR01 ", ATTACKER, 5);
		assertThat(this.throttle.check("mr01", ATTACKER).allowed()).isFalse();
	}

	@Test
	void aBurstIsReportedOnceNotPerRefusedAttempt() {
		guess("mr01", ATTACKER, 1_000);
		this.clock.advance(Duration.ofMinutes(5));
		guess("mr01", ATTACKER, 1_000);
		assertThat(this.bursts).containsExactly("ACCOUNT_ADDRESS mr01 " + ATTACKER);
		this.clock.advance(SignInThrottle.QUIET.plusMinutes(1));
		guess("mr01", ATTACKER, 100);
		assertThat(this.bursts).hasSize(2);
	}

	@Test
	void idleBucketsAreForgotten() {
		guess("mr01", ATTACKER, 5);
		assertThat(this.throttle.size()).isEqualTo(3);
		this.throttle.forgetIdle();
		assertThat(this.throttle.size()).isEqualTo(3);
		this.clock.advance(SignInThrottle.IDLE.plusSeconds(1));
		this.throttle.forgetIdle();
		assertThat(this.throttle.size()).isZero();
		assertThat(this.throttle.check("mr01", ATTACKER).allowed()).isTrue();
	}

}
