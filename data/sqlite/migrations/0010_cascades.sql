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
