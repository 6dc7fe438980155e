package app

import (
	"context"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// selectPerson selects the person in the register's list, as a click on the row does.
func (e *env) selectPerson(full string) *personForm {
	e.t.Helper()
	tbl := e.ui.people.pane.table
	tbl.filter.SetText("")
	i := rowIndex(tbl, 0, full)
	if i < 0 {
		e.t.Fatalf("%q is not in the people list %q", full, column(tbl, 0))
	}
	tbl.list.Select(i)
	f := e.ui.people.form
	if f.surname.Text+" "+f.name.Text != full {
		e.t.Fatalf("form after selecting %q shows %q %q", full, f.surname.Text, f.name.Text)
	}
	return f
}

func TestPeopleFilter(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	var pieve []string
	for _, p := range e.people("") {
		if p.ComuneName == "Città della Pieve" {
			pieve = append(pieve, p.FullName())
		}
	}
	if len(pieve) == 0 {
		t.Fatal("the demo has nobody in Città della Pieve")
	}

	tests := []struct {
		typed string
		want  []string // full names listed, in order
	}{
		{"citta", pieve},
		{"CITTÀ", pieve},
		{"città della", pieve},
		{"d'ang", []string{"D'Angelo Rosa"}},
		{"rosa castiglione", []string{"D'Angelo Rosa"}},
		{"zzz", nil},
	}
	tbl := e.ui.people.pane.table
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			tbl.filter.SetText("")
			test.Type(tbl.filter, tt.typed)
			got := column(tbl, 0)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("people after typing %q = %q, want %q", tt.typed, got, tt.want)
			}
			want := italian.Int(len(tt.want)) + " righe"
			if len(tt.want) == 1 {
				want = "1 riga"
			}
			if tbl.count.Text != want {
				t.Errorf("count after typing %q = %q, want %q", tt.typed, tbl.count.Text, want)
			}
		})
	}

	t.Run("comune column", func(t *testing.T) {
		tbl.filter.SetText("")
		test.Type(tbl.filter, "citta")
		for i, c := range column(tbl, 3) {
			if c != "Città della Pieve" {
				t.Errorf("row %d comune = %q, want Città della Pieve", i, c)
			}
		}
	})

	t.Run("Esc clears", func(t *testing.T) {
		test.Type(tbl.filter, "citta")
		tbl.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if tbl.filter.Text != "" || len(column(tbl, 0)) != 60 {
			t.Errorf("after Esc the filter holds %q and lists %d people, want empty and 60", tbl.filter.Text, len(column(tbl, 0)))
		}
	})

	t.Run("category", func(t *testing.T) {
		tbl.filter.SetText("")
		e.ui.people.category.SetSelected("Scuola")
		got := column(tbl, 0)
		want := []string{"De Santis Carla", "Fiorucci Roberto", "Ottaviani Monica"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("people of category Scuola = %q, want %q", got, want)
		}
		e.ui.people.category.SetSelectedIndex(0)
		if n := len(column(tbl, 0)); n != 60 {
			t.Errorf("people of all categories = %d, want 60", n)
		}
	})
}

func TestPeopleItalianOrder(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	names := column(e.ui.people.pane.table, 0)
	if len(names) != 60 {
		t.Fatalf("people listed = %d, want 60", len(names))
	}
	pos := func(full string) int {
		for i, n := range names {
			if n == full {
				return i
			}
		}
		t.Fatalf("%q is not listed", full)
		return -1
	}
	if a, b := pos("D'Angelo Rosa"), pos("De Santis Carla"); a > b {
		t.Errorf("D'Angelo Rosa listed at %d, after De Santis Carla at %d", a, b)
	}
	if a, b := pos("El Amrani Youssef"), pos("Fabbri Giorgio"); a > b {
		t.Errorf("El Amrani listed at %d, after Fabbri at %d", a, b)
	}
	c := data.Collator()
	people := e.ui.people.pane.items
	for i := 1; i < len(people); i++ {
		if data.CompareNames(c, people[i-1].Surname, people[i].Surname) > 0 {
			t.Errorf("%q listed before %q, not the Italian order", people[i-1].FullName(), people[i].FullName())
		}
	}
}

