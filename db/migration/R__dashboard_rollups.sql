-- The dashboards' rollups (issue 6, docs/adr/0012): the views, functions and triggers that keep them. The tables
-- and their indexes are data and live in versioned migrations (V12, and any later one that changes a table); what
-- computes them lives here, so that the next change is an edit of this file (docs/adr/0022). Flyway runs it after
-- the versioned migrations and again whenever it changes; its last statement rebuilds every rollup from the raw
-- rows, so a changed definition holds for the rows already present too.
--
-- Each rollup has a source view (rollup_x_source) that computes the same figures from raw rows, one row per fact,
-- with the table's columns plus hcp_id and the id of the row it comes from. The dashboards query the table; the
-- benchmark's naive variant and the consistency tests run the identical query on the view. Rollup tables hold
-- deltas: a writer appends rows (never updates one, so writers never queue on a hot counter), the job folds them
-- into one compacted row per key, and readers sum both.
--
-- Dimensions are written once. A rollup table's columns are its measures (n, or eligible/treated/reports: summed)
-- and its dimensions (every other column but `compacted`: the key). Everything that lists them is filled in from
-- the catalog when this file runs, so that the functions stay static SQL and keep their plans: the per-row
-- functions the triggers run are written with {{keys ...}} placeholders (rollup_define), and the HCP moves,
-- compaction and rebuild are generated at the end, one statement per rollup table. Adding a dimension
-- (docs/operations.md): the column and the key index in a new versioned migration, its value in the source view
-- here; for rollup_interaction also in the ingest fast path of rollup_interaction_after, for rollup_patient in
-- rollup_patient_add, for rollup_coverage in rollup_interaction_before (each marked below).
--
-- Another feature's rollup gets the same generated compaction, HCP moves and rebuild when it follows these rules:
-- rollup_content_gap and rollup_content_gap_stage (V25), whose views and triggers are in R__content_gaps.sql (it
-- sorts before this file, so that their source views exist when this file rebuilds).

-- Where an HCP counts: the prefecture of the primary institution (0 when unknown) and its region ('-').
CREATE OR REPLACE VIEW rollup_hcp_place AS
SELECT h.id AS hcp_id, h.status, coalesce(o.prefecture_code, 0)::smallint AS prefecture_code,
       coalesce(p.region_code, '-')::varchar(20) AS region_code
FROM hcp h
LEFT JOIN hco o ON o.id = h.primary_hco_id
LEFT JOIN prefecture p ON p.code = o.prefecture_code;

-- Months and days are Japanese business dates.
CREATE OR REPLACE FUNCTION rollup_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Tokyo')::date $$;
CREATE OR REPLACE FUNCTION rollup_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (t AT TIME ZONE 'Asia/Tokyo')::date $$;

-- Company-initiated (push) channels: the outbound contacts coverage counts. The same set as Channel.isPush in
-- crm-core (DashboardQueriesIntegrationTests compares them). Inlined by the planner: no call per row.
CREATE OR REPLACE FUNCTION rollup_push(p_channel varchar) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT p_channel IN ('VISIT', 'REMOTE_DETAIL', 'PHONE_OUT', 'EMAIL_OUT') $$;

-- Bulk loads and merges switch the triggers off for their transaction (SET LOCAL crm.rollup = 'off') and
-- account for their rows themselves.
CREATE OR REPLACE FUNCTION rollup_on() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT coalesce(current_setting('crm.rollup', true), '') <> 'off' $$;

-- Two writers of the same HCP's non-additive figures (latest patient report, last contact) queue here.
CREATE OR REPLACE FUNCTION rollup_lock(p_hcp bigint) RETURNS void LANGUAGE plpgsql
    AS $$ BEGIN PERFORM pg_advisory_xact_lock(1380733776, p_hcp::integer); END $$;

-- The rollup tables, from the catalog ----------------------------------------------------------------------------

-- Every rollup table: rollup_* with a `compacted` column.
CREATE OR REPLACE FUNCTION rollup_tables() RETURNS SETOF regclass LANGUAGE sql STABLE AS $$
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'rollup\_%'
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'compacted' AND NOT a.attisdropped)
    ORDER BY c.relname
$$;

