-- The history of every record (issue 19): who changed it (the device, and the operator and computer as
-- known then), when, and what (a JSON list of {field, old, new}). An entry is a record like any other
-- and travels in bundles, so every laptop ends with the whole history. Its id is derived from the
-- change it keeps first (kind, record, device, that version's stamp), so the same entry arriving twice
-- makes one row. author is the device that made the change; device, as on every record, is the last to
-- write the entry: the saves of a form typed into make one entry, and an erasure rewrites the values
-- of old entries under its own stamp, which then wins everywhere.
CREATE TABLE record_history (
	id        TEXT PRIMARY KEY,
	created   TEXT NOT NULL,
	updated   TEXT NOT NULL,
	device    TEXT NOT NULL,
	deleted   INTEGER NOT NULL DEFAULT 0,
	kind      TEXT NOT NULL,
	record_id TEXT NOT NULL,
	at        TEXT NOT NULL,
	author    TEXT NOT NULL,
	operator  TEXT NOT NULL DEFAULT '',
	computer  TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL, -- created | changed | deleted | restored
	changes   TEXT NOT NULL DEFAULT '[]' -- JSON: [{"field", "old", "new"}, …]
) STRICT;
CREATE INDEX record_history_record ON record_history (record_id, at);

CREATE TRIGGER record_history_changed_insert AFTER INSERT ON record_history BEGIN
	DELETE FROM changes WHERE kind = 'history' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('history', NEW.id);
END;
CREATE TRIGGER record_history_changed_update AFTER UPDATE ON record_history
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'history' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('history', NEW.id);
END;
CREATE TRIGGER record_history_base AFTER UPDATE OF updated ON record_history WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('history', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'history' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;
