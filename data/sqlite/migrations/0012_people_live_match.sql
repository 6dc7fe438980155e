-- Importing people looks each row up among live people by match_key: the exact key, then every key of
-- the same surname and name (issue 16). With people_match (match_key) and people_sort (deleted,
-- sort_key) to choose from, SQLite took people_sort for "deleted = 0 AND match_key >= ? AND match_key
-- < ?", the equality beating the range: every live person was read for every new row, and an import
-- slowed with the square of the file (20,000 rows: 89 s). One index on both columns answers both
-- lookups, and replaces people_match, which only the import used.

CREATE INDEX people_live_match ON people (deleted, match_key);
DROP INDEX people_match;
