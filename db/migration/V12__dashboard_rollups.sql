-- Dashboards (issue 6): rollups kept incrementally by triggers in the writing transaction, compacted by a
-- short-interval job, plus the patient targets managers set. See docs/adr/0012-incremental-rollups.md.
--
-- Each rollup has a source view that computes the same figures from raw rows, one row per fact with n = 1,
-- and the same columns as its table. The dashboards query the table; the benchmark's naive variant and the
-- consistency tests run the identical query on the view. Rollup tables hold deltas: a writer appends rows
-- (never updates one, so writers never queue on a hot counter), the job folds them into one compacted row
-- per key, and readers sum both.

-- Where an HCP counts: the prefecture of the primary institution (0 when unknown) and its region ('-').
CREATE VIEW rollup_hcp_place AS
SELECT h.id AS hcp_id, h.status, coalesce(o.prefecture_code, 0)::smallint AS prefecture_code,
       coalesce(p.region_code, '-')::varchar(20) AS region_code
FROM hcp h
LEFT JOIN hco o ON o.id = h.primary_hco_id
LEFT JOIN prefecture p ON p.code = o.prefecture_code;

-- Months and days are Japanese business dates.
CREATE FUNCTION rollup_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Tokyo')::date $$;
CREATE FUNCTION rollup_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (t AT TIME ZONE 'Asia/Tokyo')::date $$;

-- Bulk loads and merges switch the triggers off for their transaction (SET LOCAL crm.rollup = 'off') and
-- account for their rows themselves.
CREATE FUNCTION rollup_on() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('crm.rollup', true), '') <> 'off' $$;

-- Two writers of the same HCP's non-additive figures (latest patient report, last contact) queue here.
CREATE FUNCTION rollup_lock(p_hcp bigint) RETURNS void LANGUAGE plpgsql
    AS $$ BEGIN PERFORM pg_advisory_xact_lock(1380733776, p_hcp::integer); END $$;

-- Interactions --------------------------------------------------------------------------------------------
-- Counted once per contact (a corrected contact is replaced by its correction), and again per therapeutic
-- area (with the HCP's adoption stage in that area when the contact happened) and per product, so that a
-- filter by area or product reads its own rows: ta_id = 0 and product_id = 0 mean "all".

CREATE TABLE rollup_interaction (
    month           date         NOT NULL,
    channel         varchar(20)  NOT NULL,
    department_code varchar(20)  NOT NULL,
    region_code     varchar(20)  NOT NULL,
    ta_id           bigint       NOT NULL,
    product_id      bigint       NOT NULL,
    stage           varchar(20)  NOT NULL,
    n               bigint       NOT NULL,
    compacted       boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_interaction_key ON rollup_interaction
    (ta_id, product_id, month, channel, department_code, region_code, stage) WHERE compacted;
CREATE INDEX rollup_interaction_read ON rollup_interaction (ta_id, product_id, month);
CREATE INDEX rollup_interaction_pending ON rollup_interaction (compacted) WHERE NOT compacted;

CREATE VIEW rollup_interaction_source AS
SELECT i.hcp_id, i.id AS interaction_id, i.occurred_at, rollup_month(i.occurred_at) AS month, i.channel,
       i.department_code, hp.region_code, 0::bigint AS ta_id, 0::bigint AS product_id, '-'::varchar(20) AS stage,
       1::bigint AS n
FROM interaction i JOIN rollup_hcp_place hp ON hp.hcp_id = i.hcp_id
WHERE NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id)
UNION ALL
SELECT i.hcp_id, i.id, i.occurred_at, rollup_month(i.occurred_at), i.channel, i.department_code, hp.region_code,
       t.therapeutic_area_id, 0::bigint,
       coalesce((SELECT s.to_stage FROM stage_change s
                 WHERE s.hcp_id = i.hcp_id AND s.therapeutic_area_id = t.therapeutic_area_id
                   AND s.changed_at <= i.occurred_at
                 ORDER BY s.changed_at DESC, s.id DESC LIMIT 1), 'NONE')::varchar(20),
       1::bigint
FROM interaction i
JOIN interaction_therapeutic_area t ON t.interaction_id = i.id
JOIN rollup_hcp_place hp ON hp.hcp_id = i.hcp_id
WHERE NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id)
UNION ALL
SELECT i.hcp_id, i.id, i.occurred_at, rollup_month(i.occurred_at), i.channel, i.department_code, hp.region_code,
       0::bigint, p.product_id, '-'::varchar(20), 1::bigint
FROM interaction i
JOIN interaction_product p ON p.interaction_id = i.id
JOIN rollup_hcp_place hp ON hp.hcp_id = i.hcp_id
WHERE NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = i.id);

