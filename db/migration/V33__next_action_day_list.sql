-- The day list of national users (issue 16; NextActions.today without a territory: medical affairs' hand-offs,
-- marketing's invitations) reads a department's best stored suggestions across the whole country. Without an index
-- that is every stored row of the department read and sorted by score for 40 rows (next_action holds some rows for
-- each of the 340,000 HCPs at japan scale); with it, the rows are read in score order and the scan stops at the
-- list's length. The key is the query's ORDER BY after the department; NO_CONTACT rows are never listed.
CREATE INDEX next_action_day_list ON next_action (department, score DESC, hcp_id, rank) WHERE kind <> 'NO_CONTACT';
