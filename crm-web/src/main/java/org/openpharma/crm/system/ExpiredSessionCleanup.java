package org.openpharma.crm.system;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the expired HTTP sessions from {@code spring_session}, once a minute on one node (docs/adr/0021).
 * Spring Session's own clean-up ({@code spring.session.jdbc.cleanup-cron}) is switched off: it would run the
 * same delete on every node at the same second, where the nodes' transactions queue on the same rows.
 */
@Component
class ExpiredSessionCleanup {

	private static final Logger LOG = LoggerFactory.getLogger(ExpiredSessionCleanup.class);

	private final SharedSessions.SessionStore sessions;

	ExpiredSessionCleanup(SharedSessions.SessionStore sessions) {
		this.sessions = sessions;
	}

	@Scheduled(cron = "${crm.session.cleanup-cron:0 * * * * *}")
	// Every node fires at the same second: lockAtLeastFor keeps a node whose clock is a little late from
	// running the delete again right after the first one; lockAtMostFor frees a dead node's lock long before
	// the sessions table could grow noticeably.
	@SchedulerLock(name = "expired-session-cleanup", lockAtLeastFor = "PT30S", lockAtMostFor = "PT5M")
	void deleteExpiredSessions() {
		try {
			this.sessions.cleanUpExpiredSessions();
		}
		catch (RuntimeException ex) {
			// The next minute catches up; an expired session is refused on read whether its row is gone or not.
			LOG.warn("Deleting expired sessions failed: {}", ex.toString());
		}
	}

}
