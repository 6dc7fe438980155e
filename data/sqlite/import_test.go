package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// importRegistry is the registry with two more people whose names carry accents, one with an email.
func importRegistry(t *testing.T) (r *registry, anzani, eboli data.Person) {
	t.Helper()
	ctx := context.Background()
	r = newRegistry(t)
	anzani, err := r.s.SavePerson(ctx, data.Person{Surname: "Ànzani", Name: "Luca", Category: data.CatCittadino,
		Email: "luca.anzani@example.org"})
	must(t, "SavePerson", err)
	eboli, err = r.s.SavePerson(ctx, data.Person{Surname: "Éboli", Name: "Ugo"})
	must(t, "SavePerson", err)
	return r, anzani, eboli
}

// importFile is a file of people as an office would send it: people already registered, written
// another way or with blanks; new people with comuni and organisations written in several ways.
var importFile = []data.PersonImport{
	{Line: 2, Surname: "Rossi", Name: "Maria Grazia", Email: "maria.rossi@example.org", Notes: "referente per il distretto"},
	{Line: 3, Surname: "Bianchi", Name: "Teresa", Email: "teresa.bianchi@example.org", Category: "Cooperativa sociale",
		Comune: "Magione", Organisation: "Cooperativa sociale Il Girasole"},
	{Line: 4, Surname: "Mencarelli", Name: "Niccolò", Email: "niccolo@example.org", Category: "Comune",
		Comune: "Comune di Magione", Organisation: "Comune di Magione"},
	{Line: 5, Surname: "Gori", Name: "Federico", Category: "cooperativa sociale", Comune: "054012",
		Organisation: "Cooperativa sociale Tra le Torri"},
	{Line: 6, Surname: "Capaccioni", Name: "Elisa", Category: "coop", Comune: "magione",
		Organisation: "  cooperativa sociale  IL GIRASOLE "},
	{Line: 7, Surname: "Popescu", Name: "Ioana", Category: "mediatrice culturale", Comune: "Perugia",
		Organisation: "Associazione Stranieri Insieme"},
	{Line: 8, Surname: "Pucci", Name: "Matteo", Organisation: "associazione stranieri insieme"},
	{Line: 9, Surname: "Mencarelli", Name: "Niccolò", Email: "niccolo@example.org", Category: "Comune",
		Comune: "Comune di Magione", Organisation: "Comune di Magione"},
	{Line: 10, Surname: "D'Angelo", Name: "Rosa", Phone: "333 1234567", Category: "Sindacato"},
	{Line: 11, Surname: "Lupi", Name: "Andrea", Comune: "Comune di Città della Pieve"},
	{Line: 12, Surname: "Ànzani", Name: "Luca", Email: "Luca.Anzani@Example.org", Phone: "075 111"},
	{Line: 13, Surname: "Eboli", Name: "Ugo", Phone: "075 222"},
}

// rowResult is what a test expects of one row of the report.
type rowResult struct {
	outcome  data.ImportOutcome
	flags    []data.ImportFlag
	fullName string
	category data.Category
	comune   string
}

func rowResults(rep data.ImportReport) map[int]rowResult {
	out := map[int]rowResult{}
	for _, r := range rep.Rows {
		out[r.Line] = rowResult{r.Outcome, r.Flags, r.FullName, r.Category, r.Comune}
	}
	return out
}