func TestPeopleNewPersonSavesAsTyped(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	s := e.ui.people
	test.Tap(button(t, s.content, "Nuova persona"))
	f := s.form
	if got, want := f.title.Text, "Nuova persona"; got != want {
		t.Errorf("form title = %q, want %q", got, want)
	}
	if e.ui.win.Canvas().Focused() != f.surname {
		t.Error("Nuova persona does not put the cursor in the surname")
	}
	if f.del.Disabled() == false {
		t.Error("Elimina is enabled for a person not saved yet")
	}
	if !hasText(f.content, "Non ancora salvato") {
		t.Errorf("form = %q, want it to say nothing is saved yet", texts(f.content))
	}

	test.Type(f.surname, "Zucchetti")
	test.Type(f.name, "Anna")

	got := e.people("zucchetti")
	if len(got) != 1 {
		t.Fatalf("people after typing = %v, want one Zucchetti", got)
	}
	p := got[0]
	if p.Surname != "Zucchetti" || p.Name != "Anna" || p.Category != data.CatCittadino {
		t.Errorf("stored person = %q %q (%s), want Zucchetti Anna (cittadino)", p.Surname, p.Name, p.Category)
	}
	if p.Device != testDevice {
		t.Errorf("stored device = %q, want %q", p.Device, testDevice)
	}
	if n := len(e.people("")); n != 61 {
		t.Errorf("people after typing = %d, want 61 (one record, updated as typed)", n)
	}
	if f.meta.ID != p.ID {
		t.Errorf("form record id = %q, want the stored %q", f.meta.ID, p.ID)
	}
	if got, want := f.title.Text, "Zucchetti Anna"; got != want {
		t.Errorf("form title = %q, want %q", got, want)
	}
	if i := rowIndex(s.pane.table, 0, "Zucchetti Anna"); i < 0 {
		t.Errorf("list = %q, want Zucchetti Anna in it", column(s.pane.table, 0))
	} else if s.pane.table.sel != i {
		t.Errorf("selected row = %d, want %d (the person in the form)", s.pane.table.sel, i)
	}
	if b := buttonTexts(s.content); contains(b, "Salva") {
		t.Errorf("people screen buttons = %q, want no Salva: forms save themselves", b)
	}
	if !hasText(f.content, "Le modifiche si salvano da sole mentre scrivi.") {
		t.Error("the form does not say it saves itself")
	}
	if !hasText(f.content, "Ultima modifica il 12/03/2027 alle 16:00, da Lucia Ferri") {
		t.Errorf("form = %q, want the last change with its author (the operator of this computer)", texts(f.content))
	}
	if f.del.Disabled() {
		t.Error("Elimina is disabled for a saved person")
	}
	if got := e.ui.status.saved.Text; !strings.HasPrefix(got, "Salvato alle ") {
		t.Errorf("status after saving = %q, want Salvato alle …", got)
	}
}

func TestPeopleInvalidEmailKeepsStored(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	before := e.person("D'Angelo Rosa")
	if before.Email == "" {
		t.Fatal("the demo person has no email")
	}
	f := e.selectPerson("D'Angelo Rosa")
	if f.email.Text != before.Email {
		t.Fatalf("form email = %q, want %q", f.email.Text, before.Email)
	}

	retype(f.email, "rosa.dangelo@")
	want := "L'indirizzo email di D'Angelo Rosa non è valido: «rosa.dangelo@»."
	if !f.errs.wrap.Visible() || f.errs.wrap.Text != want {
		t.Errorf("error line = %q (shown %v), want %q", f.errs.wrap.Text, f.errs.wrap.Visible(), want)
	}
	if got := e.person("D'Angelo Rosa").Email; got != before.Email {
		t.Errorf("stored email after an invalid one = %q, want %q", got, before.Email)
	}
	if f.email.Text != "rosa.dangelo@" {
		t.Errorf("form email = %q, want what was typed kept", f.email.Text)
	}

	retype(f.email, "rosa.dangelo@comune.castiglione-del-lago.pg.it")
	if f.errs.wrap.Visible() {
		t.Errorf("error line still shown after a valid email: %q", f.errs.wrap.Text)
	}
	if got, want := e.person("D'Angelo Rosa").Email, "rosa.dangelo@comune.castiglione-del-lago.pg.it"; got != want {
		t.Errorf("stored email = %q, want %q", got, want)
	}
}

