-- The installations that have written to this database, with the computer's name and the operator's,
-- so that the device id on every record can be shown as a person ("modificato da Lucia Ferri").
CREATE TABLE devices (
	id       TEXT PRIMARY KEY, -- the installation's device id
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL,
	device   TEXT NOT NULL,
	deleted  INTEGER NOT NULL DEFAULT 0,
	name     TEXT NOT NULL DEFAULT '',
	operator TEXT NOT NULL DEFAULT ''
) STRICT;
