package org.openpharma.crm.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs before anything touches the database: creates the configured database when the server
 * answers but the database does not exist yet, and stops with one clear message (no stack trace
 * wall) when no server answers. Registered by {@code CrmApplication.main} only; tests bring their own
 * database.
 */
public class DatabaseBootstrap implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final String INVALID_CATALOG = "3D000";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment env = event.getEnvironment();
		if (!env.getProperty("crm.database.bootstrap", Boolean.class, true)) {
			return;
		}
		String url = env.getProperty("spring.datasource.url", "");
		String user = env.getProperty("spring.datasource.username", "");
		String password = env.getProperty("spring.datasource.password", "");
		if (!url.startsWith("jdbc:postgresql:")) {
			return;
		}
		try (Connection ignored = DriverManager.getConnection(url, user, password)) {
			return;
		}
		catch (SQLException ex) {
			if (INVALID_CATALOG.equals(ex.getSQLState())) {
				createDatabase(url, user, password);
				return;
			}
			stop(url, ex);
		}
	}

	private static void createDatabase(String url, String user, String password) {
		String database = databaseName(url);
		if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
			stop(url, new SQLException("database name '" + database + "' is not a plain identifier"));
		}
		try (Connection connection = DriverManager.getConnection(withDatabase(url, "postgres"), user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database + " TEMPLATE template0 ENCODING 'UTF8'");
			System.out.println("Created database '" + database + "'.");
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
				+ "      - another server:    CRM_DB_URL=jdbc:postgresql://host:5432/crm CRM_DB_USER=... CRM_DB_PASSWORD=...%n%n",
				url, ex.getMessage());
		System.exit(1);
	}

}
