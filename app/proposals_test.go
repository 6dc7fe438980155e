package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// showProposals shows the Proposte section with Ctrl+2, which puts the cursor in its search box.
func (e *env) showProposals() *proposalsScreen {
	e.t.Helper()
	menuCommand(e.t, e, "nav.proposals")()
	if e.ui.current != sectionProposals {
		e.t.Fatalf("Ctrl+2 shows section %d, want Proposte", e.ui.current)
	}
	if f := e.ui.win.Canvas().Focused(); f != fyne.Focusable(e.ui.props.table.filter) {
		e.t.Fatalf("focus after Ctrl+2 = %T, want the search box of Proposte", f)
	}
	return e.ui.props
}

// proposalStore is the window's database as the Proposte section uses it.
func (e *env) proposalStore() data.ProposalStore {
	e.t.Helper()
	return e.store()
}

// storedProposals lists the proposals the store gives for f.
func (e *env) storedProposals(f data.ProposalFilter) []data.ProposalView {
	e.t.Helper()
	list, err := e.proposalStore().Proposals(e.ui.ctx, f)
	if err != nil {
		e.t.Fatalf("Proposals(%+v): %v", f, err)
	}
	return list
}

// storedProposal reads one proposal with its detail from the store.
func (e *env) storedProposal(id string) data.ProposalDetail {
	e.t.Helper()
	d, err := e.proposalStore().ProposalDetail(e.ui.ctx, id)
	if err != nil {
		e.t.Fatalf("ProposalDetail(%s): %v", id, err)
	}
	return d
}

// titlesOf are the proposals' titles, in order.
func titlesOf(list []data.ProposalView) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Title)
	}
	return out
}

// openProposal clears the search and selects the proposal in the list, as a click on its row does.
func (e *env) openProposal(p data.ProposalView) *proposalDetail {
	e.t.Helper()
	s := e.ui.props
	s.table.filter.SetText("")
	i := -1
	for j, v := range s.items {
		if v.ID == p.ID {
			i = j
		}
	}
	if i < 0 {
		e.t.Fatalf("%q is not in the list %q", p.Title, column(s.table, 0))
	}
	s.table.list.Select(i)
	if s.detail.shownID() != p.ID || s.detail.title.Text != p.Title {
		e.t.Fatalf("after selecting %q the detail shows %q", p.Title, s.detail.title.Text)
	}
	return s.detail
}

// ownVotes are the priority votes a proposal received itself (not through another, not validations).
func ownVotes(d data.ProposalDetail) []data.ProposalVote {
	var out []data.ProposalVote
	for _, v := range d.Votes {
		if !v.Validation && v.Via == "" {
			out = append(out, v)
		}
	}
	return out
}

// votedPair finds two proposals of two different tables that may still be merged and were each voted
// on in their table.
func (e *env) votedPair() (a, b data.ProposalDetail) {
	e.t.Helper()
	for _, p := range e.storedProposals(data.ProposalFilter{}) {
		if !data.CanMerge(p.State) || p.BodyID == "" || p.BodyID == a.BodyID {
			continue
		}
		d := e.storedProposal(p.ID)
		if len(ownVotes(d)) == 0 {
			continue
		}
		if a.ID == "" {
			a = d
			continue
		}
		return a, d
	}
	e.t.Fatal("the demo has no two proposals of different tables, both voted on, that can still be merged")
	return
}

func TestProposalsSearchIgnoresAccentsAndCase(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	all := e.storedProposals(data.ProposalFilter{})
	if got := column(s.table, 0); len(got) != len(all) {
		t.Fatalf("list at start = %d rows, want every proposal (%d)", len(got), len(all))
	}
	want := titlesOf(e.storedProposals(data.ProposalFilter{Query: "città"}))
	if len(want) == 0 || len(want) >= len(all) {
		t.Fatalf("the store finds %d of %d proposals for «città»: the test needs some, not all", len(want), len(all))
	}
	cittadinanza := false
	for _, title := range want {
		cittadinanza = cittadinanza || strings.Contains(title, "Cittadinanza")
	}
	if !cittadinanza {
		t.Errorf("«città» finds %q, want the Uffici della Cittadinanza among them", want)
	}
	for _, typed := range []string{"citta", "CITTÀ", "Città", "cItTa"} {
		t.Run(typed, func(t *testing.T) {
			erase(s.table.filter)
			test.Type(s.table.filter, typed)
			got := column(s.table, 0)
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("list after typing %q = %q, want %q", typed, got, want)
			}
			if c := s.table.count.Text; c != italian.Int(len(want))+" proposte" {
				t.Errorf("count after typing %q = %q, want %d proposte", typed, c, len(want))
			}
		})
	}
	// Words narrow each other; nothing found says so.
	erase(s.table.filter)
	test.Type(s.table.filter, "mediazione cittadinanza")
	if got := column(s.table, 0); len(got) == 0 || len(got) >= len(want) {
		t.Errorf("«mediazione cittadinanza» lists %q, want fewer than «città» and some", got)
	}
	erase(s.table.filter)
	test.Type(s.table.filter, "zzzz")
	if n := len(column(s.table, 0)); n != 0 || s.table.count.Text != "0 proposte" {
		t.Errorf("«zzzz» lists %d rows, count %q; want none and 0 proposte", n, s.table.count.Text)
	}
	// Esc empties the search and the list comes back whole.
	s.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(column(s.table, 0)); n != len(all) {
		t.Errorf("after Esc the list has %d rows, want %d", n, len(all))
	}
}

