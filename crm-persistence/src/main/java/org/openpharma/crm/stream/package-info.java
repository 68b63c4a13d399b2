/**
 * The event stream: every domain event, after its transaction committed, goes to RabbitMQ as JSON (docs/adr/0023,
 * docs/events/asyncapi.yaml). Publications wait in Spring Modulith's event publication registry (the outbox table
 * {@code event_publication}) until the broker confirmed them, so a broker outage delays events and loses none.
 */
@ApplicationModule(displayName = "stream",
		allowedDependencies = { "consent", "hcp", "inquiry", "interaction", "need", "privacy", "shared", "stage" })
package org.openpharma.crm.stream;

import org.springframework.modulith.ApplicationModule;
