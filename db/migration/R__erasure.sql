-- Erasure on an HCP's request (ADR 0010, ADR 0017, docs/adr/0023). Each module erases its own part when it
-- handles HcpErased, through its own function here: crm_erase_interactions, crm_erase_needs, crm_erase_consent,
-- crm_erase_inquiries and, last, crm_erase_hcp_profile. They run with the owner's rights (SECURITY DEFINER), which
-- is the only way the append-only guards let history change (crm_erasing in R__append_only.sql), and only for the
-- rows of the HCP they were called for; each redacts the audit payloads of its own records.

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

-- The audit payloads of one kind of record: personal text taken out (crm_redact). Returns how many rows changed
-- and how many there are. Not callable by the application: only the erasure functions below use it.
CREATE OR REPLACE FUNCTION crm_redact_audit(p_entity_type text, p_ids bigint[], OUT changed integer, OUT total integer)
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_event a SET before_state = crm_redact(a.before_state), after_state = crm_redact(a.after_state)
    WHERE a.entity_type = p_entity_type AND a.entity_id = ANY (p_ids)
      AND (crm_redact(a.before_state) IS DISTINCT FROM a.before_state
           OR crm_redact(a.after_state) IS DISTINCT FROM a.after_state);
    GET DIAGNOSTICS changed = ROW_COUNT;
    SELECT count(*) INTO total FROM audit_event a WHERE a.entity_type = p_entity_type AND a.entity_id = ANY (p_ids);
END
$$;

