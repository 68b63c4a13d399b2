package org.openpharma.crm.stream;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What waits in the outbox: publications the broker has not confirmed yet, and since when the oldest waits. */
@Component
public class OutboxBacklog {

	/** The backlog: {@code oldest} is null when nothing waits. */
	public record Backlog(long waiting, long failed, Instant oldest) {
	}

	private final JdbcTemplate jdbc;

	OutboxBacklog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Backlog read() {
		return this.jdbc.queryForObject("SELECT count(*) AS waiting, count(*) FILTER (WHERE status = 'FAILED') AS failed,"
				+ " min(publication_date) AS oldest FROM event_publication WHERE completion_date IS NULL",
				(rs, row) -> {
					Timestamp oldest = rs.getTimestamp("oldest");
					return new Backlog(rs.getLong("waiting"), rs.getLong("failed"),
							(oldest != null) ? oldest.toInstant() : null);
				});
	}

}