func TestProposalsFiltersCombine(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	var anziani string
	for _, a := range s.areas {
		if a.Name == "Anziani" {
			anziani = a.ID
		}
	}
	if anziani == "" {
		t.Fatalf("no area Anziani among %+v", s.areas)
	}
	steps := []struct {
		name   string
		do     func()
		filter data.ProposalFilter
	}{
		{"area", func() { s.area.SetSelected("Anziani") }, data.ProposalFilter{AreaID: anziani}},
		{"kind", func() { s.kind.SetSelected("Criticità") },
			data.ProposalFilter{AreaID: anziani, Kind: data.KindCriticita}},
		{"state", func() { s.state.SetSelected("in valutazione") },
			data.ProposalFilter{AreaID: anziani, Kind: data.KindCriticita, State: data.StateInValutazione}},
		{"search", func() { test.Type(s.table.filter, "trasporto") },
			data.ProposalFilter{AreaID: anziani, Kind: data.KindCriticita, State: data.StateInValutazione, Query: "trasporto"}},
		{"all areas again", func() { s.area.SetSelectedIndex(0) },
			data.ProposalFilter{Kind: data.KindCriticita, State: data.StateInValutazione, Query: "trasporto"}},
	}
	prev := len(s.items)
	for i, st := range steps {
		st.do()
		want := titlesOf(e.storedProposals(st.filter))
		got := column(s.table, 0)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("after %s the list = %q, want %q", st.name, got, want)
		}
		if i < 4 && (len(got) == 0 || len(got) >= prev) {
			t.Errorf("after %s the list has %d rows (before %d): want the filters to narrow it, not empty it", st.name, len(got), prev)
		}
		prev = len(got)
	}
	for i, kind := range column(s.table, 2) {
		if kind != "Criticità" {
			t.Errorf("row %d kind = %q, want Criticità", i, kind)
		}
	}

	// Sorted by title, the Italian way.
	s.kind.SetSelectedIndex(0)
	s.state.SetSelectedIndex(0)
	erase(s.table.filter)
	s.order.SetSelected("Ordina: titolo")
	want := titlesOf(e.storedProposals(data.ProposalFilter{Sort: data.SortTitle}))
	if got := column(s.table, 0); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sorted by title = %q, want %q", got, want)
	}

	// From a proposal, the other proposals of its session.
	p := s.items[0]
	d := e.openProposal(p)
	test.Tap(button(t, d.content, "Altre proposte di questa seduta"))
	want = titlesOf(e.storedProposals(data.ProposalFilter{SessionID: p.SessionID, Sort: data.SortTitle}))
	if got := column(s.table, 0); strings.Join(got, "|") != strings.Join(want, "|") || len(want) < 2 {
		t.Errorf("proposals of the session = %q, want %q", got, want)
	}
	if !s.sessionBar.Visible() || !strings.Contains(s.sessionLabel.Text, italian.Day(p.SessionDate)) {
		t.Errorf("session filter line = %q (shown %v), want the session's date", s.sessionLabel.Text, s.sessionBar.Visible())
	}
	if s.detail.shownID() != p.ID || s.table.sel < 0 || s.items[s.table.sel].ID != p.ID {
		t.Error("filtering by its session lost the proposal shown or its row")
	}
	test.Tap(button(t, s.content, "Tutte le sedute"))
	if n := len(s.items); n != len(e.storedProposals(data.ProposalFilter{})) || s.sessionBar.Visible() {
		t.Errorf("after Tutte le sedute the list has %d rows (session line shown %v)", n, s.sessionBar.Visible())
	}
}

