package org.openpharma.crm.stream;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * How a consumer of the event stream handles each event once although the broker delivers at least once (a
 * publication retried after a lost confirm arrives twice): it remembers the envelope ids it processed, per consumer
 * id, and skips an id it has seen. A real consumer keeps those ids in its own database, written in the same
 * transaction as the effect of the event; this example keeps them in memory.
 */
final class IdempotentConsumer {

	private final String consumerId;

	private final Set<UUID> processed = ConcurrentHashMap.newKeySet();

	private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	private final Consumer<JsonNode> effect;

	IdempotentConsumer(String consumerId, Consumer<JsonNode> effect) {
		this.consumerId = consumerId;
		this.effect = effect;
	}

	/** Handles one delivery; returns whether it was processed (false: a repeat, skipped). */
	boolean handle(JsonNode envelope) {
		UUID id = UUID.fromString(envelope.get("id").asString());
		this.deliveries.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
		if (!this.processed.add(id)) {
			return false;
		}
		this.effect.accept(envelope);
		return true;
	}

	String consumerId() {
		return this.consumerId;
	}

	int deliveriesOf(UUID id) {
		AtomicInteger count = this.deliveries.get(id);
		return (count != null) ? count.get() : 0;
	}

}
