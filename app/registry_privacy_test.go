package app

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/sqlite"
)

// The secretary erases a member's personal data from the person's form: the dialog says what the name
// becomes and that approved verbali keep it, Annulla keeps everything, and the erasure leaves initials
// in a form that can no longer be edited.
func TestPeopleEraseFromForm(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	ctx := context.Background()
	rosa := e.person("D'Angelo Rosa")
	f := e.selectPerson("D'Angelo Rosa")
	if f.erase.Disabled() || f.export.Disabled() {
		t.Fatal("the erase and export buttons are disabled for a saved person")
	}

	test.Tap(f.erase)
	o := e.mustOverlay("the erasure confirmation")
	for _, want := range []string{"Cancellare i dati personali di D'Angelo Rosa?", "Il nome diventerà «D. R.»",
		"Non si potrà annullare."} {
		if !hasText(o, want) {
			t.Errorf("confirmation = %q, want %q", texts(o), want)
		}
	}
	test.Tap(button(t, o, "Annulla"))
	if p, err := e.store().Person(ctx, rosa.ID); err != nil || p.Erased() || p.Email != rosa.Email {
		t.Fatalf("after Annulla: %+v, %v; want her data kept", p.Person, err)
	}

	test.Tap(f.erase)
	test.Tap(button(t, e.mustOverlay("the erasure confirmation"), "Cancella i dati"))
	p, err := e.store().Person(ctx, rosa.ID)
	if err != nil || !p.Erased() || p.Email != "" || p.Phone != "" || p.FullName() != "D. R." {
		t.Fatalf("after the erasure: %+v, %v", p.Person, err)
	}
	if f.surname.Text != "D. R." || f.name.Text != "" || !f.surname.Disabled() || !f.email.Disabled() || !f.erase.Disabled() || f.export.Disabled() {
		t.Errorf("form after the erasure: surname %q (disabled %v), email disabled %v, erase disabled %v, export disabled %v",
			f.surname.Text, f.surname.Disabled(), f.email.Disabled(), f.erase.Disabled(), f.export.Disabled())
	}
	if f.info.Text != "Dati personali cancellati (art. 17 GDPR): la scheda conserva soltanto le iniziali, la categoria e il comune." {
		t.Errorf("form info = %q", f.info.Text)
	}
	if got := e.ui.status.undoMsg.full; got != "Dati personali di D'Angelo Rosa cancellati." {
		t.Errorf("status = %q", got)
	}
	if got := personaFileName(rosa.Person); got != "dati-personali-d-angelo-rosa.pdf" {
		t.Errorf("file name = %q", got)
	}
}

// People registered long ago who took part in nothing are listed by Conservazione with why; nothing is
// erased until the second question is answered.
func TestPeopleRetention(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	// Another program on the same file, with a clock two and a half years back, registered them.
	old := time.Date(2024, 9, 2, 9, 0, 0, 0, time.UTC)
	past, err := sqlite.Open(ctx, e.path, sqlite.Options{Device: "0a1b2c3d-0000-4000-8000-0000000000aa",
		Now: func() time.Time { return old }, Verbale: report.Verbale})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range []data.Person{
		{Surname: "Dimenticati", Name: "Aldo", Category: data.CatCittadino, Email: "aldo.dimenticati@example.org"},
		{Surname: "Lontani", Name: "Berta", Category: data.CatAltro, Phone: "075 000 1111"},
	} {
		saved, err := past.SavePerson(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.ID)
	}
	past.Close()
	e.showPeople()
	e.ui.people.refresh()

	test.Tap(button(t, e.ui.people.content, "Conservazione…"))
	o := e.mustOverlay("the retention list")
	for _, want := range []string{"Queste 2 persone non hanno preso parte ad alcuna seduta",
		"Nessuna partecipazione; ultima modifica il 2 settembre 2024, oltre 24 mesi fa."} {
		if !hasText(o, want) {
			t.Errorf("retention dialog = %q, want %q", texts(o), want)
		}
	}
	test.Tap(button(t, o, "Cancella i dati (2)…"))
	q := e.mustOverlay("the second question")
	if !hasText(q, "Cancellare davvero i dati personali di queste 2 persone? Non si potrà annullare.") {
		t.Fatalf("second question = %q", texts(q))
	}
	for _, id := range ids {
		if p, err := e.store().Person(ctx, id); err != nil || p.Erased() {
			t.Fatalf("erased before the second answer: %+v %v", p.Person, err)
		}
	}
	test.Tap(button(t, q, "Cancella i dati"))
	for _, id := range ids {
		p, err := e.store().Person(ctx, id)
		if err != nil || !p.Erased() || p.Email != "" || p.Phone != "" || p.Surname != data.ErasedPlaceholder {
			t.Errorf("after the erasure: %+v %v", p.Person, err)
		}
	}
	if got := e.ui.status.undoMsg.full; got != "Dati personali cancellati: 2 persone." {
		t.Errorf("status = %q", got)
	}
	// Asked again, nobody is left.
	test.Tap(button(t, e.ui.people.content, "Conservazione…"))
	if o := e.mustOverlay("the retention list"); !hasText(o, "Nessuno da cancellare") {
		t.Errorf("retention dialog after the erasure = %q", texts(o))
	}
}

// The Ambito's privacy notice is set in its form, saved as typed, and shows the defaults while empty.
func TestAmbitoPrivacyNotice(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.ui.goTo(sectionAmbito)
	s := e.ui.terr.settings
	s.refresh()
	if s.controller.PlaceHolder == "" || s.contact.PlaceHolder == "" {
		t.Fatalf("defaults not shown: %q %q", s.controller.PlaceHolder, s.contact.PlaceHolder)
	}
	test.Type(s.controller, "Unione dei Comuni del Trasimeno")
	test.Type(s.retention, "36")
	s.saver.flush()
	a, err := e.store().Ambito(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.Privacy.Controller != "Unione dei Comuni del Trasimeno" || a.Privacy.RetentionMonths != 36 || a.Weighing == "" {
		t.Fatalf("stored Ambito = %+v", a)
	}
	s.retention.SetText("")
	test.Type(s.retention, "mille")
	s.saver.flush()
	if s.errs.wrap.Text == "" {
		t.Error("a retention that is not a number is not explained")
	}
}
