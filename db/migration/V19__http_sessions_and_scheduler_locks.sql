-- Two application nodes, one database (issue 13, docs/adr/0021).
--
-- HTTP sessions in PostgreSQL (Spring Session JDBC), so that any node serves any request and a node can stop
-- without signing its users out. The tables are Spring Session's own schema for PostgreSQL
-- (org/springframework/session/jdbc/schema-postgresql.sql of spring-session-jdbc 4.1.0), created here rather than
-- by spring.session.jdbc.initialize-schema, which stays "never": the application's role owns no tables and may
-- not create any (ADR 0017). Attributes are Java-serialised (security context, CSRF token, saved request,
-- flash attributes). Times are epoch milliseconds, as the library writes them.
CREATE TABLE spring_session (
    primary_id            CHAR(36) NOT NULL,
    session_id            CHAR(36) NOT NULL,
    creation_time         BIGINT NOT NULL,
    last_access_time      BIGINT NOT NULL,
    max_inactive_interval INT NOT NULL,
    expiry_time           BIGINT NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
-- The expired-session clean-up deletes by expiry time.
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36) NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id)
        ON DELETE CASCADE
);

-- ShedLock: a scheduled job runs on one node at a time. One row per lock name, written by the node that takes
-- the lock; times in UTC from the database's clock (JdbcTemplateLockProvider usingDbTime), so the nodes' clocks
-- need not agree. ShedLock's schema for PostgreSQL.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    CONSTRAINT shedlock_pk PRIMARY KEY (name)
);

COMMENT ON TABLE spring_session IS 'HTTP sessions shared by the application nodes (Spring Session JDBC); expired rows are deleted every minute by one node';
COMMENT ON TABLE shedlock IS 'Which node runs a scheduled job until when (ShedLock)';
