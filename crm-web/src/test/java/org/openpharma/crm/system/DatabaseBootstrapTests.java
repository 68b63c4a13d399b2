package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap's role and hand-over SQL on the real server (ADR 0017), with role names of its own. */
class DatabaseBootstrapTests {

	private final TestDatabase db = TestDatabase.get();

	@Test
	void createsBothRolesOnceEvenWhenSeveralProcessesTryAtTheSameMoment() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		DatabaseBootstrap.Roles roles = new DatabaseBootstrap.Roles("bt_owner_" + suffix, "bt_app_" + suffix, "pw");
		try {
			ExecutorService pool = Executors.newFixedThreadPool(4);
			List<Future<Object>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(pool.submit((Callable<Object>) () -> {
					try (Connection connection = this.db.connectAsAdmin()) {
						roles.ensure(connection, this.db.url());
					}
					return null;
				}));
			}
			for (Future<Object> run : runs) {
				run.get();
			}
			pool.shutdown();
			try (Connection connection = this.db.connectAsAdmin(); Statement statement = connection.createStatement()) {
				roles.ensure(connection, this.db.url());
				ResultSet rs = statement.executeQuery("SELECT rolname, rolcanlogin, rolsuper FROM pg_roles"
						+ " WHERE rolname LIKE 'bt\\_%" + suffix + "' ORDER BY rolname");
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("bt_app_" + suffix);
				assertThat(rs.getBoolean(2)).isTrue();
				assertThat(rs.getBoolean(3)).isFalse();
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("bt_owner_" + suffix);
				assertThat(rs.getBoolean(2)).isFalse();
				assertThat(rs.next()).isFalse();
			}
		}
		finally {
			admin("DROP ROLE IF EXISTS bt_owner_" + suffix, "DROP ROLE IF EXISTS bt_app_" + suffix);
		}
	}

	@Test
	void handsADatabaseMigratedBeforeTheTwoRolesToTheOwner() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String database = "bt_older_" + suffix;
		DatabaseBootstrap.Roles roles = new DatabaseBootstrap.Roles("bt_owner_" + suffix, "bt_app_" + suffix, "");
		String url = DatabaseBootstrap.withDatabase(this.db.url(), database);
		admin("CREATE DATABASE " + database + " TEMPLATE template0");
		try {
			try (Connection connection = DriverManager.getConnection(url, this.db.adminUsername(), this.db.adminPassword());
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY)");
				statement.execute("CREATE TABLE note (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, t text)");
				statement.execute("CREATE VIEW note_view AS SELECT t FROM note");
				statement.execute("CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM note'");
				roles.ensure(connection, url);
				roles.handOverOlderDatabase(connection, url);
				roles.handOverOlderDatabase(connection, url);
				ResultSet rs = statement.executeQuery("SELECT string_agg(DISTINCT owner, ',') FROM ("
						+ " SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace"
						+ " UNION ALL SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
						+ " UNION ALL SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) o");
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("bt_owner_" + suffix);
			}
		}
		finally {
			admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "DROP ROLE IF EXISTS bt_owner_" + suffix,
					"DROP ROLE IF EXISTS bt_app_" + suffix);
		}
	}

	@Test
	void handsAnEmptyDatabaseCreatedByTheSuperuserToTheOwnerSoThatMigrationsMayCreateTables() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String database = "bt_empty_" + suffix;
		DatabaseBootstrap.Roles roles = new DatabaseBootstrap.Roles("bt_owner_" + suffix, "bt_app_" + suffix, "");
		String url = DatabaseBootstrap.withDatabase(this.db.url(), database);
		admin("CREATE DATABASE " + database + " TEMPLATE template0");
		try {
			try (Connection connection = DriverManager.getConnection(url, this.db.adminUsername(), this.db.adminPassword());
					Statement statement = connection.createStatement()) {
				roles.ensure(connection, url);
				roles.handOverOlderDatabase(connection, url);
				statement.execute("SET ROLE bt_owner_" + suffix);
				statement.execute("CREATE TABLE created_by_the_owner (id integer)");
				ResultSet rs = statement.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database"
						+ " WHERE datname = current_database()");
				rs.next();
				assertThat(rs.getString(1)).isEqualTo("bt_owner_" + suffix);
			}
		}
		finally {
			admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "DROP ROLE IF EXISTS bt_owner_" + suffix,
					"DROP ROLE IF EXISTS bt_app_" + suffix);
		}
	}

	private void admin(String... sql) throws SQLException {
		try (Connection connection = this.db.connectAsAdmin(); Statement statement = connection.createStatement()) {
			for (String s : sql) {
				statement.execute(s);
			}
		}
	}

}
