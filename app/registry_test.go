package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// openOrganisationsTab shows Persone → Enti e organizzazioni.
func (e *env) openOrganisationsTab() *organisationsScreen {
	e.t.Helper()
	e.ui.nav.Select(sectionPeople)
	tabs := e.ui.sections[sectionPeople].content.(*container.AppTabs)
	tabs.SelectIndex(1)
	if !e.ui.orgs.visible() {
		e.t.Fatal("the organisations tab is not the one shown")
	}
	return e.ui.orgs
}

func (e *env) organisation(name string) (data.OrganisationView, bool) {
	e.t.Helper()
	list, err := e.store().Organisations(context.Background(), "")
	if err != nil {
		e.t.Fatal(err)
	}
	for _, o := range list {
		if o.Name == name {
			return o, true
		}
	}
	return data.OrganisationView{}, false
}

func TestOrganisations(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.openOrganisationsTab()
	tbl := s.pane.table
	usl := "USL Umbria 1 – Distretto del Trasimeno"
	i := rowIndex(tbl, 0, usl)
	if i < 0 {
		t.Fatalf("organisations = %q, want the USL", column(tbl, 0))
	}
	o, _ := e.organisation(usl)
	members, err := e.store().People(context.Background(), data.PeopleFilter{OrganisationID: o.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := column(tbl, 3)[i], italian.Int(len(members)); got != want || len(members) == 0 {
		t.Errorf("people of the USL listed = %q, want %q", got, want)
	}
	if got := column(tbl, 1)[i]; got != "ASL" {
		t.Errorf("category of the USL = %q, want ASL", got)
	}

	// Modifica → Nuovo on this tab starts an organisation, not a person.
	for _, m := range e.ui.Window().MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Modifica" && it.Label == "Nuovo" {
				it.Action()
			}
		}
	}
	if got := s.title.Text; got != "Nuovo ente" {
		t.Fatalf("title after Modifica → Nuovo on the organisations tab = %q, want Nuovo ente", got)
	}
	if got := s.category.Selected; got != "Associazione" {
		t.Errorf("category of a new organisation = %q, want Associazione", got)
	}
	test.Type(s.name, "Banco alimentare del Trasimeno")
	s.comune.SetSelected("Magione")
	stored, ok := e.organisation("Banco alimentare del Trasimeno")
	if !ok {
		t.Fatal("the new organisation was not stored")
	}
	if stored.Category != data.CatAssociazione || stored.ComuneName != "Magione" {
		t.Errorf("stored organisation = %s, %q; want associazione, Magione", stored.Category, stored.ComuneName)
	}
	if n := len(column(tbl, 0)); n != len(mustOrganisations(t, e)) {
		t.Errorf("organisations listed = %d, want all %d", n, len(mustOrganisations(t, e)))
	}

	retype(s.email, "banco@")
	if !s.errs.wrap.Visible() || !strings.Contains(s.errs.wrap.Text, "non è valido: «banco@»") {
		t.Errorf("error line = %q (shown %v), want the invalid email", s.errs.wrap.Text, s.errs.wrap.Visible())
	}
	if o, _ := e.organisation("Banco alimentare del Trasimeno"); o.Email != "" {
		t.Errorf("stored email = %q, want none", o.Email)
	}
	retype(s.email, "info@bancotrasimeno.example.org")

	test.Tap(s.del)
	test.Tap(button(t, e.mustOverlay("the delete confirmation"), "Elimina"))
	if _, ok := e.organisation("Banco alimentare del Trasimeno"); ok {
		t.Error("the organisation is still stored after deleting it")
	}
	test.Tap(e.ui.status.undo)
	o, ok = e.organisation("Banco alimentare del Trasimeno")
	if !ok || o.Email != "info@bancotrasimeno.example.org" {
		t.Errorf("organisation after undo = %+v (found %v), want it back with its email", o, ok)
	}

	// Filter, accent-insensitive.
	test.Type(tbl.filter, "citta")
	got := column(tbl, 0)
	if !contains(got, "Comune di Città della Pieve") {
		t.Errorf("organisations for citta = %q, want Comune di Città della Pieve among them", got)
	}
	want, err := e.store().Organisations(context.Background(), "citta")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == len(mustOrganisations(t, e)) {
		t.Errorf("organisations for citta = %d, want the %d the store finds (not all)", len(got), len(want))
	}
}

