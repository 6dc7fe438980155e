package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestParseGender(t *testing.T) {
	tests := []struct {
		in     string
		want   data.Gender
		wantOK bool
	}{
		{"F", data.GenderFemminile, true},
		{" femmina ", data.GenderFemminile, true},
		{"Donna", data.GenderFemminile, true},
		{"FEMMINILE", data.GenderFemminile, true},
		{"M", data.GenderMaschile, true},
		{"maschio", data.GenderMaschile, true},
		{"Uomo", data.GenderMaschile, true},
		{"", data.GenderUnknown, true},
		{"non  indicato", data.GenderUnknown, true},
		{"x", data.GenderUnknown, false},
		{"o/a", data.GenderUnknown, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, ok := data.ParseGender(tt.in); got != tt.want || ok != tt.wantOK {
				t.Errorf("ParseGender(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestPersonValidateGender(t *testing.T) {
	for _, g := range data.Genders {
		p := data.Person{Surname: "Bellucci", Name: "Federica", Category: data.CatComune, Gender: g, Title: "Sindaca"}
		if err := p.Validate(); err != nil {
			t.Errorf("Person{Gender: %q}.Validate() = %v, want nil", g, err)
		}
	}
	for _, g := range []data.Gender{"F", "x", "femmina"} {
		p := data.Person{Surname: "Bellucci", Category: data.CatComune, Gender: g}
		err := p.Validate()
		if e := data.AsError(err); data.ErrorCode(err) != data.EInvalid || e == nil || e.Key != "err.person.gender" {
			t.Errorf("Person{Gender: %q}.Validate() = %v, want err.person.gender", g, err)
		}
	}
}

func TestNaming(t *testing.T) {
	p := data.Person{Surname: " Bellucci ", Name: "Federica", Gender: data.GenderFemminile, Title: " Sindaca "}
	n := p.Naming()
	if n.Prose() != "Federica Bellucci" || n.Listed() != "Bellucci Federica" || n.Title != "Sindaca" || !n.Gender.Feminine() {
		t.Errorf("Naming() = %+v: Prose %q, Listed %q, want Federica Bellucci, Bellucci Federica, Sindaca, f",
			n, n.Prose(), n.Listed())
	}
	if got := (data.Naming{Surname: "Rossi"}).Prose(); got != "Rossi" {
		t.Errorf("Naming{Surname: Rossi}.Prose() = %q, want Rossi", got)
	}
}

func TestAttendanceDelegationAct(t *testing.T) {
	a := data.Attendance{SessionID: "s", PersonID: "p", SeatID: "seat", Presence: data.PresencePresente,
		Delegated: true, DelegationAct: "delega prot. n. 123 del 10/02/2026"}
	if err := a.Validate(); err != nil {
		t.Errorf("Validate(delegated with act) = %v, want nil", err)
	}
	a.Delegated = false
	err := a.Validate()
	if e := data.AsError(err); e == nil || e.Key != "err.register.act_without_delegation" {
		t.Errorf("Validate(act without delegation) = %v, want err.register.act_without_delegation", err)
	}
}
