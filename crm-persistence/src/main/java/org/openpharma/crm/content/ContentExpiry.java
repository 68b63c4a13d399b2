package org.openpharma.crm.content;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks approved versions past their expiry date EXPIRED, hourly and on one node at a time. Nothing waits for it:
 * every query and every delivery treats a version past its date as unusable already.
 */
@Component
class ContentExpiry {

	private static final Logger log = LoggerFactory.getLogger(ContentExpiry.class);

	private final ContentLibrary library;

	ContentExpiry(ContentLibrary library) {
		this.library = library;
	}

	@Scheduled(fixedDelayString = "${crm.content.expiry-interval:PT1H}", initialDelayString = "PT30S")
	@SchedulerLock(name = "content-expiry", lockAtMostFor = "PT10M")
	void expire() {
		try {
			int expired = this.library.expireDue("system");
			if (expired > 0) {
				log.info("{} content versions expired", expired);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Content expiry failed: {}", ex.toString());
		}
	}

}