func TestImportPeople(t *testing.T) {
	ctx := context.Background()
	r, anzani, eboli := importRegistry(t)
	people := func() int {
		list, err := r.s.People(ctx, data.PeopleFilter{})
		must(t, "People", err)
		return len(list)
	}
	before, saved, count := totalRows(t, r.s), r.s.LastSaved(), people()

	preview, err := r.s.ImportPeople(ctx, importFile, data.ImportOptions{})
	must(t, "ImportPeople(preview)", err)
	if after := totalRows(t, r.s); after != before || !r.s.LastSaved().Equal(saved) || people() != count {
		t.Fatalf("after a preview: records %s, LastSaved %v, %d people; want %s, %v, %d (nothing written)",
			after, r.s.LastSaved(), people(), before, saved, count)
	}
	rep, err := r.s.ImportPeople(ctx, importFile, data.ImportOptions{Apply: true})
	must(t, "ImportPeople(apply)", err)
	if !r.s.LastSaved().After(saved) {
		t.Errorf("LastSaved() after an import = %v, want after %v", r.s.LastSaved(), saved)
	}

	const (
		newRow    = data.ImportNew
		updated   = data.ImportUpdated
		unchanged = data.ImportUnchanged
	)
	newOrg, dup := data.FlagNewOrganisation, data.FlagDuplicateInFile
	want := map[int]rowResult{
		2:  {updated, nil, "Rossi Maria Grazia", data.CatASL, "Città della Pieve"},
		3:  {unchanged, nil, "Bianchi Teresa", data.CatCooperativa, "Magione"},
		4:  {newRow, []data.ImportFlag{newOrg}, "Mencarelli Niccolò", data.CatComune, "Magione"},
		5:  {newRow, []data.ImportFlag{newOrg}, "Gori Federico", data.CatCooperativa, "Città della Pieve"},
		6:  {newRow, nil, "Capaccioni Elisa", data.CatCooperativa, "Magione"},
		7:  {newRow, []data.ImportFlag{data.FlagUnknownCategory, data.FlagUnknownComune, newOrg}, "Popescu Ioana", data.CatAltro, "Perugia"},
		8:  {newRow, nil, "Pucci Matteo", data.CatAltro, ""},
		9:  {unchanged, []data.ImportFlag{dup}, "Mencarelli Niccolò", data.CatComune, "Magione"},
		10: {updated, nil, "D'Angelo Rosa", data.CatSindacato, "Castiglione del Lago"},
		11: {newRow, nil, "Lupi Andrea", data.CatAltro, "Città della Pieve"},
		12: {updated, nil, "Ànzani Luca", data.CatCittadino, ""},
		13: {updated, nil, "Eboli Ugo", data.CatAltro, ""},
	}
	for name, got := range map[string]data.ImportReport{"preview": preview, "apply": rep} {
		results := rowResults(got)
		for line, w := range want {
			g := results[line]
			if g.outcome != w.outcome || !slices.Equal(g.flags, w.flags) || g.fullName != w.fullName ||
				g.category != w.category || g.comune != w.comune {
				t.Errorf("ImportPeople(%s) line %d = %+v, want %+v", name, line, g, w)
			}
		}
		sums := fmt.Sprintf("rows %d, new %d, updated %d, unchanged %d, duplicates %d, new organisations %d, flagged %d, applied %v",
			len(got.Rows), got.New, got.Updated, got.Unchanged, got.Duplicates, got.NewOrganisations, got.Flagged, got.Applied)
		wantSums := fmt.Sprintf("rows 12, new 6, updated 4, unchanged 1, duplicates 1, new organisations 3, flagged 4, applied %v",
			name == "apply")
		if sums != wantSums {
			t.Errorf("ImportPeople(%s) = %s, want %s", name, sums, wantSums)
		}
	}

	// Registered people were updated in place, matched whatever the case and accents.
	results := map[int]string{}
	for _, row := range rep.Rows {
		results[row.Line] = row.PersonID
	}
	for line, id := range map[int]string{2: r.rossi.ID, 3: r.bianchi.ID, 10: r.dangelo.ID, 12: anzani.ID, 13: eboli.ID, 9: results[4]} {
		if results[line] != id {
			t.Errorf("line %d imported into person %q, want %q", line, results[line], id)
		}
	}
	if n := people(); n != count+6 {
		t.Errorf("People() after the import = %d, want %d", n, count+6)
	}

	person := func(id string) data.PersonView {
		p, err := r.s.Person(ctx, id)
		must(t, "Person", err)
		return p
	}
	for _, tc := range []struct {
		line int
		want string
	}{
		// Blank fields in the file keep what the register holds.
		{2, "Rossi Maria Grazia|asl|USL Umbria 1|Città della Pieve||maria.rossi@example.org|075 950 0001|referente per il distretto"},
		{4, "Mencarelli Niccolò|comune|Comune di Magione|Magione||niccolo@example.org||"},
		{5, "Gori Federico|cooperativa_sociale|Cooperativa sociale Tra le Torri|Città della Pieve||||"},
		{6, "Capaccioni Elisa|cooperativa_sociale|Cooperativa sociale Il Girasole|Magione||||"},
		{7, "Popescu Ioana|altro|Associazione Stranieri Insieme||Perugia|||"},
		{8, "Pucci Matteo|altro|Associazione Stranieri Insieme|||||"},
		{10, "D'Angelo Rosa|sindacato||Castiglione del Lago|||333 1234567|"},
		{12, "Ànzani Luca|cittadino||||Luca.Anzani@Example.org|075 111|"},
		{13, "Eboli Ugo|altro|||||075 222|"},
	} {
		p := person(results[tc.line])
		got := fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", p.FullName(), p.Category, p.OrganisationName, p.ComuneName,
			p.ComuneText, p.Email, p.Phone, p.Notes)
		if got != tc.want {
			t.Errorf("person of line %d = %s, want %s", tc.line, got, tc.want)
		}
	}

	// The organisations the file named were created once each.
	orgs, err := r.s.Organisations(ctx, "")
	must(t, "Organisations", err)
	var got []string
	for _, o := range orgs {
		got = append(got, fmt.Sprintf("%s (%s, %s, %d)", o.Name, o.Category, o.ComuneName, o.People))
	}
	wantOrgs := []string{"Associazione Stranieri Insieme (altro, , 2)", "Comune di Magione (comune, Magione, 1)",
		"Cooperativa sociale Il Girasole (cooperativa_sociale, Magione, 2)",
		"Cooperativa sociale Tra le Torri (cooperativa_sociale, Città della Pieve, 1)", "USL Umbria 1 (asl, , 1)"}
	if !slices.Equal(got, wantOrgs) {
		t.Errorf("Organisations() after the import = %q, want %q", got, wantOrgs)
	}

	// The same file again changes nothing.
	before = totalRows(t, r.s)
	again, err := r.s.ImportPeople(ctx, importFile, data.ImportOptions{Apply: true})
	must(t, "ImportPeople(again)", err)
	if again.New != 0 || again.Updated != 0 || again.Unchanged != 11 || again.Duplicates != 1 || again.NewOrganisations != 0 {
		t.Errorf("ImportPeople(same file again) = new %d, updated %d, unchanged %d, duplicates %d, new organisations %d; want 0, 0, 11, 1, 0",
			again.New, again.Updated, again.Unchanged, again.Duplicates, again.NewOrganisations)
	}
	if after := totalRows(t, r.s); after != before {
		t.Errorf("records after importing the same file again = %s, want %s", after, before)
	}
}