-- A rollup's dimensions (p_measures false) or measures (true) in column order, each written as p_item (a format()
-- pattern: %1$I is the column, %2$s the table) and joined by p_separator.
CREATE OR REPLACE FUNCTION rollup_columns(p_rollup regclass, p_measures boolean, p_item text DEFAULT '%1$I',
                                          p_separator text DEFAULT ', ') RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(format(p_item, a.attname, p_rollup), p_separator ORDER BY a.attnum)
    FROM pg_attribute a
    WHERE a.attrelid = p_rollup AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'compacted'
      AND (a.attname IN ('n', 'eligible', 'treated', 'reports')) = p_measures
$$;

-- Runs a CREATE statement after filling in its placeholders from the catalog:
--   {{keys rollup_x}}                  the dimensions of rollup_x:                 month, channel, ...
--   {{keys rollup_x from s}}           the same, read from s:                      s.month, s.channel, ...
--   {{keys rollup_x from s, c = e}}    the same with expression e for column c:    s.month, ..., e, ...
CREATE OR REPLACE FUNCTION rollup_define(p_sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_sql text := p_sql;
    v_match text[];
BEGIN
    FOR v_match IN SELECT m FROM regexp_matches(p_sql,
            '(\{\{keys (\w+)(?: from (\w+))?(?:, (\w+) = ([^}]+))?\}\})', 'g') AS m LOOP
        IF to_regclass(v_match[2]) IS NULL THEN
            RAISE EXCEPTION 'rollup_define: no table %', v_match[2];
        END IF;
        v_sql := replace(v_sql, v_match[1], (
            SELECT string_agg(CASE WHEN k.c = v_match[4] THEN v_match[5] ELSE coalesce(v_match[3] || '.', '') || k.c END,
                              ', ' ORDER BY k.o)
            FROM unnest(string_to_array(rollup_columns(v_match[2]::regclass, false), ', ')) WITH ORDINALITY AS k (c, o)));
    END LOOP;
    EXECUTE v_sql;
END
$$;
-- It runs DDL: for migrations only (the application's role could not replace the owner's functions anyway).
REVOKE ALL ON FUNCTION rollup_define(text) FROM PUBLIC;

-- The BEFORE and AFTER UPDATE triggers of a table whose rollup rows read some of its columns (p_columns: every
-- column a source view or a trigger reads from it): an update that changes none of them changes no figure and
-- fires nothing. A new dimension computed from another column of the table adds that column here.
CREATE OR REPLACE FUNCTION rollup_update_triggers(p_table regclass, p_columns text[], p_before text, p_after text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_changed text := (SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c), ' OR ' ORDER BY o)
                       FROM unnest(p_columns) WITH ORDINALITY AS x (c, o));
BEGIN
    EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE UPDATE ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %I()',
                   p_table::text || '_rollup_before_update', p_table, v_changed, p_before);
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER UPDATE ON %s FOR EACH ROW WHEN (%s) EXECUTE FUNCTION %I()',
                   p_table::text || '_rollup_after_update', p_table, v_changed, p_after);
END
$$;
REVOKE ALL ON FUNCTION rollup_update_triggers(regclass, text[], text, text) FROM PUBLIC;