func mustOrganisations(t *testing.T, e *env) []data.OrganisationView {
	t.Helper()
	list, err := e.store().Organisations(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestSearchOpensOrganisation(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	test.Type(e.ui.search, "girasole")
	got := e.results()
	if len(got) == 0 || got[0] != "Ente: Cooperativa sociale Il Girasole" {
		t.Fatalf("results for girasole = %q, want the cooperative first", got)
	}
	pressEnter(e.ui.search)
	if e.ui.current != sectionPeople || !e.ui.orgs.visible() {
		t.Fatalf("Enter shows section %d (organisations %v), want Persone → Enti", e.ui.current, e.ui.orgs.visible())
	}
	if got := e.ui.orgs.name.Text; got != "Cooperativa sociale Il Girasole" {
		t.Errorf("organisation shown = %q, want Cooperativa sociale Il Girasole", got)
	}
}

// selectBody selects a body in the bodies tab.
func (e *env) selectBody(name string) *bodiesScreen {
	e.t.Helper()
	e.openAmbitoTab(3)
	s := e.ui.terr.bodies
	i := rowIndex(s.pane.table, 0, name)
	if i < 0 {
		e.t.Fatalf("bodies = %q, want %q", column(s.pane.table, 0), name)
	}
	s.pane.table.list.Select(i)
	return s
}

func (e *env) seatCount(bodyID string) int {
	e.t.Helper()
	list, err := e.store().Seats(context.Background(), bodyID)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

// formDialog finds the dialog's select and select-entry, and its confirm button.
func formDialog(t *testing.T, o fyne.CanvasObject, confirm string) (selects []*widget.Select, entries []*widget.SelectEntry, ok *widget.Button) {
	t.Helper()
	walk(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Select:
			selects = append(selects, x)
		case *widget.SelectEntry:
			entries = append(entries, x)
		}
	})
	return selects, entries, button(t, o, confirm)
}

func TestSeatsAddAndRemove(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.selectBody("Tavolo dei Sindaci")
	id := s.meta.ID

	// A second seat for the same comune is refused with a sentence.
	test.Tap(button(t, s.content, "Aggiungi seggio"))
	sel, ent, add := formDialog(t, e.mustOverlay("the seat dialog"), "Aggiungi")
	if len(sel) != 1 || sel[0].Selected != "un comune" || len(ent) != 1 {
		t.Fatalf("seat dialog = %d selects (%v), %d entries; want the kind preselected to un comune", len(sel), sel, len(ent))
	}
	test.Type(ent[0], "Magione")
	test.Tap(add)
	if o := e.mustOverlay("the refusal"); !hasText(o, "Questo organo ha già un seggio per lo stesso comune, ente o persona.") {
		t.Errorf("dialog = %q, want the duplicate seat explained", texts(o))
	}
	if n := e.seatCount(id); n != 8 {
		t.Errorf("seats after a refused duplicate = %d, want 8", n)
	}
	test.Tap(button(t, e.overlay(), "OK"))

	// A name not in the list is refused too.
	test.Tap(button(t, s.content, "Aggiungi seggio"))
	_, ent, add = formDialog(t, e.mustOverlay("the seat dialog"), "Aggiungi")
	test.Type(ent[0], "Chiusi")
	test.Tap(add)
	if o := e.mustOverlay("the refusal"); !hasText(o, "«Chiusi» non è nell'elenco: sceglilo tra quelli proposti.") {
		t.Errorf("dialog = %q, want the unknown holder explained", texts(o))
	}
	test.Tap(button(t, e.overlay(), "OK"))

	// A seat described only by its label.
	test.Tap(button(t, s.content, "Aggiungi seggio"))
	o := e.mustOverlay("the seat dialog")
	sel, _, add = formDialog(t, o, "Aggiungi")
	sel[0].SetSelected("altro (solo descrizione)")
	label := entryWithPlaceholder(t, o, "facoltativa, es. «Volontariato»")
	test.Type(label, "Rappresentante della Regione")
	test.Tap(add)
	if n := e.seatCount(id); n != 9 {
		t.Fatalf("seats after adding one = %d, want 9", n)
	}
	if got := s.seats.total.Text; got != "9 seggi · 56.900 abitanti rappresentati" {
		t.Errorf("seats total = %q", got)
	}
	if !strings.Contains(s.rules.why.Text, "Con 9 componenti servono 5 presenti") {
		t.Errorf("rules sentence = %q, want 9 seats", s.rules.why.Text)
	}

	// Castiglione del Lago's seat is in the register of approved sessions: it stays, and nothing asks.
	item := s.seats.list.CreateItem()
	s.seats.list.UpdateItem(0, item)
	test.Tap(item.(*fyne.Container).Objects[1].(*widget.Button))
	o = e.mustOverlay("the refusal")
	if !hasText(o, "Il seggio compare nel registro di una seduta con verbale approvato, che deve restare com'è: non si può eliminare.") ||
		hasText(o, "Eliminare il seggio «Castiglione del Lago»?") {
		t.Errorf("refusal = %q, want the approved sessions explained", texts(o))
	}
	test.Tap(button(t, o, "OK"))
	if n := e.seatCount(id); n != 9 {
		t.Errorf("seats after a refused removal = %d, want 9", n)
	}

	// The seat just added is removed, and comes back with undo.
	s.seats.list.UpdateItem(8, item)
	test.Tap(item.(*fyne.Container).Objects[1].(*widget.Button))
	o = e.mustOverlay("the delete confirmation")
	if !hasText(o, "Eliminare il seggio «Rappresentante della Regione»?") {
		t.Errorf("confirmation = %q, want the new seat named", texts(o))
	}
	test.Tap(button(t, o, "Elimina"))
	if n := e.seatCount(id); n != 8 {
		t.Errorf("seats after removing one = %d, want 8", n)
	}
	if got := s.seats.total.Text; got != "8 seggi · 56.900 abitanti rappresentati" {
		t.Errorf("seats total after removing the Regione = %q", got)
	}
	test.Tap(e.ui.status.undo)
	if n := e.seatCount(id); n != 9 {
		t.Errorf("seats after undo = %d, want 9", n)
	}
}

func TestMembersAdd(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.selectBody("Tavolo tematico Anziani")
	ctx := context.Background()
	before, err := e.store().Memberships(ctx, s.meta.ID)
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(button(t, s.content, "Aggiungi persona"))
	o := e.mustOverlay("the member dialog")
	sel, ent, add := formDialog(t, o, "Aggiungi")
	if len(ent) != 1 || len(sel) != 2 {
		t.Fatalf("member dialog = %d entries, %d selects; want the person, the role and the seat", len(ent), len(sel))
	}
	if sel[0].Selected != "Membro" || sel[1].Selected != "(nessun seggio)" {
		t.Errorf("defaults = %q, %q; want Membro and no seat", sel[0].Selected, sel[1].Selected)
	}
	test.Type(ent[0], "nardi") // one person found: she is the one added
	sel[0].SetSelected("Segretario verbalizzante")
	test.Tap(add)
	after, err := e.store().Memberships(ctx, s.meta.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Fatalf("members after adding = %d, want %d", len(after), len(before)+1)
	}
	if !contains(flatten(rows(s.members.list)), "Nardi Beatrice · Segretario verbalizzante") {
		t.Errorf("members shown = %q, want Nardi Beatrice as secretary", rows(s.members.list))
	}

	// Someone not in the register is explained, not added.
	test.Tap(button(t, s.content, "Aggiungi persona"))
	_, ent, add = formDialog(t, e.mustOverlay("the member dialog"), "Aggiungi")
	test.Type(ent[0], "Sconosciuto Totale")
	test.Tap(add)
	if o := e.mustOverlay("the refusal"); !hasText(o, "«Sconosciuto Totale» non è nel registro") {
		t.Errorf("dialog = %q, want the unknown person explained", texts(o))
	}
}

func TestKeyboardThroughTheList(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	s := e.ui.people
	if e.ui.win.Canvas().Focused() != s.pane.table.filter {
		t.Errorf("focus at start = %v, want the people filter", e.ui.win.Canvas().Focused())
	}
	names := column(s.pane.table, 0)
	down := &fyne.KeyEvent{Name: fyne.KeyDown}
	up := &fyne.KeyEvent{Name: fyne.KeyUp}
	steps := []struct {
		key  *fyne.KeyEvent
		want int
	}{{down, 0}, {down, 1}, {down, 2}, {up, 1}, {up, 0}, {up, 0}}
	for i, st := range steps {
		s.pane.table.filter.TypedKey(st.key)
		if got := s.form.surname.Text + " " + s.form.name.Text; got != names[st.want] {
			t.Errorf("step %d (%s): form shows %q, want %q", i, st.key.Name, got, names[st.want])
		}
	}
	pressEnter(s.pane.table.filter)
	if e.ui.win.Canvas().Focused() != s.form.surname {
		t.Errorf("focus after Enter in the filter = %v, want the surname", e.ui.win.Canvas().Focused())
	}
	s.form.surname.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.ui.win.Canvas().Focused() != s.pane.table.filter {
		t.Errorf("focus after Esc in the form = %v, want the filter", e.ui.win.Canvas().Focused())
	}
}

func TestPendingEditSavedWhenSwitching(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	e.ui.saveDelay = time.Hour // the typing pause never ends in this test
	f := e.selectPerson("Conti Giuseppina")
	retype(f.phone, "075 123 4567")
	if !f.saver.pending() {
		t.Fatal("no save is pending after typing")
	}
	if got := e.person("Conti Giuseppina").Phone; got == "075 123 4567" {
		t.Fatal("saved before the pause")
	}
	e.selectPerson("Nardi Beatrice")
	if got := e.person("Conti Giuseppina").Phone; got != "075 123 4567" {
		t.Errorf("phone after moving to another person = %q, want what was typed saved", got)
	}
	if f.saver.pending() {
		t.Error("a save is still pending")
	}
}

func TestDeleteFromAmbitoTabs(t *testing.T) {
	tests := []struct {
		tab      int
		name     string
		question string // "" when the deletion is refused
		refusal  string
	}{
		{1, "Castiglione del Lago", "", "È il comune capofila dell'Ambito: scegli prima un altro capofila nella scheda Ambito."},
		// Paciano's seat among the mayors is in the register of approved sessions: the comune stays.
		{1, "Paciano", "", "Il seggio compare nel registro di una seduta con verbale approvato, che deve restare com'è: non si può eliminare."},
		{2, "Anziani", "", "L'area è quella di «Tavolo tematico Anziani»: cambia prima l'area di quel tavolo, o eliminalo."},
		{3, "Gruppo di coprogettazione Centro per le famiglie", "", "Questo organo ha 2 sedute registrate: non si può eliminare."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
			e.openAmbitoTab(tt.tab)
			var tbl *recordTable
			var del *widget.Button
			count := func() int { return 0 }
			ctx := context.Background()
			switch tt.tab {
			case 1:
				tbl, del = e.ui.terr.comuni.pane.table, e.ui.terr.comuni.del
				count = func() int { l, _ := e.store().Comuni(ctx); return len(l) }
			case 2:
				tbl, del = e.ui.terr.areas.pane.table, e.ui.terr.areas.del
				count = func() int { l, _ := e.store().Areas(ctx); return len(l) }
			case 3:
				tbl, del = e.ui.terr.bodies.pane.table, e.ui.terr.bodies.del
				count = func() int { l, _ := e.store().Bodies(ctx); return len(l) }
			}
			col := 0
			if tt.tab == 2 {
				col = 1
			}
			i := rowIndex(tbl, col, tt.name)
			if i < 0 {
				t.Fatalf("%q is not listed: %q", tt.name, column(tbl, col))
			}
			tbl.list.Select(i)
			before := count()

			test.Tap(del)
			if tt.refusal != "" {
				// What may not be deleted is refused at once, without asking first.
				if o := e.mustOverlay("the refusal"); !hasText(o, tt.refusal) || hasText(o, "Eliminare "+tt.name+"?") {
					t.Errorf("refusal = %q, want only %q", texts(o), tt.refusal)
				}
				if n := count(); n != before {
					t.Errorf("records after a refused deletion = %d, want %d", n, before)
				}
				return
			}
			o := e.mustOverlay("the delete confirmation")
			if !hasText(o, "Eliminare "+tt.name+"?") || !hasText(o, tt.question) {
				t.Errorf("confirmation = %q, want Eliminare %s? and %q", texts(o), tt.name, tt.question)
			}
			test.Tap(button(t, o, "Elimina"))
			if n := count(); n != before-1 {
				t.Errorf("records after deleting = %d, want %d", n, before-1)
			}
			if rowIndex(tbl, col, tt.name) >= 0 {
				t.Errorf("%q still listed after deleting it", tt.name)
			}
			test.Tap(e.ui.status.undo)
			if n := count(); n != before {
				t.Errorf("records after undo = %d, want %d", n, before)
			}
			if rowIndex(tbl, col, tt.name) < 0 {
				t.Errorf("%q not listed after undo", tt.name)
			}
		})
	}
}

