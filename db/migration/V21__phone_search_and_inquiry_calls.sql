-- Issue 14, items 7 and 10 (the call center).
--
-- Finding the caller by telephone number: the digits alone, +81 written as the leading 0, so that 03-1234-5678,
-- 0312345678 and ０３（１２３４）５６７８ meet (crm-core PhoneNumber.digits computes the same key for a query).
-- A prefix of the digits is an index range (digits sort the same in every collation; text_pattern_ops for LIKE).
-- An HCP is found by their own number and by the number of their primary institution (the hospital's main line).
ALTER TABLE hcp ADD COLUMN phone_key text GENERATED ALWAYS AS (nullif(
    CASE WHEN phone LIKE '+81%'
         THEN '0' || substr(regexp_replace(translate(phone, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g'), 3)
         ELSE regexp_replace(translate(phone, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g') END, '')) STORED;
ALTER TABLE hco ADD COLUMN phone_key text GENERATED ALWAYS AS (nullif(
    CASE WHEN phone LIKE '+81%'
         THEN '0' || substr(regexp_replace(translate(phone, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g'), 3)
         ELSE regexp_replace(translate(phone, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g') END, '')) STORED;
CREATE INDEX hcp_phone_key ON hcp (phone_key text_pattern_ops) WHERE phone_key IS NOT NULL;
CREATE INDEX hco_phone_key ON hco (phone_key text_pattern_ops) WHERE phone_key IS NOT NULL;

-- An inquiry taken by phone is also an inbound call (PHONE_IN) on the HCP's shared timeline, written in the intake's
-- transaction. The call points back at its inquiry; one call per inquiry. It carries no text of the inquiry: the
-- question and adverse-event facts stay in medical_inquiry, behind the firewall (docs/adr/0011).
ALTER TABLE interaction ADD COLUMN inquiry_id bigint REFERENCES medical_inquiry (id);
CREATE UNIQUE INDEX interaction_by_inquiry ON interaction (inquiry_id) WHERE inquiry_id IS NOT NULL;
ALTER TABLE interaction ADD CONSTRAINT interaction_inquiry_call_is_inbound_phone
    CHECK (inquiry_id IS NULL OR channel = 'PHONE_IN');
