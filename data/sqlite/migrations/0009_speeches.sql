-- Interventi (issue 14): the list of speakers on an agenda item, in the order they asked to speak, with
-- when each started and ended. They travel in bundles like every other record of a session, and are
-- locked with it once its verbale is approved. speech_times says whether the verbale gives each
-- intervention's duration, as the secretary chooses.
CREATE TABLE speeches (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	session_id     TEXT NOT NULL REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED,
	agenda_item_id TEXT REFERENCES agenda_items(id) DEFERRABLE INITIALLY DEFERRED,
	person_id      TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
	position       INTEGER NOT NULL,
	started        TEXT NOT NULL DEFAULT '',
	ended          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX speeches_session ON speeches (session_id, agenda_item_id, position);

ALTER TABLE sessions ADD COLUMN speech_times INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER speeches_changed_insert AFTER INSERT ON speeches BEGIN
	DELETE FROM changes WHERE kind = 'speech' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('speech', NEW.id);
END;
CREATE TRIGGER speeches_changed_update AFTER UPDATE ON speeches
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'speech' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('speech', NEW.id);
END;
CREATE TRIGGER speeches_base AFTER UPDATE OF updated ON speeches WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('speech', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'speech' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;
