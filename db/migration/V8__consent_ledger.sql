-- Consent first (issue 4): an append-only ledger of consent per HCP, channel and purpose; the current
-- state is the latest record by capture time (expiry counts as not granted). Self-service links let an
-- HCP change their own consent without a login. Outbound interactions record their purpose.

CREATE TABLE consent_record (
    id            bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hcp_id        bigint        NOT NULL REFERENCES hcp (id),
    channel       varchar(10)   NOT NULL CHECK (channel IN ('VISIT', 'REMOTE', 'PHONE', 'EMAIL', 'WEB')),
    purpose       varchar(20)   NOT NULL CHECK (purpose IN ('PROMOTIONAL', 'MEDICAL_INFORMATION', 'SURVEY', 'EVENT_INVITATION')),
    state         varchar(10)   NOT NULL CHECK (state IN ('GRANTED', 'WITHDRAWN')),
    source        varchar(12)   NOT NULL CHECK (source IN ('PAPER', 'VERBAL', 'WEB_FORM', 'EMAIL_LINK', 'IMPORT', 'WEB_LINK')),
    evidence_ref  varchar(200),
    captured_by   varchar(60)   NOT NULL,
    captured_at   timestamptz   NOT NULL,
    expires_at    timestamptz,
    recorded_at   timestamptz   NOT NULL,
    CHECK (state = 'GRANTED' OR expires_at IS NULL),
    CHECK (expires_at IS NULL OR expires_at > captured_at)
);
CREATE INDEX consent_record_by_hcp ON consent_record (hcp_id, captured_at, id);

-- Consent history is never edited, only appended: no UPDATE, DELETE or TRUNCATE for any role the
-- application uses (a superuser could drop the trigger; that is a DBA act, not an application one).
CREATE FUNCTION consent_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_record is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_is_append_only();
CREATE TRIGGER consent_record_no_truncate BEFORE TRUNCATE ON consent_record
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_is_append_only();

-- A link an HCP opens to see and change their own consent: only the SHA-256 of its random token is
-- stored; it belongs to exactly one HCP and stops working at expires_at.
CREATE TABLE consent_link (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hcp_id      bigint       NOT NULL REFERENCES hcp (id),
    token_hash  char(64)     NOT NULL UNIQUE,
    created_by  varchar(60)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    last_used_at timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX consent_link_by_hcp ON consent_link (hcp_id);

-- What an outbound contact was for (the consent it needed); empty for inbound contacts.
ALTER TABLE interaction ADD COLUMN purpose varchar(20)
    CHECK (purpose IN ('PROMOTIONAL', 'MEDICAL_INFORMATION', 'SURVEY', 'EVENT_INVITATION'));

-- Administrators import consent records by CSV, as they import HCPs and HCOs.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('HCP', 'HCO', 'CONSENT'));
