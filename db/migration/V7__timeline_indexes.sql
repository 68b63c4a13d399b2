-- The HCP timeline shows, per interaction, how many needs it raised (a correlated count by
-- interaction_id): without this index each row of a timeline page scanned every need (2 million at
-- japan scale). Also serves the foreign key check when an interaction is deleted or merged.
CREATE INDEX information_need_by_interaction ON information_need (interaction_id) WHERE interaction_id IS NOT NULL;
