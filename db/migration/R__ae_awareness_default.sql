-- An intake that does not say when its author learned of the inquiry learned of it when it was received
-- (V14, docs/adr/0015): inserts that leave aware_at out (older code paths, demo data, plain SQL) get
-- received_at, so day 0 is never missing and never later than receipt.
CREATE OR REPLACE FUNCTION medical_inquiry_aware_at_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.aware_at IS NULL THEN
        NEW.aware_at := NEW.received_at;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS medical_inquiry_aware_at_default ON medical_inquiry;
CREATE TRIGGER medical_inquiry_aware_at_default BEFORE INSERT ON medical_inquiry
    FOR EACH ROW EXECUTE FUNCTION medical_inquiry_aware_at_default();
