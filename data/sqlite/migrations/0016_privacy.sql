-- Personal data as the law asks (issue 19).
--
-- people.erased: when the person's data were erased (GDPR art. 17), '' while they are held. An erased
-- person keeps a row, so that the records naming them (attendance, speeches, seats) stay whole, but the
-- row holds no name, contact or note any more: initials where a record keeps a trace of them, a neutral
-- placeholder otherwise. The erasure travels in bundles like any change and beats every version that is
-- not erased, whatever its time, so no laptop brings the values back.
--
-- ambito.privacy_*: the privacy notice printed on the attendance sheet and on a person's own record,
-- set per Ambito ('' takes the default the documents derive from the Ambito itself);
-- retention_months: how long the contact details of people who took part in nothing are kept (0: the
-- default, 24 months).
ALTER TABLE people ADD COLUMN erased TEXT NOT NULL DEFAULT '';
CREATE INDEX people_erased ON people (erased) WHERE erased <> '';

ALTER TABLE ambito ADD COLUMN privacy_controller TEXT NOT NULL DEFAULT '';
ALTER TABLE ambito ADD COLUMN privacy_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE ambito ADD COLUMN privacy_dpo TEXT NOT NULL DEFAULT '';
ALTER TABLE ambito ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 0;
