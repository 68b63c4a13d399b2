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
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'content_email rows are kept: DELETE is not allowed' USING ERRCODE = 'insufficient_privilege';
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
