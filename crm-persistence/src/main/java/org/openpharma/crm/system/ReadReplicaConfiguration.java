package org.openpharma.crm.system;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.util.StringUtils;

/**
 * A read replica for read-only screens, on when {@code crm.database.replica-url} is set (docs/adr/0025,
 * docs/scaling.md); without it Boot's single pool stays as it is. Two Hikari pools with the same
 * {@code spring.datasource.hikari.*} settings, {@code primary} and {@code replica}; the application's data source is
 * Spring's {@link LazyConnectionDataSourceProxy}, which takes the real connection only at the first statement, when
 * the transaction has marked its connection read-only or not. Read-write connections come from the primary;
 * read-only ones from the replica while this thread may read it ({@link ReadRouting}) and the replica passes its
 * checks ({@link ReplicaAvailability}), else from the primary too. Flyway migrates the primary: Boot derives its
 * data source from this proxy's target.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaConfiguration.Configured.class)
public class ReadReplicaConfiguration {

	/** The property that turns the replica on. */
	public static final String URL = "crm.database.replica-url";

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource primaryDataSource(DataSourceProperties properties) {
		HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("primary");
		return pool;
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource replicaDataSource(DataSourceProperties properties, @Value("${" + URL + "}") String url,
			@Value("${crm.database.replica-username:}") String username,
			@Value("${crm.database.replica-password:}") String password) {
		HikariDataSource pool = DataSourceBuilder.create(properties.getClassLoader())
			.type(HikariDataSource.class)
			.driverClassName(properties.determineDriverClassName())
			.url(url)
			.username(StringUtils.hasText(username) ? username : properties.determineUsername())
			.password(StringUtils.hasText(username) ? password : properties.determinePassword())
			.build();
		pool.setPoolName("replica");
		pool.setReadOnly(true);
		// Start without a connection when the replica is down: reads go to the primary meanwhile, and the pool
		// connects when the replica is back, instead of failing (and logging a stack trace) on every check.
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	@Bean
	ReplicaAvailability replicaAvailability(@Qualifier("replicaDataSource") DataSource replica,
			@Value("${crm.database.replica-max-lag:10s}") Duration maxLag,
			@Value("${crm.database.replica-check-interval:5s}") Duration interval, Clock clock) {
		return new ReplicaAvailability(replica, maxLag, interval, clock);
	}

	/** The data source everything uses: JPA, JdbcTemplate, sessions, scheduler locks, the outbox, health. */
	@Bean
	@Primary
	LazyConnectionDataSourceProxy dataSource(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica, ReplicaAvailability availability) {
		LazyConnectionDataSourceProxy dataSource = new LazyConnectionDataSourceProxy(primary);
		dataSource.setReadOnlyDataSource(new ReadOnlyRouting(primary, replica, availability));
		return dataSource;
	}

	/** Where a read-only connection comes from, decided when it is first used. */
	static final class ReadOnlyRouting extends AbstractRoutingDataSource {

		enum Target {

			PRIMARY, REPLICA

		}

		private final ReplicaAvailability availability;

		ReadOnlyRouting(DataSource primary, DataSource replica, ReplicaAvailability availability) {
			this.availability = availability;
			setTargetDataSources(Map.of(Target.PRIMARY, primary, Target.REPLICA, replica));
			setLenientFallback(false);
			afterPropertiesSet();
		}

		@Override
		protected Object determineCurrentLookupKey() {
			return (ReadRouting.replicaAllowed() && this.availability.readable()) ? Target.REPLICA : Target.PRIMARY;
		}

	}

	/** True when {@code crm.database.replica-url} is set and not blank. */
	public static class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(URL));
		}

	}

}
