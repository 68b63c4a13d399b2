package org.openpharma.crm.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The {@code replica} health entry, when a read replica is configured: {@code UP} while read-only screens read it,
 * {@code DEGRADED} while it is down or too far behind and they read the primary instead (docs/adr/0025). It is not
 * part of readiness: every node shares the replica, so a replica outage that took readiness down would take every
 * node out of the load balancer, while the primary could serve everything.
 */
@Component("replicaHealthIndicator")
@Conditional(ReadReplicaConfiguration.Configured.class)
class ReplicaHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED", "read-only screens read the primary");

	private final ReplicaAvailability availability;

	ReplicaHealthIndicator(ReplicaAvailability availability) {
		this.availability = availability;
	}

	@Override
	public Health health() {
		ReplicaAvailability.Check check = this.availability.last();
		if (check == null) {
			return Health.unknown().withDetail("checked", "not yet").build();
		}
		Health.Builder health = check.readable() ? Health.up() : Health.status(DEGRADED).withDetail("error", check.problem());
		return health.withDetail("lagMs", check.lag().toMillis())
			.withDetail("standby", check.standby())
			.withDetail("checkedAt", check.checkedAt().toString())
			.build();
	}

}
