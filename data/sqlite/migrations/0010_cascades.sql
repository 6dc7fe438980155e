-- A deletion and what went with it are one decision (issue 16). deleted_by names, on a record deleted
-- because another was ("person:ID" for a person's seats and memberships), the record whose deletion
-- removed it; it is '' on a record deleted on its own and on every live one. It travels with the row,
-- so every laptop knows the cascade: when the record comes back (an edit that beat the deletion, a
-- restore), what its deletion removed comes back too.
ALTER TABLE seats ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE memberships ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE attendance ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE action_items ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE speeches ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE proposals ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE votes ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE vote_ballots ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE vote_voters ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE proposal_events ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
-- What a merge or a restore looks for: the records deleted along with another, few among many.
CREATE INDEX seats_deleted_by ON seats (deleted_by) WHERE deleted_by <> '';
CREATE INDEX memberships_deleted_by ON memberships (deleted_by) WHERE deleted_by <> '';
CREATE INDEX agenda_items_deleted_by ON agenda_items (deleted_by) WHERE deleted_by <> '';
CREATE INDEX attendance_deleted_by ON attendance (deleted_by) WHERE deleted_by <> '';
CREATE INDEX decisions_deleted_by ON decisions (deleted_by) WHERE deleted_by <> '';
CREATE INDEX action_items_deleted_by ON action_items (deleted_by) WHERE deleted_by <> '';
CREATE INDEX speeches_deleted_by ON speeches (deleted_by) WHERE deleted_by <> '';
CREATE INDEX proposals_deleted_by ON proposals (deleted_by) WHERE deleted_by <> '';
CREATE INDEX votes_deleted_by ON votes (deleted_by) WHERE deleted_by <> '';
CREATE INDEX vote_ballots_deleted_by ON vote_ballots (deleted_by) WHERE deleted_by <> '';
CREATE INDEX vote_voters_deleted_by ON vote_voters (deleted_by) WHERE deleted_by <> '';
CREATE INDEX proposal_events_deleted_by ON proposal_events (deleted_by) WHERE deleted_by <> '';