func TestPeopleTypedOrganisationIsCreated(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	ctx := context.Background()
	orgsBefore, err := e.store().Organisations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	f := e.selectPerson("Conti Giuseppina")
	const name = "Associazione Città Aperta"
	retype(f.org, name)
	pressEnter(f.org) // the name is complete

	orgs, err := e.store().Organisations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var created []string
	var id string
	for _, o := range orgs {
		known := false
		for _, b := range orgsBefore {
			known = known || b.ID == o.ID
		}
		if !known {
			created = append(created, o.Name)
		}
		if o.Name == name {
			id = o.ID
		}
	}
	if id == "" {
		t.Fatalf("organisations after typing = %q, want %q among them", created, name)
	}
	if got := e.person("Conti Giuseppina").OrganisationID; got != id {
		t.Errorf("person's organisation = %q, want %q (%s)", got, id, name)
	}
	if got := e.person("Conti Giuseppina").OrganisationName; got != name {
		t.Errorf("person's organisation name = %q, want %q", got, name)
	}
	t.Run("only the name typed", func(t *testing.T) {
		// Each pause while typing saves; a half-typed name must not become an organisation.
		if len(created) != 1 {
			sort.Strings(created)
			t.Errorf("organisations created while typing %q = %d %q, want only %q", name, len(created), created, name)
		}
	})

	// A name already registered is reused, whatever the case and accents.
	retype(f.org, "usl umbria 1 – distretto del trasimeno")
	pressEnter(f.org)
	p := e.person("Conti Giuseppina")
	if p.OrganisationName != "USL Umbria 1 – Distretto del Trasimeno" {
		t.Errorf("organisation after typing a registered one in lower case = %q, want the registered USL", p.OrganisationName)
	}
}

func TestPeopleComuneOutsideAmbito(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	f := e.selectPerson("Conti Giuseppina")
	if f.hint.Visible() {
		t.Errorf("hint shown for a comune of the Ambito: %q", f.hint.Text)
	}

	retype(f.comune, "Perugia")
	want := "«Perugia» non è un comune dell'Ambito: sarà conservato così come è scritto."
	if !f.hint.Visible() || f.hint.Text != want {
		t.Errorf("hint = %q (shown %v), want %q", f.hint.Text, f.hint.Visible(), want)
	}
	p := e.person("Conti Giuseppina")
	if p.ComuneText != "Perugia" || p.ComuneID != "" {
		t.Errorf("stored comune = text %q, id %q; want text Perugia and no id", p.ComuneText, p.ComuneID)
	}
	if got := column(e.ui.people.pane.table, 3)[rowIndex(e.ui.people.pane.table, 0, "Conti Giuseppina")]; got != "Perugia" {
		t.Errorf("list comune = %q, want Perugia", got)
	}

	retype(f.comune, "magione")
	p = e.person("Conti Giuseppina")
	if p.ComuneName != "Magione" || p.ComuneText != "" {
		t.Errorf("stored comune after typing magione = %q (text %q), want the comune Magione", p.ComuneName, p.ComuneText)
	}
	if f.hint.Visible() {
		t.Errorf("hint still shown for Magione: %q", f.hint.Text)
	}
}