-- Marks the transaction as erasing this HCP (R__append_only.sql); refuses an HCP that does not exist or was merged
-- (a merged record is erased through its survivor).
CREATE OR REPLACE FUNCTION crm_begin_erasure(p_hcp bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_status text;
BEGIN
    SELECT status INTO v_status FROM hcp WHERE id = p_hcp;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'HCP % does not exist', p_hcp USING ERRCODE = 'no_data_found';
    END IF;
    IF v_status = 'MERGED' THEN
        RAISE EXCEPTION 'HCP % was merged: erase the surviving record', p_hcp USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('crm.erasing_hcp', p_hcp::text, true);
END
$$;

-- interaction module: contacts keep their codes and dates, lose their free text; stage history loses its
-- reasons; policy notes go; reported patient counts stay (aggregates that identify nobody once the profile is
-- anonymised).
CREATE OR REPLACE FUNCTION crm_erase_interactions(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_report jsonb := '{}'::jsonb;
    v_rows   integer;
    v_audit  record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    SELECT * INTO v_audit FROM crm_redact_audit('INTERACTION', ARRAY(SELECT id FROM interaction WHERE hcp_id = p_hcp));
    DELETE FROM treatment_policy_note WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('removed.policyNotes', v_rows);
    UPDATE interaction SET outcome = NULL, key_messages = NULL, notes = NULL, version = version + 1 WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.interactions', v_rows);
    UPDATE stage_change SET reason = NULL WHERE hcp_id = p_hcp AND reason IS NOT NULL;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('anonymised.adoptionStages', v_rows)
        || jsonb_build_object('kept.patientCounts', (SELECT count(*) FROM patient_count WHERE hcp_id = p_hcp))
        || jsonb_build_object('anonymised.auditPayloads', v_audit.changed, 'kept.auditTrail', v_audit.total);
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN v_report;
END
$$;

-- need module: needs keep category, status and dates; topic, details and reasons become "(消去済み)".
CREATE OR REPLACE FUNCTION crm_erase_needs(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_rows  integer;
    v_audit record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    SELECT * INTO v_audit FROM crm_redact_audit('NEED', ARRAY(SELECT id FROM information_need WHERE hcp_id = p_hcp));
    UPDATE information_need SET topic = '(消去済み)', details = NULL, route_reason = NULL,
           fulfilment = CASE WHEN fulfilment IS NULL THEN NULL ELSE '(消去済み)' END,
           close_reason = CASE WHEN close_reason IS NULL THEN NULL ELSE '(消去済み)' END,
           feedback_comment = CASE WHEN feedback_comment IS NULL THEN NULL ELSE '(消去済み)' END, version = version + 1
    WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN jsonb_build_object('anonymised.needs', v_rows, 'anonymised.auditPayloads', v_audit.changed,
                              'kept.auditTrail', v_audit.total);
END
$$;

-- consent module: the ledger stays (the proof of lawful contact and of the withdrawal); the self-service links go.
CREATE OR REPLACE FUNCTION crm_erase_consent(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_rows    integer;
    v_records record;
    v_links   record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    SELECT * INTO v_records FROM crm_redact_audit('CONSENT', ARRAY(SELECT id FROM consent_record WHERE hcp_id = p_hcp));
    SELECT * INTO v_links FROM crm_redact_audit('CONSENT_LINK', ARRAY(SELECT id FROM consent_link WHERE hcp_id = p_hcp));
    DELETE FROM consent_link WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN jsonb_build_object('removed.consentLinks', v_rows,
                              'kept.consent', (SELECT count(*) FROM consent_record WHERE hcp_id = p_hcp),
                              'anonymised.auditPayloads', v_records.changed + v_links.changed,
                              'kept.auditTrail', v_records.total + v_links.total);
END
$$;

-- inquiry module: medical inquiries and their adverse-event hand-offs are kept by law; only the audit payloads
-- lose personal text.
CREATE OR REPLACE FUNCTION crm_erase_inquiries(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_inquiries record;
    v_handoffs  record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    SELECT * INTO v_inquiries FROM crm_redact_audit('MEDICAL_INQUIRY', ARRAY(SELECT id FROM medical_inquiry WHERE hcp_id = p_hcp));
    SELECT * INTO v_handoffs FROM crm_redact_audit('ADVERSE_EVENT_HANDOFF', ARRAY(SELECT h.id FROM adverse_event_handoff h
                                   JOIN medical_inquiry q ON q.id = h.inquiry_id WHERE q.hcp_id = p_hcp));
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN jsonb_build_object('kept.medicalInquiries', (SELECT count(*) FROM medical_inquiry WHERE hcp_id = p_hcp),
                              'anonymised.auditPayloads', v_inquiries.changed + v_handoffs.changed,
                              'kept.auditTrail', v_inquiries.total + v_handoffs.total);
END
$$;

-- hcp module, last: affiliations go; the profile and the records merged into it keep only what is not personal.
CREATE OR REPLACE FUNCTION crm_erase_hcp_profile(p_hcp bigint, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_report jsonb := '{}'::jsonb;
    v_rows   integer;
    v_audit  record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    IF (SELECT erased_at FROM hcp WHERE id = p_hcp) IS NOT NULL THEN
        RAISE EXCEPTION 'HCP % was erased already', p_hcp USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO v_audit FROM crm_redact_audit('HCP', ARRAY(SELECT p_hcp UNION ALL SELECT id FROM hcp WHERE merged_into_id = p_hcp));
    DELETE FROM affiliation WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_report := v_report || jsonb_build_object('removed.affiliations', v_rows);
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
    v_report := v_report || jsonb_build_object('anonymised.profile', v_rows,
                                               'anonymised.auditPayloads', v_audit.changed, 'kept.auditTrail', v_audit.total);
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN v_report;
END
$$;

-- The single function of before (issue 12) is gone: every module erases its own part.
DROP FUNCTION IF EXISTS crm_erase_hcp(bigint, text, timestamptz);

-- Fixed search path with pg_temp last, so that no temporary table of the caller can stand in for a real one
-- while a function runs with the owner's rights. Only the module functions are the application's to call.
DO $$
DECLARE
    v_function text;
BEGIN
    FOREACH v_function IN ARRAY ARRAY['crm_erase_interactions(bigint)', 'crm_erase_needs(bigint)',
            'crm_erase_consent(bigint)', 'crm_erase_inquiries(bigint)', 'crm_erase_hcp_profile(bigint, text, timestamptz)',
            'crm_redact_audit(text, bigint[])', 'crm_begin_erasure(bigint)']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', v_function, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_function);
    END LOOP;
    FOREACH v_function IN ARRAY ARRAY['crm_erase_interactions(bigint)', 'crm_erase_needs(bigint)',
            'crm_erase_consent(bigint)', 'crm_erase_inquiries(bigint)', 'crm_erase_hcp_profile(bigint, text, timestamptz)']
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', v_function, '${crm_app}');
    END LOOP;
END
$$;
