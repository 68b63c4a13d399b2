package org.openpharma.crm.system;

import java.util.Map;

import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The HTTP sessions every node shares (Spring Session JDBC, docs/adr/0021), read through
 * {@link SessionStore} so that a database outage reads as one (docs/adr/0018).
 */
@Configuration(proxyBeanMethods = false)
class SharedSessions {

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
			return this.sessions.createSession();
		}

		@Override
		public void save(Session session) {
			this.sessions.save(session);
		}

		@Override
		public Session findById(String id) {
			RequestAttributes request = RequestContextHolder.getRequestAttributes();
			if (request != null && request.getAttribute(STORE_DOWN, RequestAttributes.SCOPE_REQUEST) != null) {
				return null;
			}
			try {
				return this.sessions.findById(id);
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

}
