-- The identity of a session's acts (issue 13): the protocol number and date of the convocation letter
-- and of the verbale, as the office records them, and the verbale's number in its body's year, fixed
-- when the verbale is approved (0 until then: the documents count it from the body's sessions).
ALTER TABLE sessions ADD COLUMN convocation_protocol TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN convocation_date TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN verbale_protocol TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN verbale_date TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
