-- The copy for publication (issue 19): a person the secretary flags is named by initials only in the
-- copies of verbali and of the Documento di sintesi published at the albo pretorio, as a private citizen
-- (category cittadino) always is. 0 or 1; it travels in bundles like the other columns (a bundle from an
-- older Tavoli, without it, leaves the default or what is held).

ALTER TABLE people ADD COLUMN publish_initials INTEGER NOT NULL DEFAULT 0;

-- Every dossier lists the people named by initials (data.Dossier.Private): the few of thousands, found
-- without reading the others.
CREATE INDEX people_private ON people (id) WHERE category = 'cittadino' OR publish_initials <> 0;
