package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// errPreview rolls back a dry run.
var errPreview = errors.New("preview")

// ImportPeople brings rows read from a file into the register. A row with the same surname, name and
// email (ignoring case and accents) as a registered person updates that person (so does a row with the
// same name when one of the two has no email and no one else has that name), filling in what the file
// says and keeping what it leaves blank; other rows add people. Organisations are matched by name and
// created when unknown; an unknown category becomes "altro"; an unknown comune is kept as text; each is
// flagged. Without opt.Apply nothing is written and the report says what would happen; with it every
// row is written or, at the first invalid one, none. opt.Progress hears of every row.
func (s *Store) ImportPeople(ctx context.Context, rows []data.PersonImport, opt data.ImportOptions) (data.ImportReport, error) {
	var rep data.ImportReport
	run := func(tx *sql.Tx) error {
		var err error
		rep, err = s.importPeople(ctx, tx, rows, opt.Progress)
		if err != nil {
			return err
		}
		if !opt.Apply {
			return errPreview
		}
		rep.Applied = true
		return nil
	}
	err := s.write(ctx, run)
	if errors.Is(err, errPreview) {
		err = nil
	}
	return rep, err
}

func (s *Store) importPeople(ctx context.Context, tx *sql.Tx, rows []data.PersonImport, progress func(done, total int)) (data.ImportReport, error) {
	var rep data.ImportReport
	k := newKeyer()
	comuni, err := comuneIndex(ctx, tx)
	if err != nil {
		return rep, err
	}
	orgs := map[string]string{} // folded name -> id
	// live are the ids of the comuni and organisations read live in this transaction or made by it.
	live := map[string]bool{}
	for id := range comuni.names {
		live[id] = true
	}
	list, err := tx.QueryContext(ctx, `SELECT id, name FROM organisations WHERE deleted = 0`)
	if err != nil {
		return rep, err
	}
	for list.Next() {
		var id, name string
		if err := list.Scan(&id, &name); err != nil {
			list.Close()
			return rep, err
		}
		orgs[data.Fold(strings.Join(strings.Fields(name), " "))] = id
		live[id] = true
	}
	if err := errors.Join(list.Err(), list.Close()); err != nil {
		return rep, err
	}
	inFile := map[string]bool{}
	q := newStmtCache(tx) // the same lookups and writes for every row

	for _, row := range rows {
		res := data.ImportRowResult{Line: row.Line}
		cat, known := data.ParseCategory(row.Category)
		if !known {
			res.Flags = append(res.Flags, data.FlagUnknownCategory)
		}
		p := data.Person{Surname: row.Surname, Name: row.Name, Category: cat, Email: strings.TrimSpace(row.Email),
			Phone: row.Phone, Notes: row.Notes, Title: row.Title}
		if g, ok := data.ParseGender(row.Gender); ok {
			p.Gender = g
		} else {
			res.Flags = append(res.Flags, data.FlagUnknownGender)
		}
		if c := strings.TrimSpace(row.Comune); c != "" {
			if id, ok := comuni.find(c); ok {
				p.ComuneID = id
			} else {
				p.ComuneText = c
				res.Flags = append(res.Flags, data.FlagUnknownComune)
			}
		}
		if o := strings.Join(strings.Fields(row.Organisation), " "); o != "" {
			id, ok := orgs[data.Fold(o)]
			if !ok {
				org := data.Organisation{Name: o, Category: cat, ComuneID: p.ComuneID}
				if err := org.Validate(); err != nil {
					return rep, lineError(row.Line, err)
				}
				if err := s.saveOrganisation(ctx, q, k, &org); err != nil {
					return rep, lineError(row.Line, err)
				}
				id = org.ID
				orgs[data.Fold(o)] = id
				live[id] = true
				rep.NewOrganisations++
				res.Flags = append(res.Flags, data.FlagNewOrganisation)
			}
			p.OrganisationID = id
		}
		p = tidyPerson(p)
		if err := p.Validate(); err != nil {
			return rep, lineError(row.Line, err)
		}
		key := matchKey(p.Surname, p.Name, p.Email)
		if inFile[key] {
			res.Flags = append(res.Flags, data.FlagDuplicateInFile)
		}
		inFile[key] = true

		cur, found, err := registered(ctx, q, key, p)
		if err != nil {
			return rep, err
		}
		res.Outcome = data.ImportNew
		if found {
			merged := mergeImport(cur, p, known)
			if merged == cur {
				res.Outcome = data.ImportUnchanged
			} else {
				res.Outcome = data.ImportUpdated
			}
			p = merged
		}
		if res.Outcome != data.ImportUnchanged {
			if err := s.saveRow(ctx, q, k, &p, live); err != nil {
				return rep, lineError(row.Line, err)
			}
		}
		res.PersonID, res.FullName, res.Category = p.ID, p.FullName(), p.Category
		res.Comune = comuni.names[p.ComuneID]
		if res.Comune == "" {
			res.Comune = p.ComuneText
		}
		switch {
		case hasFlag(res.Flags, data.FlagDuplicateInFile):
			rep.Duplicates++
		case res.Outcome == data.ImportNew:
			rep.New++
		case res.Outcome == data.ImportUpdated:
			rep.Updated++
		default:
			rep.Unchanged++
		}
		if len(res.Flags) > 0 {
			rep.Flagged++
		}
		rep.Rows = append(rep.Rows, res)
		if progress != nil {
			progress(len(rep.Rows), len(rows))
		}
	}
	return rep, nil
}