func TestPeopleDeleteConfirmAndUndo(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	ctx := context.Background()
	rosa := e.person("D'Angelo Rosa")
	f := e.selectPerson("D'Angelo Rosa")

	test.Tap(f.del)
	o := e.mustOverlay("the delete confirmation")
	for _, want := range []string{"Eliminare D'Angelo Rosa?", "Saranno eliminati anche: 1 appartenenza a un organo.",
		"Potrai annullare dalla riga in basso."} {
		if !hasText(o, want) {
			t.Errorf("confirmation = %q, want %q", texts(o), want)
		}
	}
	test.Tap(button(t, o, "Annulla"))
	if _, err := e.store().Person(ctx, rosa.ID); err != nil {
		t.Fatalf("Person after Annulla: %v, want her kept", err)
	}
	if e.overlay() != nil {
		t.Fatal("the confirmation is still shown after Annulla")
	}

	test.Tap(f.del)
	test.Tap(button(t, e.mustOverlay("the delete confirmation"), "Elimina"))
	if _, err := e.store().Person(ctx, rosa.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("Person after deleting = %v, want not found", err)
	}
	for _, p := range e.people("") {
		if p.ID == rosa.ID {
			t.Error("People still returns the deleted person")
		}
	}
	if i := rowIndex(e.ui.people.pane.table, 0, "D'Angelo Rosa"); i >= 0 {
		t.Errorf("the list still shows D'Angelo Rosa at row %d", i)
	}
	if f.meta.ID != "" {
		t.Errorf("the form still holds the deleted person %q", f.meta.ID)
	}
	st := e.ui.status
	if !st.undo.Visible() || st.undoMsg.Text != "Persona eliminata: D'Angelo Rosa." {
		t.Fatalf("status after deleting = %q (undo shown %v), want Persona eliminata: D'Angelo Rosa. with undo", st.undoMsg.Text, st.undo.Visible())
	}
	if st.undo.Text != "Annulla eliminazione" {
		t.Errorf("undo button = %q, want Annulla eliminazione", st.undo.Text)
	}

	test.Tap(st.undo)
	back, err := e.store().Person(ctx, rosa.ID)
	if err != nil {
		t.Fatalf("Person after undo: %v", err)
	}
	if back.Email != rosa.Email || back.ComuneID != rosa.ComuneID {
		t.Errorf("restored person = %+v, want %+v", back.Person, rosa.Person)
	}
	if n := len(e.people("")); n != 60 {
		t.Errorf("people after undo = %d, want 60", n)
	}
	if rowIndex(e.ui.people.pane.table, 0, "D'Angelo Rosa") < 0 {
		t.Error("the list does not show D'Angelo Rosa after undo")
	}
	if st.undo.Visible() {
		t.Error("the undo button is still shown after undoing")
	}
	bodies, err := e.store().Bodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	restored := false
	for _, b := range bodies {
		ms, err := e.store().Memberships(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			restored = restored || m.PersonID == rosa.ID
		}
	}
	if !restored {
		t.Error("her membership of the Tavolo dei Sindaci was not restored")
	}
}

