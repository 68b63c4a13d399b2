-- Append-only history (issue 12, item 6; ADR 0017). Privileges keep the application's role from changing
-- history at all (R__grants.sql); these triggers also hold against the owner, with one exception: the
-- erasure function crm_erase_hcp (R__erasure.sql) may clear free text of the HCP it is erasing.
--
-- crm_erasing is true only when BOTH hold:
--   * the current role owns the table. The application's role is no member of the owner role, so the only
--     way it reaches the owner's identity is a SECURITY DEFINER function owned by the owner, and there is
--     exactly one of those: crm_erase_hcp.
--   * the transaction-local marker crm.erasing_hcp names the row's HCP. Anyone can set the marker, so it
--     proves nothing alone; it limits the function to the one HCP it was called for.
CREATE OR REPLACE FUNCTION crm_erasing(p_table oid, p_hcp text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('crm.erasing_hcp', true), '') <> ''
       AND (p_hcp IS NULL OR current_setting('crm.erasing_hcp', true) = p_hcp)
       AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = p_table)
$$;

-- Stage history, policy notes, inquiry events: appended, never rewritten (corrections are new rows). A merge
-- may re-point a row to the surviving HCP; erasure may clear the free text of the erased HCP's rows.
CREATE OR REPLACE FUNCTION history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (to_jsonb(OLD) ? 'hcp_id') AND crm_erasing(TG_RELID, to_jsonb(OLD) ->> 'hcp_id') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'hcp_id') = (to_jsonb(OLD) - 'hcp_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION history_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: TRUNCATE is not allowed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The audit trail: never deleted; only the erasure function may redact the payloads (before/after state) of
-- the erased HCP's rows. Who, when, what and which entity never change.
CREATE OR REPLACE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND crm_erasing(TG_RELID, NULL)
            AND (to_jsonb(NEW) - 'before_state' - 'after_state') = (to_jsonb(OLD) - 'before_state' - 'after_state') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A medical inquiry moves through its workflow, but what the HCP asked, when, through whom and how is a fact.
CREATE OR REPLACE FUNCTION medical_inquiry_facts_are_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'medical_inquiry rows are kept: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.subject, NEW.question, NEW.received_at, NEW.received_by, NEW.received_via, NEW.received_channel)
            IS DISTINCT FROM (OLD.subject, OLD.question, OLD.received_at, OLD.received_by, OLD.received_via,
                              OLD.received_channel)
            AND NOT crm_erasing(TG_RELID, OLD.hcp_id::text) THEN
        RAISE EXCEPTION 'medical_inquiry: changing the question or how it was received is not allowed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- The consent ledger: no UPDATE, DELETE or TRUNCATE for anyone, erasure included. It is the company's proof of
-- lawful contact (V8, ADR 0009); a superuser could drop the trigger, which is a DBA act, not an application one.
CREATE OR REPLACE FUNCTION consent_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_record is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- An adverse-event hand-off is never deleted; the only change is pharmacovigilance's acknowledgement, once.
CREATE OR REPLACE FUNCTION adverse_event_handoff_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.acknowledged_at IS NULL
            AND (to_jsonb(NEW) - 'acknowledged_at' - 'acknowledged_by' - 'pv_reference')
                = (to_jsonb(OLD) - 'acknowledged_at' - 'acknowledged_by' - 'pv_reference') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'adverse_event_handoff is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Every append-only table's triggers, wherever they were first created (V1, V4, V8, V10 and here).
CREATE OR REPLACE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE OR REPLACE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
CREATE OR REPLACE TRIGGER consent_record_append_only BEFORE UPDATE OR DELETE ON consent_record
    FOR EACH ROW EXECUTE FUNCTION consent_record_is_append_only();
CREATE OR REPLACE TRIGGER consent_record_no_truncate BEFORE TRUNCATE ON consent_record
    FOR EACH STATEMENT EXECUTE FUNCTION consent_record_is_append_only();
CREATE OR REPLACE TRIGGER stage_change_append_only BEFORE UPDATE OR DELETE ON stage_change
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
CREATE OR REPLACE TRIGGER treatment_policy_note_append_only BEFORE UPDATE OR DELETE ON treatment_policy_note
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
CREATE OR REPLACE TRIGGER inquiry_event_append_only BEFORE UPDATE OR DELETE ON inquiry_event
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
CREATE OR REPLACE TRIGGER medical_inquiry_facts BEFORE UPDATE OR DELETE ON medical_inquiry
    FOR EACH ROW EXECUTE FUNCTION medical_inquiry_facts_are_fixed();
CREATE OR REPLACE TRIGGER adverse_event_handoff_append_only BEFORE UPDATE OR DELETE ON adverse_event_handoff
    FOR EACH ROW EXECUTE FUNCTION adverse_event_handoff_is_append_only();
CREATE OR REPLACE TRIGGER stage_change_no_truncate BEFORE TRUNCATE ON stage_change
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();
CREATE OR REPLACE TRIGGER treatment_policy_note_no_truncate BEFORE TRUNCATE ON treatment_policy_note
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();
CREATE OR REPLACE TRIGGER inquiry_event_no_truncate BEFORE TRUNCATE ON inquiry_event
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();
CREATE OR REPLACE TRIGGER medical_inquiry_no_truncate BEFORE TRUNCATE ON medical_inquiry
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();
CREATE OR REPLACE TRIGGER adverse_event_handoff_no_truncate BEFORE TRUNCATE ON adverse_event_handoff
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();
