package org.openpharma.crm.stream;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.CrmApplication;
import org.openpharma.crm.TestUsers;
import org.openpharma.crm.WebConsentFixtures;
import org.openpharma.crm.WebTestBase;
import org.openpharma.crm.consent.ConsentLedger;
import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpDetails;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.interaction.Channel;
import org.openpharma.crm.interaction.Interaction;
import org.openpharma.crm.interaction.InteractionCapture;
import org.openpharma.crm.interaction.InteractionFacts;
import org.openpharma.crm.user.Role;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream against the real RabbitMQ (issue 13): events reach the broker after commit; while the broker is
 * unreachable the CRM keeps working and the publications wait in the outbox; once it is back every event arrives,
 * and each consumer processes each event exactly once. The application reaches the broker through a
 * {@link BrokerLink} the test cuts and restores.
 */
@SpringBootTest(classes = CrmApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "crm.events.stream.retry-interval=500ms", "crm.events.stream.retry-min-age=0s",
				"crm.events.stream.confirm-timeout=2s", "crm.rollup.compact-interval-ms=3600000" })
@Import(TestUsers.class)
class EventStreamIntegrationTests extends WebTestBase {

	static final int BROKER_PORT = 5672;

	static final BrokerLink LINK = link();

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", LINK::port);
	}

	@Autowired
	org.openpharma.crm.interaction.InteractionManagement interactions;

	@Autowired
	HcpManagement hcps;

	@Autowired
	ConsentLedger consents;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	EventStreamProperties properties;

	@Autowired
	Clock clock;

	CachingConnectionFactory consumerConnections;

	final List<SimpleMessageListenerContainer> containers = new CopyOnWriteArrayList<>();

	/** What each consumer received about this test's HCP: interaction ids, in order of processing. */
	final Map<String, List<Long>> loggedByConsumer = new ConcurrentHashMap<>();

	final Map<String, IdempotentConsumer> consumers = new ConcurrentHashMap<>();

	final List<String> commercialRoutingKeys = new CopyOnWriteArrayList<>();

	final List<JsonNode> envelopes = new CopyOnWriteArrayList<>();

	Hcp hcp;

	String mr;

	private static BrokerLink link() {
		try {
			return new BrokerLink(BROKER_PORT);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void closeLink() throws IOException {
		LINK.close();
	}

	@BeforeEach
	void setUp() {
		LINK.restore();
		this.mr = this.users.ensure(Role.MR);
		// The consumers read the broker directly, not through the link; they are bound before anything is written.
		this.consumerConnections = new CachingConnectionFactory("127.0.0.1", BROKER_PORT);
		RabbitAdmin admin = new RabbitAdmin(this.consumerConnections);
		TopicExchange exchange = new TopicExchange(this.properties.exchange(), true, false);
		admin.declareExchange(exchange);
		for (String consumerId : List.of("analytics", "ai-features")) {
			List<Long> logged = new CopyOnWriteArrayList<>();
			this.loggedByConsumer.put(consumerId, logged);
			IdempotentConsumer consumer = new IdempotentConsumer(consumerId, envelope -> {
				JsonNode data = envelope.get("data");
				Hcp subject = this.hcp;
				if ("interaction.logged".equals(envelope.get("type").asString()) && subject != null
						&& data.get("hcpId").asLong() == subject.getId()) {
					logged.add(data.get("interactionId").asLong());
					this.envelopes.add(envelope);
				}
			});
			this.consumers.put(consumerId, consumer);
			listen(admin, exchange, "#", message -> consumer.handle(this.json.readTree(message)));
		}
		listen(admin, exchange, "commercial.#", message -> {
			JsonNode envelope = this.json.readTree(message);
			this.commercialRoutingKeys.add(envelope.get("audience").asString() + "." + envelope.get("type").asString());
		});
		this.hcp = this.hcps.create(new HcpDetails("配信 太郎", "ハイシン タロウ", null, null, null, null, null, null), "test");
		WebConsentFixtures.grantEverything(this.consents, this.hcp.getId(), this.clock.instant());
	}

	private void listen(RabbitAdmin admin, TopicExchange exchange, String pattern,
			java.util.function.Consumer<byte[]> handler) {
		Queue queue = new AnonymousQueue();
		admin.declareQueue(queue);
		Binding binding = BindingBuilder.bind(queue).to(exchange).with(pattern);
		admin.declareBinding(binding);
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.consumerConnections);
		container.setQueueNames(queue.getName());
		container.setMessageListener(message -> handler.accept(message.getBody()));
		container.start();
		this.containers.add(container);
	}

	@AfterEach
	void tearDown() {
		this.containers.forEach(SimpleMessageListenerContainer::stop);
		this.consumerConnections.destroy();
		LINK.restore();
	}

	@Test
	void eventsReachTheBrokerAfterCommitAsVersionedJson() {
		Interaction visit = log(Channel.VISIT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.loggedByConsumer.get("analytics"))
			.containsExactly(visit.getId()));
		await().atMost(Duration.ofSeconds(10)).until(() -> incomplete() == 0);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.commercialRoutingKeys)
			.contains("commercial.interaction.logged", "commercial.consent.changed"));
		JsonNode envelope = this.envelopes.get(0);
		assertThat(envelope.get("schemaVersion").asInt()).isEqualTo(1);
		assertThat(envelope.get("audience").asString()).isEqualTo("commercial");
		assertThat(envelope.get("occurredAt").asString()).isNotBlank();
		JsonNode data = envelope.get("data");
		assertThat(data.get("channel").asString()).isEqualTo("VISIT");
		assertThat(data.get("purpose").asString()).isEqualTo("PROMOTIONAL");
		assertThat(data.get("departmentCode").asString()).isEqualTo("SALES");
		assertThat(data.get("eventId").asString()).isEqualTo(envelope.get("id").asString());
		// Ids and codes only: no free text of the contact travels.
		assertThat(data.has("notes")).isFalse();
		assertThat(data.has("keyMessages")).isFalse();
		assertThat(data.has("outcome")).isFalse();
	}

	@Test
	void whileTheBrokerIsDownWritesSucceedAndEveryEventArrivesOnceItIsBack() {
		Interaction before = log(Channel.VISIT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.loggedByConsumer.get("analytics"))
			.containsExactly(before.getId()));

		LINK.cut();
		List<Long> written = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 5; i++) {
			written.add(log((i % 2 == 0) ? Channel.VISIT : Channel.PHONE_OUT).getId());
		}
		// The CRM kept working; the events wait in the outbox, and none reaches a consumer while the link is cut.
		assertThat(incomplete(written)).isEqualTo(5);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> this.loggedByConsumer.get("analytics").size() == 1);
		assertThat(attempted(written)).isEqualTo(5);

		LINK.restore();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (String consumerId : List.of("analytics", "ai-features")) {
				assertThat(this.loggedByConsumer.get(consumerId)).as(consumerId)
					.containsExactlyInAnyOrderElementsOf(concat(before.getId(), written));
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> incomplete() == 0);
	}

	@Test
	void aRepeatedDeliveryIsProcessedOnce() throws Exception {
		Interaction visit = log(Channel.VISIT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.loggedByConsumer.get("analytics"))
			.containsExactly(visit.getId()));
		// The broker delivers at least once: the same envelope again (as after a lost confirm) changes nothing.
		IdempotentConsumer analytics = this.consumers.get("analytics");
		JsonNode again = this.json.readTree(("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"interaction.logged\","
				+ "\"data\":{\"hcpId\":" + this.hcp.getId() + ",\"interactionId\":-1}}").getBytes());
		assertThat(analytics.handle(again)).isTrue();
		assertThat(analytics.handle(again)).isFalse();
		assertThat(this.loggedByConsumer.get("analytics")).containsExactly(visit.getId(), -1L);
		assertThat(analytics.deliveriesOf(UUID.fromString(again.get("id").asString()))).isEqualTo(2);
	}

	private Interaction log(Channel channel) {
		return this.interactions.log(new InteractionCapture(this.hcp.getId(),
				new InteractionFacts(channel, this.clock.instant().minusSeconds(60), 10, null, null, null, Set.of(), Set.of()),
				List.of(), List.of(), null, List.of()), this.mr);
	}

	private int incomplete() {
		return this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Integer.class);
	}

	/** Incomplete publications of the events of these interactions (the outbox holds other classes' rows too). */
	private int incomplete(List<Long> interactionIds) {
		return this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
				+ " AND (serialized_event::jsonb ->> 'interactionId')::bigint = ANY (?)", Integer.class,
				(Object) interactionIds.toArray(Long[]::new));
	}

	/** Publications of these interactions' events that were tried and are still incomplete: never confirmed. */
	private int attempted(List<Long> interactionIds) {
		return this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"
				+ " AND completion_attempts > 0 AND (serialized_event::jsonb ->> 'interactionId')::bigint = ANY (?)",
				Integer.class, (Object) interactionIds.toArray(Long[]::new));
	}

	private static List<Long> concat(long first, List<Long> rest) {
		List<Long> all = new java.util.ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}

}
