-- Issue 14, items 9 and 11. How an inquiry came in (the answer channel defaults to it; null for inquiries
-- taken before this column existed and for the API, which does not say), and a custom answer that its second
-- medical reviewer returned to the author with a reason instead of approving it. The last return is kept on the
-- inquiry; every return, with its reason, is also a step of the inquiry's append-only history (inquiry_event).
ALTER TABLE medical_inquiry
    ADD COLUMN received_channel     varchar(10) CHECK (received_channel IN ('VISIT', 'REMOTE', 'PHONE', 'EMAIL', 'WEB')),
    ADD COLUMN answer_returned_by   varchar(60),
    ADD COLUMN answer_returned_at   timestamptz,
    ADD COLUMN answer_return_reason varchar(500) CHECK (length(btrim(answer_return_reason)) > 0),
    ADD CONSTRAINT medical_inquiry_return_has_reason
        CHECK ((answer_returned_at IS NULL) = (answer_return_reason IS NULL)
               AND (answer_returned_at IS NULL) = (answer_returned_by IS NULL)),
    -- A returned answer is not approved; the reviewer who returned it is not its author (four eyes).
    ADD CONSTRAINT medical_inquiry_return_not_approved
        CHECK (answer_returned_at IS NULL OR answer_approved_by IS NULL),
    ADD CONSTRAINT medical_inquiry_return_by_other
        CHECK (answer_returned_by IS NULL OR answer_returned_by <> answer_author);
