-- Exchanging bundles between laptops (issue 6).
--
-- changes: every synchronised record's place in this database's change sequence. Triggers move a
-- record to the end of the sequence whenever it is written, by this installation or by a merge, so
-- "what changed here since seq N" includes what arrived from other laptops, whatever times those
-- records carry: a record travelling A -> B -> C is never lost on the way.
--
-- An update that leaves a record's stamp alone is no change to exchange: a sort key remade for a new
-- collation, the search index's own no-op updates. The one exception is a secret ballot, whose stamp is
-- the vote's opening time by design (nothing may date a voter's choice): its corrections travel too.
--
-- sync_base: what a record's current version was made on top of, as the latest version of each
-- device among its ancestors (a JSON object, device id to updated time). Local edits add the version
-- they replace when it came from another device; a merge keeps the incoming version's. A record
-- travels with it, and the receiver tells an update (the incoming version has seen the local one) from
-- old news (the local one has seen the incoming one) and from two edits made independently, which are
-- a conflict, whatever path the versions took between laptops.
--
-- record_versions: versions that lost a conflict, or that a lock refused, kept so that a person can
-- review and restore them. They are records like any other and travel in bundles; their id is derived
-- from the version they keep, so two laptops that keep the same version agree on one row.
--
-- exchanges: the bundles written and read here. They belong to this database, not to the district, and
-- do not travel.

