-- The content gap (issue 15, docs/adr/0030): the views, functions and triggers that keep rollup_content_gap and
-- rollup_content_gap_stage (tables in V25). Written like R__dashboard_rollups.sql (docs/adr/0012, 0022): a source
-- view per rollup computes the figures from raw rows, one row per need with n = 1; triggers append +1/-1 deltas in
-- the writing transaction; readers sum compacted rows and pending deltas alike. This file sorts before
-- R__dashboard_rollups.sql, which generates compaction (rollup_compact), the HCP moves of merges, institution and
-- product changes (rollup_hcp_emit) and rollup_rebuild() for every rollup_* table, these two included.

-- The key a need's topic is grouped by: the SQL twin of JapaneseText.topicKey (the default TopicClustering):
-- NFKC, hiragana as katakana, lower case, no spaces. ContentGapQueriesIntegrationTests compares the two. A
-- changed definition re-creates the index below and rebuilds the rollups when this file runs again.
CREATE OR REPLACE FUNCTION content_gap_topic_key(p_topic text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(translate(regexp_replace(normalize(p_topic, NFKC), '[ \t\n\r\f\v]+', '', 'g'),
                                 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ', 'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ')) $$;

-- The needs a group counts: open (OPEN, TRIAGED, IN_PROGRESS) or closed unmet, but not those of an erased HCP
-- (crm_erase_needs in R__erasure.sql replaces their topic by '(消去済み)': nobody is left to send content to). Area:
-- the need's own, or its product's (0: none); product 0: none. Month raised in Japan time.
CREATE OR REPLACE VIEW rollup_content_gap_source AS
SELECT n.hcp_id, n.id AS need_id, coalesce(n.therapeutic_area_id, p.therapeutic_area_id, 0) AS ta_id,
       coalesce(n.product_id, 0) AS product_id, n.category, content_gap_topic_key(n.topic) AS topic_key,
       (CASE WHEN n.status = 'CLOSED_UNMET' THEN 'UNMET' ELSE 'OPEN' END)::varchar(6) AS state,
       rollup_month(n.created_at) AS month, 1::bigint AS n
FROM information_need n
LEFT JOIN product p ON p.id = n.product_id
WHERE n.status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS', 'CLOSED_UNMET') AND n.topic <> '(消去済み)';

-- The same needs by the HCP's adoption stage now in the group's area ('NONE': no stage there, or no area).
CREATE OR REPLACE VIEW rollup_content_gap_stage_source AS
SELECT g.hcp_id, g.need_id, g.ta_id, g.product_id, g.category, g.topic_key, g.state,
       coalesce((SELECT s.stage FROM hcp_stage s WHERE s.hcp_id = g.hcp_id AND s.therapeutic_area_id = g.ta_id),
                'NONE')::varchar(20) AS stage,
       1::bigint AS n
FROM rollup_content_gap_source g;

-- One need in or out of both rollups (plpgsql: the plans are kept per session, docs/adr/0012).
CREATE OR REPLACE FUNCTION content_gap_emit(p_need bigint, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_content_gap (ta_id, product_id, category, topic_key, state, month, n)
    SELECT s.ta_id, s.product_id, s.category, s.topic_key, s.state, s.month, p_sign
    FROM rollup_content_gap_source s WHERE s.need_id = p_need;
    INSERT INTO rollup_content_gap_stage (ta_id, product_id, category, topic_key, state, stage, n)
    SELECT s.ta_id, s.product_id, s.category, s.topic_key, s.state, s.stage, p_sign
    FROM rollup_content_gap_stage_source s WHERE s.need_id = p_need;
END
$$;

-- A need: out before it changes or goes, in after it was added or changed.
CREATE OR REPLACE FUNCTION content_gap_need() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF rollup_on() THEN
        IF TG_WHEN = 'BEFORE' THEN
            PERFORM content_gap_emit(OLD.id, -1);
        ELSE
            PERFORM content_gap_emit(NEW.id, 1);
        END IF;
    END IF;
    RETURN CASE WHEN TG_WHEN = 'AFTER' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE OR REPLACE TRIGGER information_need_content_gap_after_insert AFTER INSERT ON information_need
    FOR EACH ROW EXECUTE FUNCTION content_gap_need();
CREATE OR REPLACE TRIGGER information_need_content_gap_before_delete BEFORE DELETE ON information_need
    FOR EACH ROW EXECUTE FUNCTION content_gap_need();
-- Only a change of what the rollups read moves anything (every column the source views read).
CREATE OR REPLACE TRIGGER information_need_content_gap_before_update BEFORE UPDATE ON information_need
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id
                       OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.category IS DISTINCT FROM NEW.category
                       OR OLD.topic IS DISTINCT FROM NEW.topic OR OLD.created_at IS DISTINCT FROM NEW.created_at
                       OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION content_gap_need();
CREATE OR REPLACE TRIGGER information_need_content_gap_after_update AFTER UPDATE ON information_need
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.therapeutic_area_id IS DISTINCT FROM NEW.therapeutic_area_id
                       OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.category IS DISTINCT FROM NEW.category
                       OR OLD.topic IS DISTINCT FROM NEW.topic OR OLD.created_at IS DISTINCT FROM NEW.created_at
                       OR OLD.hcp_id IS DISTINCT FROM NEW.hcp_id)
    EXECUTE FUNCTION content_gap_need();

-- An HCP's stage in an area moves their needs of that area between stages: before a stage row changes or goes,
-- they leave its stage for 'NONE'; after one was added or changed, they leave 'NONE' for its stage.
CREATE OR REPLACE FUNCTION content_gap_stage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_row hcp_stage;
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
        INSERT INTO rollup_content_gap_stage (ta_id, product_id, category, topic_key, state, stage, n)
        SELECT s.ta_id, s.product_id, s.category, s.topic_key, s.state, x.stage, sum(x.n)
        FROM rollup_content_gap_stage_source s
        CROSS JOIN LATERAL (VALUES (s.stage, v_sign), ('NONE'::varchar(20), -v_sign)) AS x (stage, n)
        WHERE s.hcp_id = v_row.hcp_id AND s.ta_id = v_row.therapeutic_area_id
        GROUP BY s.ta_id, s.product_id, s.category, s.topic_key, s.state, x.stage;
    END IF;
    RETURN CASE WHEN TG_WHEN = 'AFTER' THEN NULL WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE OR REPLACE TRIGGER hcp_stage_content_gap_before BEFORE UPDATE OR DELETE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION content_gap_stage();
CREATE OR REPLACE TRIGGER hcp_stage_content_gap_after AFTER INSERT OR UPDATE ON hcp_stage
    FOR EACH ROW EXECUTE FUNCTION content_gap_stage();

-- The HCPs behind a group (drill-down, content requests) and a group's topic as written: by topic key.
DROP INDEX IF EXISTS information_need_content_gap;
CREATE INDEX information_need_content_gap ON information_need (content_gap_topic_key(topic), category, id)
    WHERE status IN ('OPEN', 'TRIAGED', 'IN_PROGRESS', 'CLOSED_UNMET');

-- Recomputes both rollups from their source views. rollup_rebuild() (R__dashboard_rollups.sql) does the same for
-- every rollup; this one runs here so that a changed definition in this file holds for the rows already present.
CREATE OR REPLACE FUNCTION content_gap_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1380733776, 0);
    LOCK TABLE rollup_content_gap, rollup_content_gap_stage IN EXCLUSIVE MODE;
    TRUNCATE rollup_content_gap, rollup_content_gap_stage;
    INSERT INTO rollup_content_gap (ta_id, product_id, category, topic_key, state, month, n, compacted)
    SELECT ta_id, product_id, category, topic_key, state, month, sum(n), true FROM rollup_content_gap_source
    GROUP BY ta_id, product_id, category, topic_key, state, month;
    INSERT INTO rollup_content_gap_stage (ta_id, product_id, category, topic_key, state, stage, n, compacted)
    SELECT ta_id, product_id, category, topic_key, state, stage, sum(n), true FROM rollup_content_gap_stage_source
    GROUP BY ta_id, product_id, category, topic_key, state, stage;
    ANALYZE rollup_content_gap, rollup_content_gap_stage;
END
$$;
REVOKE ALL ON FUNCTION content_gap_rebuild() FROM PUBLIC;

SELECT content_gap_rebuild();