-- plpgsql, not sql: a trigger calls it for every row, and plpgsql keeps the statement's plan for the session
-- where an sql function would plan the view again on every call.
CREATE FUNCTION rollup_interaction_emit(p_interaction bigint, p_ta bigint, p_product bigint, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n)
    SELECT s.month, s.channel, s.department_code, s.region_code, s.ta_id, s.product_id, s.stage, p_sign * count(*)
    FROM rollup_interaction_source s
    WHERE s.interaction_id = p_interaction
      AND (p_ta IS NULL OR s.ta_id = p_ta) AND (p_product IS NULL OR s.product_id = p_product)
    GROUP BY s.month, s.channel, s.department_code, s.region_code, s.ta_id, s.product_id, s.stage;
END
$$;

-- Coverage: every active HCP once under department '*' with the day of the last outbound contact by anyone
-- ('0001-01-01' when never), and once per department that has contacted them with that department's day.
CREATE TABLE rollup_coverage (
    prefecture_code smallint     NOT NULL,
    department_code varchar(20)  NOT NULL,
    last_contact    date         NOT NULL,
    n               bigint       NOT NULL,
    compacted       boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_coverage_key ON rollup_coverage (department_code, last_contact, prefecture_code) WHERE compacted;
CREATE INDEX rollup_coverage_read ON rollup_coverage (department_code, last_contact);
CREATE INDEX rollup_coverage_pending ON rollup_coverage (compacted) WHERE NOT compacted;

CREATE VIEW rollup_coverage_source AS
SELECT hp.hcp_id, hp.prefecture_code, '*'::varchar(20) AS department_code,
       coalesce((SELECT rollup_day(i.occurred_at) FROM interaction i
                 WHERE i.hcp_id = hp.hcp_id AND i.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')
                 ORDER BY i.occurred_at DESC LIMIT 1), DATE '0001-01-01') AS last_contact,
       1::bigint AS n
FROM rollup_hcp_place hp WHERE hp.status = 'ACTIVE'
UNION ALL
SELECT hp.hcp_id, hp.prefecture_code, i.department_code, rollup_day(max(i.occurred_at)), 1::bigint
FROM rollup_hcp_place hp JOIN interaction i ON i.hcp_id = hp.hcp_id
WHERE hp.status = 'ACTIVE' AND i.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')
GROUP BY hp.hcp_id, hp.prefecture_code, i.department_code;

-- The last outbound contact of an HCP (by one department, or by anyone when p_department is null), leaving
-- one interaction out.
CREATE FUNCTION rollup_last_contact(p_hcp bigint, p_department varchar, p_except bigint) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT rollup_day(i.occurred_at) FROM interaction i
            WHERE i.hcp_id = p_hcp AND i.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')
              AND (p_department IS NULL OR i.department_code = p_department) AND i.id <> p_except
            ORDER BY i.occurred_at DESC LIMIT 1);
END
$$;

-- Moves the HCP from one last-contact day to another in the coverage rollup (null = not in it).
CREATE FUNCTION rollup_coverage_move(p_prefecture smallint, p_department varchar, p_from date, p_to date)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_from IS NOT DISTINCT FROM p_to THEN
        RETURN;
    END IF;
    IF p_from IS NOT NULL THEN
        INSERT INTO rollup_coverage (prefecture_code, department_code, last_contact, n)
        VALUES (p_prefecture, p_department, p_from, -1);
    END IF;
    IF p_to IS NOT NULL THEN
        INSERT INTO rollup_coverage (prefecture_code, department_code, last_contact, n)
        VALUES (p_prefecture, p_department, p_to, 1);
    END IF;
END
$$;

