-- The register of actions (issue 18): what became of an action item after its session. An approved
-- session's action items are frozen with its verbale; their follow-up goes on at the body's next
-- sessions, so it is a record of its own, one live per action item. session_id names the session whose
-- "Verifica delle azioni" checked it, when one did. It travels in bundles like every other record and
-- is never locked by an approval.
CREATE TABLE action_follow_ups (
	id             TEXT PRIMARY KEY,
	created        TEXT NOT NULL,
	updated        TEXT NOT NULL,
	device         TEXT NOT NULL,
	deleted        INTEGER NOT NULL DEFAULT 0,
	deleted_by     TEXT NOT NULL DEFAULT '',
	action_item_id TEXT NOT NULL REFERENCES action_items(id) DEFERRABLE INITIALLY DEFERRED,
	done           INTEGER NOT NULL DEFAULT 0,
	done_on        TEXT NOT NULL DEFAULT '',
	note           TEXT NOT NULL DEFAULT '',
	session_id     TEXT REFERENCES sessions(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX action_follow_ups_item ON action_follow_ups (action_item_id, deleted);
CREATE INDEX action_follow_ups_deleted_by ON action_follow_ups (deleted_by) WHERE deleted_by <> '';

CREATE TRIGGER action_follow_ups_changed_insert AFTER INSERT ON action_follow_ups BEGIN
	DELETE FROM changes WHERE kind = 'action_follow_up' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('action_follow_up', NEW.id);
END;
CREATE TRIGGER action_follow_ups_changed_update AFTER UPDATE ON action_follow_ups
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'action_follow_up' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('action_follow_up', NEW.id);
END;
CREATE TRIGGER action_follow_ups_base AFTER UPDATE OF updated ON action_follow_ups WHEN OLD.device <> NEW.device BEGIN
	INSERT INTO sync_base (kind, id, seen) VALUES ('action_follow_up', NEW.id, json_set(COALESCE(
		(SELECT seen FROM sync_base WHERE kind = 'action_follow_up' AND id = NEW.id), '{}'), '$."' || OLD.device || '"', OLD.updated))
	ON CONFLICT (kind, id) DO UPDATE SET seen = excluded.seen;
END;
