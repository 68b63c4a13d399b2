package org.openpharma.crm.system;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.Utils;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled jobs that must run on one application node at a time take a ShedLock lock in the {@code shedlock}
 * table (V19, docs/adr/0021): annotate the {@code @Scheduled} method with
 * {@code @SchedulerLock(name = "...", lockAtMostFor = "...")}. The lock's times come from the database's clock,
 * so the nodes' clocks need not agree; {@code locked_by} names the node ({@code crm.node-name}, the host name by
 * default), so the table tells which node ran a job last. A job that keeps state in one node's memory must not be
 * locked: every node has to run it for itself.
 */
@Configuration(proxyBeanMethods = false)
// A job without its own lockAtMostFor gives up a dead node's lock after ten minutes.
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class SchedulerLockConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource, @Value("${crm.node-name:}") String nodeName) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.withLockedByValue(nodeName.isBlank() ? Utils.getHostname() : nodeName)
			.build());
	}

}