// saveRow writes an imported person. When its comune and organisation are among those the import read
// live or made (live), savePerson's check that they exist would be two queries per row for nothing;
// a registered person's own references, which the file leaves as they are, are checked as usual.
func (s *Store) saveRow(ctx context.Context, q querier, k *keyer, p *data.Person, live map[string]bool) error {
	if (p.ComuneID == "" || live[p.ComuneID]) && (p.OrganisationID == "" || live[p.OrganisationID]) {
		return s.save(ctx, q, data.KindPerson, &p.Meta, personCols(*p, k))
	}
	return s.savePerson(ctx, q, k, p)
}

// mergeImport is the registered person cur updated with what the file says: blank fields in the file
// keep the register's value, and an unknown category keeps the registered one.
func mergeImport(cur, in data.Person, categoryKnown bool) data.Person {
	out := cur
	out.Surname, out.Name = in.Surname, in.Name
	if categoryKnown && in.Category != data.CatAltro {
		out.Category = in.Category
	}
	if in.OrganisationID != "" {
		out.OrganisationID = in.OrganisationID
	}
	if in.ComuneID != "" || in.ComuneText != "" {
		out.ComuneID, out.ComuneText = in.ComuneID, in.ComuneText
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&out.Email, in.Email}, {&out.Phone, in.Phone}, {&out.Notes, in.Notes}, {&out.Title, in.Title}} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	if in.Gender != data.GenderUnknown {
		out.Gender = in.Gender
	}
	return out
}

// byMatch asks the register, in one statement, the two questions an import asks of every row: which
// live person has the row's whole key (the first registered, when two laptops registered the same
// person), and which live people have a key that starts with its surname and name (two are enough to
// know whether there is exactly one). Both go through the people_live_match index, or each row would
// read the whole register (TestImportLookupUsesIndex); and both read the person alone, without the
// names of the organisation and comune (blank here), which merging does not need.
var byMatch = `SELECT 1, * FROM (SELECT ` + metaCols("p") + `, ` + personColumns + `, '', '' FROM people p
		WHERE p.deleted = 0 AND p.match_key = ? ORDER BY p.created, p.id LIMIT 1)
	UNION ALL SELECT 2, * FROM (SELECT ` + metaCols("p") + `, ` + personColumns + `, '', '' FROM people p
		WHERE p.deleted = 0 AND p.match_key >= ? AND p.match_key < ? LIMIT 2)`

// registered finds the registered person a row with this key means: the one with the same surname,
// name and email; else, when one of the two has no email, the only live person with the same surname
// and name. Offices often keep a list without addresses; with two people of the same name and no
// email to tell them apart, the row is new.
func registered(ctx context.Context, tx querier, key string, p data.Person) (data.Person, bool, error) {
	prefix := matchKey(p.Surname, p.Name, "")
	rows, err := tx.QueryContext(ctx, byMatch, key, prefix, prefix+"\U0010FFFF")
	if err != nil {
		return data.Person{}, false, err
	}
	defer rows.Close()
	var same *data.Person
	var sameName []data.Person
	for rows.Next() {
		var part int
		v, err := scanPerson(scanAfter{rows, &part})
		if err != nil {
			return data.Person{}, false, err
		}
		if part == 1 {
			same = &v.Person
		} else {
			sameName = append(sameName, v.Person)
		}
	}
	if err := rows.Err(); err != nil {
		return data.Person{}, false, err
	}
	switch {
	case same != nil:
		return *same, true, nil
	case len(sameName) != 1 || (p.Email != "" && sameName[0].Email != ""):
		return data.Person{}, false, nil
	}
	return sameName[0], true, nil
}

// scanAfter scans a row whose first column goes to first, and the others where Scan says.
type scanAfter struct {
	rows  *sql.Rows
	first any
}

func (s scanAfter) Scan(dest ...any) error {
	return s.rows.Scan(append([]any{s.first}, dest...)...)
}

// comuniIndex finds comuni by name (ignoring case, accents and a leading "Comune di") or ISTAT code.
type comuniIndex struct {
	ids   map[string]string
	names map[string]string
}

func comuneIndex(ctx context.Context, tx *sql.Tx) (comuniIndex, error) {
	ix := comuniIndex{ids: map[string]string{}, names: map[string]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, istat FROM comuni WHERE deleted = 0`)
	if err != nil {
		return ix, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name, istat string
		if err := rows.Scan(&id, &name, &istat); err != nil {
			return ix, err
		}
		ix.ids[comuneKey(name)] = id
		if istat != "" {
			ix.ids[istat] = id
		}
		ix.names[id] = name
	}
	return ix, rows.Err()
}

func (ix comuniIndex) find(s string) (string, bool) {
	id, ok := ix.ids[comuneKey(s)]
	if !ok {
		id, ok = ix.ids[strings.TrimSpace(s)]
	}
	return id, ok
}

// comuneKey folds a comune's name for matching: "Comune di Città della Pieve" and "citta della pieve"
// are the same.
func comuneKey(s string) string {
	f := strings.Join(strings.Fields(data.Fold(s)), " ")
	f = strings.TrimPrefix(f, "comune di ")
	return strings.ReplaceAll(f, "’", "'")
}

func lineError(line int, err error) error {
	return data.Errorf(data.EInvalid, "err.import.row", "line", line).Wrap(err)
}

func hasFlag(flags []data.ImportFlag, f data.ImportFlag) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}
