package org.openpharma.crm.stream;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.openpharma.crm.shared.DomainEvent;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every domain event to the broker after its transaction committed. Spring Modulith stores the publication in
 * the outbox with the event's transaction and marks it complete only when this method returns; it returns only
 * when the broker confirmed the message (publisher confirms), so a broker that is down or does not confirm leaves
 * the publication incomplete and {@link FailedPublicationRetry} sends it again.
 */
class EventStreamPublisher {

	private final RabbitTemplate rabbit;

	private final JsonMapper json;

	private final EventStreamProperties properties;

	EventStreamPublisher(RabbitTemplate rabbit, JsonMapper json, EventStreamProperties properties) {
		this.rabbit = rabbit;
		this.json = json;
		this.properties = properties;
	}

	@ApplicationModuleListener(id = "crm.event-stream")
	void publish(DomainEvent event) {
		EventEnvelope envelope = EventEnvelope.of(event);
		Message message = new Message(this.json.writeValueAsBytes(envelope), properties(envelope));
		this.rabbit.invoke(operations -> {
			operations.send(this.properties.exchange(), envelope.routingKey(), message);
			operations.waitForConfirmsOrDie(this.properties.confirmTimeout().toMillis());
			return null;
		});
	}

	private static MessageProperties properties(EventEnvelope envelope) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding(StandardCharsets.UTF_8.name());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		properties.setMessageId(envelope.id().toString());
		properties.setType(envelope.type());
		properties.setTimestamp(Date.from(envelope.occurredAt()));
		properties.setHeader("schema-version", envelope.schemaVersion());
		return properties;
	}

}
