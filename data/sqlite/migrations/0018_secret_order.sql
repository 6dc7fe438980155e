-- Secret votes leave no order (issue 19). A secret vote's voters and ballots are now written once, when
-- it closes, in id order (see votes_secret.go). Those already stored went in as they were entered: their
-- places in the change sequence, and in their tables' pages, keep the order in which seats were checked
-- off and ballots counted. They are taken out and put back in id order, which the insert triggers
-- follow; the connection's secure_delete zeroes the space they leave. Their rows are unchanged, so the
-- next bundle carries them again as versions every laptop already holds.
CREATE TEMP TABLE secret_ballots AS
	SELECT id, created, updated, device, deleted, deleted_by, vote_id, voter, count, ballot FROM vote_ballots
	WHERE vote_id IN (SELECT id FROM votes WHERE secret = 1);
CREATE TEMP TABLE secret_voters AS
	SELECT id, created, updated, device, deleted, deleted_by, vote_id, seat_id FROM vote_voters
	WHERE vote_id IN (SELECT id FROM votes WHERE secret = 1);

DELETE FROM vote_ballots WHERE id IN (SELECT id FROM temp.secret_ballots);
DELETE FROM vote_voters WHERE id IN (SELECT id FROM temp.secret_voters);
DELETE FROM changes WHERE kind = 'vote_ballot' AND id IN (SELECT id FROM temp.secret_ballots);
DELETE FROM changes WHERE kind = 'vote_voter' AND id IN (SELECT id FROM temp.secret_voters);

INSERT INTO vote_ballots (id, created, updated, device, deleted, deleted_by, vote_id, voter, count, ballot)
	SELECT id, created, updated, device, deleted, deleted_by, vote_id, voter, count, ballot FROM temp.secret_ballots
	ORDER BY id;
INSERT INTO vote_voters (id, created, updated, device, deleted, deleted_by, vote_id, seat_id)
	SELECT id, created, updated, device, deleted, deleted_by, vote_id, seat_id FROM temp.secret_voters
	ORDER BY id;

DROP TABLE temp.secret_ballots;
DROP TABLE temp.secret_voters;

-- The free pages of a file written before this version may still hold earlier states of those votes,
-- which secure_delete, set only now, never zeroed: the next open rewrites the whole file (VACUUM), and
-- tries again at every open until it has.
INSERT INTO settings (key, value) SELECT 'vacuum_secret', '1' WHERE EXISTS (SELECT 1 FROM votes WHERE secret = 1)
	ON CONFLICT (key) DO NOTHING;