// TestOrganisationsJoinAndUndo: the USL was entered a second time under a shorter name; the secretary
// joins the second record into the first from the keyboard: its people follow, and the status line
// undoes it.
func TestOrganisationsJoinAndUndo(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	usl, _ := e.organisation("USL Umbria 1 – Distretto del Trasimeno")
	twin, err := e.store().SaveOrganisation(ctx, data.Organisation{Name: "USL Trasimeno", Category: data.CatASL})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.store().SavePerson(ctx, data.Person{Surname: "Brunelli", Name: "Chiara", Category: data.CatASL,
		OrganisationID: twin.ID})
	if err != nil {
		t.Fatal(err)
	}
	s := e.openOrganisationsTab()
	s.refresh()
	s.pane.table.list.Select(rowIndex(s.pane.table, 0, "USL Trasimeno"))
	s.joinItem()
	if s.join == nil || e.ui.win.Canvas().Focused() != s.join.search {
		t.Fatal("the join dialog is not open with the cursor in its search box")
	}
	s.join.search.SetText("umbria")
	s.join.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, _ := e.store().Person(ctx, p.ID); got.OrganisationID != usl.ID {
		t.Fatalf("Brunelli's organisation after the join = %q, want the USL %q", got.OrganisationID, usl.ID)
	}
	if rowIndex(s.pane.table, 0, "USL Trasimeno") >= 0 {
		t.Error("the joined organisation is still listed")
	}
	test.Tap(e.ui.status.undo)
	if got, _ := e.store().Person(ctx, p.ID); got.OrganisationID != twin.ID {
		t.Errorf("Brunelli's organisation after the undo = %q, want the twin again", got.OrganisationID)
	}
}

// A table's page gives the Esito delle proposte: what became of the proposals of its sessions.
func TestBodyGivesEsitoDelleProposte(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.selectBody("Tavolo tematico Anziani")
	var name string
	var pdf []byte
	s.save = func(n, ext string, b []byte) {
		if ext != ".pdf" {
			t.Errorf("offered as %q, want .pdf", ext)
		}
		name, pdf = n, b
	}
	test.Tap(button(t, s.content, "Esito delle proposte (PDF)…"))
	if name != "esito-delle-proposte-tavolo-tematico-anziani.pdf" {
		t.Fatalf("offered as %q", name)
	}
	words := pdfWords(t, pdf)
	for _, want := range []string{"ESITO DELLE PROPOSTE DEL TAVOLO TEMATICO ANZIANI", "Proposte approvate",
		"Trasporto sociale di Ambito con volontari e mezzi comunali", "La Responsabile dell'Ufficio di Piano"} {
		if !strings.Contains(words, want) {
			t.Errorf("the esito does not say %q:\n%s", want, words)
		}
	}
}
