package org.openpharma.crm.stream;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code eventStream} health entry and the {@code crm.events.outbox.waiting} gauge: how many publications wait
 * for the broker and since when. A broker outage does not take the CRM down (it is not part of readiness): while
 * the oldest publication has waited longer than two retry intervals the entry reads {@code DEGRADED}, so that
 * operators see the stream is behind (docs/operations.md).
 */
@Component("eventStreamHealthIndicator")
class EventStreamHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "events wait in the outbox for the broker");

	private final OutboxBacklog backlog;

	private final Clock clock;

	private final Duration patience;

	EventStreamHealthIndicator(OutboxBacklog backlog, Clock clock, EventStreamProperties properties,
			MeterRegistry meters) {
		this.backlog = backlog;
		this.clock = clock;
		this.patience = properties.retryInterval().multipliedBy(2);
		Gauge.builder("crm.events.outbox.waiting", backlog, b -> b.read().waiting())
			.description("Domain event publications the broker has not confirmed yet")
			.register(meters);
	}

	@Override
	public Health health() {
		OutboxBacklog.Backlog current = this.backlog.read();
		boolean behind = current.oldest() != null
				&& current.oldest().isBefore(this.clock.instant().minus(this.patience));
		Health.Builder health = behind ? Health.status(DEGRADED) : Health.up();
		health.withDetail("waiting", current.waiting()).withDetail("failed", current.failed());
		if (current.oldest() != null) {
			health.withDetail("oldest", current.oldest().toString());
		}
		return health.build();
	}

}
