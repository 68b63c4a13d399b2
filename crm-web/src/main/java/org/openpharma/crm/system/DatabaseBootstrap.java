package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs before anything touches the database: creates the two database roles (ADR 0017) when they are missing
 * and the migration login may create roles, creates the configured database (owned by the owner role) when the
 * server answers but the database does not exist yet, and stops with one clear message (no stack trace wall)
 * when no server answers. Registered by {@code CrmApplication.main} only; tests bring their own database.
 * On a server whose administrator created the roles (docs/operations.md) it changes nothing.
 */
public class DatabaseBootstrap implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final String INVALID_CATALOG = "3D000";

	private static final String PLAIN_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment env = event.getEnvironment();
		if (!env.getProperty("crm.database.bootstrap", Boolean.class, true)) {
			return;
		}
		String url = env.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			return;
		}
		String app = env.getProperty("spring.datasource.username", "crm_app");
		String appPassword = env.getProperty("spring.datasource.password", "");
		String admin = env.getProperty("spring.flyway.user", app);
		String adminPassword = env.getProperty("spring.flyway.password", "");
		String owner = env.getProperty("crm.database.owner", "crm_owner");
		for (String role : new String[] { app, owner }) {
			if (!role.matches(PLAIN_IDENTIFIER)) {
				stop(url, new SQLException("role name '" + role + "' is not a plain identifier"));
			}
		}
		Roles roles = new Roles(owner, app, appPassword);
		try (Connection connection = DriverManager.getConnection(url, admin, adminPassword)) {
			roles.ensure(connection, url);
			roles.handOverOlderDatabase(connection, url);
		}
		catch (SQLException ex) {
			if (INVALID_CATALOG.equals(ex.getSQLState())) {
				createDatabase(url, admin, adminPassword, roles);
				return;
			}
			stop(url, ex);
		}
	}

	/** The owner role (NOLOGIN; migrations SET ROLE to it) and the application's login role. */
	record Roles(String owner, String app, String appPassword) {

		/** Creates the roles that are missing, if the connected login may; otherwise says what to do. */
		void ensure(Connection connection, String url) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				ResultSet missing = statement.executeQuery("SELECT count(*) FROM unnest(ARRAY['" + this.owner + "', '"
						+ this.app + "']) r WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)");
				missing.next();
				if (missing.getInt(1) == 0) {
					return;
				}
				ResultSet may = statement.executeQuery(
						"SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user");
				if (!may.next() || !may.getBoolean(1)) {
					stop(url, new SQLException("the database roles " + this.owner + " and " + this.app
							+ " do not exist and " + "this login may not create them: see docs/operations.md"));
				}
				statement.execute(sql());
				System.out.println("Created the database roles " + this.owner + " and " + this.app + ".");
			}
		}

		/**
		 * A database created or migrated before the two roles existed belongs to the migration login: hand it
		 * and its objects to the owner role once, if the login is a superuser. Anyone else set the database up
		 * by hand (docs/operations.md) and is left alone.
		 */
		void handOverOlderDatabase(Connection connection, String url) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				ResultSet older = statement.executeQuery("SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
						+ " AND ((SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) <> '"
						+ this.owner + "' OR coalesce((SELECT pg_get_userbyid(relowner) <> '" + this.owner + "' FROM pg_class"
						+ " WHERE oid = to_regclass('public.flyway_schema_history')), false))");
				if (!older.next() || !older.getBoolean(1)) {
					return;
				}
				statement.execute("DO $$ DECLARE r record; BEGIN"
						+ " EXECUTE format('ALTER DATABASE %I OWNER TO " + this.owner + "', current_database());"
						+ " FOR r IN SELECT c.oid::regclass AS obj, CASE c.relkind WHEN 'v' THEN 'VIEW'"
						+ "   WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind"
						+ "   FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace"
						+ "   AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> '" + this.owner + "'"
						+ "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
						+ "     AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))"
						+ " LOOP EXECUTE format('ALTER %s %s OWNER TO " + this.owner + "', r.kind, r.obj); END LOOP;"
						+ " FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p"
						+ "   WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> '" + this.owner + "'"
						+ "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
						+ "     AND d.objid = p.oid AND d.deptype = 'e')"
						+ " LOOP EXECUTE format('ALTER FUNCTION %s OWNER TO " + this.owner + "', r.fn); END LOOP;"
						+ " END $$");
				System.out.println("Handed this database and its objects to " + this.owner + " (ADR 0017).");
			}
		}

		/** Idempotent, and tolerant of another process creating the same role at the same moment. */
		String sql() {
			String password = this.appPassword.isEmpty() ? ""
					: " PASSWORD '" + this.appPassword.replace("'", "''") + "'";
			return "DO $$ BEGIN"
					+ " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + this.owner + "') THEN"
					+ "  BEGIN CREATE ROLE " + this.owner + " NOLOGIN;"
					+ "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
					+ " END IF;"
					+ " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + this.app + "') THEN"
					+ "  BEGIN CREATE ROLE " + this.app + " LOGIN" + password + ";"
					+ "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;"
					+ " END IF;"
					+ " END $$";
		}

	}

	private static void createDatabase(String url, String user, String password, Roles roles) {
		String database = databaseName(url);
		if (!database.matches(PLAIN_IDENTIFIER)) {
			stop(url, new SQLException("database name '" + database + "' is not a plain identifier"));
		}
		try (Connection connection = DriverManager.getConnection(withDatabase(url, "postgres"), user, password);
				Statement statement = connection.createStatement()) {
			roles.ensure(connection, url);
			statement.execute("CREATE DATABASE " + database + " OWNER " + roles.owner()
					+ " TEMPLATE template0 ENCODING 'UTF8'");
			System.out.println("Created database '" + database + "' owned by " + roles.owner() + ".");
		}
		catch (SQLException ex) {
			stop(url, ex);
		}
	}

	static String databaseName(String url) {
		String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
		return base.substring(base.lastIndexOf('/') + 1);
	}

	static String withDatabase(String url, String database) {
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		return base.substring(0, base.lastIndexOf('/') + 1) + database + ((query >= 0) ? url.substring(query) : "");
	}

	private static void stop(String url, SQLException ex) {
		System.err.printf("%n*** The CRM cannot reach its PostgreSQL database at %s%n    (%s)%n%n"
				+ "    Get one of these and start again:%n"
				+ "      - the local server:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start%n"
				+ "      - Docker:            docker compose up -d db%n"
				+ "      - another server:    CRM_DB_URL=jdbc:postgresql://host:5432/crm CRM_DB_USER=... CRM_DB_PASSWORD=...%n"
				+ "                           CRM_DB_MIGRATION_USER=... CRM_DB_MIGRATION_PASSWORD=... (docs/operations.md)%n%n",
				url, ex.getMessage());
		System.exit(1);
	}

}