-- Interactions --------------------------------------------------------------------------------------------
-- Counted once per contact (a corrected contact is replaced by its correction), and again per therapeutic
-- area (with the HCP's adoption stage in that area when the contact happened) and per product, so that a
-- filter by area or product reads its own rows: ta_id = 0 and product_id = 0 mean "all".

CREATE OR REPLACE VIEW rollup_interaction_source AS
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

-- The emit functions are plpgsql, not sql: a trigger calls them for every row, and plpgsql keeps the statement's
-- plan for the session where an sql function would plan the view again on every call.
SELECT rollup_define($f$
CREATE OR REPLACE FUNCTION rollup_interaction_emit(p_interaction bigint, p_ta bigint, p_product bigint, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_interaction ({{keys rollup_interaction}}, n)
    SELECT {{keys rollup_interaction from s}}, p_sign * count(*)
    FROM rollup_interaction_source s
    WHERE s.interaction_id = p_interaction
      AND (p_ta IS NULL OR s.ta_id = p_ta) AND (p_product IS NULL OR s.product_id = p_product)
    GROUP BY {{keys rollup_interaction from s}};
END
$$
$f$);

-- Coverage: every active HCP once under department '*' with the day of the last outbound contact by anyone
-- ('0001-01-01' when never), and once per department that has contacted them with that department's day.
CREATE OR REPLACE VIEW rollup_coverage_source AS
SELECT hp.hcp_id, hp.prefecture_code, '*'::varchar(20) AS department_code,
       coalesce((SELECT rollup_day(i.occurred_at) FROM interaction i
                 WHERE i.hcp_id = hp.hcp_id AND rollup_push(i.channel)
                 ORDER BY i.occurred_at DESC LIMIT 1), DATE '0001-01-01') AS last_contact,
       1::bigint AS n
FROM rollup_hcp_place hp WHERE hp.status = 'ACTIVE'
UNION ALL
SELECT hp.hcp_id, hp.prefecture_code, i.department_code, rollup_day(max(i.occurred_at)), 1::bigint
FROM rollup_hcp_place hp JOIN interaction i ON i.hcp_id = hp.hcp_id
WHERE hp.status = 'ACTIVE' AND rollup_push(i.channel)
GROUP BY hp.hcp_id, hp.prefecture_code, i.department_code;

-- The last outbound contact of an HCP (by one department, or by anyone when p_department is null), leaving
-- one interaction out.
CREATE OR REPLACE FUNCTION rollup_last_contact(p_hcp bigint, p_department varchar, p_except bigint) RETURNS date
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT rollup_day(i.occurred_at) FROM interaction i
            WHERE i.hcp_id = p_hcp AND rollup_push(i.channel)
              AND (p_department IS NULL OR i.department_code = p_department) AND i.id <> p_except
            ORDER BY i.occurred_at DESC LIMIT 1);
END
$$;

-- Moves the HCP from one last-contact day to another in the coverage rollup (null = not in it).
CREATE OR REPLACE FUNCTION rollup_coverage_move(p_prefecture smallint, p_department varchar, p_from date, p_to date)
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
-- The coverage part computes rollup_coverage's dimensions itself (a new one goes here as well).
CREATE OR REPLACE FUNCTION rollup_interaction_before() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF NOT ((TG_OP <> 'INSERT' AND rollup_push(OLD.channel)) OR (TG_OP <> 'DELETE' AND rollup_push(NEW.channel))) THEN
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
            IF TG_OP <> 'INSERT' AND OLD.hcp_id = v_hcp AND rollup_push(OLD.channel)
                    AND (v_department IS NULL OR OLD.department_code = v_department) THEN
                v_old := greatest(v_old, rollup_day(OLD.occurred_at));
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.hcp_id = v_hcp AND rollup_push(NEW.channel)
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

CREATE OR REPLACE FUNCTION rollup_interaction_after() RETURNS trigger LANGUAGE plpgsql AS $$
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
        -- from NEW, which is the source view's first branch for it (the hot path of pull-event ingest, where the
        -- view would cost more than the insert). A new dimension of rollup_interaction goes here as well.
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

CREATE OR REPLACE TRIGGER interaction_rollup_before_insert BEFORE INSERT OR DELETE ON interaction
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_before();
CREATE OR REPLACE TRIGGER interaction_rollup_after_insert AFTER INSERT OR DELETE ON interaction
    FOR EACH ROW EXECUTE FUNCTION rollup_interaction_after();
SELECT rollup_update_triggers('interaction', ARRAY['occurred_at', 'channel', 'department_code', 'hcp_id'],
                              'rollup_interaction_before', 'rollup_interaction_after');

-- One trigger function for the rows a rollup counts through its source view: a row counts after it exists (AFTER
-- INSERT or UPDATE) and stops counting before it changes or goes (BEFORE UPDATE or DELETE). Each table's case
-- says which source rows the table row stands for. (PostgreSQL compiles a trigger function once per table, so
-- each statement keeps its plan.)
SELECT rollup_define($f$
CREATE OR REPLACE FUNCTION rollup_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_row record;
    v_sign integer;
BEGIN
    IF rollup_on() THEN
        IF TG_WHEN = 'BEFORE' THEN
            v_row := OLD;
            v_sign := -1;
        ELSE
            v_row := NEW;
            v_sign := 1;
        END IF;
        CASE TG_TABLE_NAME
        WHEN 'interaction_therapeutic_area' THEN
            PERFORM rollup_interaction_emit(v_row.interaction_id, v_row.therapeutic_area_id, 0, v_sign);
        WHEN 'interaction_product' THEN
            PERFORM rollup_interaction_emit(v_row.interaction_id, 0, v_row.product_id, v_sign);
        WHEN 'hcp_stage' THEN
            INSERT INTO rollup_stage ({{keys rollup_stage}}, n)
            SELECT {{keys rollup_stage from s}}, v_sign FROM rollup_stage_source s
            WHERE s.hcp_id = v_row.hcp_id AND s.ta_id = v_row.therapeutic_area_id;
        WHEN 'stage_change' THEN
            INSERT INTO rollup_stage_move ({{keys rollup_stage_move}}, n)
            SELECT {{keys rollup_stage_move from s}}, v_sign FROM rollup_stage_move_source s
            WHERE s.stage_change_id = v_row.id;
        WHEN 'information_need' THEN
            INSERT INTO rollup_need ({{keys rollup_need}}, n)
            SELECT {{keys rollup_need from s}}, v_sign FROM rollup_need_source s WHERE s.need_id = v_row.id;
        END CASE;
    END IF;
    RETURN CASE WHEN TG_WHEN = 'AFTER' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$
$f$);

