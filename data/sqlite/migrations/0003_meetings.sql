-- Meetings: sessions with their ordine del giorno, the attendance register, decisions, action items,
-- the proposals captured at the tables, and the approved verbali kept byte for byte. Times are UTC
-- fixed-width text; '' is "not yet". References are deferred so a merge can write in any order.

CREATE TABLE sessions (
	id              TEXT PRIMARY KEY,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL,
	device          TEXT NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0,
	body_id         TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
	status          TEXT NOT NULL,
	call            TEXT NOT NULL,
	date            TEXT NOT NULL,
	place           TEXT NOT NULL DEFAULT '',
	started         TEXT NOT NULL DEFAULT '',
	ended           TEXT NOT NULL DEFAULT '',
	president_id    TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	secretary_id    TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	corrects_id     TEXT REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	current_item_id TEXT NOT NULL DEFAULT '',
	current_since   TEXT NOT NULL DEFAULT '',
	approved_in_id  TEXT REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX sessions_body ON sessions (body_id, date);

CREATE TABLE agenda_items (
	id         TEXT PRIMARY KEY,
	created    TEXT NOT NULL,
	updated    TEXT NOT NULL,
	device     TEXT NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0,
	session_id TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	position   INTEGER NOT NULL DEFAULT 0,
	title      TEXT NOT NULL,
	notes      TEXT NOT NULL DEFAULT '',
	spent_ms   INTEGER NOT NULL DEFAULT 0,
	done       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX agenda_items_session ON agenda_items (session_id, position);

CREATE TABLE attendance (
	id         TEXT PRIMARY KEY,
	created    TEXT NOT NULL,
	updated    TEXT NOT NULL,
	device     TEXT NOT NULL,
	deleted    INTEGER NOT NULL DEFAULT 0,
	session_id TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	person_id  TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	seat_id    TEXT REFERENCES seats(id) DEFERRABLE INITIALLY DEFERRED,
	presence   TEXT NOT NULL,
	delegated  INTEGER NOT NULL DEFAULT 0,
	arrived    TEXT NOT NULL DEFAULT '',
	left_at    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX attendance_session ON attendance (session_id);

CREATE TABLE decisions (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	session_id     TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	agenda_item_id TEXT REFERENCES agenda_items(id) DEFERRABLE INITIALLY DEFERRED,
	text           TEXT NOT NULL,
	vote_id        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX decisions_session ON decisions (session_id);

CREATE TABLE action_items (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	session_id     TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	agenda_item_id TEXT REFERENCES agenda_items(id) DEFERRABLE INITIALLY DEFERRED,
	who            TEXT NOT NULL DEFAULT '',
	person_id      TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	what           TEXT NOT NULL,
	due            TEXT NOT NULL DEFAULT '',
	done           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX action_items_session ON action_items (session_id);

CREATE TABLE proposals (
	id              TEXT PRIMARY KEY,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL,
	device          TEXT NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0,
	session_id      TEXT REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	agenda_item_id  TEXT REFERENCES agenda_items(id) DEFERRABLE INITIALLY DEFERRED,
	area_id         TEXT NOT NULL REFERENCES areas(id) DEFERRABLE INITIALLY DEFERRED,
	kind            TEXT NOT NULL,
	state           TEXT NOT NULL,
	title           TEXT NOT NULL,
	text            TEXT NOT NULL DEFAULT '',
	target_group    TEXT NOT NULL DEFAULT '',
	proposer_id     TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	organisation_id TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
	comune_ids      TEXT NOT NULL DEFAULT '[]', -- JSON array of comune ids
	cost            TEXT NOT NULL DEFAULT '',
	duration        TEXT NOT NULL DEFAULT '',
	merged_into_id  TEXT REFERENCES proposals(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX proposals_session ON proposals (session_id);
CREATE INDEX proposals_area ON proposals (area_id);

-- An approved verbale: the PDF as it was approved, never rewritten; its SHA-256 lets anyone check a
-- printed or mailed copy against it.
CREATE TABLE verbali (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	session_id     TEXT NOT NULL UNIQUE REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	approved_in_id TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	decision_id    TEXT NOT NULL DEFAULT '', -- the decision that records the approval
	approved       TEXT NOT NULL,
	sha256         TEXT NOT NULL,
	pdf            BLOB NOT NULL
) STRICT;
