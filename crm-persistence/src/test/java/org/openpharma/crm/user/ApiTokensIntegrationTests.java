package org.openpharma.crm.user;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.PostgresTest;
import org.openpharma.crm.PostgresTestBase;
import org.openpharma.crm.testsupport.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class ApiTokensIntegrationTests extends PostgresTestBase {

	static final MutableClock CLOCK = MutableClock.startingNow();

	@TestBean
	java.time.Clock clock;

	static java.time.Clock clock() {
		return CLOCK;
	}

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTokenAuthenticatesItsSystemUserUntilRevoked() {
		String token = this.tokens.create("web-form-" + System.nanoTime() % 100_000, "web form", "MARKETING", "admin");

		ApiTokens.TokenUser user = this.tokens.authenticate(token).orElseThrow();

		assertThat(user.departmentCode()).isEqualTo("MARKETING");
		assertThat(user.roles()).containsExactly(Role.MARKETING);
		assertThat(this.tokens.authenticate(token + "x")).isEmpty();
		assertThat(this.tokens.authenticate("short")).isEmpty();
		long id = this.tokens.all().stream().filter(t -> t.username().equals(user.username())).findFirst().orElseThrow().id();
		this.tokens.revoke(id, "admin");
		assertThat(this.tokens.authenticate(token)).isEmpty();
	}

	@Test
	void lastUseIsKeptToTheMinuteWithoutAWritePerCall() {
		String token = this.tokens.create("telephony-" + System.nanoTime() % 100_000, "telephony", "CALL_CENTER", "admin");
		CLOCK.set(CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		Instant first = CLOCK.instant();

		this.tokens.authenticate(token);
		CLOCK.advance(Duration.ofSeconds(30));
		this.tokens.authenticate(token);
		assertThat(lastUsed(token)).isEqualTo(first);

		CLOCK.advance(Duration.ofSeconds(45));
		this.tokens.authenticate(token);
		assertThat(lastUsed(token)).isEqualTo(CLOCK.instant());
	}

	private Instant lastUsed(String token) {
		long id = tokenId(token);
		return this.tokens.all().stream().filter(t -> t.id() == id).findFirst().orElseThrow().lastUsedAt();
	}

	private long tokenId(String token) {
		return this.jdbc.queryForObject("SELECT id FROM api_token WHERE token_hash = ?", Long.class, ApiTokens.hash(token));
	}

}
