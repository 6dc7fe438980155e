package data_test

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// validator is a record that checks its own rules.
type validator interface{ Validate() error }

// TestTextLimits checks each limited field at its limit and one character over, counting characters
// rather than bytes, and that the refusal names the field and the limit, not the value.
func TestTextLimits(t *testing.T) {
	email := func(n int) string { return strings.Repeat("a", n-len("@example.org")) + "@example.org" }
	person := func(f func(*data.Person)) validator {
		p := data.Person{Surname: "Rossi", Name: "Mario", Category: data.CatComune}
		f(&p)
		return p
	}
	org := func(f func(*data.Organisation)) validator {
		o := data.Organisation{Name: "Caritas", Category: data.CatAssociazione}
		f(&o)
		return o
	}
	tests := []struct {
		name  string
		field data.Field
		max   int
		make  func(s string) validator
		text  func(n int) string
	}{
		{"surname", data.FieldSurname, 100, func(s string) validator { return person(func(p *data.Person) { p.Surname = s }) }, nil},
		{"name", data.FieldName, 100, func(s string) validator { return person(func(p *data.Person) { p.Name = s }) }, nil},
		{"title", data.FieldTitle, 200, func(s string) validator { return person(func(p *data.Person) { p.Title = s }) }, nil},
		{"email", data.FieldEmail, 254, func(s string) validator { return person(func(p *data.Person) { p.Email = s }) }, email},
		{"phone", data.FieldPhone, 50, func(s string) validator { return person(func(p *data.Person) { p.Phone = s }) }, nil},
		{"town", data.FieldComune, 100, func(s string) validator { return person(func(p *data.Person) { p.ComuneText = s }) }, nil},
		{"notes", data.FieldNotes, 2000, func(s string) validator { return person(func(p *data.Person) { p.Notes = s }) }, nil},
		{"organisation", data.FieldOrganisation, 200, func(s string) validator { return org(func(o *data.Organisation) { o.Name = s }) }, nil},
		{"organisation email", data.FieldEmail, 254, func(s string) validator { return org(func(o *data.Organisation) { o.Email = s }) }, email},
		{"organisation phone", data.FieldPhone, 50, func(s string) validator { return org(func(o *data.Organisation) { o.Phone = s }) }, nil},
		{"organisation notes", data.FieldNotes, 2000, func(s string) validator { return org(func(o *data.Organisation) { o.Notes = s }) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			if text == nil {
				text = func(n int) string { return strings.Repeat("à", n) } // two bytes each
			}
			if err := tt.make(text(tt.max)).Validate(); err != nil {
				t.Errorf("Validate() with %s of %d characters = %v, want nil", tt.name, tt.max, err)
			}
			err := tt.make(text(tt.max + 1)).Validate()
			checkKey(t, "Validate() with "+tt.name+" too long", err, "err.too_long")
			if e := data.AsError(err); e == nil || e.Args["field"] != tt.field || e.Args["max"] != tt.max || len(e.Args) != 2 {
				t.Errorf("Validate() with %s too long = %v, want field=%s max=%d only", tt.name, err, tt.field, tt.max)
			}
		})
	}
	// A megabyte is refused before anything quotes it.
	err := person(func(p *data.Person) { p.Surname, p.Email = strings.Repeat("x", 1<<20), "not an address" }).Validate()
	if e := data.AsError(err); e == nil || e.Key != "err.too_long" || len(e.Error()) > 200 {
		t.Errorf("Validate() of a 1 MB surname = %.200v, want err.too_long, short", err)
	}
}
