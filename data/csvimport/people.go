package csvimport

import (
	"slices"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// People turns the rows into people through m, one field per column; columns m does not cover are
// ignored. Values are trimmed; a field mapped to two columns ("Nome" and "Secondo nome", "Note" and
// "Note 2") gets both values, joined.
//
// A row with nothing in the mapped columns is skipped: lists often carry a running number down rows
// nobody filled. Any other row needs a surname; the first that lacks one refuses the whole file
// with its line, as Read does.
func (t *Table) People(m Mapping) ([]data.PersonImport, error) {
	if !slices.Contains(m, FieldSurname) {
		return nil, data.Errorf(data.EInvalid, "err.csv.no_name_column")
	}
	people := make([]data.PersonImport, 0, len(t.Rows))
	for i, row := range t.Rows {
		v := values(m, row)
		if len(v) == 0 {
			continue
		}
		p := data.PersonImport{
			Line:         t.Lines[i],
			Surname:      v[FieldSurname],
			Name:         v[FieldName],
			Organisation: v[FieldOrganisation],
			Category:     v[FieldCategory],
			Comune:       v[FieldComune],
			Email:        v[FieldEmail],
			Phone:        v[FieldPhone],
			Notes:        v[FieldNotes],
			Title:        v[FieldTitle],
			Gender:       v[FieldGender],
		}
		switch {
		case p.Surname == "" && p.Name == "":
			return nil, data.Errorf(data.EInvalid, "err.csv.row_no_name", "line", p.Line)
		case p.Surname == "":
			return nil, data.Errorf(data.EInvalid, "err.csv.row_no_surname", "line", p.Line, "name", p.Name)
		}
		people = append(people, p)
	}
	if len(people) == 0 {
		return nil, data.Errorf(data.EInvalid, "err.csv.header_only")
	}
	return people, nil
}

// values collects the row's non-blank, trimmed values by field.
func values(m Mapping, row []string) map[Field]string {
	v := map[Field]string{}
	for c, f := range m {
		if f == FieldIgnore || c >= len(row) {
			continue
		}
		s := strings.TrimSpace(row[c])
		if s == "" {
			continue
		}
		if prev, ok := v[f]; ok {
			s = prev + joiner(f) + s
		}
		v[f] = s
	}
	return v
}

// joiner separates two columns' values in one field: notes are separate remarks, the rest are
// parts of one value.
func joiner(f Field) string {
	if f == FieldNotes {
		return "; "
	}
	return " "
}
