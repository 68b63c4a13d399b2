package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.Cookie;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebIntegrationTest;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The application with a read replica (docs/adr/0025). There is no streaming replica on a test machine: the stand-in
 * is a second database on the same server, migrated like the primary, holding an HCP the primary does not have (and
 * missing the ones the primary gets), so every assertion can tell which database answered.
 */
@WebIntegrationTest
@AutoConfigureMockMvc
@DirtiesContext
class ReadReplicaIntegrationTests extends WebTestBase {

	/** Only in the stand-in replica. */
	static final long REPLICA_ONLY_HCP = 900_000_001L;

	/** Only in the primary. */
	static final long PRIMARY_ONLY_HCP = 900_000_002L;

	@DynamicPropertySource
	static void replica(DynamicPropertyRegistry registry) {
		registry.add(ReadReplicaConfiguration.URL, StandIn::url);
		registry.add("crm.database.replica-check-interval", () -> "200ms");
	}

	@AfterAll
	static void dropStandIn() throws Exception {
		StandIn.drop();
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ReplicaAvailability availability;

	@Autowired
	ReplicaHealthIndicator health;

	@Autowired
	@Qualifier("primaryDataSource")
	HikariDataSource primary;

	@Autowired
	@Qualifier("replicaDataSource")
	HikariDataSource replica;

	@Autowired
	Flyway flyway;

	@Autowired
	TestUsers users;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void replicaChecked() {
		await("the stand-in passed its check").atMost(Duration.ofSeconds(10)).until(this.availability::readable);
		this.users.ensureAll();
		this.jdbc.update("INSERT INTO hcp (id, name_kanji, name_kana) VALUES (?, '主系 一郎', 'シュケイ イチロウ')"
				+ " ON CONFLICT (id) DO NOTHING", PRIMARY_ONLY_HCP);
	}

	@Test
	void aReadOnlyTransactionOfAReadReadsTheReplicaEverythingElseThePrimary() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactions);
		readOnly.setReadOnly(true);
		TransactionTemplate readWrite = new TransactionTemplate(this.transactions);
		try (ReadRouting.Scope scope = ReadRouting.replica()) {
			assertThat(databaseIn(readOnly)).isEqualTo(StandIn.NAME);
			String readOnlyFlag = readOnly.execute(tx -> this.jdbc.queryForObject("SHOW transaction_read_only", String.class));
			assertThat(readOnlyFlag).isEqualTo("on");
			assertThat(databaseIn(readWrite)).isEqualTo(primaryName());
			// Without a transaction a statement is a write as far as anyone can tell.
			assertThat(database()).isEqualTo(primaryName());
		}
		// Jobs, listeners and the reads of a POST run outside such a scope.
		assertThat(databaseIn(readOnly)).isEqualTo(primaryName());
	}

	@Test
	void aPageReadsTheReplicaUnlessTheBrowserJustWrote() throws Exception {
		var manager = user("manager").roles("MANAGER");
		assertThat(status(get("/hcps/" + REPLICA_ONLY_HCP).with(manager))).isEqualTo(200);
		assertThat(status(get("/hcps/" + PRIMARY_ONLY_HCP).with(manager))).isEqualTo(404);
		Cookie wrote = new Cookie(ReplicaReadFilter.RECENT_WRITE, "1");
		assertThat(status(get("/hcps/" + PRIMARY_ONLY_HCP).with(manager).cookie(wrote))).isEqualTo(200);
		assertThat(status(get("/hcps/" + REPLICA_ONLY_HCP).with(manager).cookie(wrote))).isEqualTo(404);
	}

	@Test
	void theSavedRecordShowsAfterPostRedirectGet() throws Exception {
		var admin = user("admin").roles("ADMIN");
		MvcResult saved = this.mvc
			.perform(post("/hcps/new").with(admin).with(csrf()).param("nameKanji", "新規 保存").param("nameKana", "シンキ ホゾン"))
			.andReturn();
		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		Cookie wrote = saved.getResponse().getCookie(ReplicaReadFilter.RECENT_WRITE);
		assertThat(wrote).isNotNull();
		assertThat(wrote.getMaxAge()).isEqualTo(5);
		assertThat(wrote.isHttpOnly()).isTrue();
		String page = saved.getResponse().getRedirectedUrl();
		// The browser follows the redirect with the cookie: the primary has the new HCP.
		MvcResult shown = this.mvc.perform(get(page).with(admin).cookie(wrote)).andReturn();
		assertThat(shown.getResponse().getStatus()).isEqualTo(200);
		assertThat(shown.getResponse().getContentAsString()).contains("新規 保存");
		// Without it the page would come from a replica that does not have it yet.
		assertThat(status(get(page).with(admin))).isEqualTo(404);
	}

	@Test
	void dashboardsReadTheReplica() throws Exception {
		// The stand-in's rollups are empty; the dashboards answer from there all the same. (The user's scope is read
		// in a read-write transaction, from the primary.)
		var admin = user("admin").roles("ADMIN");
		assertThat(status(get("/dashboards/channels").with(admin))).isEqualTo(200);
		assertThat(status(get("/dashboards/patients.csv?table=months").with(admin))).isEqualTo(200);
	}

	@Test
	void twoPoolsWithTheSameSettingsAndFlywayOnThePrimary() {
		assertThat(this.primary.getPoolName()).isEqualTo("primary");
		assertThat(this.replica.getPoolName()).isEqualTo("replica");
		assertThat(this.replica.isReadOnly()).isTrue();
		assertThat(this.replica.getJdbcUrl()).isEqualTo(StandIn.URL);
		assertThat(this.replica.getUsername()).isEqualTo(this.primary.getUsername());
		for (HikariDataSource pool : new HikariDataSource[] { this.primary, this.replica }) {
			assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
			assertThat(pool.getValidationTimeout()).isEqualTo(1000);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(this.primary.getMaximumPoolSize());
			assertThat(this.meters.find("hikaricp.connections").tag("pool", pool.getPoolName()).gauge()).isNotNull();
		}
		DataSource migrations = this.flyway.getConfiguration().getDataSource();
		assertThat(migrations).isInstanceOf(SimpleDriverDataSource.class);
		assertThat(((SimpleDriverDataSource) migrations).getUrl()).isEqualTo(TestDatabase.get().url());
	}

	@Test
	void theReplicaIsItsOwnHealthEntryAndNotPartOfReadiness() throws Exception {
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		// The stand-in is no standby: the lag query answers "not behind" there.
		assertThat(this.availability.last().standby()).isFalse();
		assertThat(this.availability.last().lag()).isZero();
		assertThat(this.mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getContentAsString())
			.contains("UP")
			.doesNotContain("replica");
	}

	private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return this.mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private String databaseIn(TransactionTemplate transaction) {
		return transaction.execute(tx -> database());
	}

	private String database() {
		return this.jdbc.queryForObject("SELECT current_database()", String.class);
	}

	private static String primaryName() {
		return DatabaseBootstrap.databaseName(TestDatabase.get().url());
	}

	/** The stand-in replica: a second database on the test server, created on first use. */
	static final class StandIn {

		static final String NAME = "crm_replica_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

		static final String URL = DatabaseBootstrap.withDatabase(TestDatabase.get().url(), NAME);

		static {
			TestDatabase db = TestDatabase.get();
			execute("CREATE DATABASE " + NAME + " OWNER " + TestDatabase.OWNER);
			Flyway.configure()
				.dataSource(URL, db.adminUsername(), db.adminPassword())
				.initSql("SET ROLE " + TestDatabase.OWNER)
				.placeholders(Map.of("crm_app", TestDatabase.APP))
				.load()
				.migrate();
			new JdbcTemplate(new DriverManagerDataSource(URL, db.adminUsername(), db.adminPassword()))
				.update("INSERT INTO hcp (id, name_kanji, name_kana) VALUES (?, '複製 花子', 'フクセイ ハナコ')",
						REPLICA_ONLY_HCP);
		}

		private StandIn() {
		}

		static String url() {
			return URL;
		}

		static void drop() throws Exception {
			execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
		}

		private static void execute(String sql) {
			try (Connection admin = TestDatabase.get().connectAsAdmin(); Statement statement = admin.createStatement()) {
				statement.execute(sql);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(sql, ex);
			}
		}

	}

}
