package org.openpharma.crm.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A read replica that does not answer (a closed local port) does not take the CRM down (docs/adr/0025): once its
 * check has failed, read-only screens read the primary, readiness stays UP, and the {@code replica} health entry
 * says DEGRADED. The shared PostgreSQL server is not touched.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
@DirtiesContext
@TestPropertySource(properties = { ReadReplicaConfiguration.URL + "=jdbc:postgresql://127.0.0.1:1/crm",
		"crm.database.replica-check-interval=200ms" })
class ReadReplicaOutageIntegrationTests extends WebTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ReplicaAvailability availability;

	@Autowired
	ReplicaHealthIndicator health;

	@Test
	void readOnlyScreensReadThePrimaryAndReadinessStaysUp() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.availability.last() != null);
		assertThat(this.availability.readable()).isFalse();
		assertThat(this.availability.last().problem()).startsWith("unreachable");

		Long hcp = this.jdbc.queryForObject("INSERT INTO hcp (name_kanji, name_kana) VALUES ('代替 読込', 'ダイタイ ヨミコミ')"
				+ " RETURNING id", Long.class);
		MvcResult page = this.mvc.perform(get("/hcps/" + hcp).with(user("manager").roles("MANAGER"))).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		assertThat(page.getResponse().getContentAsString()).contains("代替 読込");
		// No wait for the replica's pool (its 3 s connection timeout): the route is decided before a connection is
		// asked for. Timed on the second request, the first one also compiles the page's templates.
		long start = System.nanoTime();
		assertThat(this.mvc.perform(get("/hcps/" + hcp).with(user("manager").roles("MANAGER")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

		assertThat(this.health.health().getStatus()).isEqualTo(ReplicaHealthIndicator.DEGRADED);
		assertThat(this.mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		// DEGRADED is not one of the statuses the overall health aggregates: the node is UP.
		assertThat(this.mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

}
