-- Erasure on an HCP's request (ADR 0010, ADR 0017). The application calls crm_erase_hcp; it runs with the
-- owner's rights (SECURITY DEFINER), which is the only way the append-only guards let history change
-- (crm_erasing in R__append_only.sql), and only for the rows of the HCP it was called for.

-- A payload with personal text taken out: strings stay only where they are codes (PROMOTIONAL, VISIT, ...)
-- or dates/times, and never under a key that names a person or a way to reach one; numbers, booleans, ids
-- and the shape of the payload stay, so the audit row still says what kind of change it recorded.
CREATE OR REPLACE FUNCTION crm_redact(p_value jsonb, p_key text DEFAULT NULL) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_result jsonb;
    v_entry record;
BEGIN
    CASE jsonb_typeof(p_value)
    WHEN 'object' THEN
        v_result := '{}'::jsonb;
        FOR v_entry IN SELECT key, value FROM jsonb_each(p_value) LOOP
            v_result := v_result || jsonb_build_object(v_entry.key, crm_redact(v_entry.value, v_entry.key));
        END LOOP;
        RETURN v_result;
    WHEN 'array' THEN
        SELECT coalesce(jsonb_agg(crm_redact(e, p_key)), '[]'::jsonb) INTO v_result FROM jsonb_array_elements(p_value) e;
        RETURN v_result;
    WHEN 'string' THEN
        IF p_value #>> '{}' = '(消去済み)' THEN
            RETURN p_value;
        END IF;
        IF coalesce(lower(p_key), '') ~ '(name|email|mail|phone|registry|address)' THEN
            RETURN to_jsonb('(消去済み)'::text);
        END IF;
        IF p_value #>> '{}' ~ '^[A-Z][A-Z0-9_]*$'
                OR p_value #>> '{}' ~ '^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$' THEN
            RETURN p_value;
        END IF;
        RETURN to_jsonb('(消去済み)'::text);
    ELSE
        RETURN p_value;
    END CASE;
END
$$;

CREATE OR REPLACE FUNCTION crm_erase_hcp(p_hcp bigint, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_status     text;
    v_erased_at  timestamptz;
    v_report     jsonb := '{}'::jsonb;
    v_rows       integer;
    v_audit      bigint[];
BEGIN
    SELECT status, erased_at INTO v_status, v_erased_at FROM hcp WHERE id = p_hcp FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'HCP % does not exist', p_hcp USING ERRCODE = 'no_data_found';
    END IF;
    IF v_status = 'MERGED' THEN
        RAISE EXCEPTION 'HCP % was merged: erase the surviving record', p_hcp USING ERRCODE = 'check_violation';
    END IF;
    IF v_erased_at IS NOT NULL THEN
        RAISE EXCEPTION 'HCP % was erased already', p_hcp USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('crm.erasing_hcp', p_hcp::text, true);

    -- Every audit row about the HCP, their merged records and whatever belongs to them. Collected before
    -- anything is deleted (self-service links go below).
    -- (An array, not a temporary table: the caller shares the session's temporary schema and could have
    -- put a table of its own, with a trigger, in its place.)
    SELECT coalesce(array_agg(a.id), '{}') INTO v_audit FROM audit_event a
    WHERE (a.entity_type = 'HCP' AND a.entity_id IN (SELECT p_hcp UNION ALL SELECT id FROM hcp WHERE merged_into_id = p_hcp))
       OR (a.entity_type = 'INTERACTION' AND a.entity_id IN (SELECT id FROM interaction WHERE hcp_id = p_hcp))
       OR (a.entity_type = 'NEED' AND a.entity_id IN (SELECT id FROM information_need WHERE hcp_id = p_hcp))
       OR (a.entity_type = 'CONSENT' AND a.entity_id IN (SELECT id FROM consent_record WHERE hcp_id = p_hcp))
       OR (a.entity_type = 'CONSENT_LINK' AND a.entity_id IN (SELECT id FROM consent_link WHERE hcp_id = p_hcp))
       OR (a.entity_type = 'MEDICAL_INQUIRY' AND a.entity_id IN (SELECT id FROM medical_inquiry WHERE hcp_id = p_hcp))
       OR (a.entity_type = 'ADVERSE_EVENT_HANDOFF' AND a.entity_id IN (SELECT h.id FROM adverse_event_handoff h
               JOIN medical_inquiry q ON q.id = h.inquiry_id WHERE q.hcp_id = p_hcp));

    UPDATE audit_event a SET before_state = crm_redact(a.before_state), after_state = crm_redact(a.after_state)
    WHERE a.id = ANY (v_audit)
      AND (crm_redact(a.before_state) IS DISTINCT FROM a.before_state
           OR crm_redact(a.after_state) IS DISTINCT FROM a.after_state);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.auditPayloads', v_rows);

    DELETE FROM treatment_policy_note WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('removed.policyNotes', v_rows);
    DELETE FROM affiliation WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('removed.affiliations', v_rows);
    DELETE FROM consent_link WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('removed.consentLinks', v_rows);

    UPDATE interaction SET outcome = NULL, key_messages = NULL, notes = NULL, version = version + 1 WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.interactions', v_rows);
    UPDATE information_need SET topic = '(消去済み)', details = NULL, route_reason = NULL,
           fulfilment = CASE WHEN fulfilment IS NULL THEN NULL ELSE '(消去済み)' END,
           close_reason = CASE WHEN close_reason IS NULL THEN NULL ELSE '(消去済み)' END, version = version + 1
    WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.needs', v_rows);
    UPDATE stage_change SET reason = NULL WHERE hcp_id = p_hcp AND reason IS NOT NULL;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.adoptionStages', v_rows);
    UPDATE hcp SET name_kanji = '消去済み', name_kana = 'ショウキョズミ', name_romaji = NULL, email = NULL, phone = NULL,
           registry_number = NULL, erased_at = p_now, version = version + 1
    WHERE merged_into_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.mergedRecords', v_rows);
    UPDATE hcp SET name_kanji = '消去済み', name_kana = 'ショウキョズミ', name_romaji = NULL, email = NULL, phone = NULL,
           registry_number = NULL, specialty_code = NULL, primary_hco_id = NULL, status = 'INACTIVE', erased_at = p_now,
           updated_at = p_now, updated_by = p_actor, version = version + 1
    WHERE id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.profile', v_rows);

    v_report := v_report
        || jsonb_build_object('kept.consent', (SELECT count(*) FROM consent_record WHERE hcp_id = p_hcp))
        || jsonb_build_object('kept.patientCounts', (SELECT count(*) FROM patient_count WHERE hcp_id = p_hcp))
        || jsonb_build_object('kept.medicalInquiries', (SELECT count(*) FROM medical_inquiry WHERE hcp_id = p_hcp))
        || jsonb_build_object('kept.auditTrail', cardinality(v_audit));
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN v_report;
END
$$;

-- Fixed search path with pg_temp last, so that no temporary table of the caller can stand in for a real one
-- while the function runs with the owner's rights.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION crm_erase_hcp(bigint, text, timestamptz) SET search_path = %I, pg_temp',
                   current_schema());
END
$$;
REVOKE ALL ON FUNCTION crm_erase_hcp(bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crm_erase_hcp(bigint, text, timestamptz) TO ${crm_app};
