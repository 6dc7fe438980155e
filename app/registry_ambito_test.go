package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// openAmbitoTab shows the Ambito section on tab i (0 Ambito, 1 comuni, 2 areas, 3 bodies).
func (e *env) openAmbitoTab(i int) {
	e.t.Helper()
	e.ui.nav.Select(sectionAmbito)
	e.ui.terr.tabs.SelectIndex(i)
	if e.ui.terr.tabs.SelectedIndex() != i {
		e.t.Fatalf("Ambito tab shown = %d, want %d", e.ui.terr.tabs.SelectedIndex(), i)
	}
}

func (e *env) comune(name string) data.Comune {
	e.t.Helper()
	list, err := e.store().Comuni(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, c := range list {
		if c.Name == name {
			return c
		}
	}
	e.t.Fatalf("no comune %q in the store", name)
	return data.Comune{}
}

func TestAmbitoSettings(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.openAmbitoTab(0)
	s := e.ui.terr.settings
	if got, want := s.name.Text, "Ambito Territoriale n.5 del Trasimeno"; got != want {
		t.Errorf("Ambito name = %q, want %q", got, want)
	}
	if got, want := s.capofila.Selected, "Castiglione del Lago"; got != want {
		t.Errorf("capofila = %q, want %q", got, want)
	}
	if got, want := s.summary.Text, "8 comuni, circa 56.900 abitanti (popolazioni approssimative)."; got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}

	retype(s.shortName, "Zona sociale n.5")
	a, err := e.store().Ambito(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.ShortName != "Zona sociale n.5" || a.Name != "Ambito Territoriale n.5 del Trasimeno" {
		t.Errorf("stored Ambito = %q / %q, want the new short name and the same name", a.Name, a.ShortName)
	}
	if got, want := e.ui.header.Text, "Tavoli · Zona sociale n.5"; got != want {
		t.Errorf("header = %q, want %q", got, want)
	}

	s.capofila.SetSelected("Magione")
	a, _ = e.store().Ambito(context.Background())
	if a.CapofilaID != e.comune("Magione").ID {
		t.Errorf("stored capofila = %q, want Magione's id", a.CapofilaID)
	}
	erase(s.name)
	if !s.errs.wrap.Visible() || s.errs.wrap.Text != "Scrivi il nome dell'Ambito." {
		t.Errorf("error line after clearing the name = %q (shown %v)", s.errs.wrap.Text, s.errs.wrap.Visible())
	}
	if a, _ := e.store().Ambito(context.Background()); a.Name != "Ambito Territoriale n.5 del Trasimeno" {
		t.Errorf("stored name after clearing it = %q, want it kept", a.Name)
	}
}

func TestComuniListAndPopulation(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.openAmbitoTab(1)
	s := e.ui.terr.comuni
	tbl := s.pane.table
	if n := len(rows(tbl.list)); n != 8 {
		t.Fatalf("comuni listed = %d, want 8", n)
	}
	if tbl.count.Text != "8 righe" {
		t.Errorf("count = %q, want 8 righe", tbl.count.Text)
	}
	for _, tt := range []struct{ name, population, istat string }{
		{"Castiglione del Lago", "circa 15.150", "054009"},
		{"Città della Pieve", "circa 7.500", "054012"},
		{"Paciano", "circa 950", "054036"},
	} {
		i := rowIndex(tbl, 0, tt.name)
		if i < 0 {
			t.Errorf("comuni = %q, want %q", column(tbl, 0), tt.name)
			continue
		}
		if got := column(tbl, 1)[i]; got != tt.population {
			t.Errorf("population of %s = %q, want %q", tt.name, got, tt.population)
		}
		if got := column(tbl, 2)[i]; got != tt.istat {
			t.Errorf("ISTAT of %s = %q, want %q", tt.name, got, tt.istat)
		}
	}

	tbl.list.Select(rowIndex(tbl, 0, "Castiglione del Lago"))
	if s.population.Text != "15150" || !s.approx.Checked || s.title.Text != "Castiglione del Lago" {
		t.Fatalf("form = %q, %q, approx %v; want Castiglione del Lago, 15150, approximate", s.title.Text, s.population.Text, s.approx.Checked)
	}

	tests := []struct {
		typed   string
		want    int    // stored population afterwards
		errLine string // "" when saved
	}{
		{"15.200", 15200, ""},
		{"15300", 15300, ""},
		{"15 400", 15400, ""},
		{"quindicimila", 15400, "La popolazione va scritta in cifre, per esempio 15150 o 15.150."},
		{"15.200", 15200, ""},
	}
	for _, tt := range tests {
		retype(s.population, tt.typed)
		if got := e.comune("Castiglione del Lago").Population; got != tt.want {
			t.Errorf("stored population after typing %q = %d, want %d", tt.typed, got, tt.want)
		}
		shown := ""
		if s.errs.wrap.Visible() {
			shown = s.errs.wrap.Text
		}
		if shown != tt.errLine {
			t.Errorf("error line after typing %q = %q, want %q", tt.typed, shown, tt.errLine)
		}
	}
	if got := column(tbl, 1)[rowIndex(tbl, 0, "Castiglione del Lago")]; got != "circa 15.200" {
		t.Errorf("list population after the edit = %q, want circa 15.200", got)
	}

	retype(s.istat, "54A")
	want := "Il codice ISTAT di Castiglione del Lago ha sei cifre (es. 054026); «54A» non va bene."
	if !s.errs.wrap.Visible() || s.errs.wrap.Text != want {
		t.Errorf("error line after ISTAT 54A = %q (shown %v), want %q", s.errs.wrap.Text, s.errs.wrap.Visible(), want)
	}
	if got := e.comune("Castiglione del Lago").ISTAT; got != "054009" {
		t.Errorf("stored ISTAT after an invalid code = %q, want 054009", got)
	}
}

func TestComuniNewAndFilter(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.openAmbitoTab(1)
	s := e.ui.terr.comuni
	test.Tap(button(t, s.content, "Nuovo comune"))
	test.Type(s.name, "Chiusi")
	test.Type(s.population, "8.300")
	test.Type(s.istat, "052010")
	c := e.comune("Chiusi")
	if c.Population != 8300 || c.ISTAT != "052010" || c.PopulationApprox {
		t.Errorf("stored comune = %+v, want Chiusi, 8300 exact, 052010", c)
	}
	if got := column(s.pane.table, 1)[rowIndex(s.pane.table, 0, "Chiusi")]; got != "8.300" {
		t.Errorf("list population = %q, want 8.300 (exact: no circa)", got)
	}
	if comuni, _ := e.store().Comuni(context.Background()); len(comuni) != 9 {
		t.Errorf("comuni after adding one = %d, want 9", len(comuni))
	}

	test.Type(s.pane.table.filter, "0540")
	if n := len(column(s.pane.table, 0)); n != 8 {
		t.Errorf("comuni with ISTAT 0540… = %d, want the 8 of Perugia's province", n)
	}
	s.pane.table.filter.SetText("")
	test.Type(s.pane.table.filter, "PIEVE")
	if got := column(s.pane.table, 0); len(got) != 1 || got[0] != "Città della Pieve" {
		t.Errorf("comuni matching PIEVE = %q, want Città della Pieve", got)
	}
}

func TestAreasAddAndMove(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	e.openAmbitoTab(2)
	s := e.ui.terr.areas
	if n := len(column(s.pane.table, 1)); n != 6 {
		t.Fatalf("areas listed = %d, want 6", n)
	}
	test.Tap(button(t, s.content, "Nuova area"))
	const name = "Povertà ed esclusione sociale"
	test.Type(s.name, name)

	positions := func() map[string]int {
		t.Helper()
		list, err := e.store().Areas(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, a := range list {
			out[a.Name] = a.Position
		}
		return out
	}
	if got := positions(); len(got) != 7 || got[name] != 7 {
		t.Fatalf("areas after adding = %v, want 7 with %q at 7", got, name)
	}

	steps := []struct {
		tap      string
		want     int // the new area's position
		neighbor int // Immigrazione's position
	}{
		{"Su", 6, 7},
		{"Su", 5, 7},
		{"Giù", 6, 7},
		{"Giù", 7, 6},
		{"Giù", 7, 6}, // already last
	}
	for i, st := range steps {
		b := s.up
		if st.tap == "Giù" {
			b = s.dn
		}
		test.Tap(b)
		got := positions()
		if got[name] != st.want || got["Immigrazione"] != st.neighbor {
			t.Errorf("step %d (%s): positions = %v, want %q at %d and Immigrazione at %d", i, st.tap, got, name, st.want, st.neighbor)
		}
		if idx := rowIndex(s.pane.table, 1, name); idx != st.want-1 {
			t.Errorf("step %d (%s): list row of %q = %d, want %d", i, st.tap, name, idx, st.want-1)
		}
	}

	// Moved to 6, then edited: the edit keeps the new place.
	test.Tap(s.up)
	test.Type(s.description, "Contrasto alla povertà")
	list, _ := e.store().Areas(ctx)
	for _, a := range list {
		if a.Name == name && (a.Position != 6 || a.Description != "Contrasto alla povertà") {
			t.Errorf("area after moving and editing = %d %q, want 6 and the description", a.Position, a.Description)
		}
	}
	if len(list) != 7 {
		t.Errorf("areas = %d, want 7", len(list))
	}
}

func TestBodiesSindaciRules(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	e.openAmbitoTab(3)
	s := e.ui.terr.bodies
	tbl := s.pane.table
	i := rowIndex(tbl, 0, "Tavolo dei Sindaci")
	if i < 0 {
		t.Fatalf("bodies = %q, want the Tavolo dei Sindaci", column(tbl, 0))
	}
	if got := column(tbl, 1)[i]; got != "Tavolo dei Sindaci" {
		t.Errorf("kind column = %q, want Tavolo dei Sindaci", got)
	}
	tbl.list.Select(i)

	seats := rows(s.seats.list)
	if len(seats) != 8 {
		t.Fatalf("seats shown = %d, want 8", len(seats))
	}
	if got, want := seats[0][0], "Castiglione del Lago · 15.150 abitanti"; got != want {
		t.Errorf("first seat = %q, want %q", got, want)
	}
	if got, want := s.seats.total.Text, "8 seggi · 56.900 abitanti rappresentati"; got != want {
		t.Errorf("seats total = %q, want %q", got, want)
	}
	why := s.rules.why.Text
	for _, want := range []string{"Con 8 componenti servono 5 presenti in prima convocazione e 3 in seconda.",
		"28.451 abitanti rappresentati su 56.900 in prima convocazione, 18.967 in seconda."} {
		if !strings.Contains(why, want) {
			t.Errorf("rules sentence = %q, want it to contain %q", why, want)
		}
	}
	if got, want := s.rules.weighting.Selected, "Doppia: per teste e per popolazione"; got != want {
		t.Errorf("weighting = %q, want %q", got, want)
	}
	sindaci := e.ui.terr.bodies.meta.ID
	members, err := e.store().Memberships(ctx, sindaci)
	if err != nil {
		t.Fatal(err)
	}
	if got := rows(s.members.list); len(got) != len(members) || len(members) == 0 {
		t.Errorf("members shown = %d, want the %d stored", len(got), len(members))
	} else if !contains(flatten(got), "D'Angelo Rosa · Delegato · seggio: Castiglione del Lago") {
		t.Errorf("members shown = %q, want D'Angelo Rosa as delegate for Castiglione del Lago", got)
	}

	stored := func() data.Rules {
		t.Helper()
		list, err := e.store().Bodies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range list {
			if b.Name == "Tavolo dei Sindaci" {
				return b.Rules
			}
		}
		t.Fatal("no Tavolo dei Sindaci in the store")
		return data.Rules{}
	}

	s.rules.prima.SetSelected("Un terzo dei componenti")
	if got := stored().QuorumPrima; got != (data.Quorum{Kind: data.QuorumOneThird}) {
		t.Errorf("stored prima quorum = %v, want one_third", got)
	}
	if !strings.Contains(s.rules.why.Text, "servono 3 presenti in prima convocazione") {
		t.Errorf("rules sentence after one third = %q", s.rules.why.Text)
	}
	if s.rules.primaN.Visible() {
		t.Error("the number box is shown for a quorum that is not a number")
	}

	s.rules.prima.SetSelected("Numero fisso")
	if !s.rules.primaN.Visible() {
		t.Fatal("the number box is hidden for a fixed quorum")
	}
	if !s.errs.wrap.Visible() || !strings.Contains(s.errs.wrap.Text, "Il numero legale deve essere") {
		t.Errorf("error line for a fixed quorum without its number = %q (shown %v)", s.errs.wrap.Text, s.errs.wrap.Visible())
	}
	if got := stored().QuorumPrima; got != (data.Quorum{Kind: data.QuorumOneThird}) {
		t.Errorf("stored prima quorum after an incomplete rule = %v, want one_third kept", got)
	}
	test.Type(s.rules.primaN, "6")
	if got := stored().QuorumPrima; got != (data.Quorum{Kind: data.QuorumNumber, N: 6}) {
		t.Errorf("stored prima quorum = %v, want 6", got)
	}
	if s.errs.wrap.Visible() {
		t.Errorf("error line still shown: %q", s.errs.wrap.Text)
	}
	if !strings.Contains(s.rules.why.Text, "servono 6 presenti in prima convocazione") {
		t.Errorf("rules sentence after 6 = %q", s.rules.why.Text)
	}

	s.rules.threshold.SetSelected("Qualificata: due terzi")
	if got := stored().Threshold; got != data.ThresholdTwoThirds {
		t.Errorf("stored threshold = %q, want two_thirds", got)
	}
}

func TestBodiesTematicoNeedsArea(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.openAmbitoTab(3)
	s := e.ui.terr.bodies
	test.Tap(button(t, s.content, "Nuovo organo"))
	if got := s.kind.Selected; got != "Tavolo tematico" {
		t.Errorf("kind of a new body = %q, want Tavolo tematico", got)
	}
	if s.details.Visible() {
		t.Error("rules and seats are shown for a body not saved yet")
	}
	test.Type(s.name, "Tavolo tematico Povertà")
	if want := "Un tavolo tematico lavora su un'area: sceglila."; !s.errs.wrap.Visible() || s.errs.wrap.Text != want {
		t.Errorf("error line = %q (shown %v), want %q", s.errs.wrap.Text, s.errs.wrap.Visible(), want)
	}
	before, _ := e.store().Bodies(context.Background())
	s.area.SetSelected("Anziani")
	after, err := e.store().Bodies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 {
		t.Fatalf("bodies after choosing the area = %d, want %d", len(after), len(before)+1)
	}
	if !s.details.Visible() {
		t.Error("rules and seats are hidden for a saved body")
	}
	if got := s.rules.why.Text; got != "Questo organo non ha ancora seggi: aggiungili qui sotto perché il numero legale si possa calcolare." {
		t.Errorf("rules sentence without seats = %q", got)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