-- The areas and products of a contact.
CREATE OR REPLACE TRIGGER interaction_therapeutic_area_rollup_after AFTER INSERT OR UPDATE ON interaction_therapeutic_area
    FOR EACH ROW EXECUTE FUNCTION rollup_row();
CREATE OR REPLACE TRIGGER interaction_therapeutic_area_rollup_before BEFORE UPDATE OR DELETE ON interaction_therapeutic_area
    FOR EACH ROW EXECUTE FUNCTION rollup_row();
CREATE OR REPLACE TRIGGER interaction_product_rollup_after AFTER INSERT OR UPDATE ON interaction_product
    FOR EACH ROW EXECUTE FUNCTION rollup_row();
CREATE OR REPLACE TRIGGER interaction_product_rollup_before BEFORE UPDATE OR DELETE ON interaction_product
    FOR EACH ROW EXECUTE FUNCTION rollup_row();

-- Adoption stages --------------------------------------------------------------------------------------------

CREATE OR REPLACE VIEW rollup_stage_source AS
SELECT s.hcp_id, s.therapeutic_area_id AS ta_id, s.stage, hp.region_code, 1::bigint AS n
FROM hcp_stage s JOIN rollup_hcp_place hp ON hp.hcp_id = s.hcp_id;

CREATE OR REPLACE VIEW rollup_stage_move_source AS
SELECT c.hcp_id, c.id AS stage_change_id, rollup_month(c.changed_at) AS month, c.therapeutic_area_id AS ta_id,
       coalesce(c.from_stage, 'NONE')::varchar(20) AS from_stage, c.to_stage, hp.region_code, 1::bigint AS n
FROM stage_change c JOIN rollup_hcp_place hp ON hp.hcp_id = c.hcp_id;

CREATE OR REPLACE TRIGGER hcp_stage_rollup_before BEFORE UPDATE OR DELETE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION rollup_row();
CREATE OR REPLACE TRIGGER hcp_stage_rollup_after AFTER INSERT OR UPDATE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION rollup_row();

-- A stage change moves the contacts of that HCP in that area that happened at or after it into the new stage.
-- Done before the row exists (each row of a many-row insert sees the ones before it): a contact changes stage
-- unless a later change already covers it.
SELECT rollup_define($f$
CREATE OR REPLACE FUNCTION rollup_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT rollup_on() THEN
        RETURN NEW;
    END IF;
    INSERT INTO rollup_interaction ({{keys rollup_interaction}}, n)
    SELECT {{keys rollup_interaction from s, stage = x.stage}}, x.n
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
$$
$f$);
CREATE OR REPLACE TRIGGER stage_change_rollup BEFORE INSERT ON stage_change
    FOR EACH ROW EXECUTE FUNCTION rollup_stage_change();

-- ... and counts as a movement, once it exists.
CREATE OR REPLACE TRIGGER stage_change_rollup_move AFTER INSERT ON stage_change
    FOR EACH ROW EXECUTE FUNCTION rollup_row();

-- Information needs -------------------------------------------------------------------------------------------

-- Area of a need: its own, or its product's.
CREATE OR REPLACE VIEW rollup_need_source AS
SELECT n.hcp_id, n.id AS need_id, rollup_month(n.created_at) AS month, n.status,
       coalesce(n.routed_to, '-')::varchar(20) AS routed_to, coalesce(n.therapeutic_area_id, p.therapeutic_area_id, 0) AS ta_id,
       coalesce(n.product_id, 0) AS product_id, hp.region_code, 1::bigint AS n
FROM information_need n
JOIN rollup_hcp_place hp ON hp.hcp_id = n.hcp_id
LEFT JOIN product p ON p.id = n.product_id;

SELECT rollup_update_triggers('information_need', ARRAY['status', 'routed_to', 'therapeutic_area_id', 'product_id',
                              'created_at', 'hcp_id'], 'rollup_row', 'rollup_row');
