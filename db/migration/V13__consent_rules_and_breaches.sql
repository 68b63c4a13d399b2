-- Trust (issue 12): the consent policy per channel × purpose is data, a record of a contact that already
-- happened is kept and flagged instead of refused, and a correction by a colleague says why.

-- What silence means per channel and purpose. OPT_IN: a recorded grant is needed; OPT_OUT: allowed unless
-- the HCP objected. A pair without a row is opt-in (ConsentRules). Japan's default: e-mail, remote
-- detailing and the web are electronic promotion (Act on Specified Electronic Mail: opt-in); visits and
-- phone calls are allowed unless the HCP objected.
CREATE TABLE consent_rule (
    channel     varchar(10)  NOT NULL CHECK (channel IN ('VISIT', 'REMOTE', 'PHONE', 'EMAIL', 'WEB')),
    purpose     varchar(20)  NOT NULL CHECK (purpose IN ('PROMOTIONAL', 'MEDICAL_INFORMATION', 'SURVEY', 'EVENT_INVITATION')),
    mode        varchar(10)  NOT NULL CHECK (mode IN ('OPT_IN', 'OPT_OUT')),
    PRIMARY KEY (channel, purpose)
);
INSERT INTO consent_rule (channel, purpose, mode)
SELECT c.channel, p.purpose, CASE WHEN c.channel IN ('VISIT', 'PHONE') THEN 'OPT_OUT' ELSE 'OPT_IN' END
  FROM (VALUES ('VISIT'), ('REMOTE'), ('PHONE'), ('EMAIL'), ('WEB')) AS c (channel),
       (VALUES ('PROMOTIONAL'), ('MEDICAL_INFORMATION'), ('SURVEY'), ('EVENT_INVITATION')) AS p (purpose);

-- A contact that went ahead without the consent it needed: the policy's reason, shown to the author,
-- the manager and on the HCP's consent page.
ALTER TABLE interaction ADD COLUMN consent_breach varchar(12)
    CHECK (consent_breach IN ('NO_CONSENT', 'WITHDRAWN', 'EXPIRED'));
CREATE INDEX interaction_consent_breaches ON interaction (hcp_id, occurred_at DESC) WHERE consent_breach IS NOT NULL;
CREATE INDEX interaction_consent_breaches_by_time ON interaction (occurred_at DESC) WHERE consent_breach IS NOT NULL;

-- A correction by a colleague of the author's department carries its reason (the author's own may not).
ALTER TABLE interaction ADD COLUMN correction_reason varchar(500);
ALTER TABLE interaction ADD CONSTRAINT interaction_correction_reason_needs_original
    CHECK (correction_reason IS NULL OR corrects_id IS NOT NULL);
