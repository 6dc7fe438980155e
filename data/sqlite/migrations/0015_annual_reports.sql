-- Relazione annuale consuntiva (issue 18): what the Ufficio di Piano writes itself into a year's report,
-- its introduction; the figures are counted from the records. One record a year, whose id every laptop
-- derives from the year, so that two laptops writing the same year's introduction edit one record and
-- the merge keeps the later.
CREATE TABLE annual_reports (
	id           TEXT PRIMARY KEY,
	created      TEXT NOT NULL,
	updated      TEXT NOT NULL,
	device       TEXT NOT NULL,
	deleted      INTEGER NOT NULL DEFAULT 0,
	year         INTEGER NOT NULL,
	introduction TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX annual_reports_year ON annual_reports (year);

CREATE TRIGGER annual_reports_changed_insert AFTER INSERT ON annual_reports BEGIN
	DELETE FROM changes WHERE kind = 'annual_report' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('annual_report', NEW.id);
END;
CREATE TRIGGER annual_reports_changed_update AFTER UPDATE ON annual_reports
	WHEN OLD.updated IS NOT NEW.updated OR OLD.device IS NOT NEW.device BEGIN
	DELETE FROM changes WHERE kind = 'annual_report' AND id = NEW.id;
	INSERT INTO changes (kind, id) VALUES ('annual_report', NEW.id);
END;
