package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestCategoryValid(t *testing.T) {
	for _, c := range data.Categories {
		if !c.Valid() {
			t.Errorf("Category(%q).Valid() = false, want true", c)
		}
		if got, ok := data.ParseCategory(string(c)); got != c || !ok {
			t.Errorf("ParseCategory(%q) = %q, %v, want %q, true", c, got, ok, c)
		}
	}
	for _, c := range []data.Category{"", "ASL", "cooperativa sociale", "ente"} {
		if c.Valid() {
			t.Errorf("Category(%q).Valid() = true, want false", c)
		}
	}
}

func TestParseCategory(t *testing.T) {
	tests := []struct {
		in     string
		want   data.Category
		wantOK bool
	}{
		// Italian, as offices write it
		{"ASL", data.CatASL, true},
		{"Azienda Sanitaria Locale", data.CatASL, true},
		{"Sanità", data.CatASL, true},
		{"SANITÀ", data.CatASL, true},
		{"Comune", data.CatComune, true},
		{"Ente locale", data.CatComune, true},
		{"Istituzione scolastica", data.CatScuola, true},
		{"Scuola", data.CatScuola, true},
		{"Associazioni", data.CatAssociazione, true},
		{"Cooperativa sociale", data.CatCooperativa, true},
		{"Cooperativa  Sociale", data.CatCooperativa, true},
		{"  COOPERATIVA\tSOCIALE \n", data.CatCooperativa, true},
		{"cooperativa_sociale", data.CatCooperativa, true},
		{"Coop. sociale", data.CatCooperativa, true},
		{"Coop", data.CatCooperativa, true},
		{"ODV", data.CatVolontariato, true},
		{"Volontariato", data.CatVolontariato, true},
		{"Sindacati", data.CatSindacato, true},
		{"Privato cittadino", data.CatCittadino, true},
		{"Cittadina", data.CatCittadino, true},
		{"Altro", data.CatAltro, true},
		// English
		{"Health Authority", data.CatASL, true},
		{"Town hall", data.CatComune, true},
		{"School", data.CatScuola, true},
		{"Association", data.CatAssociazione, true},
		{"Social cooperative", data.CatCooperativa, true},
		{"Volunteer", data.CatVolontariato, true},
		{"Union", data.CatSindacato, true},
		{"Trade  union", data.CatSindacato, true},
		{"Citizen", data.CatCittadino, true},
		{"Other", data.CatAltro, true},
		// empty: nothing to look at
		{"", data.CatAltro, true},
		{" \t ", data.CatAltro, true},
		// unknown: altro, flagged
		{"Città", data.CatAltro, false}, // a town is not a kind of participant
		{"Parrocchia", data.CatAltro, false},
		{"cooperativa-sociale", data.CatAltro, false},
		{"Azienda USL Umbria 1", data.CatAltro, false},
		{"asl_", data.CatAltro, false},
	}
	for _, tt := range tests {
		got, ok := data.ParseCategory(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseCategory(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestPersonFullName(t *testing.T) {
	tests := []struct {
		surname, name, want string
	}{
		{"Rossi", "Mario", "Rossi Mario"},
		{"  Rossi ", "\tMario\n", "Rossi Mario"},
		{"De Santis", "Anna Maria", "De Santis Anna Maria"},
		{"Rossi", "", "Rossi"},
		{"Rossi", "  ", "Rossi"},
		{"", "Mario", "Mario"},
		{" ", " Mario", "Mario"},
		{"", "", ""},
	}
	for _, tt := range tests {
		p := data.Person{Surname: tt.surname, Name: tt.name}
		if got := p.FullName(); got != tt.want {
			t.Errorf("Person{%q, %q}.FullName() = %q, want %q", tt.surname, tt.name, got, tt.want)
		}
	}
}

func TestPersonValidate(t *testing.T) {
	ok := data.Person{Surname: "Rossi", Name: "Mario", Category: data.CatComune}
	with := func(f func(*data.Person)) data.Person { p := ok; f(&p); return p }
	tests := []struct {
		name string
		p    data.Person
		key  string
	}{
		{"valid", ok, ""},
		{"surname only", with(func(p *data.Person) { p.Name = "" }), ""},
		{"email", with(func(p *data.Person) { p.Email = "mario.rossi@comune.magione.pg.it" }), ""},
		{"email with spaces around", with(func(p *data.Person) { p.Email = " m.rossi@asl.it " }), ""},
		{"comune", with(func(p *data.Person) { p.ComuneID = "c1" }), ""},
		{"town as text", with(func(p *data.Person) { p.ComuneText = "Perugia" }), ""},
		{"no names", with(func(p *data.Person) { p.Surname, p.Name = " ", "" }), "err.person.name_required"},
		{"no surname", with(func(p *data.Person) { p.Surname = "" }), "err.person.surname_required"},
		{"blank surname", with(func(p *data.Person) { p.Surname = "\t" }), "err.person.surname_required"},
		{"no category", with(func(p *data.Person) { p.Category = "" }), "err.person.category"},
		{"unknown category", with(func(p *data.Person) { p.Category = "Comune" }), "err.person.category"},
		{"email without at", with(func(p *data.Person) { p.Email = "mario.rossi" }), "err.person.email"},
		{"email with a name", with(func(p *data.Person) { p.Email = "Mario <m@x.it>" }), "err.person.email"},
		{"two emails", with(func(p *data.Person) { p.Email = "m@x.it, a@y.it" }), "err.person.email"},
		{"comune twice", with(func(p *data.Person) { p.ComuneID, p.ComuneText = "c1", "Perugia" }), "err.person.comune_twice"},
	}
	for _, tt := range tests {
		checkKey(t, "Person{"+tt.name+"}.Validate()", tt.p.Validate(), tt.key)
	}
	err := with(func(p *data.Person) { p.Email = "x" }).Validate()
	if e := data.AsError(err); e == nil || e.Args["name"] != "Rossi Mario" || e.Args["value"] != "x" {
		t.Errorf("Person{Email: x}.Validate() = %v, want args name=Rossi Mario value=x", err)
	}
}

func TestPersonViewTown(t *testing.T) {
	tests := []struct {
		comune, text, want string
	}{
		{"Magione", "", "Magione"},
		{"", "Perugia", "Perugia"},
		{"Magione", "Perugia", "Magione"},
		{"", "", ""},
	}
	for _, tt := range tests {
		v := data.PersonView{Person: data.Person{ComuneText: tt.text}, ComuneName: tt.comune}
		if got := v.Town(); got != tt.want {
			t.Errorf("PersonView{ComuneName: %q, ComuneText: %q}.Town() = %q, want %q", tt.comune, tt.text, got, tt.want)
		}
	}
}

func TestOrganisationValidate(t *testing.T) {
	tests := []struct {
		name string
		o    data.Organisation
		key  string
	}{
		{"valid", data.Organisation{Name: "USL Umbria 1", Category: data.CatASL}, ""},
		{"with email", data.Organisation{Name: "Coop. Il Sole", Category: data.CatCooperativa, Email: "info@ilsole.it"}, ""},
		{"no name", data.Organisation{Category: data.CatASL}, "err.organisation.name_required"},
		{"blank name", data.Organisation{Name: "  ", Category: data.CatASL}, "err.organisation.name_required"},
		{"no category", data.Organisation{Name: "USL Umbria 1"}, "err.organisation.category"},
		{"unknown category", data.Organisation{Name: "USL Umbria 1", Category: "ASL"}, "err.organisation.category"},
		{"bad email", data.Organisation{Name: "USL Umbria 1", Category: data.CatASL, Email: "usl@"}, "err.organisation.email"},
		{"email with a name", data.Organisation{Name: "USL", Category: data.CatASL, Email: "USL <a@b.it>"}, "err.organisation.email"},
	}
	for _, tt := range tests {
		checkKey(t, "Organisation{"+tt.name+"}.Validate()", tt.o.Validate(), tt.key)
	}
}
