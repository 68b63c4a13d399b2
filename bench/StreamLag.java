import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

/**
 * The event stream's consumer side for bench/stream-bench.sh (docs/benchmarks.md): binds a fresh queue to the
 * exchange crm.events, and for every envelope of a pull-event batch measures the lag from the event (its
 * {@code occurredAt}, taken when the batch's transaction began) to the moment it arrives here, through commit,
 * outbox, publisher confirm and broker. Runs until it has seen {@code --until-quiet} seconds without a message after
 * the first one, or {@code --max-seconds}; prints one Markdown table row.
 *
 * <pre>java -cp amqp-client.jar:slf4j-api.jar bench/StreamLag.java --host 127.0.0.1 --port 5672</pre>
 */
public class StreamLag {

	static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

	static final Pattern ITEM = Pattern.compile("\"externalEventId\"");

	public static void main(String[] args) throws Exception {
		Map<String, String> opt = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", "5672", "until-quiet", "5",
				"max-seconds", "600", "routing-key", "commercial.interaction.pull-events-recorded"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(opt.get("host"));
		factory.setPort(Integer.parseInt(opt.get("port")));
		List<Long> lags = Collections.synchronizedList(new ArrayList<>());
		AtomicLong items = new AtomicLong();
		AtomicLong last = new AtomicLong();
		try (Connection connection = factory.newConnection("stream-bench"); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare("crm.events", "topic", true);
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, "crm.events", opt.get("routing-key"));
			DeliverCallback onMessage = (tag, delivery) -> {
				long now = System.currentTimeMillis();
				String body = new String(delivery.getBody(), java.nio.charset.StandardCharsets.UTF_8);
				Matcher occurred = OCCURRED_AT.matcher(body);
				if (occurred.find()) {
					lags.add(now - Instant.parse(occurred.group(1)).toEpochMilli());
				}
				Matcher item = ITEM.matcher(body);
				while (item.find()) {
					items.incrementAndGet();
				}
				last.set(now);
			};
			channel.basicConsume(queue, true, onMessage, tag -> {
			});
			System.err.println("stream-lag: listening on " + opt.get("routing-key"));
			long deadline = System.currentTimeMillis() + Duration.ofSeconds(Long.parseLong(opt.get("max-seconds"))).toMillis();
			long quiet = Duration.ofSeconds(Long.parseLong(opt.get("until-quiet"))).toMillis();
			while (System.currentTimeMillis() < deadline
					&& (last.get() == 0 || System.currentTimeMillis() - last.get() < quiet)) {
				Thread.sleep(100);
			}
		}
		long[] sorted;
		synchronized (lags) {
			sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
		}
		System.out.printf("| commit → consumer lag per batch | %d batches | %d events | p50 %d ms | p95 %d ms | p99 %d ms | max %d ms |%n",
				sorted.length, items.get(), pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
				(sorted.length > 0) ? sorted[sorted.length - 1] : 0);
	}

	static long pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

}
