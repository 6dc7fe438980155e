package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// heldRunner keeps the store's work until release: the answers of a list's queries arrive late, as
// they may with the program's own runner.
type heldRunner struct{ jobs []func() }

func (h *heldRunner) run(work, done func()) { h.jobs = append(h.jobs, func() { work(); done() }) }

// release runs what was held, in order.
func (h *heldRunner) release() {
	jobs := h.jobs
	h.jobs = nil
	for _, j := range jobs {
		j()
	}
}

func TestListKeysWaitForThePause(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	e.ui.filterPause = time.Hour // the pause after typing does not end by itself in this test
	tbl, f := e.ui.people.pane.table, e.ui.people.form
	all := len(column(tbl, 0))

	test.Type(tbl.filter, "angelo ros")
	if n := len(column(tbl, 0)); n != all {
		t.Fatalf("the list was filtered before the pause: %d rows of %d", n, all)
	}
	tbl.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := column(tbl, 0); len(got) != 1 || got[0] != "D'Angelo Rosa" {
		t.Fatalf("after ↓ the list = %q, want D'Angelo Rosa alone", got)
	}
	if got := f.surname.Text + " " + f.name.Text; got != "D'Angelo Rosa" {
		t.Errorf("↓ shows %q, want D'Angelo Rosa", got)
	}

	// Enter at once after typing opens the person the filter finds.
	retype(tbl.filter, "conti giusep")
	pressEnter(tbl.filter)
	if got := column(tbl, 0); len(got) != 1 || got[0] != "Conti Giuseppina" {
		t.Fatalf("after Enter the list = %q, want Conti Giuseppina alone", got)
	}
	if e.ui.win.Canvas().Focused() != f.surname {
		t.Errorf("focus after Enter = %T, want the surname", e.ui.win.Canvas().Focused())
	}
	if e.ui.people.pane.pause != nil {
		t.Error("a query still waits for the pause after Enter brought the list up to date")
	}
}

func TestListKeysWaitForALateAnswer(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	tbl := e.ui.people.pane.table
	all := len(column(tbl, 0))
	held := &heldRunner{}
	e.ui.run = held.run

	test.Type(tbl.filter, "angelo ros")
	if n := len(column(tbl, 0)); n != all || len(held.jobs) == 0 {
		t.Fatalf("%d rows, %d queries under way: want the answers still to come", n, len(held.jobs))
	}
	tbl.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := column(tbl, 0); len(got) != 1 || got[0] != "D'Angelo Rosa" {
		t.Fatalf("after ↓ the list = %q, want D'Angelo Rosa alone", got)
	}

	// The answers that arrive afterwards are older than the list: they change nothing.
	e.ui.run = SyncRunner
	held.release()
	if got := column(tbl, 0); len(got) != 1 || tbl.sel != 0 {
		t.Errorf("after the late answers the list = %q (row %d chosen), want D'Angelo Rosa chosen", got, tbl.sel)
	}
}

func TestSynthesisEnterAddsWhatWasTyped(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showSynthesis()
	cands := pickable(e.ranking(""))
	if len(cands) < 2 {
		t.Fatalf("the demo has %d ranked proposals to pick, want 2", len(cands))
	}
	a, b := cands[0], cands[1]
	before := len(e.priorities())
	e.ui.filterPause = time.Hour
	f := s.ranking.table.filter

	// a chosen with ↓, then b's title typed and Enter pressed before the pause: b is added, not a.
	test.Type(f, a.Title)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.picked.ID != a.ID {
		t.Fatalf("after typing %q and ↓ the proposal chosen is %q", a.Title, s.picked.Title)
	}
	retype(f, b.Title)
	pressEnter(f)
	list := e.priorities()
	if len(list) != before+1 || list[len(list)-1].ID != b.ID {
		t.Fatalf("priority list after Enter = %q, want %q added at the end", proposalTitles(list), b.Title)
	}
	if msg := s.errs.wrap.Text; s.errs.wrap.Visible() && msg != "" && !strings.Contains(msg, b.Title) {
		t.Errorf("error line after adding: %q", msg)
	}
}
