package org.openpharma.crm.delivery.web;

import org.openpharma.crm.delivery.MailOutbox;
import org.openpharma.crm.delivery.MailOutbox.Backlog;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The outbox in the health endpoint ({@code mailOutbox}): UNKNOWN when no mail server is configured (the demo keeps
 * mails in the outbox), DEGRADED while mails wait for a retry, UP otherwise. Never DOWN: a mail server that is away
 * delays mail, it does not take the CRM down, and it is not in the readiness group.
 */
@Component("mailOutboxHealthIndicator")
class MailHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "mails wait for a retry");

	private final MailOutbox outbox;

	MailHealthIndicator(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@Override
	public Health health() {
		Backlog backlog = this.outbox.backlog();
		if (!this.outbox.configured()) {
			return Health.unknown()
				.withDetail("mailServer", "not configured (spring.mail.host)")
				.withDetail("queued", backlog.queued())
				.build();
		}
		return Health.status((backlog.retrying() > 0) ? DEGRADED : Status.UP)
			.withDetail("queued", backlog.queued())
			.withDetail("retrying", backlog.retrying())
			.build();
	}

}
