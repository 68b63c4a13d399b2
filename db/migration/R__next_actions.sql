-- Decisions on suggestions are evidence (docs/adr/0033): appended, never changed; a merge may re-point them to the
-- surviving HCP (history_is_append_only, R__append_only.sql).
DROP TRIGGER IF EXISTS next_action_decision_is_append_only ON next_action_decision;
CREATE TRIGGER next_action_decision_is_append_only BEFORE UPDATE OR DELETE ON next_action_decision
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
DROP TRIGGER IF EXISTS next_action_decision_no_truncate ON next_action_decision;
CREATE TRIGGER next_action_decision_no_truncate BEFORE TRUNCATE ON next_action_decision
    FOR EACH STATEMENT EXECUTE FUNCTION history_no_truncate();

-- Erasure on the HCP's request (R__erasure.sql, ADR 0010): the stored suggestions go (derived data); decisions keep
-- what was suggested, when and by whom, but a dismissal's free-text reason is cleared.
CREATE OR REPLACE FUNCTION crm_erase_next_actions(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_suggestions integer;
    v_reasons     integer;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    DELETE FROM next_action WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_suggestions = ROW_COUNT;
    DELETE FROM next_action_stale WHERE hcp_id = p_hcp;
    UPDATE next_action_decision SET reason = '(消去済み)' WHERE hcp_id = p_hcp AND reason IS NOT NULL;
    GET DIAGNOSTICS v_reasons = ROW_COUNT;
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN jsonb_build_object('deleted.nextActions', v_suggestions, 'anonymised.actionDecisions', v_reasons);
END
$$;
