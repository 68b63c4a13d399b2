package org.openpharma.crm.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(10), 6);

	@Test
	void doublesTheWaitAfterEachFailureUpToTheCap() {
		assertThat(this.policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
		assertThat(this.policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(480));
		assertThat(this.policy.delayAfter(6)).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.policy.delayAfter(60)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void givesUpAfterTheLastAttempt() {
		assertThat(this.policy.givesUpAfter(5)).isFalse();
		assertThat(this.policy.givesUpAfter(6)).isTrue();
	}

}
