-- Votes held in sessions, with their ballots. A secret vote stores who voted (vote_voters) apart from
-- what was chosen (anonymous ballots): the two are never written together, ballots only once nobody
-- else can be checked off, and anonymous ballots live in a table ordered by random keys with the
-- vote's own times, so neither row order nor timestamps tell which ballot came when.

CREATE TABLE votes (
	id              TEXT PRIMARY KEY,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL,
	device          TEXT NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0,
	session_id      TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	agenda_item_id  TEXT REFERENCES agenda_items(id) DEFERRABLE INITIALLY DEFERRED,
	subject         TEXT NOT NULL DEFAULT '',
	method          TEXT NOT NULL,
	secret          INTEGER NOT NULL DEFAULT 0,
	rules           TEXT NOT NULL,  -- JSON: the body's rules as the vote overrides them
	settings        TEXT NOT NULL,  -- JSON: dots, points, scale, seed
	options         TEXT NOT NULL DEFAULT '[]',
	criteria        TEXT NOT NULL DEFAULT '[]',
	voters          TEXT NOT NULL DEFAULT '[]', -- the seats when the vote opened
	status          TEXT NOT NULL,
	opened          TEXT NOT NULL DEFAULT '',
	closed          TEXT NOT NULL DEFAULT '',
	quorum_present  INTEGER NOT NULL DEFAULT 0,
	quorum_required INTEGER NOT NULL DEFAULT 0,
	quorum_holds    INTEGER NOT NULL DEFAULT 0,
	quorum_population          INTEGER NOT NULL DEFAULT 0, -- under the double rule
	quorum_required_population INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX votes_session ON votes (session_id);

CREATE TABLE vote_ballots (
	id       TEXT PRIMARY KEY,
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	device   TEXT NOT NULL,
	deleted  INTEGER NOT NULL DEFAULT 0,
	vote_id  TEXT NOT NULL REFERENCES votes(id) DEFERRABLE INITIALLY DEFERRED,
	voter    TEXT NOT NULL DEFAULT '', -- the seat of an open ballot; '' for anonymous ones
	count    INTEGER NOT NULL DEFAULT 1,
	ballot   TEXT NOT NULL             -- JSON: choice, allocation, ranking, scores or approve
) STRICT, WITHOUT ROWID;
CREATE INDEX vote_ballots_vote ON vote_ballots (vote_id);

CREATE TABLE vote_voters (
	id       TEXT PRIMARY KEY,
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	device   TEXT NOT NULL,
	deleted  INTEGER NOT NULL DEFAULT 0,
	vote_id  TEXT NOT NULL REFERENCES votes(id) DEFERRABLE INITIALLY DEFERRED,
	seat_id  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX vote_voters_vote ON vote_voters (vote_id);