// TestImportPeopleInvalidRow imports a file with a bad email on one line: the whole file is refused,
// with the line, and nothing is written.
func TestImportPeopleInvalidRow(t *testing.T) {
	ctx := context.Background()
	rows := []data.PersonImport{
		{Line: 2, Surname: "Lupi", Name: "Andrea", Organisation: "Pro Loco Paciano", Comune: "Paciano"},
		{Line: 3, Surname: "Rossi", Name: "Maria Grazia", Email: "maria.rossi@example.org", Notes: "cambiata"},
		{Line: 4, Surname: "Nardi", Name: "Beatrice", Email: "beatrice.nardi@"},
		{Line: 5, Surname: "Tiberi", Name: "Marcello"},
	}
	for _, apply := range []bool{false, true} {
		t.Run(fmt.Sprintf("apply=%v", apply), func(t *testing.T) {
			r := newRegistry(t)
			before, saved := totalRows(t, r.s), r.s.LastSaved()
			_, err := r.s.ImportPeople(ctx, rows, data.ImportOptions{Apply: apply})
			wantErr(t, fmt.Sprintf("ImportPeople(apply %v)", apply), err, data.EInvalid, "err.import.row")
			if e := data.AsError(err); e == nil || e.Args["line"] != 4 {
				t.Errorf("ImportPeople error = %v, want line 4", err)
			}
			if cause := data.AsError(errors.Unwrap(err)); cause == nil || cause.Key != "err.person.email" {
				t.Errorf("ImportPeople error cause = %v, want err.person.email", errors.Unwrap(err))
			}
			if after := totalRows(t, r.s); after != before || !r.s.LastSaved().Equal(saved) {
				t.Errorf("after a refused import: records %s, LastSaved %v; want %s, %v", after, r.s.LastSaved(), before, saved)
			}
		})
	}
}

