package org.openpharma.crm.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The HTTP sessions every node shares (Spring Session JDBC, docs/adr/0021), read through
 * {@link SessionStore} so that a database outage reads as one (docs/adr/0018).
 */
@Configuration(proxyBeanMethods = false)
class SharedSessions {

	/**
	 * How stale the stored last access time of a session may be. Spring Session writes it on every request; a
	 * request less than this after the stored one leaves it alone ({@link ThrottledSession}, docs/adr/0021): an
	 * 8-hour idle timeout then ends at most this much early, and a page view writes nothing.
	 */
	static final Duration LAST_ACCESS_WRITE_INTERVAL = Duration.ofMinutes(1);

	/**
	 * Spring Session's writes in plain JDBC transactions (the bean name is Spring Session's): by default it uses the
	 * application's JPA transaction manager, which opens a Hibernate session for every session read and every save,
	 * on each request. The read of a request's session is a single SELECT and runs without one
	 * ({@link SessionTransactions}).
	 */
	@Bean
	TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new SessionTransactions(transactions);
	}

	/**
	 * Spring Session's transactions, except while {@link SessionStore#findById} reads a session: that read is one
	 * SELECT (the session row joined with its attributes, or a DELETE when it has expired), atomic without a
	 * transaction, and it runs on every request; a BEGIN and a COMMIT around it would double its round trips.
	 */
	static final class SessionTransactions implements TransactionOperations {

		private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

		private final TransactionOperations transactions;

		SessionTransactions(TransactionOperations transactions) {
			this.transactions = transactions;
		}

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			return (READING.get() != null) ? action.doInTransaction(new SimpleTransactionStatus(false))
					: this.transactions.execute(action);
		}

		static <T> T reading(Supplier<T> read) {
			READING.set(Boolean.TRUE);
			try {
				return read.get();
			}
			finally {
				READING.remove();
			}
		}

	}

	/** Puts {@link SessionStore} around the repository that Boot configures. */
	@Bean
	static SmartInstantiationAwareBeanPostProcessor sessionStoreDecorator() {
		return new SmartInstantiationAwareBeanPostProcessor() {
			@Override
			public Class<?> predictBeanType(Class<?> beanClass, String beanName) {
				return JdbcIndexedSessionRepository.class.isAssignableFrom(beanClass) ? SessionStore.class : null;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JdbcIndexedSessionRepository sessions) ? new SessionStore(sessions) : bean;
			}
		};
	}

	/**
	 * Spring Session's repository, except when the database is down: the request whose session could not be
	 * read fails with the database's exception (the error controller answers the 503 page), and its error page
	 * is then rendered without the session instead of waiting for the database a second time and ending in the
	 * container's bare 500. The session itself stays in the database and works again when it is back.
	 */
	static final class SessionStore implements FindByIndexNameSessionRepository<Session> {

		private static final String STORE_DOWN = SessionStore.class.getName() + ".STORE_DOWN";

		private final JdbcIndexedSessionRepository jdbc;

		private final FindByIndexNameSessionRepository<Session> sessions;

		@SuppressWarnings({ "unchecked", "rawtypes" })
		SessionStore(JdbcIndexedSessionRepository jdbc) {
			this.jdbc = jdbc;
			this.sessions = (FindByIndexNameSessionRepository) jdbc;
		}

		@Override
		public Session createSession() {
			return new ThrottledSession(this.sessions.createSession());
		}

		@Override
		public void save(Session session) {
			this.sessions.save((session instanceof ThrottledSession throttled) ? throttled.session : session);
		}

		@Override
		public Session findById(String id) {
			RequestAttributes request = RequestContextHolder.getRequestAttributes();
			if (request != null && request.getAttribute(STORE_DOWN, RequestAttributes.SCOPE_REQUEST) != null) {
				return null;
			}
			try {
				Session session = SessionTransactions.reading(() -> this.sessions.findById(id));
				return (session != null) ? new ThrottledSession(session) : null;
			}
			catch (RuntimeException ex) {
				if (request != null && DatabaseOutage.isCause(ex)) {
					request.setAttribute(STORE_DOWN, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
				}
				throw ex;
			}
		}

		@Override
		public void deleteById(String id) {
			this.sessions.deleteById(id);
		}

		@Override
		public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return this.sessions.findByIndexNameAndIndexValue(indexName, indexValue);
		}

		/** Deletes the sessions that have expired (ExpiredSessionCleanup). */
		void cleanUpExpiredSessions() {
			this.jdbc.cleanUpExpiredSessions();
		}

	}

	/**
	 * A session whose last access time is only moved when the stored one is at least
	 * {@link #LAST_ACCESS_WRITE_INTERVAL} old. Spring Session saves a session whose last access time changed
	 * (an UPDATE and a commit per request); left alone, a session whose attributes did not change either is not
	 * written at all.
	 */
	static final class ThrottledSession implements Session {

		final Session session;

		ThrottledSession(Session session) {
			this.session = session;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.session.getLastAccessedTime().plus(LAST_ACCESS_WRITE_INTERVAL))) {
				this.session.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.session.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.session.getId();
		}

		@Override
		public String changeSessionId() {
			return this.session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.session.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.session.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.session.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.session.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.session.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.session.isExpired();
		}

	}

}
