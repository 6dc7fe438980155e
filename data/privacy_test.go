package data

import (
	"testing"
	"time"
)

func TestNoticeDefaults(t *testing.T) {
	a := Ambito{Name: "Ambito Territoriale n.5 del Trasimeno", Address: "Piazza Gramsci 1, Castiglione del Lago"}
	n := a.Notice("Castiglione del Lago")
	if n.Controller != "Comune di Castiglione del Lago, ente capofila dell'Ambito Territoriale n.5 del Trasimeno" ||
		n.Contact != "Ufficio di Piano, Piazza Gramsci 1, Castiglione del Lago" || n.RetentionMonths != DefaultRetentionMonths {
		t.Errorf("notice = %+v", n)
	}
	a.Address = "Ufficio di Piano, Piazza Gramsci 1"
	if n := a.Notice(""); n.Contact != a.Address || n.Controller != a.Name {
		t.Errorf("an address naming the office, no capofila: %+v", n)
	}
	a.Privacy = Privacy{Controller: "Unione dei Comuni", Contact: "privacy@example.it", RetentionMonths: 6}
	if n := a.Notice("X"); n.Controller != "Unione dei Comuni" || n.Contact != "privacy@example.it" || n.RetentionMonths != 6 {
		t.Errorf("the Ambito's own notice = %+v", n)
	}
	for _, m := range []int{-1, MaxRetentionMonths + 1} {
		if err := (Privacy{RetentionMonths: m}).Validate(); ErrorCode(err) != EInvalid {
			t.Errorf("retention %d: %v", m, err)
		}
	}
}

func TestEraseNames(t *testing.T) {
	at := time.Date(2027, 5, 7, 9, 0, 0, 0, time.UTC)
	p := Person{Surname: "D'Angelo", Name: "Rosa", Email: "r@example.org", Phone: "1", Notes: "n", Title: "Sindaca",
		ComuneText: "Roma", OrganisationID: "o", Category: CatComune, Gender: GenderFemminile}
	e := p.Erase(at, true)
	if e.FullName() != "D. R." || e.Email != "" || e.Phone != "" || e.Notes != "" || e.Title != "" || e.ComuneText != "" ||
		e.OrganisationID != "" || e.Category != CatComune || e.Gender != GenderFemminile || !e.Erased() {
		t.Errorf("traced erasure = %+v", e)
	}
	if e := p.Erase(at, false); e.FullName() != ErasedPlaceholder {
		t.Errorf("untraced erasure = %q", e.FullName())
	}
	if e := (Person{Surname: "…", Name: "Ugo"}).Erase(at, true); e.FullName() != "U." {
		t.Errorf("a surname with no letter = %q", e.FullName())
	}
	if err := p.Erase(at, true).Validate(); err != nil {
		t.Errorf("an erased person does not validate: %v", err)
	}
}
