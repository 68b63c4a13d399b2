package org.openpharma.crm.hcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The name words that exist, per script (kanji, kana, romaji), with how many live HCPs carry each:
 * the dictionary {@link NameSpelling} corrects typos against. Read from the database in one query
 * (about a second at Japan scale) and kept in memory; a snapshot older than {@link #MAX_AGE} is
 * refreshed in the background while searches go on with the old one. A name too new for the
 * snapshot is still found by the trigram fallback.
 */
@Component
public class HcpNameDictionary {

	private static final Logger log = LoggerFactory.getLogger(HcpNameDictionary.class);

	static final Duration MAX_AGE = Duration.ofMinutes(10);

	/** The words of one script and when they were read. */
	private record Snapshot(Map<String, Map<String, Long>> words, Instant readAt) {
	}

	private static final String WORDS = """
			SELECT script, word, count(*) FROM (
			    SELECT 'kanji' AS script, unnest(string_to_array(name_kanji, ' ')) AS word FROM hcp WHERE status <> 'MERGED'
			    UNION ALL
			    SELECT 'kana', unnest(string_to_array(name_kana, ' ')) FROM hcp WHERE status <> 'MERGED'
			    UNION ALL
			    SELECT 'romaji', unnest(string_to_array(lower(name_romaji), ' ')) FROM hcp
			     WHERE status <> 'MERGED' AND name_romaji IS NOT NULL
			) words WHERE word <> '' GROUP BY script, word""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile Snapshot snapshot;

	HcpNameDictionary(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The words of a script ({@code kanji}, {@code kana} or {@code romaji}) with their counts. */
	public Map<String, Long> words(String script) {
		Snapshot current = this.snapshot;
		if (current == null) {
			current = load();
		}
		else if (current.readAt().plus(MAX_AGE).isBefore(this.clock.instant())
				&& this.refreshing.compareAndSet(false, true)) {
			CompletableFuture.runAsync(() -> {
				try {
					load();
				}
				catch (RuntimeException ex) {
					log.warn("Refreshing the HCP name dictionary failed; the old one stays in use", ex);
				}
				finally {
					this.refreshing.set(false);
				}
			});
		}
		return current.words().getOrDefault(script, Map.of());
	}

	/** Reads the words now (tests call it after creating names). */
	public void refresh() {
		load();
	}

	private synchronized Snapshot load() {
		Map<String, Map<String, Long>> words = new HashMap<>();
		this.jdbc.query(WORDS, rs -> {
			words.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
		});
		Snapshot fresh = new Snapshot(Map.copyOf(words), this.clock.instant());
		this.snapshot = fresh;
		return fresh;
	}

}
