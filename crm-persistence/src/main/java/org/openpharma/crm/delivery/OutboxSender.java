package org.openpharma.crm.delivery;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the outbox's sender every few seconds ({@code crm.mail.send-interval-ms}), on one node at a time (ShedLock
 * {@code mail-outbox}, docs/adr/0021); each mail's row lock keeps a direct call from sending it twice as well.
 */
@Component
class OutboxSender {

	private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

	/** Mails per run: at SMTP speed a run then stays well under the lock's five minutes. */
	static final int BATCH = 100;

	private final MailOutbox outbox;

	OutboxSender(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@Scheduled(fixedDelayString = "${crm.mail.send-interval-ms:5000}",
			initialDelayString = "${crm.mail.send-interval-ms:5000}")
	@SchedulerLock(name = "mail-outbox", lockAtMostFor = "PT5M")
	void sendInBackground() {
		if (!this.outbox.configured()) {
			return;
		}
		try {
			this.outbox.sendDue(BATCH);
		}
		catch (RuntimeException ex) {
			// The next run picks the mails up again; each keeps its status meanwhile.
			LOG.warn("Mail outbox run failed: {}", ex.toString());
		}
	}

}
