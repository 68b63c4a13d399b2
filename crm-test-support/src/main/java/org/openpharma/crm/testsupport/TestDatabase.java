package org.openpharma.crm.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL database of one test run: a Testcontainers PostgreSQL where a Docker engine answers,
 * otherwise a fresh database created on the server at {@code CRM_TEST_DB_URL} and dropped when the JVM ends.
 */
public final class TestDatabase {

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	private static final TestDatabase INSTANCE = create();

	private final String url;

	private final String username;

	private final String password;

	private TestDatabase(String url, String username, String password) {
		this.url = url;
		this.username = username;
		this.password = password;
	}

	/** The database shared by every test of this JVM. */
	public static TestDatabase get() {
		return INSTANCE;
	}

	/** Points Spring's data source at this run's database; call it from a {@code @DynamicPropertySource}. */
	public static void register(DynamicPropertyRegistry registry) {
		TestDatabase db = get();
		registry.add("spring.datasource.url", db::url);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
		// Each cached Spring context keeps its own pool: keep them small so a test JVM with several
		// contexts stays far below the server's max_connections.
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
		registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
	}

	public String url() {
		return this.url;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	private static TestDatabase create() {
		if (!"local".equalsIgnoreCase(setting("crm.test.db", "CRM_TEST_DB", "auto")) && dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		return createLocalDatabase();
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static TestDatabase createLocalDatabase() {
		String serverUrl = setting("crm.test.db.url", "CRM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = setting("crm.test.db.user", "CRM_TEST_DB_USER", "postgres");
		String password = setting("crm.test.db.password", "CRM_TEST_DB_PASSWORD", "");
		String name = "crm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(serverUrl, user, password, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
		log.info("Created test database {} on {}", name, serverUrl);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(serverUrl, user, password,
				"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new TestDatabase(withDatabase(serverUrl, name), user, password);
	}

	static String withDatabase(String serverUrl, String database) {
		int query = serverUrl.indexOf('?');
		String base = (query >= 0) ? serverUrl.substring(0, query) : serverUrl;
		String params = (query >= 0) ? serverUrl.substring(query) : "";
		int slash = base.lastIndexOf('/');
		return base.substring(0, slash + 1) + database + params;
	}

	private static void execute(String url, String user, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("No PostgreSQL for the tests at " + url
					+ ": start the local server, or set CRM_TEST_DB_URL (" + ex.getMessage() + ")", ex);
		}
	}

	private static String setting(String property, String env, String fallback) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(env);
		}
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