// TestImportPeopleComune finds a row's comune by name, whatever the case, accents, spaces and a leading
// "Comune di", or by ISTAT code; anything else is kept as text and flagged.
func TestImportPeopleComune(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	for _, tc := range []struct {
		comune string
		want   string // the comune matched, or the text kept
		known  bool
	}{
		{"Magione", "Magione", true},
		{"MAGIONE", "Magione", true},
		{"  magione ", "Magione", true},
		{"Comune di Magione", "Magione", true},
		{"COMUNE DI  MAGIONE", "Magione", true},
		{"054026", "Magione", true},
		{" 054026 ", "Magione", true},
		{"Città della Pieve", "Città della Pieve", true},
		{"citta della pieve", "Città della Pieve", true},
		{"Comune di Città della Pieve", "Città della Pieve", true},
		{"054012", "Città della Pieve", true},
		{"Perugia", "Perugia", false},
		{"Comune di Perugia", "Comune di Perugia", false},
		{"054039", "054039", false},
		{"Magione (PG)", "Magione (PG)", false},
	} {
		rep, err := r.s.ImportPeople(ctx, []data.PersonImport{{Line: 2, Surname: "Lupi", Comune: tc.comune}}, data.ImportOptions{})
		must(t, "ImportPeople", err)
		if len(rep.Rows) != 1 {
			t.Fatalf("ImportPeople(1 row) = %d rows", len(rep.Rows))
		}
		row := rep.Rows[0]
		flagged := slices.Contains(row.Flags, data.FlagUnknownComune)
		if row.Comune != tc.want || flagged == tc.known {
			t.Errorf("ImportPeople(comune %q) = %q, flagged %v; want %q, flagged %v", tc.comune, row.Comune, flagged, tc.want, !tc.known)
		}
	}
}

// A file's title and gender columns reach the register; a gender word nobody knows is flagged and left
// not recorded, and a blank keeps what the register holds.
func TestImportPeopleTitleAndGender(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	rows := []data.PersonImport{
		{Line: 2, Surname: "Bellucci", Name: "Federica", Title: "Sindaca", Gender: "F"},
		{Line: 3, Surname: "Rossi", Name: "Mario", Gender: "Uomo"},
		{Line: 4, Surname: "Verdi", Name: "Anna", Gender: "x"},
		{Line: 5, Surname: "Bianchi", Name: "Teresa", Email: "teresa.bianchi@example.org"},
	}
	_, err := r.s.SavePerson(ctx, data.Person{Meta: r.bianchi.Meta, Surname: r.bianchi.Surname, Name: r.bianchi.Name,
		Category: r.bianchi.Category, OrganisationID: r.bianchi.OrganisationID, ComuneID: r.bianchi.ComuneID,
		Email: r.bianchi.Email, Title: "Presidente", Gender: data.GenderFemminile})
	must(t, "SavePerson(Bianchi)", err)
	rep, err := r.s.ImportPeople(ctx, rows, data.ImportOptions{Apply: true})
	must(t, "ImportPeople", err)
	want := map[string]struct {
		title  string
		gender data.Gender
	}{
		"Bellucci Federica": {"Sindaca", data.GenderFemminile},
		"Rossi Mario":       {"", data.GenderMaschile},
		"Verdi Anna":        {"", data.GenderUnknown},
		"Bianchi Teresa":    {"Presidente", data.GenderFemminile},
	}
	for _, row := range rep.Rows {
		p, err := r.s.Person(ctx, row.PersonID)
		must(t, "Person", err)
		w, ok := want[p.FullName()]
		if !ok {
			t.Errorf("import made %q", p.FullName())
			continue
		}
		if p.Title != w.title || p.Gender != w.gender {
			t.Errorf("imported %s: title, gender = %q, %q, want %q, %q", p.FullName(), p.Title, p.Gender, w.title, w.gender)
		}
		if flagged := slices.Contains(row.Flags, data.FlagUnknownGender); flagged != (row.Line == 4) {
			t.Errorf("line %d flags = %v, want unknown_gender only on line 4", row.Line, row.Flags)
		}
	}
}
