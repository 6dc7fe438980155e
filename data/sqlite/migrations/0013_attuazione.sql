-- The attuazione of approved proposals (issue 18): who answers for each, with what money, from when to
-- when, how far it has got, its milestones and its indicators. One live attuazione per proposal: its id
-- is made from the proposal's (implementationID), so two laptops that start the same attuazione make one
-- record, which the merge treats as edited on both. Dates are days at midnight in the Ambito's zone,
-- stored like every time ('' when not set). Money is in euro cents, one JSON entry per source.
CREATE TABLE implementations (
	id               TEXT PRIMARY KEY,
	created          TEXT NOT NULL,
	updated          TEXT NOT NULL,
	device           TEXT NOT NULL,
	deleted          INTEGER NOT NULL DEFAULT 0,
	deleted_by       TEXT NOT NULL DEFAULT '',
	proposal_id      TEXT NOT NULL REFERENCES proposals(id) DEFERRABLE INITIALLY DEFERRED,
	responsible_kind TEXT NOT NULL DEFAULT '',
	responsible_id   TEXT NOT NULL DEFAULT '',
	starts_on        TEXT NOT NULL DEFAULT '',
	ends_on          TEXT NOT NULL DEFAULT '',
	progress         INTEGER NOT NULL DEFAULT 0,
	budget           TEXT NOT NULL DEFAULT '[]', -- JSON: [{"source","planned","spent"}], cents
	notes            TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX implementations_proposal ON implementations (proposal_id) WHERE deleted = 0;
CREATE INDEX implementations_deleted_by ON implementations (deleted_by) WHERE deleted_by <> '';

CREATE TABLE milestones (
	id                TEXT PRIMARY KEY,
	created           TEXT NOT NULL,
	updated           TEXT NOT NULL,
	device            TEXT NOT NULL,
	deleted           INTEGER NOT NULL DEFAULT 0,
	deleted_by        TEXT NOT NULL DEFAULT '',
	implementation_id TEXT NOT NULL REFERENCES implementations(id) DEFERRABLE INITIALLY DEFERRED,
	title             TEXT NOT NULL,
	due               TEXT NOT NULL DEFAULT '',
	done              INTEGER NOT NULL DEFAULT 0,
	done_on           TEXT NOT NULL DEFAULT '',
	position          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX milestones_implementation ON milestones (implementation_id, position);
CREATE INDEX milestones_deleted_by ON milestones (deleted_by) WHERE deleted_by <> '';

CREATE TABLE indicators (
	id                TEXT PRIMARY KEY,
	created           TEXT NOT NULL,
	updated           TEXT NOT NULL,
	device            TEXT NOT NULL,
	deleted           INTEGER NOT NULL DEFAULT 0,
	deleted_by        TEXT NOT NULL DEFAULT '',
	implementation_id TEXT NOT NULL REFERENCES implementations(id) DEFERRABLE INITIALLY DEFERRED,
	name              TEXT NOT NULL,
	unit              TEXT NOT NULL DEFAULT '',
	target            REAL NOT NULL DEFAULT 0,
	value             REAL NOT NULL DEFAULT 0,
	measured_on       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX indicators_implementation ON indicators (implementation_id);
CREATE INDEX indicators_deleted_by ON indicators (deleted_by) WHERE deleted_by <> '';
