package org.openpharma.crm.stream;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event stream, on unless {@code crm.events.stream.enabled=false}. The exchange is declared when the first
 * connection opens, so the application starts whether the broker is up or not.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStreamProperties.class)
class EventStreamConfiguration {

	static final String ENABLED = "crm.events.stream.enabled";

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	TopicExchange eventStreamExchange(EventStreamProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	EventStreamPublisher eventStreamPublisher(RabbitTemplate rabbit, JsonMapper json, EventStreamProperties properties) {
		return new EventStreamPublisher(rabbit, json, properties);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	FailedPublicationRetry failedPublicationRetry(FailedEventPublications failed, EventStreamProperties properties) {
		return new FailedPublicationRetry(failed, properties);
	}

}
