-- Spring Modulith's event publication registry (the outbox; issue 13, docs/adr/0023). The table is Modulith 2.1's
-- own PostgreSQL schema (spring-modulith-events-jdbc, schemas/v2/schema-postgresql.sql), created here instead of by
-- Modulith at start-up so that Flyway owns the schema and the application's role owns nothing (ADR 0017).
-- A publication is one event for one after-commit listener; it is written in the transaction that published the
-- event and deleted when the listener completed (spring.modulith.events.completion-mode=delete), so the table only
-- holds what is still to be delivered.
CREATE TABLE event_publication (
    id                     uuid                     NOT NULL,
    listener_id            text                     NOT NULL,
    event_type             text                     NOT NULL,
    serialized_event       text                     NOT NULL,
    publication_date       timestamp with time zone NOT NULL,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone,
    PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
