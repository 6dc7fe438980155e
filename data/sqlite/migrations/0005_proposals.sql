-- The Ufficio di Piano's work on the proposals: their history (every change of state, merge and split,
-- with when, who and why), the lineage of merges and splits, the district's priority list, the
-- validation votes that decide on it, how the consolidation weighs votes, and a full-text index that
-- ignores accents and case.

ALTER TABLE proposals ADD COLUMN split_from_id TEXT REFERENCES proposals(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE proposals ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX proposals_merged ON proposals (merged_into_id);
CREATE INDEX proposals_split ON proposals (split_from_id);

ALTER TABLE votes ADD COLUMN covers TEXT NOT NULL DEFAULT '[]'; -- JSON: proposals a validation vote decides on

ALTER TABLE ambito ADD COLUMN weighing TEXT NOT NULL DEFAULT 'tables';

CREATE TABLE proposal_events (
	id          TEXT PRIMARY KEY,
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	device      TEXT NOT NULL,
	deleted     INTEGER NOT NULL DEFAULT 0,
	proposal_id TEXT NOT NULL REFERENCES proposals(id) DEFERRABLE INITIALLY DEFERRED,
	at          TEXT NOT NULL,
	operator    TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	from_state  TEXT NOT NULL DEFAULT '',
	to_state    TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	vote_id     TEXT REFERENCES votes(id) DEFERRABLE INITIALLY DEFERRED,
	related_id  TEXT REFERENCES proposals(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX proposal_events_proposal ON proposal_events (proposal_id, at);

-- The search index: one row per proposal, keyed by the proposal's rowid, kept by triggers so that every
-- way of writing a proposal (the screens, the seed, a merge of bundles) keeps it right. The names of the
-- proposer and the organisation are indexed too, and follow renames.
CREATE VIRTUAL TABLE proposals_fts USING fts5(title, text, target_group, names,
	tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
	INSERT INTO proposals_fts (rowid, title, text, target_group, names) VALUES (new.rowid, new.title, new.text,
		new.target_group, coalesce((SELECT surname || ' ' || name FROM people WHERE id = new.proposer_id), '') || ' ' ||
		coalesce((SELECT name FROM organisations WHERE id = new.organisation_id), ''));
END;
CREATE TRIGGER proposals_fts_update AFTER UPDATE OF title, text, target_group, proposer_id, organisation_id ON proposals BEGIN
	DELETE FROM proposals_fts WHERE rowid = old.rowid;
	INSERT INTO proposals_fts (rowid, title, text, target_group, names) VALUES (new.rowid, new.title, new.text,
		new.target_group, coalesce((SELECT surname || ' ' || name FROM people WHERE id = new.proposer_id), '') || ' ' ||
		coalesce((SELECT name FROM organisations WHERE id = new.organisation_id), ''));
END;
CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
	DELETE FROM proposals_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER proposals_fts_person AFTER UPDATE OF surname, name ON people BEGIN
	UPDATE proposals SET proposer_id = proposer_id WHERE proposer_id = new.id;
END;
CREATE TRIGGER proposals_fts_organisation AFTER UPDATE OF name ON organisations BEGIN
	UPDATE proposals SET organisation_id = organisation_id WHERE organisation_id = new.id;
END;

INSERT INTO proposals_fts (rowid, title, text, target_group, names)
	SELECT p.rowid, p.title, p.text, p.target_group,
		coalesce(pe.surname || ' ' || pe.name, '') || ' ' || coalesce(o.name, '')
	FROM proposals p LEFT JOIN people pe ON pe.id = p.proposer_id LEFT JOIN organisations o ON o.id = p.organisation_id;