func TestProposalDetailShowsOriginLineageVotes(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	// The proposal with the most votes of the demo: a merged one carries its originals' votes.
	var best data.ProposalDetail
	for _, p := range e.storedProposals(data.ProposalFilter{}) {
		if d := e.storedProposal(p.ID); len(d.Votes) > len(best.Votes) {
			best = d
		}
	}
	if len(best.Votes) < 2 {
		t.Fatalf("the demo's most voted proposal %q has %d votes", best.Title, len(best.Votes))
	}
	d := e.openProposal(best.ProposalView)
	shown := strings.Join(texts(d.content), "\n")
	want := []string{best.BodyName, "seduta " + i18n.OfDay(best.SessionDate), "Votazioni", "Storia"}
	if best.ProposerName != "" {
		want = append(want, "proposta da "+best.ProposerName)
	}
	for _, v := range best.Votes {
		want = append(want, "«"+v.Subject+"» — "+v.BodyName+", "+italian.Day(v.Date))
		switch {
		case v.Validation:
			want = append(want, "Votazione di validazione: ")
		default:
			want = append(want, "Punteggio normalizzato: "+italian.Share(v.Share)+" su 1")
		}
		if v.Via != "" {
			want = append(want, "tramite «"+s.title(v.Via)+"»")
		}
	}
	for _, o := range best.Originals {
		want = append(want, "«"+o.Title+"» — "+o.BodyName)
	}
	for _, h := range best.History {
		want = append(want, italian.DateTime(h.At)+" · "+h.Operator)
	}
	for _, w := range want {
		if !strings.Contains(shown, w) {
			t.Errorf("the detail of %q does not show %q; it shows:\n%s", best.Title, w, shown)
		}
	}
	if !strings.Contains(s.detail.state.Text, "Stato: "+lang.L("pstate."+string(best.State))) {
		t.Errorf("state line = %q, want the state %s", s.detail.state.Text, best.State)
	}
	// Opening it changed nothing.
	if after := e.storedProposal(best.ID); !after.Updated.Equal(best.Updated) {
		t.Errorf("opening %q saved it (updated %v, was %v)", best.Title, after.Updated, best.Updated)
	}
}

func TestProposalMovesRecordHistoryAndRefusals(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	var p data.ProposalView
	for _, v := range e.storedProposals(data.ProposalFilter{State: data.StateInValutazione}) {
		p = v
		break
	}
	if p.ID == "" {
		t.Fatal("the demo has no proposal in valutazione")
	}
	d := e.openProposal(p)

	// One step forward, with a reason, by keyboard.
	test.Tap(button(t, d.content, "Porta a «prioritaria»…"))
	e.mustOverlay("the question for the move")
	reason := focusedEntry(t, e)
	test.Type(reason, "Scelta dall'Ufficio di Piano")
	pressEnter(reason)
	if e.overlay() != nil {
		t.Fatal("the question stays open after Enter")
	}
	stored := e.storedProposal(p.ID)
	if stored.State != data.StatePrioritaria || stored.Priority == 0 {
		t.Fatalf("after the move: %s, priority %d; want prioritaria in the list", stored.State, stored.Priority)
	}
	last := stored.History[len(stored.History)-1]
	if last.From != data.StateInValutazione || last.Reason != "Scelta dall'Ufficio di Piano" || last.Operator != "Lucia Ferri" {
		t.Errorf("last event = %+v, want the move with its reason and the operator", last)
	}
	shown := strings.Join(texts(d.content), "\n")
	for _, w := range []string{italian.DateTime(last.At) + " · Lucia Ferri · da «in valutazione» a «prioritaria»",
		"motivo: Scelta dall'Ufficio di Piano", "Stato: prioritaria · n. " + italian.Int(stored.Priority)} {
		if !strings.Contains(shown, w) {
			t.Errorf("detail after the move lacks %q:\n%s", w, shown)
		}
	}
	if i := rowIndex(s.table, 0, p.Title); i < 0 || column(s.table, 3)[i] != "prioritaria" || s.table.sel != i {
		t.Errorf("the list row of %q is not selected with the new state", p.Title)
	}

	// Back without a reason: refused, said in a sentence, nothing changes.
	test.Tap(button(t, d.content, "Riporta indietro…"))
	o := e.mustOverlay("the question for going back")
	if !hasText(o, "da «prioritaria» a «in valutazione»") {
		t.Errorf("going back asks %q, want the step to the previous state", texts(o))
	}
	empty := focusedEntry(t, e)
	pressEnter(empty)
	if e.overlay() != o || !hasText(o, "Scrivi il motivo") {
		t.Errorf("Enter on an empty reason: question %q, want it still open, asking for the reason", texts(o))
	}
	empty.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.overlay() == o {
		t.Fatal("Esc left the question open")
	}
	if st := e.storedProposal(p.ID).State; st != data.StatePrioritaria {
		t.Errorf("a refused move changed the state to %s", st)
	}
	// With the reason it goes back, and the error line is gone.
	test.Tap(button(t, d.content, "Riporta indietro…"))
	reason = focusedEntry(t, e)
	test.Type(reason, "Da rivedere con i Comuni")
	pressEnter(reason)
	if st := e.storedProposal(p.ID).State; st != data.StateInValutazione || d.errs.wrap.Visible() {
		t.Errorf("after going back with a reason: %s, error %q", st, d.errs.wrap.Text)
	}

	// Rejected, which needs a reason (Enter on an empty one does nothing), then reconsidered: back to
	// the state it had, with a reason.
	test.Tap(button(t, d.content, "Respingi…"))
	reason = focusedEntry(t, e)
	pressEnter(reason)
	if st := e.storedProposal(p.ID).State; st == data.StateRespinta {
		t.Fatal("rejected without a reason")
	}
	if dlg := e.overlay(); dlg == nil || !hasText(dlg, "Scrivi il motivo") {
		t.Fatal("Enter on an empty reason closed the question, or did not say a reason is needed")
	}
	if e.ui.win.Canvas().Focused() != reason {
		t.Fatal("after Enter on an empty reason the cursor left the reason")
	}
	test.Type(reason, "Già finanziata dal bando regionale")
	pressEnter(reason)
	if st := e.storedProposal(p.ID).State; st != data.StateRespinta {
		t.Fatalf("after Respingi with a reason: %s", st)
	}
	if got := buttonTexts(d.moves); strings.Join(got, "|") != "Riesamina…" {
		t.Errorf("a rejected proposal offers %q, want only Riesamina…", got)
	}
	test.Tap(button(t, d.content, "Riesamina…"))
	reason = focusedEntry(t, e)
	test.Type(reason, "Nuovi dati dai Comuni")
	pressEnter(reason)
	if st := e.storedProposal(p.ID).State; st != data.StateInValutazione {
		t.Errorf("reconsidered: %s, want back in valutazione as before the rejection", st)
	}

	// A proposal approved by the mayors can no longer be rejected: no such button.
	// (The demo's approved priorities are all in attuazione by now: one of those.)
	approved := e.storedProposals(data.ProposalFilter{State: data.StateInAttuazione})
	if len(approved) == 0 {
		t.Fatal("the demo has no approved proposal to try Respingi on")
	}
	v := approved[0]
	texts := buttonTexts(e.openProposal(v).content)
	if slices.Contains(texts, "Respingi…") {
		t.Errorf("%q (in attuazione) offers Respingi among %q", v.Title, texts)
	}
	if len(texts) == 0 {
		t.Errorf("%q (in attuazione) shows no buttons at all", v.Title)
	}
}

