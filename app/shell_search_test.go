package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// results reads the search results as listed: "Kind: name".
func (e *env) results() []string {
	var out []string
	for _, r := range rows(e.ui.found.list) {
		out = append(out, strings.Join(r, ": "))
	}
	return out
}

func TestGlobalSearch(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ui := e.ui
	test.Type(ui.search, "magione")

	if ui.current != len(ui.sections)-1 {
		t.Fatalf("section shown after typing in the search box = %d, want the results", ui.current)
	}
	got := e.results()
	if len(got) == 0 || got[0] != "Comune: Magione" {
		t.Fatalf("results for magione = %q, want Comune: Magione first", got)
	}
	var people int
	for _, r := range got {
		if strings.HasPrefix(r, "Persona: ") {
			people++
		}
	}
	if want := len(e.people("magione")); people != want || want == 0 {
		t.Errorf("people among the results = %d, want the %d the register finds", people, want)
	}
	for _, want := range []string{"Persona: Marchetti Luca · Comune di Magione", "Ente: Comune di Magione"} {
		if !contains(got, want) {
			t.Errorf("results = %q, want %q among them", got, want)
		}
	}
	if want := "risultati per «magione». Invio apre il primo."; !strings.Contains(ui.found.info.Text, want) {
		t.Errorf("results line = %q, want it to contain %q", ui.found.info.Text, want)
	}

	pressEnter(ui.search)
	if ui.current != sectionAmbito || ui.terr.tabs.SelectedIndex() != 1 {
		t.Fatalf("Enter shows section %d tab %d, want Ambito → Comuni", ui.current, ui.terr.tabs.SelectedIndex())
	}
	c := ui.terr.comuni
	if c.name.Text != "Magione" || c.meta.ID != e.comune("Magione").ID {
		t.Errorf("comune shown after Enter = %q (%s), want Magione", c.name.Text, c.meta.ID)
	}
	if sel := c.pane.table.sel; sel < 0 || column(c.pane.table, 0)[sel] != "Magione" {
		t.Errorf("selected comune row = %d, want Magione's", sel)
	}
}

func TestGlobalSearchOpensPersonAndEscapes(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ui := e.ui
	test.Type(ui.search, "angelo rosa")
	got := e.results()
	if len(got) != 1 || got[0] != "Persona: D'Angelo Rosa · Comune di Castiglione del Lago" {
		t.Fatalf("results for angelo rosa = %q, want D'Angelo Rosa only", got)
	}
	pressEnter(ui.search)
	if ui.current != sectionPeople {
		t.Fatalf("Enter on a person shows section %d, want Persone", ui.current)
	}
	f := ui.people.form
	if f.surname.Text != "D'Angelo" || f.name.Text != "Rosa" {
		t.Errorf("form after opening the result = %q %q, want D'Angelo Rosa", f.surname.Text, f.name.Text)
	}
	if tbl := ui.people.pane.table; tbl.sel < 0 || column(tbl, 0)[tbl.sel] != "D'Angelo Rosa" {
		t.Errorf("selected row = %d, want D'Angelo Rosa's", tbl.sel)
	}

	test.Type(ui.search, " x")
	ui.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ui.search.Text != "" {
		t.Errorf("search box after Esc = %q, want empty", ui.search.Text)
	}

	test.Type(ui.search, "anziani")
	got = e.results()
	if !contains(got, "Area: Anziani") || !contains(got, "Organo: Tavolo tematico Anziani") {
		t.Errorf("results for anziani = %q, want the area and its table", got)
	}
}

func TestGlobalSearchFindsProposals(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ui := e.ui
	test.Type(ui.search, "caffe alzh") // accents and case ignored, words by their beginning
	got := e.results()
	const want = "Proposta: Caffè Alzheimer itinerante nei comuni del lago · Anziani · "
	row := -1
	for i, r := range got {
		if strings.HasPrefix(r, want) {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("results for «caffe alzh» = %q, want the proposal %q…", got, want)
	}
	p := e.storedProposals(data.ProposalFilter{Query: "caffè alzheimer"})[0]

	// Found by their titles only: a word of the text alone lists no proposal.
	erase(ui.search)
	words := strings.Fields(data.Fold(p.Text))
	var textOnly string
	for _, w := range words {
		if len(w) > 6 && !strings.Contains(data.Fold(p.Title), w) && !strings.ContainsAny(w, ".,;:«»()'") {
			textOnly = w
			break
		}
	}
	if !contains(titlesOf(e.storedProposals(data.ProposalFilter{Query: textOnly})), p.Title) {
		t.Fatalf("the store does not find %q by %q, a word of its text", p.Title, textOnly)
	}
	test.Type(ui.search, textOnly)
	for _, r := range e.results() {
		if strings.HasPrefix(r, "Proposta: "+p.Title) {
			t.Errorf("results for %q, a word of its text only, list %q", textOnly, r)
		}
	}

	// Opening the result shows the proposal in Proposte, chosen in the list, the cursor in its search.
	erase(ui.search)
	test.Type(ui.search, "caffe alzh")
	for i, r := range e.results() {
		if strings.HasPrefix(r, want) {
			ui.found.list.Select(i)
		}
	}
	if ui.current != sectionProposals {
		t.Fatalf("opening the result shows section %d, want Proposte", ui.current)
	}
	s := ui.props
	if s.detail.shownID() != p.ID {
		t.Errorf("the detail shows %q, want %q", s.detail.title.Text, p.Title)
	}
	if s.table.sel < 0 || s.items[s.table.sel].ID != p.ID {
		t.Errorf("row chosen in the list = %d, want %q", s.table.sel, p.Title)
	}
	if ui.win.Canvas().Focused() != fyne.Focusable(s.table.filter) {
		t.Errorf("focus after opening = %T, want the search box of Proposte", ui.win.Canvas().Focused())
	}
}
