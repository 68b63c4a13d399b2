package org.openpharma.crm.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRoutingTests {

	@Test
	void theReplicaIsReadOnlyInsideAScopeAndScopesNest() {
		assertThat(ReadRouting.replicaAllowed()).isFalse();
		try (ReadRouting.Scope outer = ReadRouting.replica()) {
			assertThat(ReadRouting.replicaAllowed()).isTrue();
			try (ReadRouting.Scope inner = ReadRouting.replica()) {
				assertThat(ReadRouting.replicaAllowed()).isTrue();
			}
			assertThat(ReadRouting.replicaAllowed()).isTrue();
		}
		assertThat(ReadRouting.replicaAllowed()).isFalse();
	}

	@Test
	void anotherThreadReadsThePrimary() throws InterruptedException {
		boolean[] seen = new boolean[1];
		try (ReadRouting.Scope scope = ReadRouting.replica()) {
			Thread other = new Thread(() -> seen[0] = ReadRouting.replicaAllowed());
			other.start();
			other.join();
		}
		assertThat(seen[0]).isFalse();
	}

}