func TestProposalMergeAndUndo(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	a, b := e.votedPair()

	// Mark both from the keyboard: search, Down to the row, Ins.
	for _, p := range []data.ProposalDetail{a, b} {
		erase(s.table.filter)
		test.Type(s.table.filter, strings.Join(strings.Fields(p.Title)[:2], " "))
		s.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if s.table.sel < 0 || s.items[s.table.sel].ID != p.ID {
			t.Fatalf("Down in the search does not select %q first (list %q)", p.Title, column(s.table, 0))
		}
		s.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyInsert})
	}
	if s.markedLabel.Text != "2 selezionate" || s.mergeBtn.Disabled() {
		t.Fatalf("marks = %q (Accorpa disabled %v), want 2 selezionate and Accorpa on", s.markedLabel.Text, s.mergeBtn.Disabled())
	}

	menuCommand(t, e, "proposals.cmd.merge")() // Ctrl+M
	dlg := e.mustOverlay("the merge form")
	title := focusedEntry(t, e)
	if title.Text != a.Title {
		t.Errorf("merge form title = %q, want the first marked %q", title.Text, a.Title)
	}
	for _, w := range []string{"«" + a.Title + "» — " + a.BodyName, "«" + b.Title + "» — " + b.BodyName} {
		if !hasText(dlg, w) {
			t.Errorf("merge form lacks %q: %q", w, texts(dlg))
		}
	}
	retype(title, "Proposta unica accorpata")
	test.Tap(button(t, dlg, "Accorpa"))
	if e.overlay() != nil {
		t.Fatalf("the merge form stays open: %q", texts(e.overlay()))
	}

	merged := s.detail.d
	if merged.Title != "Proposta unica accorpata" || len(merged.Originals) != 2 {
		t.Fatalf("after merging the detail shows %q with %d originals", merged.Title, len(merged.Originals))
	}
	for _, o := range []data.ProposalDetail{a, b} {
		st := e.storedProposal(o.ID)
		if st.State != data.StateAccorpata || st.MergedIntoID != merged.ID {
			t.Errorf("original %q after merging: %s into %q", o.Title, st.State, st.MergedIntoID)
		}
	}
	shown := strings.Join(texts(s.detail.content), "\n")
	for _, o := range []data.ProposalDetail{a, b} {
		w := "«" + o.Title + "» — " + o.BodyName
		if o.ProposerName != "" {
			if !strings.Contains(shown, "proposta da "+o.ProposerName) {
				t.Errorf("the merged detail does not keep the proposer %q of %q", o.ProposerName, o.Title)
			}
		}
		if !strings.Contains(shown, w) {
			t.Errorf("the merged detail does not list the original %q", w)
		}
		for _, v := range ownVotes(o) {
			if !strings.Contains(shown, "«"+v.Subject+"» — "+v.BodyName) {
				t.Errorf("the merged detail does not list the vote %q of %q", v.Subject, o.Title)
			}
		}
		if !strings.Contains(shown, "tramite «"+o.Title+"»") {
			t.Errorf("the merged detail does not say its votes came through %q:\n%s", o.Title, shown)
		}
	}
	erase(s.table.filter)
	if s.detail.shownID() != merged.ID {
		t.Error("emptying the search left the merged proposal")
	}
	if i := rowIndex(s.table, 0, a.Title); i < 0 || column(s.table, 3)[i] != "accorpata in «Proposta unica accorpata»" {
		t.Errorf("the list row of %q does not say where it was merged: %q", a.Title, rows(s.table.list))
	}
	if s.markedLabel.Text != "0 selezionate" {
		t.Errorf("marks after merging = %q, want none", s.markedLabel.Text)
	}

	// Undo from the status line: the originals are back as they were, the merged one is gone.
	st := e.ui.status
	if !st.undo.Visible() || st.undo.Text != "Annulla accorpamento" ||
		st.undoMsg.Text != "Accorpate 2 proposte in «Proposta unica accorpata»." {
		t.Fatalf("status after merging = %q / %q (shown %v)", st.undoMsg.Text, st.undo.Text, st.undo.Visible())
	}
	test.Tap(st.undo)
	for _, o := range []data.ProposalDetail{a, b} {
		back := e.storedProposal(o.ID)
		if back.State != o.State || back.MergedIntoID != "" || back.Priority != o.Priority {
			t.Errorf("%q after the undo: %s (priority %d, into %q), want %s (priority %d)", o.Title, back.State,
				back.Priority, back.MergedIntoID, o.State, o.Priority)
		}
	}
	if _, err := e.proposalStore().ProposalDetail(e.ui.ctx, merged.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the merged proposal after the undo: %v, want it gone", err)
	}
	if rowIndex(s.table, 0, "Proposta unica accorpata") >= 0 || s.detail.shownID() != a.ID {
		t.Errorf("after the undo the list still has the merged proposal, or the detail shows %q", s.detail.title.Text)
	}

	// Once more, undone this time from the merged proposal's own button, with a reason.
	s.merge([]string{a.ID, b.ID}, data.Proposal{Title: "Di nuovo insieme"}, "")
	test.Tap(button(t, s.detail.content, "Annulla accorpamento…"))
	reason := focusedEntry(t, e)
	test.Type(reason, "Erano due cose diverse")
	pressEnter(reason)
	back := e.storedProposal(a.ID)
	if back.State != a.State || back.History[len(back.History)-1].Reason != "Erano due cose diverse" {
		t.Errorf("after undoing from the detail: %s, last event %+v", back.State, back.History[len(back.History)-1])
	}
}

