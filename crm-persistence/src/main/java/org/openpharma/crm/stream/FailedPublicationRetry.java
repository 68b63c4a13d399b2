package org.openpharma.crm.stream;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends failed publications again: once when the application is ready (what a stopped node left behind) and then
 * on a schedule (what a broker outage held back). A publication that stayed "in progress" because its node died
 * counts as failed after {@code spring.modulith.events.staleness.*} and is picked up here too. The start-up run is
 * per node (a node sends what it finds failed when it comes up); the scheduled one runs on one node at a time.
 */
class FailedPublicationRetry {

	private static final Logger LOG = LoggerFactory.getLogger(FailedPublicationRetry.class);

	private final FailedEventPublications failed;

	private final EventStreamProperties properties;

	FailedPublicationRetry(FailedEventPublications failed, EventStreamProperties properties) {
		this.failed = failed;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartUp() {
		resubmit(ResubmissionOptions.defaults());
	}

	/** On one node at a time (docs/adr/0021): two nodes resubmitting the same publication would send it twice. */
	@Scheduled(initialDelayString = "${crm.events.stream.retry-interval:30s}",
			fixedDelayString = "${crm.events.stream.retry-interval:30s}")
	@SchedulerLock(name = "event-publication-retry", lockAtMostFor = "PT5M")
	void onSchedule() {
		resubmit(ResubmissionOptions.defaults().withMinAge(this.properties.retryMinAge()));
	}

	private void resubmit(ResubmissionOptions options) {
		try {
			this.failed.resubmit(options);
		}
		catch (RuntimeException ex) {
			// The database is away (docs/adr/0018): the publications wait there, the next run tries again.
			LOG.warn("Could not resubmit failed event publications: {}", ex.getMessage());
		}
	}

}
