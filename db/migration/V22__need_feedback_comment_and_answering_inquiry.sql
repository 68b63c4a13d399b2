-- Issue 14, item 14: closing the loop on needs. What the HCP said when the answer reached them (kept with the
-- need; for a need routed to medical affairs it is medical content, withheld like the fulfilment), and the
-- medical inquiry that answered the need. That the interaction and the inquiry are about the need's own HCP is
-- checked by the need (NeedManagement), since a merge moves needs, interactions and inquiries one table at a time.
ALTER TABLE information_need
    ADD COLUMN feedback_comment       varchar(1000) CHECK (length(btrim(feedback_comment)) > 0),
    ADD COLUMN answered_by_inquiry_id bigint REFERENCES medical_inquiry (id),
    ADD CONSTRAINT information_need_comment_when_confirmed
        CHECK (feedback_comment IS NULL OR status = 'CONFIRMED_BY_HCP'),
    ADD CONSTRAINT information_need_no_answer_when_unmet
        CHECK (answered_by_inquiry_id IS NULL OR status <> 'CLOSED_UNMET');

-- The inquiry page lists the needs it answered.
CREATE INDEX information_need_by_inquiry ON information_need (answered_by_inquiry_id)
    WHERE answered_by_inquiry_id IS NOT NULL;
