-- One person, one record, across laptops (issue 16). The same person or organisation created on two
-- laptops is joined: the record that loses (the later created) stays, deleted, as an alias of the one
-- that stands, named in alias_of, so that what still points to it (a register of an approved session,
-- a record from a laptop that has not heard of the join yet) reaches the one record, and the join can
-- be undone. '' on every other record.
ALTER TABLE people ADD COLUMN alias_of TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN alias_of TEXT NOT NULL DEFAULT '';
CREATE INDEX people_alias ON people (alias_of) WHERE alias_of <> '';
CREATE INDEX organisations_alias ON organisations (alias_of) WHERE alias_of <> '';
