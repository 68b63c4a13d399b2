-- The MR's day list (issue 16, docs/adr/0033): the stored suggestions of the territory's prefectures, best score
-- first. Walking every stored row by score until enough fall in one territory read most of next_action once every
-- HCP had been computed (p50 400 ms at japan scale, docs/benchmarks.md); the HCP's prefecture (their main
-- institution's, as the territory is defined) is kept with each row when it is computed, and indexed. The read checks
-- the HCP's current institution again, so an HCP who moved leaves the old territory's list at once and joins the new
-- one at their next refresh. IF NOT EXISTS: the benchmark database got the column by hand while it was measured.
ALTER TABLE next_action ADD COLUMN IF NOT EXISTS prefecture_code smallint;
UPDATE next_action a SET prefecture_code = o.prefecture_code FROM hcp h JOIN hco o ON o.id = h.primary_hco_id
 WHERE h.id = a.hcp_id AND a.prefecture_code IS DISTINCT FROM o.prefecture_code;
CREATE INDEX IF NOT EXISTS next_action_territory ON next_action (department, prefecture_code, score DESC)
    WHERE kind <> 'NO_CONTACT';