func TestProposalSplitAndUndo(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	var p data.ProposalView
	for _, v := range e.storedProposals(data.ProposalFilter{State: data.StateProposta}) {
		p = v
		break
	}
	if p.ID == "" {
		t.Fatal("the demo has no proposal still proposta")
	}
	d := e.openProposal(p)
	test.Tap(button(t, d.content, "Dividi…"))
	dlg := e.mustOverlay("the split form")
	first := focusedEntry(t, e)
	if first.PlaceHolder != "Titolo della parte" {
		t.Errorf("the split form starts in %q, want the first part's title", first.PlaceHolder)
	}
	test.Type(first, "Prima parte")
	test.Tap(button(t, dlg, "Aggiungi un'altra parte"))
	second := focusedEntry(t, e)
	test.Type(second, "Seconda parte")
	pressEnter(second)
	if e.overlay() != nil {
		t.Fatal("the split form stays open after Enter")
	}
	stored := e.storedProposal(p.ID)
	if len(stored.Parts) != 2 || stored.Parts[0].Title != "Prima parte" || stored.Parts[1].SplitFromID != p.ID {
		t.Fatalf("parts after splitting = %+v, want the two typed", titlesOf(stored.Parts))
	}
	shown := strings.Join(texts(d.content), "\n")
	if !strings.Contains(shown, "Ne sono state scorporate 2 parti:") || !strings.Contains(shown, "«Seconda parte» — proposta") {
		t.Errorf("the detail does not list the parts:\n%s", shown)
	}
	st := e.ui.status
	if st.undo.Text != "Annulla divisione" || !strings.Contains(st.undoMsg.Text, "Scorporate 2 parti") {
		t.Fatalf("status after splitting = %q / %q", st.undoMsg.Text, st.undo.Text)
	}
	test.Tap(st.undo)
	if parts := e.storedProposal(p.ID).Parts; len(parts) != 0 {
		t.Errorf("parts after the undo = %q, want none", titlesOf(parts))
	}
	if rowIndex(s.table, 0, "Prima parte") >= 0 || s.detail.shownID() != p.ID {
		t.Error("after the undo the list still shows a part, or the detail left the proposal")
	}
	if hasText(d.content, "scorporate") {
		t.Error("the detail still lists parts after the undo")
	}

	// A split with nothing written is refused with a sentence.
	test.Tap(button(t, d.content, "Dividi…"))
	test.Tap(button(t, e.mustOverlay("the split form"), "Dividi"))
	if !strings.Contains(d.errs.wrap.Text, "Scrivi almeno una parte") {
		t.Errorf("empty split: error %q, want the sentence", d.errs.wrap.Text)
	}
}