CREATE OR REPLACE TRIGGER information_need_rollup_before_delete BEFORE DELETE ON information_need
    FOR EACH ROW EXECUTE FUNCTION rollup_row();
CREATE OR REPLACE TRIGGER information_need_rollup_after_insert AFTER INSERT ON information_need
    FOR EACH ROW EXECUTE FUNCTION rollup_row();

-- Patients ------------------------------------------------------------------------------------------------------
-- An HCP's figure for an area (or product) and month is their latest report of it: a second report of the
-- same month corrects the first rather than adding to it.

CREATE OR REPLACE VIEW rollup_patient_source AS
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

-- Adds (or with p_sign -1 takes out) one report as the figure of its key. The report may not be in the table yet
-- (a BEFORE trigger), so this computes the view's row itself: a new dimension of rollup_patient goes here as well.
CREATE OR REPLACE FUNCTION rollup_patient_add(p_row patient_count, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_patient (period, ta_id, product_id, prefecture_code, eligible, treated, reports)
    SELECT p_row.period, coalesce(p_row.therapeutic_area_id, (SELECT therapeutic_area_id FROM product WHERE id = p_row.product_id)),
           coalesce(p_row.product_id, 0), hp.prefecture_code, p_sign * coalesce(p_row.eligible_patients, 0),
           p_sign * coalesce(p_row.treated_patients, 0), p_sign
    FROM rollup_hcp_place hp WHERE hp.hcp_id = p_row.hcp_id;
END
$$;

-- Before each row: the key's latest report leaves, the latest report once this change is made comes in.
CREATE OR REPLACE FUNCTION rollup_patient_count() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE TRIGGER patient_count_rollup BEFORE INSERT OR UPDATE OR DELETE ON patient_count
    FOR EACH ROW EXECUTE FUNCTION rollup_patient_count();

-- HCPs, institutions and products -------------------------------------------------------------------------------
-- A new HCP joins the coverage rows; a change of institution, prefecture or status, or a product moved to another
-- area (its needs and reports take the product's area) moves everything the HCPs concerned count in: taken out
-- before the change and put back after it, with rollup_hcp_emit (generated below, with compaction and rebuild).
CREATE OR REPLACE FUNCTION rollup_move_hcps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_row record;
    v_hcps bigint[];
BEGIN
    IF rollup_on() THEN
        IF TG_WHEN = 'BEFORE' THEN
            v_row := OLD;
        ELSE
            v_row := NEW;
        END IF;
        CASE TG_TABLE_NAME
        WHEN 'hcp' THEN
            PERFORM rollup_lock(v_row.id);
            v_hcps := ARRAY[v_row.id];
        WHEN 'hco' THEN
            v_hcps := ARRAY(SELECT id FROM hcp WHERE primary_hco_id = v_row.id);
        WHEN 'product' THEN
            v_hcps := ARRAY(SELECT hcp_id FROM information_need WHERE product_id = v_row.id
                            UNION SELECT hcp_id FROM patient_count WHERE product_id = v_row.id);
        END CASE;
        PERFORM rollup_hcp_emit(v_hcps, CASE WHEN TG_WHEN = 'BEFORE' THEN -1 ELSE 1 END);
    END IF;
    RETURN CASE WHEN TG_WHEN = 'BEFORE' THEN NEW ELSE NULL END;
END
$$;
SELECT rollup_update_triggers('hcp', ARRAY['primary_hco_id', 'status'], 'rollup_move_hcps', 'rollup_move_hcps');
CREATE OR REPLACE TRIGGER hcp_rollup_after_insert AFTER INSERT ON hcp
    FOR EACH ROW EXECUTE FUNCTION rollup_move_hcps();

SELECT rollup_update_triggers('hco', ARRAY['prefecture_code'], 'rollup_move_hcps', 'rollup_move_hcps');

SELECT rollup_update_triggers('product', ARRAY['therapeutic_area_id'], 'rollup_move_hcps', 'rollup_move_hcps');

-- Trigger functions V12 created that rollup_row replaced (no trigger calls them any more).
DROP FUNCTION IF EXISTS rollup_interaction_link();
DROP FUNCTION IF EXISTS rollup_hcp_stage();
DROP FUNCTION IF EXISTS rollup_information_need();
-- ... and that rollup_move_hcps replaced.
DROP FUNCTION IF EXISTS rollup_hcp();
DROP FUNCTION IF EXISTS rollup_hco();
DROP FUNCTION IF EXISTS rollup_product();

-- Maintenance ----------------------------------------------------------------------------------------------------

-- Every rollup's key index (rollup_x_key, in a versioned migration) must be on exactly its dimensions: compaction
-- relies on it (ON CONFLICT), and a dimension added without it would be summed into the wrong keys.
DO $$
DECLARE
    v_rollup regclass;
BEGIN
    FOR v_rollup IN SELECT rollup_tables() LOOP
        IF NOT EXISTS (
                SELECT 1 FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = v_rollup AND x.indisunique AND i.relname = v_rollup::text || '_key'
                  AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                       WHERE a.attrelid = v_rollup AND a.attnum = ANY (x.indkey))
                      = (SELECT array_agg(c ORDER BY c) FROM unnest(string_to_array(rollup_columns(v_rollup, false), ', ')) c)) THEN
            RAISE EXCEPTION '%: the unique index %_key must be on exactly its dimensions (%)', v_rollup, v_rollup,
                rollup_columns(v_rollup, false);
        END IF;
    END LOOP;
END
$$;

-- Three functions do the same for every rollup table, one statement per table, generated here from the catalog
-- (static statements, so that they keep their plans; psql's \sf shows the result):
--   rollup_hcp_emit(p_hcps, p_sign)  takes the HCPs' source rows out of every rollup (-1) or puts them back (1);
--   rollup_compact()                 folds the appended deltas into one compacted row per key and drops keys that
--                                    add up to nothing; run every few seconds by the application (RollupCompaction),
--                                    one run at a time;
--   rollup_rebuild()                 recomputes every rollup from its source view: after a bulk load, and at the end
--                                    of this file.
DO $generate$
DECLARE
    v_rollup regclass;
    v_dims text;
    v_measures text;
    v_hcp text := '';
    v_compact text := '';
    v_zeros text := '';
    v_rebuild text := '';
    v_all text := (SELECT string_agg(t::text, ', ') FROM rollup_tables() AS t);
BEGIN
    FOR v_rollup IN SELECT rollup_tables() LOOP
        v_dims := rollup_columns(v_rollup, false);
        v_measures := rollup_columns(v_rollup, true);
        v_hcp := v_hcp || format($s$
    INSERT INTO %1$s (%2$s, %3$s)
    SELECT %2$s, %4$s FROM %1$s_source WHERE hcp_id = ANY (p_hcps) GROUP BY %2$s;$s$,
            v_rollup, v_dims, v_measures, rollup_columns(v_rollup, true, 'p_sign * sum(%1$I)'));
        v_compact := v_compact || format($s$
    WITH moved AS (DELETE FROM %1$s WHERE NOT compacted RETURNING *)
    INSERT INTO %1$s AS r (%2$s, %3$s, compacted) SELECT %2$s, %4$s, true FROM moved GROUP BY %2$s
    ON CONFLICT (%2$s) WHERE compacted DO UPDATE SET %5$s;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    v_moved := v_moved + v_count;$s$,
            v_rollup, v_dims, v_measures, rollup_columns(v_rollup, true, 'sum(%1$I)'),
            rollup_columns(v_rollup, true, '%1$I = r.%1$I + excluded.%1$I'));
        v_zeros := v_zeros || format($s$
        DELETE FROM %s WHERE compacted AND %s;$s$, v_rollup, rollup_columns(v_rollup, true, '%1$I = 0', ' AND '));
        v_rebuild := v_rebuild || format($s$
    INSERT INTO %1$s (%2$s, %3$s, compacted)
    SELECT %2$s, %4$s, true FROM %1$s_source GROUP BY %2$s;$s$,
            v_rollup, v_dims, v_measures, rollup_columns(v_rollup, true, 'sum(%1$I)'));
    END LOOP;

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION rollup_hcp_emit(p_hcps bigint[], p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN%s
END
$$
$f$, v_hcp);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION rollup_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_moved bigint := 0;
    v_count bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(1380733776, 0) THEN
        RETURN 0;
    END IF;%s
    IF v_moved > 0 THEN%s
    END IF;
    RETURN v_moved;
END
$$
$f$, v_compact, v_zeros);

    EXECUTE format($f$
CREATE OR REPLACE FUNCTION rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1380733776, 0);
    LOCK TABLE %1$s IN EXCLUSIVE MODE;
    TRUNCATE %1$s;%2$s
    -- The planner should know the new sizes at once, not after autovacuum's next round.
    ANALYZE %1$s;
END
$$
$f$, v_all, v_rebuild);
END
$generate$;

SELECT rollup_rebuild();
