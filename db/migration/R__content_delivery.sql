-- Delivery records are evidence (what was given to whom, and what they thought of it): appended, never changed or
-- removed. The outbox row (content_email) moves through its statuses, but its rendered mail stays as queued.
DROP TRIGGER IF EXISTS content_delivery_is_append_only ON content_delivery;
CREATE TRIGGER content_delivery_is_append_only BEFORE UPDATE OR DELETE ON content_delivery
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
DROP TRIGGER IF EXISTS content_view_is_append_only ON content_view;
CREATE TRIGGER content_view_is_append_only BEFORE UPDATE OR DELETE ON content_view
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
DROP TRIGGER IF EXISTS content_feedback_is_append_only ON content_feedback;
CREATE TRIGGER content_feedback_is_append_only BEFORE UPDATE OR DELETE ON content_feedback
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();

CREATE OR REPLACE FUNCTION content_email_keeps_its_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Erasure (crm_erase_deliveries) may clear the mail of the HCP it was called for.
    IF TG_OP = 'UPDATE' AND crm_erasing(TG_RELID, OLD.hcp_id::text) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'content_email rows are kept: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A merge re-points the mail to the surviving HCP, and changes nothing else with it.
    IF NEW.hcp_id <> OLD.hcp_id AND (to_jsonb(NEW) - 'hcp_id') = (to_jsonb(OLD) - 'hcp_id') THEN
        RETURN NEW;
    END IF;
    IF NEW.subject <> OLD.subject OR NEW.body <> OLD.body OR NEW.recipient <> OLD.recipient
            OR NEW.hcp_id <> OLD.hcp_id OR NEW.purpose <> OLD.purpose THEN
        RAISE EXCEPTION 'content_email %: the queued mail does not change', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS content_email_keeps_its_mail ON content_email;
CREATE TRIGGER content_email_keeps_its_mail BEFORE UPDATE OR DELETE ON content_email
    FOR EACH ROW EXECUTE FUNCTION content_email_keeps_its_mail();

-- Erasure on the HCP's request (R__erasure.sql, ADR 0010): the mails lose address, subject and text; the items
-- given keep what was given, when and by whom (an off-label answer's request stays, as the inquiry it answered
-- does: the sales-information guideline), but not the address; ratings keep the score and lose the comment.
CREATE OR REPLACE FUNCTION crm_erase_deliveries(p_hcp bigint) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_mails     integer;
    v_items     integer;
    v_feedback  integer;
    v_mail_audit record;
    v_rating_audit record;
BEGIN
    PERFORM crm_begin_erasure(p_hcp);
    SELECT * INTO v_mail_audit FROM crm_redact_audit('CONTENT_EMAIL',
        ARRAY(SELECT id FROM content_email WHERE hcp_id = p_hcp));
    SELECT * INTO v_rating_audit FROM crm_redact_audit('CONTENT_FEEDBACK',
        ARRAY(SELECT id FROM content_feedback WHERE hcp_id = p_hcp));
    UPDATE content_email SET recipient = '(消去済み)', subject = '(消去済み)', body = '(消去済み)',
           version = version + 1 WHERE hcp_id = p_hcp;
    GET DIAGNOSTICS v_mails = ROW_COUNT;
    UPDATE content_delivery SET recipient = '(消去済み)' WHERE hcp_id = p_hcp AND recipient IS NOT NULL;
    GET DIAGNOSTICS v_items = ROW_COUNT;
    UPDATE content_feedback SET comment = NULL WHERE hcp_id = p_hcp AND comment IS NOT NULL;
    GET DIAGNOSTICS v_feedback = ROW_COUNT;
    PERFORM set_config('crm.erasing_hcp', '', true);
    RETURN jsonb_build_object('anonymised.emails', v_mails, 'anonymised.deliveries', v_items,
        'anonymised.contentFeedback', v_feedback,
        'anonymised.auditPayloads', v_mail_audit.changed + v_rating_audit.changed,
        'kept.auditTrail', v_mail_audit.total + v_rating_audit.total);
END
$$;
