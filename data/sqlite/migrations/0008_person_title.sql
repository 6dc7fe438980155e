-- Italian wording (issue 13): a person's title and gender, which documents agree words with and name
-- mayors by, and the act a delegation was given by. New columns travel in bundles like the others.
--
-- gender: '' not recorded, 'f', 'm' (data.Gender; no CHECK, like the other coded columns, so that a
-- bundle from a newer Tavoli that knows more values is not refused whole). title: free text ("Sindaca",
-- "Assessora alle politiche sociali"), also searched: people.search folds it in from now on (a person
-- saved before has no title to fold).

ALTER TABLE people ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN gender TEXT NOT NULL DEFAULT '';

ALTER TABLE attendance ADD COLUMN delegation_act TEXT NOT NULL DEFAULT '';
