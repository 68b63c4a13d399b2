-- Stage policies are versioned: a save appends a version (V26), nothing rewrites or removes one, not even the owner.
-- What the engine suggested under a version and why stays explainable for as long as the suggestion is kept.
CREATE OR REPLACE FUNCTION stage_policy_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% keeps every stage policy version as saved: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY ARRAY['stage_policy', 'stage_policy_rule', 'stage_policy_cap', 'stage_policy_quiet_period']
    LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', v_table || '_is_fixed', v_table);
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION stage_policy_is_fixed()',
                       v_table || '_is_fixed', v_table);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', v_table || '_no_truncate', v_table);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION stage_policy_is_fixed()',
                       v_table || '_no_truncate', v_table);
    END LOOP;
END
$$;
