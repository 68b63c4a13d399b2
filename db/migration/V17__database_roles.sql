-- Two database roles (issue 12, item 6; ADR 0017). Migrations run as the owner role (Flyway's init SQL
-- does SET ROLE to it), so every table, sequence and function belongs to the owner. The application logs in
-- as ${crm_app}: it owns nothing, cannot run DDL, and has only the privileges R__grants.sql gives it. Both
-- roles are created outside the migrations (roles are cluster-wide): see docs/operations.md.

-- Refuse to go on as a superuser or as the application's role: objects created now would have the wrong
-- owner, and the append-only guards trust only the owner (see R__append_only.sql).
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'migrations must run as the owner role (SET ROLE crm_owner), not as the superuser %', current_user;
    END IF;
    IF current_user = '${crm_app}' THEN
        RAISE EXCEPTION 'migrations must run as the owner role, not as the application role %', current_user;
    END IF;
END
$$;

-- No DDL for anyone but the owner (PostgreSQL 15 already removed CREATE on public from PUBLIC; older servers not).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Whatever the owner creates from now on is readable and writable by the application, never truncatable or
-- triggerable; R__grants.sql then takes the history tables' UPDATE and DELETE away again.
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${crm_app};
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${crm_app};