// The form records a title and a gender, saves them as the user types or chooses, and shows them
// again when the person is selected.
func TestPeopleTitleAndGender(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	f := e.selectPerson("D'Angelo Rosa")
	if got := f.gender.Options; strings.Join(got, "|") != "non indicato|femminile|maschile" {
		t.Errorf("gender options = %q, want non indicato|femminile|maschile", got)
	}
	var labels []string
	for _, it := range f.form.Items {
		labels = append(labels, it.Text)
	}
	if got := strings.Join(labels, "|"); !strings.Contains(got, "Nome|Titolo|Genere|Categoria") {
		t.Errorf("form fields = %q, want Titolo and Genere after Nome", got)
	}
	retype(f.honorary, "Assessora alle politiche sociali")
	f.gender.SetSelected("femminile")
	got := e.person("D'Angelo Rosa")
	if got.Title != "Assessora alle politiche sociali" || got.Gender != data.GenderFemminile {
		t.Errorf("stored title, gender = %q, %q, want Assessora alle politiche sociali, f", got.Title, got.Gender)
	}
	// Esc in the title goes back to the filter, as in the other fields.
	f.honorary.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.ui.win.Canvas().Focused() != e.ui.people.pane.table.filter {
		t.Error("Esc in Titolo does not go back to the filter")
	}

	f.gender.SetSelected("non indicato")
	if got := e.person("D'Angelo Rosa"); got.Gender != data.GenderUnknown || got.Title == "" {
		t.Errorf("stored after choosing non indicato: %q, %q, want no gender and the title kept", got.Gender, got.Title)
	}
	other := e.selectPerson("Rossi Maria Grazia")
	if other.honorary.Text == "Assessora alle politiche sociali" {
		t.Error("another person's form shows the title typed for D'Angelo Rosa")
	}
	f = e.selectPerson("D'Angelo Rosa")
	if f.honorary.Text != "Assessora alle politiche sociali" || f.gender.Selected != "non indicato" {
		t.Errorf("form after reselecting = %q, %q, want the stored title and non indicato", f.honorary.Text, f.gender.Selected)
	}
}

// TestPeopleJoinAndUndo: D'Angelo Rosa was entered twice; from her first record the secretary joins it
// into the second, from the keyboard (type, Enter): the membership follows, the list shows her once,
// the record that stays takes her email, and the status line undoes the join.
func TestPeopleJoinAndUndo(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	ctx := context.Background()
	rosa := e.person("D'Angelo Rosa")
	twin, err := e.store().SavePerson(ctx, data.Person{Surname: "D'Angelo", Name: "Rosa Maria", Category: rosa.Category,
		Phone: "075 555"})
	if err != nil {
		t.Fatal(err)
	}
	e.ui.people.refresh()
	// The first record has the membership; the join moves it from Rosa to her twin, and back.
	f := e.selectPerson("D'Angelo Rosa")
	test.Tap(f.join)
	s := e.ui.people
	if s.join == nil || e.ui.win.Canvas().Focused() != s.join.search {
		t.Fatal("the join dialog is not open with the cursor in its search box")
	}
	s.join.search.SetText("d'angelo rosa maria")
	if s.join.list.Length() != 1 {
		t.Fatalf("candidates for «d'angelo rosa maria» = %d, want her twin alone", s.join.list.Length())
	}
	s.join.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, err := e.store().Person(ctx, rosa.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("Person(joined) = %v, want her gone from the registry", err)
	}
	if rowIndex(s.pane.table, 0, "D'Angelo Rosa") >= 0 || rowIndex(s.pane.table, 0, "D'Angelo Rosa Maria") < 0 {
		t.Errorf("people listed = %q, want Rosa Maria only", column(s.pane.table, 0))
	}
	joined, _ := e.store().Person(ctx, twin.ID)
	if joined.Email != rosa.Email {
		t.Errorf("the record that stays has email %q, want Rosa's %q taken on", joined.Email, rosa.Email)
	}
	memberOf := func(id string) bool {
		bodies, err := e.store().Bodies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bodies {
			ms, _ := e.store().Memberships(ctx, b.ID)
			for _, m := range ms {
				if m.PersonID == id {
					return true
				}
			}
		}
		return false
	}
	if !memberOf(twin.ID) || memberOf(rosa.ID) {
		t.Error("the membership did not follow the join")
	}
	st := e.ui.status
	if !st.undo.Visible() || st.undo.Text != "Annulla unione" || !strings.Contains(st.undoMsg.Text, "unita a «D'Angelo Rosa Maria»") {
		t.Fatalf("status = %q, undo %q shown %v", st.undoMsg.Text, st.undo.Text, st.undo.Visible())
	}
	test.Tap(st.undo)
	if _, err := e.store().Person(ctx, rosa.ID); err != nil || !memberOf(rosa.ID) || memberOf(twin.ID) {
		t.Errorf("after the undo: Person %v, membership back %v", err, memberOf(rosa.ID))
	}
}
