package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestImportLookupUsesIndex checks SQLite's plan for the import's lookup: both its parts must search
// the people_live_match index, not read every live person through another one (issue 16: 20,000 rows
// took minutes, growing with the square of the file).
func TestImportLookupUsesIndex(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+byMatch, "rossi|mario|mario@example.org",
		"rossi|mario|", "rossi|mario|\U0010FFFF")
	must(t, "EXPLAIN QUERY PLAN", err)
	defer rows.Close()
	var plan []string
	searches := 0
	for rows.Next() {
		var id, parent, unused int
		var detail string
		must(t, "Scan", rows.Scan(&id, &parent, &unused, &detail))
		plan = append(plan, detail)
		switch {
		case strings.HasPrefix(detail, "SEARCH p USING INDEX people_live_match (deleted=? AND match_key"):
			searches++
		case strings.Contains(detail, " p "):
			searches = -100 // p read any other way
		}
	}
	must(t, "rows", rows.Err())
	if searches != 2 {
		t.Errorf("plan of the import's lookup = %q, want both parts to search people_live_match on deleted and match_key", plan)
	}
}

// TestImportPeopleProgress checks that the progress callback hears of every row, in order, up to the
// total, in a preview as in an import.
func TestImportPeopleProgress(t *testing.T) {
	ctx := context.Background()
	var rows []data.PersonImport
	for i := range 25 {
		rows = append(rows, data.PersonImport{Line: i + 2, Surname: fmt.Sprintf("Cognome%02d", i), Name: "Nome"})
	}
	for _, apply := range []bool{false, true} {
		t.Run(fmt.Sprintf("apply=%v", apply), func(t *testing.T) {
			s := openTest(t)
			var got []string
			rep, err := s.ImportPeople(ctx, rows, data.ImportOptions{Apply: apply, Progress: func(done, total int) {
				got = append(got, fmt.Sprintf("%d/%d", done, total))
			}})
			must(t, "ImportPeople", err)
			if rep.New != len(rows) {
				t.Fatalf("ImportPeople = %d new, want %d", rep.New, len(rows))
			}
			var want []string
			for i := range rows {
				want = append(want, fmt.Sprintf("%d/%d", i+1, len(rows)))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("ImportPeople progress = %v, want %v", got, want)
			}
		})
	}
}

// TestImportPeopleTooLong refuses a file whose row has a field over its limit, with the line and the
// field, and writes nothing, not even the organisation an earlier row or the same row brings.
func TestImportPeopleTooLong(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		row   data.PersonImport
		field data.Field
	}{
		{"a 1 MB surname", data.PersonImport{Surname: strings.Repeat("Rossi", 1<<18), Name: "Mario"}, data.FieldSurname},
		{"notes", data.PersonImport{Surname: "Rossi", Notes: strings.Repeat("nota ", 401)}, data.FieldNotes},
		{"organisation", data.PersonImport{Surname: "Rossi", Organisation: strings.Repeat("Ente ", 41)}, data.FieldOrganisation},
		{"town", data.PersonImport{Surname: "Rossi", Comune: strings.Repeat("Perugia ", 13), Organisation: "Ente nuovo"}, data.FieldComune},
	}
	for _, tt := range tests {
		for _, apply := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s apply=%v", tt.name, apply), func(t *testing.T) {
				r := newRegistry(t)
				before, saved := totalRows(t, r.s), r.s.LastSaved()
				row := tt.row
				row.Line = 3
				rows := []data.PersonImport{{Line: 2, Surname: "Lupi", Organisation: "Pro Loco Paciano"}, row}
				_, err := r.s.ImportPeople(ctx, rows, data.ImportOptions{Apply: apply})
				wantErr(t, "ImportPeople", err, data.EInvalid, "err.import.row")
				if e := data.AsError(err); e == nil || e.Args["line"] != 3 {
					t.Errorf("ImportPeople error = %.300v, want line 3", err)
				}
				if cause := data.AsError(errors.Unwrap(err)); cause == nil || cause.Key != "err.too_long" || cause.Args["field"] != tt.field {
					t.Errorf("ImportPeople error cause = %.300v, want err.too_long for %s", errors.Unwrap(err), tt.field)
				}
				if after := totalRows(t, r.s); after != before || !r.s.LastSaved().Equal(saved) {
					t.Errorf("after a refused import: records %s, LastSaved %v; want %s, %v", after, r.s.LastSaved(), before, saved)
				}
			})
		}
	}
}
