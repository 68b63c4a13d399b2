package org.openpharma.crm.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the event stream ({@code crm.events.stream.*}; {@code crm.events.stream.enabled=false} turns it off,
 * and then nothing is written to the outbox either).
 *
 * @param exchange the topic exchange the events are published to
 * @param confirmTimeout how long one publication waits for the broker's confirm before it counts as failed
 * @param retryInterval how often failed publications are sent again
 * @param retryMinAge how old a failed publication must be before it is sent again
 */
@ConfigurationProperties("crm.events.stream")
public record EventStreamProperties(String exchange, Duration confirmTimeout, Duration retryInterval,
		Duration retryMinAge) {

	public EventStreamProperties {
		exchange = (exchange == null || exchange.isBlank()) ? "crm.events" : exchange;
		confirmTimeout = (confirmTimeout != null) ? confirmTimeout : Duration.ofSeconds(5);
		retryInterval = (retryInterval != null) ? retryInterval : Duration.ofSeconds(30);
		retryMinAge = (retryMinAge != null) ? retryMinAge : Duration.ofSeconds(10);
	}

}
