-- What the application's role may do (issue 12, item 6; ADR 0017). Applied after every migration run
-- (${flyway:timestamp}), so tables added by later migrations get the same grants: everything in the schema
-- by pattern, then the history tables' UPDATE, DELETE and TRUNCATE taken away again. Never TRIGGER,
-- REFERENCES or DDL; Flyway's own table is not the application's business.
DO $$
DECLARE
    v_schema text := current_schema();
    v_app    text := '${crm_app}';
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', v_schema, v_app);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', v_schema, v_app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', v_schema, v_app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', v_schema, v_app);
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', v_app);
    END IF;
END
$$;

-- History: appended, never changed or removed by the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, consent_record, stage_change, treatment_policy_note, inquiry_event,
    adverse_event_handoff, content_review, next_action_decision FROM ${crm_app};
-- Content versions move through review and end, but are never deleted (content_version_is_fixed).
REVOKE DELETE, TRUNCATE ON content_version, content_item FROM ${crm_app};
-- Stage policies: every save a new version, kept as saved (stage_policy_is_fixed, R__stage_policy.sql).
REVOKE UPDATE, DELETE, TRUNCATE ON stage_policy, stage_policy_rule, stage_policy_cap, stage_policy_quiet_period
    FROM ${crm_app};
-- A merge re-points stage history and policy notes to the surviving HCP (nothing else, see history_is_append_only).
GRANT UPDATE (hcp_id) ON stage_change, treatment_policy_note, next_action_decision TO ${crm_app};
-- Pharmacovigilance acknowledges a hand-off once (adverse_event_handoff_is_append_only).
GRANT UPDATE (acknowledged_at, acknowledged_by, pv_reference) ON adverse_event_handoff TO ${crm_app};
-- Inquiries move through their workflow but are never deleted.
REVOKE DELETE, TRUNCATE ON medical_inquiry FROM ${crm_app};

-- The dashboard rollups are derived data: a rebuild truncates and refills them (rollup_rebuild).
DO $$
DECLARE
    v_table regclass;
BEGIN
    FOR v_table IN SELECT c.oid::regclass FROM pg_class c
                   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'rollup\_%'
    LOOP
        EXECUTE format('GRANT TRUNCATE ON %s TO %I', v_table, '${crm_app}');
    END LOOP;
END
$$;
