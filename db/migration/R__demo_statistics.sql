-- Planner statistics for the demo generator (DemoDataGenerator, docs/benchmarks.md). The generator runs as the
-- application's role, which owns no table, and PostgreSQL 15 lets only a table's owner ANALYZE it: a plain
-- `ANALYZE interaction` from the generator was skipped with a warning, so the statements after the bulk COPY were
-- planned without statistics (the japan load stalled for over 20 minutes in DemoContent.usage). This function
-- analyses one table with the owner's rights, inside the caller's transaction, where the rows the generator has
-- just copied (not yet committed) are sampled too. ANALYZE only gathers statistics; nothing else is granted.
CREATE OR REPLACE FUNCTION crm_analyze(p_table regclass) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = p_table AND c.relkind IN ('r', 'p')
                   AND c.relowner = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)) THEN
        RAISE EXCEPTION 'crm_analyze: % is not a table of the database owner', p_table;
    END IF;
    EXECUTE format('ANALYZE %s', p_table);
END
$$;
REVOKE ALL ON FUNCTION crm_analyze(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crm_analyze(regclass) TO ${crm_app};