func TestProposalEditSavesAsTyped(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	p := s.items[0]
	d := e.openProposal(p)

	// Enter in the search goes to the title; Esc comes back.
	s.focusFilter()
	pressEnter(s.table.filter)
	if e.ui.win.Canvas().Focused() != fyne.Focusable(d.form.title) {
		t.Fatalf("Enter in the search focuses %T, want the title", e.ui.win.Canvas().Focused())
	}
	retype(d.form.title, "Titolo corretto dall'Ufficio")
	retype(d.form.target, "Anziani e caregiver")
	stored := e.storedProposal(p.ID)
	if stored.Title != "Titolo corretto dall'Ufficio" || stored.TargetGroup != "Anziani e caregiver" {
		t.Errorf("stored after typing: %q / %q", stored.Title, stored.TargetGroup)
	}
	if stored.State != p.State || stored.SessionID != p.SessionID || stored.ProposerID != p.ProposerID {
		t.Errorf("editing changed what the form does not show: %+v", stored.Proposal)
	}
	if rowIndex(s.table, 0, "Titolo corretto dall'Ufficio") < 0 || d.title.Text != "Titolo corretto dall'Ufficio" {
		t.Error("the list row and the heading do not follow the title")
	}
	d.form.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.ui.win.Canvas().Focused() != fyne.Focusable(s.table.filter) {
		t.Error("Esc in the title does not go back to the search")
	}

	// An empty title is not saved: the form says why and keeps the stored one.
	erase(d.form.title)
	if !strings.Contains(d.errs.wrap.Text, "titolo") || e.storedProposal(p.ID).Title != "Titolo corretto dall'Ufficio" {
		t.Errorf("empty title: error %q, stored %q", d.errs.wrap.Text, e.storedProposal(p.ID).Title)
	}

	// The proposal of a session whose verbale is approved cannot be edited, and says why.
	v := s.sessions[p.SessionID]
	v.Status = data.SessionApprovata
	s.sessions[p.SessionID] = v
	d.load(p.ID)
	if !d.form.title.Disabled() || !d.form.area.Disabled() {
		t.Error("the locked proposal's fields can be edited")
	}
	if !strings.Contains(d.form.note.Text, "approvato") {
		t.Errorf("locked note = %q, want the reason", d.form.note.Text)
	}
}

func TestProposalsCSVExport(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	test.Type(s.table.filter, "trasporto")
	path := filepath.Join(t.TempDir(), "proposte.csv")
	var offered string
	s.saveAs = func(name, ext string, b []byte) {
		offered = name
		e.ui.writeDocument(path, b)
	}
	test.Tap(button(t, s.content, "Esporta CSV…"))
	if offered != "proposte.csv" {
		t.Errorf("file name offered = %q, want proposte.csv", offered)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeffTitolo;")) {
		t.Errorf("CSV starts with %q, want the BOM and semicolons", b[:min(len(b), 20)])
	}
	lines := strings.Split(strings.TrimRight(string(b), "\r\n"), "\r\n")
	if len(lines) != len(s.items)+1 || len(s.items) == 0 {
		t.Errorf("CSV has %d lines for %d proposals listed, want a header and one line each", len(lines), len(s.items))
	}
	for _, p := range s.items {
		if !strings.Contains(string(b), p.Title) {
			t.Errorf("CSV lacks %q", p.Title)
		}
	}
	if !strings.Contains(e.ui.status.undoMsg.Text, path) {
		t.Errorf("status after exporting = %q, want the path", e.ui.status.undoMsg.Text)
	}
}

