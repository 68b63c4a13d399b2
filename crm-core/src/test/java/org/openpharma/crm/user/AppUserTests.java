package org.openpharma.crm.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppUserTests {

	private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

	private static AppUser user() {
		return AppUser.create("mr1", "MR One", "{noop}x", "SALES", EnumSet.of(Role.MR), Set.of(), NOW);
	}

	@Test
	void aUserNeedsAtLeastOneRole() {
		assertThatThrownBy(() -> AppUser.create("x", "X", "{noop}x", "SALES", EnumSet.noneOf(Role.class), Set.of(), NOW))
			.isInstanceOf(DomainException.class);
		AppUser user = user();
		assertThatThrownBy(() -> user.assign("X", "SALES", EnumSet.noneOf(Role.class), Set.of(), NOW))
			.isInstanceOf(DomainException.class);
	}

}
