-- The registry: the Ambito, its comuni and areas, the bodies with seats and members, people and
-- organisations. Every synchronised table carries the same head: a UUID key, created and updated
-- times (UTC, fixed-width text so they sort), the device that made the last change, and a tombstone.
-- References are deferred so that a merge can write records in any order within its transaction.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE comuni (
	id                TEXT PRIMARY KEY,
	created           TEXT NOT NULL,
	updated           TEXT NOT NULL,
	device            TEXT NOT NULL,
	deleted           INTEGER NOT NULL DEFAULT 0,
	name              TEXT NOT NULL,
	population        INTEGER NOT NULL DEFAULT 0,
	population_approx INTEGER NOT NULL DEFAULT 0,
	istat             TEXT NOT NULL DEFAULT '',
	office            TEXT NOT NULL DEFAULT '',
	search            TEXT NOT NULL DEFAULT '',
	sort_key          BLOB
) STRICT;

CREATE TABLE ambito (
	id          TEXT PRIMARY KEY,
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	device      TEXT NOT NULL,
	deleted     INTEGER NOT NULL DEFAULT 0,
	name        TEXT NOT NULL,
	short_name  TEXT NOT NULL DEFAULT '',
	region      TEXT NOT NULL DEFAULT '',
	capofila_id TEXT REFERENCES comuni(id) DEFERRABLE INITIALLY DEFERRED,
	address     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE areas (
	id          TEXT PRIMARY KEY,
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	device      TEXT NOT NULL,
	deleted     INTEGER NOT NULL DEFAULT 0,
	name        TEXT NOT NULL,
	position    INTEGER NOT NULL DEFAULT 0,
	description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE organisations (
	id        TEXT PRIMARY KEY,
	created   TEXT NOT NULL,
	updated   TEXT NOT NULL,
	device    TEXT NOT NULL,
	deleted   INTEGER NOT NULL DEFAULT 0,
	name      TEXT NOT NULL,
	category  TEXT NOT NULL,
	comune_id TEXT REFERENCES comuni(id) DEFERRABLE INITIALLY DEFERRED,
	email     TEXT NOT NULL DEFAULT '',
	phone     TEXT NOT NULL DEFAULT '',
	notes     TEXT NOT NULL DEFAULT '',
	search    TEXT NOT NULL DEFAULT '',
	sort_key  BLOB
) STRICT;

CREATE TABLE people (
	id              TEXT PRIMARY KEY,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL,
	device          TEXT NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0,
	surname         TEXT NOT NULL,
	name            TEXT NOT NULL DEFAULT '',
	category        TEXT NOT NULL,
	organisation_id TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
	comune_id       TEXT REFERENCES comuni(id) DEFERRABLE INITIALLY DEFERRED,
	comune_text     TEXT NOT NULL DEFAULT '',
	email           TEXT NOT NULL DEFAULT '',
	phone           TEXT NOT NULL DEFAULT '',
	notes           TEXT NOT NULL DEFAULT '',
	-- search: folded names, email, phone and town; match_key: folded "surname|name|email", the identity
	-- a CSV import matches on; sort_key: Italian collation key of surname then name.
	search          TEXT NOT NULL DEFAULT '',
	match_key       TEXT NOT NULL DEFAULT '',
	sort_key        BLOB
) STRICT;
CREATE INDEX people_sort ON people (deleted, sort_key);
CREATE INDEX people_match ON people (match_key);
CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE bodies (
	id       TEXT PRIMARY KEY,
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	device   TEXT NOT NULL,
	deleted  INTEGER NOT NULL DEFAULT 0,
	name     TEXT NOT NULL,
	kind     TEXT NOT NULL,
	area_id  TEXT REFERENCES areas(id) DEFERRABLE INITIALLY DEFERRED,
	rules    TEXT NOT NULL, -- JSON, data.Rules
	position INTEGER NOT NULL DEFAULT 0,
	notes    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE seats (
	id              TEXT PRIMARY KEY,
	created         TEXT NOT NULL,
	updated         TEXT NOT NULL,
	device          TEXT NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0,
	body_id         TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
	position        INTEGER NOT NULL DEFAULT 0,
	label           TEXT NOT NULL DEFAULT '',
	comune_id       TEXT REFERENCES comuni(id) DEFERRABLE INITIALLY DEFERRED,
	organisation_id TEXT REFERENCES organisations(id) DEFERRABLE INITIALLY DEFERRED,
	person_id       TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX seats_body ON seats (body_id);

CREATE TABLE memberships (
	id        TEXT PRIMARY KEY,
	created   TEXT NOT NULL,
	updated   TEXT NOT NULL,
	device    TEXT NOT NULL,
	deleted   INTEGER NOT NULL DEFAULT 0,
	body_id   TEXT NOT NULL REFERENCES bodies(id) DEFERRABLE INITIALLY DEFERRED,
	person_id TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	role      TEXT NOT NULL,
	seat_id   TEXT REFERENCES seats(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX memberships_body ON memberships (body_id);
CREATE INDEX memberships_person ON memberships (person_id);