func TestProposalsMarkByCheckBox(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	item := s.table.list.CreateItem()
	s.table.list.UpdateItem(1, item)
	check := item.(*fyne.Container).Objects[0].(*widget.Check)
	test.Tap(check)
	if len(s.marked) != 1 || s.marked[0].ID != s.items[1].ID || s.markedLabel.Text != "1 selezionata" {
		t.Fatalf("after ticking row 2: marked %v, label %q", titlesOf(s.marked), s.markedLabel.Text)
	}
	if !s.mergeBtn.Disabled() {
		t.Error("Accorpa is offered for one proposal")
	}
	test.Tap(button(t, s.content, "Togli la selezione"))
	if len(s.marked) != 0 {
		t.Errorf("after Togli la selezione %d remain marked", len(s.marked))
	}
}

func TestProposalOfTheOffice(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	before := len(e.storedProposals(data.ProposalFilter{}))
	menuCommand(t, e, "action.new")() // Ctrl+N
	d := s.detail
	if e.ui.win.Canvas().Focused() != fyne.Focusable(d.form.title) || d.form.title.Disabled() {
		t.Fatal("Nuovo does not start a proposal in its title")
	}
	test.Type(d.form.title, "Sportello unico per il caregiver")
	if !strings.Contains(d.errs.wrap.Text, "Scegli l'area") || len(e.storedProposals(data.ProposalFilter{})) != before {
		t.Fatalf("a proposal without area: error %q; want it refused, nothing saved", d.errs.wrap.Text)
	}
	d.form.area.SetSelected("Anziani")
	list := e.storedProposals(data.ProposalFilter{Query: "caregiver sportello"})
	if len(list) != 1 || list[0].SessionID != "" || list[0].State != data.StateProposta || list[0].AreaName != "Anziani" {
		t.Fatalf("stored = %+v, want one proposal of the office, proposta, area Anziani", titlesOf(list))
	}
	if d.shownID() != list[0].ID || !hasText(d.content, "Proposta dall'Ufficio di Piano fuori seduta") {
		t.Errorf("the detail does not show the new proposal with its origin: %q", texts(d.content))
	}
	if i := rowIndex(s.table, 0, "Sportello unico per il caregiver"); i < 0 || s.table.sel != i {
		t.Error("the new proposal is not selected in the list")
	}
	// Deleted, and back with the undo; the status line says what went, in the feminine of «proposta».
	menuCommand(t, e, "action.delete")() // Ctrl+Canc
	test.Tap(button(t, e.mustOverlay("the delete question"), "Elimina"))
	if n := len(e.storedProposals(data.ProposalFilter{})); n != before || d.shownID() != "" {
		t.Fatalf("after deleting: %d proposals (want %d), detail shows %q", n, before, d.title.Text)
	}
	if got, want := e.ui.status.undoMsg.Text, "Proposta eliminata: «Sportello unico per il caregiver»."; got != want {
		t.Errorf("status after deleting = %q, want %q", got, want)
	}
	test.Tap(e.ui.status.undo)
	if n := len(e.storedProposals(data.ProposalFilter{})); n != before+1 || d.shownID() != list[0].ID {
		t.Errorf("after the undo: %d proposals, detail %q", n, d.title.Text)
	}
}

func TestProposalsTakeTheCursorWhenEntered(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	focused := func() fyne.Focusable { return e.ui.win.Canvas().Focused() }
	s := e.ui.props
	if focused() != fyne.Focusable(e.ui.sessions.pane.table.filter) {
		t.Fatalf("focus at start = %T, want the filter of Sedute", focused())
	}

	// Ctrl+2, and Ctrl+2 again once the cursor went elsewhere: the search box, ready to type in.
	e.showProposals()
	e.ui.win.Canvas().Focus(e.ui.search)
	menuCommand(t, e, "nav.proposals")()
	if focused() != fyne.Focusable(s.table.filter) {
		t.Fatalf("focus after Ctrl+2 in Proposte = %T, want its search box", focused())
	}
	test.Type(focused(), "anziani")
	if s.table.filter.Text != "anziani" || len(s.items) == 0 || len(s.items) == len(e.storedProposals(data.ProposalFilter{})) {
		t.Errorf("typing after Ctrl+2: search %q, %d rows; want the list filtered", s.table.filter.Text, len(s.items))
	}

	// A click in the navigation does the same, in every section with a list.
	for _, c := range []struct {
		section int
		filter  *shortcutEntry
	}{
		{sectionSessions, e.ui.sessions.pane.table.filter},
		{sectionProposals, s.table.filter},
		{sectionVotes, e.ui.votes.pane.table.filter},
		{sectionSynthesis, e.ui.synth.ranking.table.filter},
		{sectionAttuazione, e.ui.attu.pane.table.filter},
		{sectionPeople, e.ui.people.pane.table.filter},
	} {
		e.ui.nav.Select(c.section)
		if focused() != fyne.Focusable(c.filter) {
			t.Errorf("focus after choosing %s = %T, want its filter", lang.L(e.ui.sections[c.section].key), focused())
		}
	}

	// A dialog keeps the cursor: the section behind it does not take it.
	e.ui.goTo(sectionSessions)
	d := e.ui.confirm("Domanda", "Sì o no?", "Sì", func() {})
	keys := focused()
	e.ui.goTo(sectionProposals)
	if focused() != keys {
		t.Errorf("focus with a dialog open = %T, want the dialog's", focused())
	}
	d.Hide()
}

