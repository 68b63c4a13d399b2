-- The HCP's data rights (issue 4): an erased record keeps its id (so that counts and the consent ledger
-- still add up) but nothing that identifies the person. Erasure is the one sanctioned exception to the
-- append-only history tables: inside a transaction that set crm.erasure = 'on' (DataRights.erase, audited),
-- their free text may be cleared and policy notes deleted. The consent ledger and the audit trail stay
-- append-only without exception: they are the company's proof of lawful contact.
ALTER TABLE hcp ADD COLUMN erased_at timestamptz;

CREATE OR REPLACE FUNCTION history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('crm.erasure', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    -- A merge re-points history to the surviving HCP; nothing else about a history row may change.
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'hcp_id') = (to_jsonb(OLD) - 'hcp_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
