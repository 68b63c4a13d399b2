package org.openpharma.crm.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL database of one test run: a Testcontainers PostgreSQL where a Docker engine answers,
 * otherwise a fresh database created on the server at {@code CRM_TEST_DB_URL} and dropped when the JVM ends.
 * Like production (ADR 0017) it has two roles: the database and every object in it belong to {@link #OWNER}
 * (migrations run as the server's superuser with {@code SET ROLE} to it), and the application connects as
 * {@link #APP}, which owns nothing.
 */
public final class TestDatabase {

	private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

	private static final TestDatabase INSTANCE = create();

	/** The role that owns the schema; migrations run as it. */
	public static final String OWNER = "crm_owner";

	/** The role the application connects as. */
	public static final String APP = "crm_app";

	private static final String APP_PASSWORD = "crm_app";

	private final String url;

	private final String username;

	private final String password;

	private final String adminUsername;

	private final String adminPassword;

	private TestDatabase(String url, String adminUsername, String adminPassword) {
		this.url = url;
		this.username = APP;
		this.password = APP_PASSWORD;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword;
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
		registry.add("spring.flyway.user", db::adminUsername);
		registry.add("spring.flyway.password", db::adminPassword);
		registry.add("spring.flyway.init-sqls", () -> "SET ROLE " + OWNER);
		registry.add("spring.flyway.placeholders.crm_app", db::username);
		// Each cached Spring context keeps its own pool: keep them small so a test JVM with several
		// contexts stays far below the server's max_connections.
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
		registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
		// Content files of this run stay under target/, beside the run's database.
		registry.add("crm.content.files.directory", () -> java.nio.file.Path.of("target", "content-files").toAbsolutePath().toString());
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

	/** The server's superuser (it runs the migrations, with {@code SET ROLE} to {@link #OWNER}). */
	public String adminUsername() {
		return this.adminUsername;
	}

	public String adminPassword() {
		return this.adminPassword;
	}

	/** A connection as the application's role. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	/** A connection as the server's superuser, for fixtures the application's role may not create. */
	public Connection connectAsAdmin() throws SQLException {
		return DriverManager.getConnection(this.url, this.adminUsername, this.adminPassword);
	}

	/**
	 * Creates the two roles unless they exist. Roles are cluster-wide and test runs may share a server: a
	 * concurrent run that creates the same role first is fine.
	 */
	static String ensureRolesSql() {
		return "DO $$ BEGIN"
				+ " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + OWNER + "') THEN"
				+ "  BEGIN CREATE ROLE " + OWNER + " NOLOGIN;"
				+ "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
				+ " END IF;"
				+ " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP + "') THEN"
				+ "  BEGIN CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "';"
				+ "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
				+ " END IF;"
				+ " END $$";
	}

	private static TestDatabase create() {
		if (!"local".equalsIgnoreCase(setting("crm.test.db", "CRM_TEST_DB", "auto")) && dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			// The container's user is its superuser: it creates the roles and hands the database to the owner.
			execute(container.getJdbcUrl(), container.getUsername(), container.getPassword(), ensureRolesSql());
			execute(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"ALTER DATABASE " + container.getDatabaseName() + " OWNER TO " + OWNER);
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
		execute(serverUrl, user, password, ensureRolesSql());
		execute(serverUrl, user, password,
				"CREATE DATABASE " + name + " OWNER " + OWNER + " TEMPLATE template0 ENCODING 'UTF8'");
		log.info("Created test database {} on {}", name, serverUrl);
		// After the application contexts closed (Spring Boot's shutdown handlers run then), not beside them: a context
		// still closing would otherwise wait for a connection to a database that is gone (the event publication
		// registry reads its backlog when it stops).
		SpringApplication.getShutdownHandlers()
			.add(() -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
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
