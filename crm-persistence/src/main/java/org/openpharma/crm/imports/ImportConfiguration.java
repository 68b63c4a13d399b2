package org.openpharma.crm.imports;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The small thread pool import jobs run on, apart from request threads and other async work. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

	static final String EXECUTOR = "importExecutor";

	/** Two jobs at a time (the database does the heavy lifting); a few more wait in the queue. */
	static final int THREADS = 2;

	static final int QUEUE = 20;

	static final int SHUTDOWN_WAIT_SECONDS = 15;

	/**
	 * Not a default candidate: otherwise Boot's own {@code applicationTaskExecutor} would back off and
	 * every other {@code @Async} method and MVC async request would end up on this pool.
	 */
	@Bean(name = EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor importExecutor(DataSource dataSource) {
		// The data source is a dependency only so that it closes after this pool: a job interrupted by a
		// shutdown can still record that it was interrupted.
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("import-");
		executor.setCorePoolSize(THREADS);
		executor.setMaxPoolSize(THREADS);
		executor.setQueueCapacity(QUEUE);
		// On shutdown a running job is interrupted: it stops after its current chunk and records FAILED
		// (interrupted); if it cannot within the wait, the next start marks it so.
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.setAwaitTerminationSeconds(SHUTDOWN_WAIT_SECONDS);
		return executor;
	}

}
