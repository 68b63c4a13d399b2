-- The content library's guarantees (issue 15; docs/adr/0028).

-- A version's content may change only while it is a draft: once it goes to review, what the reviewers read is
-- what gets approved, and an approved version is never rewritten (a new version is a new row). An ended version
-- (expired, withdrawn) stays ended. Versions are never deleted.
CREATE OR REPLACE FUNCTION content_version_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'content_version rows are kept: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status <> 'DRAFT'
            AND (to_jsonb(NEW) - 'status' - 'review_round' - 'submitted_at' - 'approved_at' - 'ended_at' - 'ended_by'
                 - 'end_reason' - 'updated_at' - 'version')
             <> (to_jsonb(OLD) - 'status' - 'review_round' - 'submitted_at' - 'approved_at' - 'ended_at' - 'ended_by'
                 - 'end_reason' - 'updated_at' - 'version') THEN
        RAISE EXCEPTION 'content_version %: only a draft may change (status %)', OLD.id, OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status IN ('EXPIRED', 'WITHDRAWN') AND to_jsonb(NEW) <> to_jsonb(OLD) THEN
        RAISE EXCEPTION 'content_version %: an ended version stays as it ended', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'APPROVED' AND NEW.status NOT IN ('APPROVED', 'EXPIRED', 'WITHDRAWN') THEN
        RAISE EXCEPTION 'content_version %: an approved version can only expire or be withdrawn', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS content_version_is_fixed ON content_version;
CREATE TRIGGER content_version_is_fixed BEFORE UPDATE OR DELETE ON content_version
    FOR EACH ROW EXECUTE FUNCTION content_version_is_fixed();

-- The products a version is about change with the draft only.
CREATE OR REPLACE FUNCTION content_version_product_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_status varchar;
BEGIN
    SELECT status INTO v_status FROM content_version
     WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
    IF v_status <> 'DRAFT' THEN
        RAISE EXCEPTION 'content_version_product: the version is % and its products are fixed', v_status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
DROP TRIGGER IF EXISTS content_version_product_is_fixed ON content_version_product;
CREATE TRIGGER content_version_product_is_fixed BEFORE INSERT OR UPDATE OR DELETE ON content_version_product
    FOR EACH ROW EXECUTE FUNCTION content_version_product_is_fixed();

-- Reviews are a record of who decided what: appended, never changed.
DROP TRIGGER IF EXISTS content_review_is_append_only ON content_review;
CREATE TRIGGER content_review_is_append_only BEFORE UPDATE OR DELETE ON content_review
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();

-- Medical affairs' standard responses are items of the library: each gets a medical item with one version,
-- approved under the response's own approval reference and valid until the response's last day.
CREATE OR REPLACE FUNCTION crm_standard_response_to_library(p_response bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_response standard_response%ROWTYPE;
    v_item     bigint;
    v_version  bigint;
BEGIN
    SELECT * INTO v_response FROM standard_response WHERE id = p_response;
    IF v_response.content_version_id IS NOT NULL THEN
        RETURN v_response.content_version_id;
    END IF;
    INSERT INTO content_item (audience, off_label, owner_department, created_by, created_at)
    VALUES ('MEDICAL', false, 'MEDICAL', 'standard-response', now())
    RETURNING id INTO v_item;
    INSERT INTO content_version (item_id, number, title, kind, therapeutic_area_id, language, body, channels,
                                 approval_ref, expires_on, status, author, created_at, submitted_at, approved_at,
                                 updated_at)
    SELECT v_item, 1, v_response.title, 'STANDARD_RESPONSE', p.therapeutic_area_id, 'ja', v_response.body,
           ARRAY['EMAIL', 'PHONE', 'VISIT', 'REMOTE', 'WEB']::varchar[], v_response.approval_ref, v_response.valid_to,
           'DRAFT', 'standard-response', now(), now(), now(), now()
      FROM product p WHERE p.id = v_response.product_id
    RETURNING id INTO v_version;
    -- Products first, while the version is a draft; then the approval the response already had.
    INSERT INTO content_version_product (version_id, product_id) VALUES (v_version, v_response.product_id);
    UPDATE content_version
       SET status = CASE WHEN v_response.valid_to >= current_date THEN 'APPROVED' ELSE 'EXPIRED' END
     WHERE id = v_version;
    UPDATE standard_response SET content_version_id = v_version WHERE id = p_response;
    RETURN v_version;
END
$$;

CREATE OR REPLACE FUNCTION standard_response_in_library() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM crm_standard_response_to_library(NEW.id);
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS standard_response_in_library ON standard_response;
CREATE TRIGGER standard_response_in_library AFTER INSERT ON standard_response
    FOR EACH ROW EXECUTE FUNCTION standard_response_in_library();

-- Responses written before the library existed.
SELECT crm_standard_response_to_library(id) FROM standard_response WHERE content_version_id IS NULL;

-- The order of the adoption stages (AdoptionStage), for "moved up" in the content usage figures (ContentUsage).
CREATE OR REPLACE FUNCTION crm_stage_rank(p_stage varchar) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT array_position(ARRAY['UNAWARE', 'AWARE', 'INTERESTED', 'TRIAL', 'ADOPTER', 'ADVOCATE']::varchar[], p_stage) - 1
$$;
