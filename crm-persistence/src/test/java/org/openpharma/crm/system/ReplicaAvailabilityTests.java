package org.openpharma.crm.system;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaAvailabilityTests {

	@Test
	void aReplicaWithinTheLagLimitIsReadable() {
		Instant now = Instant.parse("2026-12-04T10:00:00Z");
		Duration max = Duration.ofSeconds(10);
		assertThat(ReplicaAvailability.Check.of(now, true, Duration.ZERO, max).readable()).isTrue();
		assertThat(ReplicaAvailability.Check.of(now, true, Duration.ofSeconds(10), max).readable()).isTrue();
		ReplicaAvailability.Check behind = ReplicaAvailability.Check.of(now, true, Duration.ofMillis(10_001), max);
		assertThat(behind.readable()).isFalse();
		assertThat(behind.problem()).contains("10001 ms");
	}

	@Test
	void anUnreachableReplicaIsNotReadable() {
		ReplicaAvailability.Check down = ReplicaAvailability.Check.unreachable(Instant.EPOCH, "Connection refused");
		assertThat(down.readable()).isFalse();
		assertThat(down.problem()).isEqualTo("unreachable: Connection refused");
	}

}