CREATE TABLE changes (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL,
	id   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX changes_record ON changes (kind, id);

CREATE TABLE sync_base (
	kind TEXT NOT NULL,
	id   TEXT NOT NULL,
	seen TEXT NOT NULL, -- {"device id": "updated", …}
	PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE record_versions (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	kind           TEXT NOT NULL,
	record_id      TEXT NOT NULL,
	version_updated TEXT NOT NULL,
	version_device TEXT NOT NULL,
	row            TEXT NOT NULL, -- JSON: the version's columns as a bundle carries them
	reason         TEXT NOT NULL, -- conflict: lost to a later change; locked: refused by an approved verbale; replaced: set aside by a restore
	resolution     TEXT NOT NULL DEFAULT '' -- '' to review; kept: the current version stays; restored
) STRICT;
CREATE INDEX record_versions_record ON record_versions (kind, record_id);

CREATE TABLE exchanges (
	id        TEXT PRIMARY KEY,
	at        TEXT NOT NULL,
	direction TEXT NOT NULL, -- export | import
	device    TEXT NOT NULL, -- this database's device id when it happened
	peer      TEXT NOT NULL DEFAULT '', -- export: the device it was made for; import: the sender
	peer_name TEXT NOT NULL DEFAULT '',
	everything INTEGER NOT NULL DEFAULT 0,
	file      TEXT NOT NULL DEFAULT '',
	sha256    TEXT NOT NULL DEFAULT '',
	since     INTEGER NOT NULL DEFAULT 0,
	upto      INTEGER NOT NULL DEFAULT 0,
	encrypted INTEGER NOT NULL DEFAULT 0,
	records   INTEGER NOT NULL DEFAULT 0,
	summary   TEXT NOT NULL DEFAULT '[]' -- JSON: per kind, what an import added, updated, deleted, kept aside
) STRICT;
CREATE INDEX exchanges_at ON exchanges (at);


CREATE TRIGGER ambito_changed_insert AFTER INSERT ON ambito BEGIN
	DELETE FROM changes WHERE kind = 'ambito' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('ambito', NEW.id);
END;
CREATE TRIGGER ambito_changed_update AFTER UPDATE ON ambito
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'ambito' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('ambito', NEW.id);
END;
CREATE TRIGGER ambito_base AFTER UPDATE OF updated ON ambito WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('ambito', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'ambito' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER comuni_changed_insert AFTER INSERT ON comuni BEGIN
	DELETE FROM changes WHERE kind = 'comune' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('comune', NEW.id);
END;
CREATE TRIGGER comuni_changed_update AFTER UPDATE ON comuni
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'comune' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('comune', NEW.id);
END;
CREATE TRIGGER comuni_base AFTER UPDATE OF updated ON comuni WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('comune', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'comune' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER areas_changed_insert AFTER INSERT ON areas BEGIN
	DELETE FROM changes WHERE kind = 'area' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('area', NEW.id);
END;
CREATE TRIGGER areas_changed_update AFTER UPDATE ON areas
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'area' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('area', NEW.id);
END;
CREATE TRIGGER areas_base AFTER UPDATE OF updated ON areas WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('area', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'area' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER bodies_changed_insert AFTER INSERT ON bodies BEGIN
	DELETE FROM changes WHERE kind = 'body' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('body', NEW.id);
END;
CREATE TRIGGER bodies_changed_update AFTER UPDATE ON bodies
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'body' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('body', NEW.id);
END;
CREATE TRIGGER bodies_base AFTER UPDATE OF updated ON bodies WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('body', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'body' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER seats_changed_insert AFTER INSERT ON seats BEGIN
	DELETE FROM changes WHERE kind = 'seat' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('seat', NEW.id);
END;
CREATE TRIGGER seats_changed_update AFTER UPDATE ON seats
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'seat' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('seat', NEW.id);
END;
CREATE TRIGGER seats_base AFTER UPDATE OF updated ON seats WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('seat', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'seat' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER memberships_changed_insert AFTER INSERT ON memberships BEGIN
	DELETE FROM changes WHERE kind = 'membership' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('membership', NEW.id);
END;
CREATE TRIGGER memberships_changed_update AFTER UPDATE ON memberships
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'membership' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('membership', NEW.id);
END;
CREATE TRIGGER memberships_base AFTER UPDATE OF updated ON memberships WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('membership', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'membership' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER people_changed_insert AFTER INSERT ON people BEGIN
	DELETE FROM changes WHERE kind = 'person' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('person', NEW.id);
END;
CREATE TRIGGER people_changed_update AFTER UPDATE ON people
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'person' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('person', NEW.id);
END;
CREATE TRIGGER people_base AFTER UPDATE OF updated ON people WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('person', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'person' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER organisations_changed_insert AFTER INSERT ON organisations BEGIN
	DELETE FROM changes WHERE kind = 'organisation' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('organisation', NEW.id);
END;
CREATE TRIGGER organisations_changed_update AFTER UPDATE ON organisations
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'organisation' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('organisation', NEW.id);
END;
CREATE TRIGGER organisations_base AFTER UPDATE OF updated ON organisations WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('organisation', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'organisation' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER devices_changed_insert AFTER INSERT ON devices BEGIN
	DELETE FROM changes WHERE kind = 'device' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('device', NEW.id);
END;
CREATE TRIGGER devices_changed_update AFTER UPDATE ON devices
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'device' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('device', NEW.id);
END;
CREATE TRIGGER devices_base AFTER UPDATE OF updated ON devices WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('device', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'device' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER sessions_changed_insert AFTER INSERT ON sessions BEGIN
	DELETE FROM changes WHERE kind = 'session' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('session', NEW.id);
END;
CREATE TRIGGER sessions_changed_update AFTER UPDATE ON sessions
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'session' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('session', NEW.id);
END;
CREATE TRIGGER sessions_base AFTER UPDATE OF updated ON sessions WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('session', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'session' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER agenda_items_changed_insert AFTER INSERT ON agenda_items BEGIN
	DELETE FROM changes WHERE kind = 'agenda_item' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('agenda_item', NEW.id);
END;
CREATE TRIGGER agenda_items_changed_update AFTER UPDATE ON agenda_items
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'agenda_item' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('agenda_item', NEW.id);
END;
CREATE TRIGGER agenda_items_base AFTER UPDATE OF updated ON agenda_items WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('agenda_item', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'agenda_item' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER attendance_changed_insert AFTER INSERT ON attendance BEGIN
	DELETE FROM changes WHERE kind = 'attendance' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('attendance', NEW.id);
END;
CREATE TRIGGER attendance_changed_update AFTER UPDATE ON attendance
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'attendance' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('attendance', NEW.id);
END;
CREATE TRIGGER attendance_base AFTER UPDATE OF updated ON attendance WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('attendance', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'attendance' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER decisions_changed_insert AFTER INSERT ON decisions BEGIN
	DELETE FROM changes WHERE kind = 'decision' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('decision', NEW.id);
END;
CREATE TRIGGER decisions_changed_update AFTER UPDATE ON decisions
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'decision' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('decision', NEW.id);
END;
CREATE TRIGGER decisions_base AFTER UPDATE OF updated ON decisions WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('decision', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'decision' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER action_items_changed_insert AFTER INSERT ON action_items BEGIN
	DELETE FROM changes WHERE kind = 'action_item' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('action_item', NEW.id);
END;
CREATE TRIGGER action_items_changed_update AFTER UPDATE ON action_items
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'action_item' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('action_item', NEW.id);
END;
CREATE TRIGGER action_items_base AFTER UPDATE OF updated ON action_items WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('action_item', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'action_item' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER proposals_changed_insert AFTER INSERT ON proposals BEGIN
	DELETE FROM changes WHERE kind = 'proposal' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('proposal', NEW.id);
END;
CREATE TRIGGER proposals_changed_update AFTER UPDATE ON proposals
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'proposal' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('proposal', NEW.id);
END;
CREATE TRIGGER proposals_base AFTER UPDATE OF updated ON proposals WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('proposal', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'proposal' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER verbali_changed_insert AFTER INSERT ON verbali BEGIN
	DELETE FROM changes WHERE kind = 'verbale' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('verbale', NEW.id);
END;
CREATE TRIGGER verbali_changed_update AFTER UPDATE ON verbali
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'verbale' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('verbale', NEW.id);
END;
CREATE TRIGGER verbali_base AFTER UPDATE OF updated ON verbali WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('verbale', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'verbale' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER votes_changed_insert AFTER INSERT ON votes BEGIN
	DELETE FROM changes WHERE kind = 'vote' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote', NEW.id);
END;
CREATE TRIGGER votes_changed_update AFTER UPDATE ON votes
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'vote' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote', NEW.id);
END;
CREATE TRIGGER votes_base AFTER UPDATE OF updated ON votes WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('vote', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'vote' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER vote_ballots_changed_insert AFTER INSERT ON vote_ballots BEGIN
	DELETE FROM changes WHERE kind = 'vote_ballot' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote_ballot', NEW.id);
END;
CREATE TRIGGER vote_ballots_changed_update AFTER UPDATE ON vote_ballots BEGIN
	DELETE FROM changes WHERE kind = 'vote_ballot' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote_ballot', NEW.id);
END;
CREATE TRIGGER vote_ballots_base AFTER UPDATE OF updated ON vote_ballots WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('vote_ballot', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'vote_ballot' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER vote_voters_changed_insert AFTER INSERT ON vote_voters BEGIN
	DELETE FROM changes WHERE kind = 'vote_voter' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote_voter', NEW.id);
END;
CREATE TRIGGER vote_voters_changed_update AFTER UPDATE ON vote_voters
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'vote_voter' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('vote_voter', NEW.id);
END;
CREATE TRIGGER vote_voters_base AFTER UPDATE OF updated ON vote_voters WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('vote_voter', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'vote_voter' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER proposal_events_changed_insert AFTER INSERT ON proposal_events BEGIN
	DELETE FROM changes WHERE kind = 'proposal_event' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('proposal_event', NEW.id);
END;
CREATE TRIGGER proposal_events_changed_update AFTER UPDATE ON proposal_events
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'proposal_event' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('proposal_event', NEW.id);
END;
CREATE TRIGGER proposal_events_base AFTER UPDATE OF updated ON proposal_events WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('proposal_event', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'proposal_event' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

CREATE TRIGGER record_versions_changed_insert AFTER INSERT ON record_versions BEGIN
	DELETE FROM changes WHERE kind = 'record_version' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('record_version', NEW.id);
END;
CREATE TRIGGER record_versions_changed_update AFTER UPDATE ON record_versions
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'record_version' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('record_version', NEW.id);
END;
CREATE TRIGGER record_versions_base AFTER UPDATE OF updated ON record_versions WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('record_version', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'record_version' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;

-- What is already stored counts as changed once, oldest first.
INSERT INTO changes (kind, id) SELECT kind, id FROM (
SELECT 'ambito' AS kind, id, updated FROM ambito
UNION ALL SELECT 'comune', id, updated FROM comuni
UNION ALL SELECT 'area', id, updated FROM areas
UNION ALL SELECT 'body', id, updated FROM bodies
UNION ALL SELECT 'seat', id, updated FROM seats
UNION ALL SELECT 'membership', id, updated FROM memberships
UNION ALL SELECT 'person', id, updated FROM people
UNION ALL SELECT 'organisation', id, updated FROM organisations
UNION ALL SELECT 'device', id, updated FROM devices
UNION ALL SELECT 'session', id, updated FROM sessions
UNION ALL SELECT 'agenda_item', id, updated FROM agenda_items
UNION ALL SELECT 'attendance', id, updated FROM attendance
UNION ALL SELECT 'decision', id, updated FROM decisions
UNION ALL SELECT 'action_item', id, updated FROM action_items
UNION ALL SELECT 'proposal', id, updated FROM proposals
UNION ALL SELECT 'verbale', id, updated FROM verbali
UNION ALL SELECT 'vote', id, updated FROM votes
UNION ALL SELECT 'vote_ballot', id, updated FROM vote_ballots
UNION ALL SELECT 'vote_voter', id, updated FROM vote_voters
UNION ALL SELECT 'proposal_event', id, updated FROM proposal_events
) ORDER BY updated, kind, id;