func TestProposalsListReadableAtDefaultSize(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.ui.win.Resize(fyne.NewSize(1200, 760))
	s := e.showProposals()
	var heads []string
	for _, k := range proposalColumns[1:] {
		heads = append(heads, lang.L(k))
	}
	if got, want := strings.Join(heads, "|"), "Titolo|Area|Tipo|Stato|Data|N."; got != want {
		t.Errorf("columns = %q, want %q: the table is in the detail and the filter", got, want)
	}
	want := map[data.ProposalKind]string{data.KindPuntoDiForza: "Forza", data.KindCriticita: "Criticità",
		data.KindStrategia: "Strategia", data.KindIpotesi: "Ipotesi"}
	for i, kind := range column(s.table, 2) {
		if w := want[s.items[i].Kind]; kind != w {
			t.Errorf("row %d (%s) kind = %q, want %q", i, s.items[i].Kind, kind, w)
		}
	}

	// The list takes the larger part, and keeps it once a proposal is shown beside it with its buttons.
	s.table.step(1)
	if s.detail.shownID() == "" {
		t.Fatal("↓ shows no proposal")
	}
	e.ui.win.Resize(fyne.NewSize(1200, 761)) // lay the window out again, as the driver does when drawing
	list := s.table.content.Size().Width
	detail := s.detail.content.Size().Width
	if list < 1.8*detail {
		t.Errorf("list %.0f px beside a detail of %.0f: want the list about twice as wide", list, detail)
	}
	// What the short columns show fits in them, as the theme measures text.
	row := s.table.list.CreateItem().(*fyne.Container)
	row.Resize(fyne.NewSize(list, row.MinSize().Height))
	pad := 2 * theme.InnerPadding()
	for col, texts := range map[int][]string{
		3: {"Forza", "Criticità", "Strategia", "Ipotesi"},
		4: {"in valutazione", "in attuazione", "prioritaria"},
		5: {"14/05/2027"},
	} {
		w := row.Objects[col].Size().Width
		for _, txt := range texts {
			if need := fyne.MeasureText(txt, theme.TextSize(), fyne.TextStyle{}).Width + pad; need > w {
				t.Errorf("column %d is %.0f px, %q needs %.0f", col, w, txt, need)
			}
		}
	}
}

func TestProposalsKeysWaitForTheSearch(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showProposals()
	e.ui.filterPause = time.Hour // the pause after typing does not end by itself in this test
	all := e.storedProposals(data.ProposalFilter{})
	p := all[len(all)-1]
	words := strings.Join(strings.Fields(p.Title)[:3], " ")

	// ↓ at once after typing: the rows of what was typed, not those shown before.
	test.Type(s.table.filter, words)
	if len(s.items) != len(all) {
		t.Fatalf("the list was filtered before the pause: %d rows", len(s.items))
	}
	s.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	want := titlesOf(e.storedProposals(data.ProposalFilter{Query: words}))
	if got := column(s.table, 0); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("after ↓ the list = %q, want %q", got, want)
	}
	if s.table.sel != 0 || s.detail.shownID() != s.items[0].ID {
		t.Errorf("↓ chose row %d, want the first of the filtered list", s.table.sel)
	}
	if s.pause != nil {
		t.Error("a query still waits for the pause after ↓ brought the list up to date")
	}

	// Ins at once after typing marks the proposal the search finds.
	q := all[0]
	retype(s.table.filter, q.Title)
	s.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyInsert})
	if len(s.marked) != 1 || s.marked[0].ID != q.ID {
		t.Errorf("marked after typing %q and Ins: %q", q.Title, titlesOf(s.marked))
	}
}