-- Row-by-row and before the change, so that each row of a many-row statement sees the ones before it.
CREATE FUNCTION rollup_interaction_before() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_row interaction;
    v_hcp bigint;
    v_place rollup_hcp_place;
    v_others date;
    v_old date;
    v_new date;
    v_department varchar;
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    -- Counts: the replaced contact (a correction) or the old version of this one leaves.
    IF TG_OP = 'INSERT' THEN
        IF NEW.corrects_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = NEW.corrects_id) THEN
            PERFORM rollup_interaction_emit(NEW.corrects_id, NULL, NULL, -1);
        END IF;
    ELSE
        PERFORM rollup_interaction_emit(OLD.id, NULL, NULL, -1);
    END IF;
    -- Coverage: the last outbound contact without this row, and with its old and its new version, for
    -- anyone ('*') and for the departments involved.
    v_row := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
    IF NOT ((TG_OP <> 'INSERT' AND OLD.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT'))
            OR (TG_OP <> 'DELETE' AND NEW.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT'))) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    -- A contact moved to another HCP leaves the old HCP's last contact and joins the new one's (locked in id order).
    FOR v_hcp IN SELECT DISTINCT h FROM (VALUES (OLD.hcp_id), (NEW.hcp_id)) AS x (h) WHERE h IS NOT NULL ORDER BY h LOOP
        PERFORM rollup_lock(v_hcp);
        SELECT * INTO v_place FROM rollup_hcp_place WHERE hcp_id = v_hcp;
        CONTINUE WHEN v_place.status IS DISTINCT FROM 'ACTIVE';
        FOR v_department IN SELECT DISTINCT d FROM (VALUES (NULL::varchar), (OLD.department_code), (NEW.department_code)) AS x (d) LOOP
            v_others := rollup_last_contact(v_hcp, v_department, v_row.id);
            v_old := v_others;
            v_new := v_others;
            IF TG_OP <> 'INSERT' AND OLD.hcp_id = v_hcp AND OLD.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')
                    AND (v_department IS NULL OR OLD.department_code = v_department) THEN
                v_old := greatest(v_old, rollup_day(OLD.occurred_at));
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.hcp_id = v_hcp AND NEW.channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT')
                    AND (v_department IS NULL OR NEW.department_code = v_department) THEN
                v_new := greatest(v_new, rollup_day(NEW.occurred_at));
            END IF;
            IF v_department IS NULL THEN
                -- Every active HCP is in the '*' rows, contacted or not.
                PERFORM rollup_coverage_move(v_place.prefecture_code, '*', coalesce(v_old, DATE '0001-01-01'),
                                             coalesce(v_new, DATE '0001-01-01'));
            ELSE
                PERFORM rollup_coverage_move(v_place.prefecture_code, v_department, v_old, v_new);
            END IF;
        END LOOP;
    END LOOP;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE FUNCTION rollup_interaction_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        -- A deleted correction gives the count back to the contact it had replaced.
        IF OLD.corrects_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = OLD.corrects_id) THEN
            PERFORM rollup_interaction_emit(OLD.corrects_id, NULL, NULL, 1);
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        -- A new contact has no areas or products yet (their rows come after it): only its base row, straight
        -- from NEW, which is the source view's row for it (the hot path of pull-event ingest).
        INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n)
        SELECT rollup_month(NEW.occurred_at), NEW.channel, NEW.department_code, hp.region_code, 0, 0, '-', 1
        FROM rollup_hcp_place hp
        WHERE hp.hcp_id = NEW.hcp_id AND NOT EXISTS (SELECT 1 FROM interaction c WHERE c.corrects_id = NEW.id);
    ELSE
        PERFORM rollup_interaction_emit(NEW.id, NULL, NULL, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER interaction_rollup_before_insert BEFORE INSERT OR DELETE ON interaction
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_before();
CREATE TRIGGER interaction_rollup_before_update BEFORE UPDATE ON interaction
    FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at OR OLD.channel IS DISTINCT FROM NEW.channel
                       OR OLD.department_code IS DISTINCT FROM NEW.department_code OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION rollup_interaction_before();
CREATE TRIGGER interaction_rollup_after_insert AFTER INSERT OR DELETE ON interaction
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_after();
CREATE TRIGGER interaction_rollup_after_update AFTER UPDATE ON interaction
    FOR EACH ROW WHEN (OLD.occurred_at IS DISTINCT FROM NEW.occurred_at OR OLD.channel IS DISTINCT FROM NEW.channel
                       OR OLD.department_code IS DISTINCT FROM NEW.department_code OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION rollup_interaction_after();

-- The areas and products of a contact: a row counts after it exists (AFTER INSERT or UPDATE) and stops
-- counting before it goes or changes (BEFORE DELETE or UPDATE).
CREATE FUNCTION rollup_interaction_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_WHEN = 'AFTER' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_WHEN = 'BEFORE' THEN
        IF TG_TABLE_NAME = 'interaction_therapeutic_area' THEN
            PERFORM rollup_interaction_emit(OLD.interaction_id, OLD.therapeutic_area_id, 0, -1);
        ELSE
            PERFORM rollup_interaction_emit(OLD.interaction_id, 0, OLD.product_id, -1);
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_TABLE_NAME = 'interaction_therapeutic_area' THEN
        PERFORM rollup_interaction_emit(NEW.interaction_id, NEW.therapeutic_area_id, 0, 1);
    ELSE
        PERFORM rollup_interaction_emit(NEW.interaction_id, 0, NEW.product_id, 1);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER interaction_therapeutic_area_rollup_after AFTER INSERT OR UPDATE ON interaction_therapeutic_area
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_link();
CREATE TRIGGER interaction_therapeutic_area_rollup_before BEFORE UPDATE OR DELETE ON interaction_therapeutic_area
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_link();
CREATE TRIGGER interaction_product_rollup_after AFTER INSERT OR UPDATE ON interaction_product
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_link();
CREATE TRIGGER interaction_product_rollup_before BEFORE UPDATE OR DELETE ON interaction_product
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_link();

-- Adoption stages --------------------------------------------------------------------------------------------

CREATE TABLE rollup_stage (
    ta_id       bigint       NOT NULL,
    stage       varchar(20)  NOT NULL,
    region_code varchar(20)  NOT NULL,
    n           bigint       NOT NULL,
    compacted   boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_stage_key ON rollup_stage (ta_id, stage, region_code) WHERE compacted;
CREATE INDEX rollup_stage_pending ON rollup_stage (compacted) WHERE NOT compacted;

CREATE VIEW rollup_stage_source AS
SELECT s.hcp_id, s.therapeutic_area_id AS ta_id, s.stage, hp.region_code, 1::bigint AS n
FROM hcp_stage s JOIN rollup_hcp_place hp ON hp.hcp_id = s.hcp_id;

CREATE TABLE rollup_stage_move (
    month       date         NOT NULL,
    ta_id       bigint       NOT NULL,
    from_stage  varchar(20)  NOT NULL,
    to_stage    varchar(20)  NOT NULL,
    region_code varchar(20)  NOT NULL,
    n           bigint       NOT NULL,
    compacted   boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_stage_move_key ON rollup_stage_move (month, ta_id, from_stage, to_stage, region_code) WHERE compacted;
CREATE INDEX rollup_stage_move_read ON rollup_stage_move (month);
CREATE INDEX rollup_stage_move_pending ON rollup_stage_move (compacted) WHERE NOT compacted;

CREATE VIEW rollup_stage_move_source AS
SELECT c.hcp_id, c.id AS stage_change_id, rollup_month(c.changed_at) AS month, c.therapeutic_area_id AS ta_id,
       coalesce(c.from_stage, 'NONE')::varchar(20) AS from_stage, c.to_stage, hp.region_code, 1::bigint AS n
FROM stage_change c JOIN rollup_hcp_place hp ON hp.hcp_id = c.hcp_id;

CREATE FUNCTION rollup_hcp_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_WHEN = 'BEFORE' THEN
        INSERT INTO rollup_stage (ta_id, stage, region_code, n)
        SELECT s.ta_id, s.stage, s.region_code, -1 FROM rollup_stage_source s
        WHERE s.hcp_id = OLD.hcp_id AND s.ta_id = OLD.therapeutic_area_id;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    INSERT INTO rollup_stage (ta_id, stage, region_code, n)
    SELECT s.ta_id, s.stage, s.region_code, 1 FROM rollup_stage_source s
    WHERE s.hcp_id = NEW.hcp_id AND s.ta_id = NEW.therapeutic_area_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER hcp_stage_rollup_before BEFORE UPDATE OR DELETE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION rollup_hcp_stage();
CREATE TRIGGER hcp_stage_rollup_after AFTER INSERT OR UPDATE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION rollup_hcp_stage();

-- A stage change counts as a movement, and moves the contacts of that HCP in that area that happened at or
-- after it into the new stage. Done before the row exists (each row of a many-row insert sees the ones
-- before it): a contact changes stage unless a later change already covers it.
CREATE FUNCTION rollup_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN NEW;
    END IF;
    INSERT INTO rollup_stage_move (month, ta_id, from_stage, to_stage, region_code, n)
    SELECT rollup_month(NEW.changed_at), NEW.therapeutic_area_id, coalesce(NEW.from_stage, 'NONE'), NEW.to_stage,
           hp.region_code, 1
    FROM rollup_hcp_place hp WHERE hp.hcp_id = NEW.hcp_id;
    INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n)
    SELECT s.month, s.channel, s.department_code, s.region_code, s.ta_id, 0, x.stage, x.n
    FROM rollup_interaction_source s
    CROSS JOIN LATERAL (VALUES (s.stage, -1::bigint), (NEW.to_stage, 1::bigint)) AS x (stage, n)
    WHERE s.hcp_id = NEW.hcp_id AND s.ta_id = NEW.therapeutic_area_id AND s.occurred_at >= NEW.changed_at
      AND s.stage <> NEW.to_stage
      AND NOT EXISTS (SELECT 1 FROM stage_change later
                      WHERE later.hcp_id = NEW.hcp_id AND later.therapeutic_area_id = NEW.therapeutic_area_id
                        AND later.changed_at >= NEW.changed_at AND later.changed_at <= s.occurred_at
                        AND (later.changed_at > NEW.changed_at OR later.id > NEW.id));
    RETURN NEW;
END
$$;
CREATE TRIGGER stage_change_rollup BEFORE INSERT ON stage_change
    FOR EACH ROW EXECUTE FUNCTION rollup_stage_change();

-- Information needs -------------------------------------------------------------------------------------------

CREATE TABLE rollup_need (
    month       date         NOT NULL,
    status      varchar(20)  NOT NULL,
    routed_to   varchar(20)  NOT NULL,
    ta_id       bigint       NOT NULL,
    product_id  bigint       NOT NULL,
    region_code varchar(20)  NOT NULL,
    n           bigint       NOT NULL,
    compacted   boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_need_key ON rollup_need (month, status, routed_to, ta_id, product_id, region_code) WHERE compacted;
CREATE INDEX rollup_need_read ON rollup_need (month);
CREATE INDEX rollup_need_open ON rollup_need (month) WHERE status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS');
CREATE INDEX rollup_need_pending ON rollup_need (compacted) WHERE NOT compacted;

-- Area of a need: its own, or its product's.
CREATE VIEW rollup_need_source AS
SELECT n.hcp_id, n.id AS need_id, rollup_month(n.created_at) AS month, n.status,
       coalesce(n.routed_to, '-')::varchar(20) AS routed_to, coalesce(n.therapeutic_area_id, p.therapeutic_area_id, 0) AS ta_id,
       coalesce(n.product_id, 0) AS product_id, hp.region_code, 1::bigint AS n
FROM information_need n
JOIN rollup_hcp_place hp ON hp.hcp_id = n.hcp_id
LEFT JOIN product p ON p.id = n.product_id;

CREATE FUNCTION rollup_information_need() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_WHEN = 'BEFORE' THEN
        INSERT INTO rollup_need (month, status, routed_to, ta_id, product_id, region_code, n)
        SELECT s.month, s.status, s.routed_to, s.ta_id, s.product_id, s.region_code, -1
        FROM rollup_need_source s WHERE s.need_id = OLD.id;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    INSERT INTO rollup_need (month, status, routed_to, ta_id, product_id, region_code, n)
    SELECT s.month, s.status, s.routed_to, s.ta_id, s.product_id, s.region_code, 1
    FROM rollup_need_source s WHERE s.need_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER information_need_rollup_before_update BEFORE UPDATE ON information_need
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.routed_to IS DISTINCT FROM NEW.routed_to
                       OR OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id
                       OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
                       OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION rollup_information_need();
CREATE TRIGGER information_need_rollup_before_delete BEFORE DELETE ON information_need
    FOR EACH ROW EXECUTE FUNCTION rollup_information_need();
CREATE TRIGGER information_need_rollup_after_update AFTER UPDATE ON information_need
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.routed_to IS DISTINCT FROM NEW.routed_to
                       OR OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id
                       OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
                       OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION rollup_information_need();
CREATE TRIGGER information_need_rollup_after_insert AFTER INSERT ON information_need
    FOR EACH ROW EXECUTE FUNCTION rollup_information_need();

-- Patients ------------------------------------------------------------------------------------------------------
-- An HCP's figure for an area (or product) and month is their latest report of it: a second report of the
-- same month corrects the first rather than adding to it.

CREATE TABLE rollup_patient (
    period          date         NOT NULL,
    ta_id           bigint       NOT NULL,
    product_id      bigint       NOT NULL,
    prefecture_code smallint     NOT NULL,
    eligible        bigint       NOT NULL,
    treated         bigint       NOT NULL,
    reports         bigint       NOT NULL,
    compacted       boolean      NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rollup_patient_key ON rollup_patient (period, ta_id, product_id, prefecture_code) WHERE compacted;
CREATE INDEX rollup_patient_read ON rollup_patient (period);
CREATE INDEX rollup_patient_pending ON rollup_patient (compacted) WHERE NOT compacted;

CREATE VIEW rollup_patient_source AS
SELECT latest.hcp_id, latest.patient_count_id, latest.period, latest.ta_id, latest.product_id, hp.prefecture_code,
       coalesce(latest.eligible_patients, 0)::bigint AS eligible, coalesce(latest.treated_patients, 0)::bigint AS treated,
       1::bigint AS reports
FROM (SELECT DISTINCT ON (c.hcp_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id), coalesce(c.product_id, 0))
             c.hcp_id, c.id AS patient_count_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id) AS ta_id,
             coalesce(c.product_id, 0) AS product_id, c.eligible_patients, c.treated_patients
      FROM patient_count c LEFT JOIN product p ON p.id = c.product_id
      ORDER BY c.hcp_id, c.period, coalesce(c.therapeutic_area_id, p.therapeutic_area_id), coalesce(c.product_id, 0),
               c.reported_at DESC, c.id DESC) AS latest
JOIN rollup_hcp_place hp ON hp.hcp_id = latest.hcp_id;

-- Adds (or with p_sign -1 takes out) one report as the figure of its key.
CREATE FUNCTION rollup_patient_add(p_row patient_count, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_patient (period, ta_id, product_id, prefecture_code, eligible, treated, reports)
    SELECT p_row.period, coalesce(p_row.therapeutic_area_id, (SELECT therapeutic_area_id FROM product WHERE id = p_row.product_id)),
           coalesce(p_row.product_id, 0), hp.prefecture_code, p_sign * coalesce(p_row.eligible_patients, 0),
           p_sign * coalesce(p_row.treated_patients, 0), p_sign
    FROM rollup_hcp_place hp WHERE hp.hcp_id = p_row.hcp_id;
END
$$;

-- Before each row: the key's latest report leaves, the latest report once this change is made comes in.
CREATE FUNCTION rollup_patient_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_row patient_count;
    v_before patient_count;
    v_after patient_count;
    v_ta bigint;
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'patient_count rows are reported again, not updated' USING ERRCODE = 'insufficient_privilege';
    END IF;
    v_row := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
    PERFORM rollup_lock(v_row.hcp_id);
    v_ta := coalesce(v_row.therapeutic_area_id, (SELECT therapeutic_area_id FROM product WHERE id = v_row.product_id));
    SELECT c.* INTO v_before FROM patient_count c
    WHERE c.hcp_id = v_row.hcp_id AND c.period = v_row.period AND coalesce(c.product_id, 0) = coalesce(v_row.product_id, 0)
      AND coalesce(c.therapeutic_area_id, (SELECT therapeutic_area_id FROM product WHERE id = c.product_id)) = v_ta
    ORDER BY c.reported_at DESC, c.id DESC LIMIT 1;
    IF TG_OP = 'INSERT' THEN
        IF v_before.id IS NOT NULL AND (v_before.reported_at, v_before.id) > (NEW.reported_at, NEW.id) THEN
            RETURN NEW;
        END IF;
        v_after := NEW;
    ELSE
        IF v_before.id IS DISTINCT FROM OLD.id THEN
            RETURN OLD;
        END IF;
        SELECT c.* INTO v_after FROM patient_count c
        WHERE c.hcp_id = OLD.hcp_id AND c.period = OLD.period AND coalesce(c.product_id, 0) = coalesce(OLD.product_id, 0)
          AND coalesce(c.therapeutic_area_id, (SELECT therapeutic_area_id FROM product WHERE id = c.product_id)) = v_ta
          AND c.id <> OLD.id
        ORDER BY c.reported_at DESC, c.id DESC LIMIT 1;
    END IF;
    IF v_before.id IS NOT NULL THEN
        PERFORM rollup_patient_add(v_before, -1);
    END IF;
    IF v_after.id IS NOT NULL THEN
        PERFORM rollup_patient_add(v_after, 1);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER patient_count_rollup BEFORE INSERT OR UPDATE OR DELETE ON patient_count
    FOR EACH ROW EXECUTE FUNCTION rollup_patient_count();

-- HCPs and institutions: a new HCP joins the coverage rows; a change of institution, prefecture or status moves
-- everything the HCP counts in (taken out before the change, put back after it).
CREATE FUNCTION rollup_hcp_emit(p_hcps bigint[], p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n)
    SELECT month, channel, department_code, region_code, ta_id, product_id, stage, p_sign * sum(n)
    FROM rollup_interaction_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY month, channel, department_code, region_code, ta_id, product_id, stage;
    INSERT INTO rollup_coverage (prefecture_code, department_code, last_contact, n)
    SELECT prefecture_code, department_code, last_contact, p_sign * sum(n)
    FROM rollup_coverage_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY prefecture_code, department_code, last_contact;
    INSERT INTO rollup_stage (ta_id, stage, region_code, n)
    SELECT ta_id, stage, region_code, p_sign * sum(n) FROM rollup_stage_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY ta_id, stage, region_code;
    INSERT INTO rollup_stage_move (month, ta_id, from_stage, to_stage, region_code, n)
    SELECT month, ta_id, from_stage, to_stage, region_code, p_sign * sum(n)
    FROM rollup_stage_move_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY month, ta_id, from_stage, to_stage, region_code;
    INSERT INTO rollup_need (month, status, routed_to, ta_id, product_id, region_code, n)
    SELECT month, status, routed_to, ta_id, product_id, region_code, p_sign * sum(n)
    FROM rollup_need_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY month, status, routed_to, ta_id, product_id, region_code;
    INSERT INTO rollup_patient (period, ta_id, product_id, prefecture_code, eligible, treated, reports)
    SELECT period, ta_id, product_id, prefecture_code, p_sign * sum(eligible), p_sign * sum(treated), p_sign * sum(reports)
    FROM rollup_patient_source WHERE hcp_id = ANY (p_hcps)
    GROUP BY period, ta_id, product_id, prefecture_code;
END
$$;

CREATE FUNCTION rollup_hcp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
    END IF;
    IF TG_WHEN = 'BEFORE' THEN
        PERFORM rollup_lock(OLD.id);
        PERFORM rollup_hcp_emit(ARRAY[OLD.id], -1);
        RETURN NEW;
    END IF;
    PERFORM rollup_lock(NEW.id);
    PERFORM rollup_hcp_emit(ARRAY[NEW.id], 1);
    RETURN NULL;
END
$$;
CREATE TRIGGER hcp_rollup_before_update BEFORE UPDATE ON hcp
    FOR EACH ROW WHEN (OLD.primary_hco_id IS DISTINCT FROM NEW.primary_hco_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION rollup_hcp();
CREATE TRIGGER hcp_rollup_after_update AFTER UPDATE ON hcp
    FOR EACH ROW WHEN (OLD.primary_hco_id IS DISTINCT FROM NEW.primary_hco_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION rollup_hcp();
CREATE TRIGGER hcp_rollup_after_insert AFTER INSERT ON hcp
    FOR EACH ROW EXECUTE FUNCTION rollup_hcp();

CREATE FUNCTION rollup_hco() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
    END IF;
    PERFORM rollup_hcp_emit(ARRAY(SELECT id FROM hcp WHERE primary_hco_id = OLD.id),
                            CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END);
    RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
END
$$;
CREATE TRIGGER hco_rollup_before_update BEFORE UPDATE ON hco
    FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code) EXECUTE FUNCTION rollup_hco();
CREATE TRIGGER hco_rollup_after_update AFTER UPDATE ON hco
    FOR EACH ROW WHEN (OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code) EXECUTE FUNCTION rollup_hco();

-- A product moved to another area takes the needs and reports about it along (their area is the product's).
CREATE FUNCTION rollup_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
    END IF;
    PERFORM rollup_hcp_emit(ARRAY(SELECT hcp_id FROM information_need WHERE product_id = OLD.id
                                  UNION SELECT hcp_id FROM patient_count WHERE product_id = OLD.id),
                            CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END);
    RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
END
$$;
CREATE TRIGGER product_rollup_before_update BEFORE UPDATE ON product
    FOR EACH ROW WHEN (OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id) EXECUTE FUNCTION rollup_product();
CREATE TRIGGER product_rollup_after_update AFTER UPDATE ON product
    FOR EACH ROW WHEN (OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id) EXECUTE FUNCTION rollup_product();

-- Maintenance ----------------------------------------------------------------------------------------------------

-- Folds the appended deltas into one compacted row per key and drops keys that add up to nothing. Run every
-- few seconds by the application (RollupCompaction); one run at a time.
CREATE FUNCTION rollup_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_moved bigint := 0;
    v_count bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(1380733776, 0) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM rollup_interaction WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n, compacted)
    SELECT month, channel, department_code, region_code, ta_id, product_id, stage, sum(n), true FROM moved
    GROUP BY month, channel, department_code, region_code, ta_id, product_id, stage
    ON CONFLICT (ta_id, product_id, month, channel, department_code, region_code, stage) WHERE compacted
    DO UPDATE SET n = rollup_interaction.n + excluded.n;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    WITH moved AS (DELETE FROM rollup_coverage WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_coverage (prefecture_code, department_code, last_contact, n, compacted)
    SELECT prefecture_code, department_code, last_contact, sum(n), true FROM moved
    GROUP BY prefecture_code, department_code, last_contact
    ON CONFLICT (department_code, last_contact, prefecture_code) WHERE compacted
    DO UPDATE SET n = rollup_coverage.n + excluded.n;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    WITH moved AS (DELETE FROM rollup_stage WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_stage (ta_id, stage, region_code, n, compacted)
    SELECT ta_id, stage, region_code, sum(n), true FROM moved GROUP BY ta_id, stage, region_code
    ON CONFLICT (ta_id, stage, region_code) WHERE compacted DO UPDATE SET n = rollup_stage.n + excluded.n;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    WITH moved AS (DELETE FROM rollup_stage_move WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_stage_move (month, ta_id, from_stage, to_stage, region_code, n, compacted)
    SELECT month, ta_id, from_stage, to_stage, region_code, sum(n), true FROM moved
    GROUP BY month, ta_id, from_stage, to_stage, region_code
    ON CONFLICT (month, ta_id, from_stage, to_stage, region_code) WHERE compacted
    DO UPDATE SET n = rollup_stage_move.n + excluded.n;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    WITH moved AS (DELETE FROM rollup_need WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_need (month, status, routed_to, ta_id, product_id, region_code, n, compacted)
    SELECT month, status, routed_to, ta_id, product_id, region_code, sum(n), true FROM moved
    GROUP BY month, status, routed_to, ta_id, product_id, region_code
    ON CONFLICT (month, status, routed_to, ta_id, product_id, region_code) WHERE compacted
    DO UPDATE SET n = rollup_need.n + excluded.n;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    WITH moved AS (DELETE FROM rollup_patient WHERE NOT compacted RETURNING *)
    INSERT INTO rollup_patient (period, ta_id, product_id, prefecture_code, eligible, treated, reports, compacted)
    SELECT period, ta_id, product_id, prefecture_code, sum(eligible), sum(treated), sum(reports), true FROM moved
    GROUP BY period, ta_id, product_id, prefecture_code
    ON CONFLICT (period, ta_id, product_id, prefecture_code) WHERE compacted
    DO UPDATE SET eligible = rollup_patient.eligible + excluded.eligible,
                  treated = rollup_patient.treated + excluded.treated,
                  reports = rollup_patient.reports + excluded.reports;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;
    IF v_moved > 0 THEN
        DELETE FROM rollup_interaction WHERE compacted AND n = 0;
        DELETE FROM rollup_coverage WHERE compacted AND n = 0;
        DELETE FROM rollup_stage WHERE compacted AND n = 0;
        DELETE FROM rollup_stage_move WHERE compacted AND n = 0;
        DELETE FROM rollup_need WHERE compacted AND n = 0;
        DELETE FROM rollup_patient WHERE compacted AND reports = 0 AND eligible = 0 AND treated = 0;
    END IF;
    RETURN v_moved;
END
$$;

-- Recomputes every rollup from the raw rows: after a bulk load, and once here for the rows already present.
CREATE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1380733776, 0);
    LOCK TABLE rollup_interaction, rollup_coverage, rollup_stage, rollup_stage_move, rollup_need, rollup_patient
        IN EXCLUSIVE MODE;
    TRUNCATE rollup_interaction, rollup_coverage, rollup_stage, rollup_stage_move, rollup_need, rollup_patient;
    INSERT INTO rollup_interaction (month, channel, department_code, region_code, ta_id, product_id, stage, n, compacted)
    SELECT month, channel, department_code, region_code, ta_id, product_id, stage, sum(n), true
    FROM rollup_interaction_source GROUP BY month, channel, department_code, region_code, ta_id, product_id, stage;
    INSERT INTO rollup_coverage (prefecture_code, department_code, last_contact, n, compacted)
    SELECT prefecture_code, department_code, last_contact, sum(n), true
    FROM rollup_coverage_source GROUP BY prefecture_code, department_code, last_contact;
    INSERT INTO rollup_stage (ta_id, stage, region_code, n, compacted)
    SELECT ta_id, stage, region_code, sum(n), true FROM rollup_stage_source GROUP BY ta_id, stage, region_code;
    INSERT INTO rollup_stage_move (month, ta_id, from_stage, to_stage, region_code, n, compacted)
    SELECT month, ta_id, from_stage, to_stage, region_code, sum(n), true
    FROM rollup_stage_move_source GROUP BY month, ta_id, from_stage, to_stage, region_code;
    INSERT INTO rollup_need (month, status, routed_to, ta_id, product_id, region_code, n, compacted)
    SELECT month, status, routed_to, ta_id, product_id, region_code, sum(n), true
    FROM rollup_need_source GROUP BY month, status, routed_to, ta_id, product_id, region_code;
    INSERT INTO rollup_patient (period, ta_id, product_id, prefecture_code, eligible, treated, reports, compacted)
    SELECT period, ta_id, product_id, prefecture_code, sum(eligible), sum(treated), sum(reports), true
    FROM rollup_patient_source GROUP BY period, ta_id, product_id, prefecture_code;
    -- The planner should know the new sizes at once, not after autovacuum's next round.
    ANALYZE rollup_interaction, rollup_coverage, rollup_stage, rollup_stage_move, rollup_need, rollup_patient;
END
$$;

-- Targets: treated patients a manager aims for per area (optionally product and region) and month. --------------
CREATE TABLE patient_target (
    id                  bigint       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    therapeutic_area_id bigint       NOT NULL REFERENCES therapeutic_area (id),
    product_id          bigint       REFERENCES product (id),
    region_code         varchar(20)  REFERENCES region (code),
    period              date         NOT NULL CHECK (extract(day FROM period) = 1),
    treated_target      integer      NOT NULL CHECK (treated_target BETWEEN 0 AND 100000000),
    set_by              varchar(60)  NOT NULL,
    set_at              timestamptz  NOT NULL,
    version             bigint       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX patient_target_key ON patient_target
    (therapeutic_area_id, coalesce(product_id, 0), coalesce(region_code, '-'), period);

-- The inquiry SLA dashboard reads inquiries by receipt month.
CREATE INDEX medical_inquiry_by_received ON medical_inquiry (received_at);

SELECT rollup_rebuild();
