package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// startAnziani convenes and starts a session of the Anziani table with five seated members present.
func startAnziani(t *testing.T, e *env) *meetingScreen {
	t.Helper()
	s := e.convene("Tavolo tematico Anziani", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	n := 0
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" && n < 5 {
			checkIn(t, m, data.Fold(l.PersonName))
			n++
		}
	}
	return m
}

// openVote fills the new-vote form and opens the vote.
func openVote(t *testing.T, e *env, m *meetingScreen, method string, secret bool, options ...string) {
	t.Helper()
	openVoteWith(t, e, m, method, secret, nil, options...)
}

// openVoteWith is openVote with more of the form filled by set, when given, before the vote opens.
func openVoteWith(t *testing.T, e *env, m *meetingScreen, method string, secret bool, set func(dlg fyne.CanvasObject),
	options ...string) {
	t.Helper()
	m.openVoteForm()
	dlg := e.mustOverlay("the new vote form")
	var selects []*widget.Select
	var checks []*widget.CheckGroup
	var secretBox *widget.Check
	walk(dlg, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			selects = append(selects, w)
		case *widget.CheckGroup:
			checks = append(checks, w)
		case *widget.Check:
			if w.Text == "A scrutinio segreto" {
				secretBox = w
			}
		}
	})
	selects[0].SetSelected(method)
	secretBox.SetChecked(secret)
	if len(options) > 0 {
		checks[0].SetSelected(options)
	}
	if set != nil {
		set(dlg)
	}
	test.Tap(button(t, dlg, "Apri la votazione"))
	if e.overlay() == dlg {
		t.Fatalf("the vote did not open: %q", texts(dlg))
	}
	if _, ok := m.openVoteShown(); !ok {
		t.Fatalf("no open vote after opening one; error %q", m.errs.wrap.Text)
	}
}

func TestMotionPerSeatByKeys(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	v, _ := m.openVoteShown()
	if !v.QuorumHolds || v.QuorumPresent != 5 {
		t.Errorf("quorum recorded at opening = %d, holds %v; want 5 present, holds", v.QuorumPresent, v.QuorumHolds)
	}
	// One key per seat: F, F, C, A; the box moves to the next seat after each.
	for _, k := range []string{"f", "F", "c", "a"} {
		test.Type(m.voteKeys, k)
	}
	if got := len(m.d.Ballots[v.ID]); got != 4 {
		t.Fatalf("ballots after four keys = %d, want 4; error %q", got, m.errs.wrap.Text)
	}
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok && x.PlaceHolder == "bianche o nulle" {
			t.Error("an open motion's totals ask for schede bianche e nulle: a show of hands has none")
		}
	})
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	dlg := e.mustOverlay("the result")
	want := "Approvata a maggioranza semplice: 2 favorevoli, 1 contrario, 1 astenuto."
	if !hasText(dlg, want) {
		t.Errorf("result = %q, want %q", texts(dlg), want)
	}
	for _, bar := range []string{"Favorevoli", "Contrari", "Astenuti"} {
		if !hasText(dlg, bar) {
			t.Errorf("result has no bar %q", bar)
		}
	}
	// The verbale now reports the vote with its outcome.
	b, err := RenderDocument(e.ui.ctx, e.store(), m.d.Session.ID, docVerbale)
	if err != nil {
		t.Fatalf("verbale: %v", err)
	}
	words := pdfWords(t, b)
	for _, want := range []string{v.Subject, "2 favorevoli, 1 contrario, 1 astenuto"} {
		if !strings.Contains(words, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the verbale does not report %q:\n%s", want, words)
		}
	}
}

func TestSecretMotionThenTotals(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", true)
	v, _ := m.openVoteShown()
	// Who voted: checked off one by one.
	n := 0
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && n < 4 {
			c.SetChecked(true)
			n++
		}
	})
	if got := len(m.d.Voted[v.ID]); got != 4 {
		t.Fatalf("seats recorded as having voted = %d, want 4; error %q", got, m.errs.wrap.Text)
	}
	// Then the count from the box, as totals.
	var entries []*shortcutEntry
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok {
			entries = append(entries, x)
		}
	})
	test.Type(entries[0], "3")
	test.Type(entries[1], "1")
	test.Tap(button(t, m.votes.content, "Registra lo scrutinio"))
	for _, b := range m.d.Ballots[v.ID] {
		if b.Voter != "" {
			t.Fatalf("a ballot of the secret vote names seat %s", b.Voter)
		}
	}
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	dlg := e.mustOverlay("the result")
	if !hasText(dlg, "3 favorevoli, 1 contrario, 0 astenuti") {
		t.Errorf("secret result = %q", texts(dlg))
	}
}

// TestSecretMotionBlankCounted: the count of a secret motion's paper ballots has a fourth figure, the
// schede bianche e nulle, stored as ballots without a choice; under the rule chosen for the vote
// they are votanti, and raise the absolute majority past the favorevoli.
func TestSecretMotionBlankCounted(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVoteWith(t, e, m, "votazione (favorevoli, contrari, astenuti)", true, func(dlg fyne.CanvasObject) {
		walk(dlg, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Select:
				if slices.Contains(w.Options, "Assoluta: più della metà") {
					w.SetSelected("Assoluta: più della metà")
				}
			case *widget.Check:
				if w.Text == "Schede bianche e nulle contano tra i votanti" {
					w.SetChecked(true)
				}
			}
		})
	})
	v, _ := m.openVoteShown()
	if !v.Rules.BlankVotanti || v.Rules.Threshold != data.ThresholdAbsolute {
		t.Fatalf("the vote opened with rules %+v, want an absolute majority with the schede bianche e nulle among the votanti", v.Rules)
	}
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			c.SetChecked(true)
		}
	})
	// The totals: favorevoli, contrari, astenuti, bianche o nulle.
	count := func(fav, con, blank string) {
		t.Helper()
		boxes := map[string]*shortcutEntry{}
		for _, x := range voteEntries(m) {
			boxes[x.PlaceHolder] = x
		}
		for _, x := range []struct{ box, n string }{{"favorevole", fav}, {"contrario", con}, {"bianche o nulle", blank}} {
			if boxes[x.box] == nil {
				t.Fatalf("no box %q among the totals of a secret motion: %v", x.box, boxes)
			}
			test.Type(boxes[x.box], x.n)
		}
		test.Tap(button(t, m.votes.content, "Registra lo scrutinio"))
	}
	count("2", "1", "1")
	count("2", "1", "2") // entered again: replaces, or five seats would hold seven ballots
	if got := totals(m, v.ID); got[""] != 2 || got["favorevole"] != 2 {
		t.Fatalf("totals stored = %v, want 2 favorevoli and 2 ballots without a choice; error %q", got, m.errs.wrap.Text)
	}
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	dlg := e.mustOverlay("the result")
	// 2 favorevoli are not more than half of 5 votanti; without the rule they would be of 3.
	want := "Respinta: non raggiunta la maggioranza assoluta dei votanti, schede bianche e nulle comprese " +
		"(2 favorevoli, 1 contrario, 0 astenuti). 2 schede nulle."
	if !hasText(dlg, want) {
		t.Errorf("result = %q, want %q", texts(dlg), want)
	}
}

func TestDotVoteOnCapturedProposals(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	for _, title := range []string{"Trasporto sociale", "Centro diurno il sabato", "Sportello badanti"} {
		m.captureProposal()
		test.Type(m.capture.title, title)
		pressEnter(m.capture.title)
	}
	openVote(t, e, m, "bollini", false, "Trasporto sociale", "Centro diurno il sabato", "Sportello badanti")

	var entries []*shortcutEntry
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok {
			entries = append(entries, x)
		}
	})
	// Three option fields, then the count of identical anonymous ballots.
	if len(entries) < 4 {
		t.Fatalf("ballot form has %d entries, want 3 options and a count", len(entries))
	}
	cast := func(dots ...string) {
		for i, d := range dots {
			entries[i].SetText(d)
		}
		test.Tap(button(t, m.votes.content, "Registra scheda"))
		entries = entries[:0]
		walk(m.votes.content, func(o fyne.CanvasObject) {
			if x, ok := o.(*shortcutEntry); ok {
				entries = append(entries, x)
			}
		})
	}
	cast("2", "1", "")
	cast("", "2", "1")
	cast("3", "", "") // more than 2 on one option: a scheda nulla
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	dlg := e.mustOverlay("the result")
	if !hasText(dlg, "«Centro diurno il sabato» con 3 bollini") || !hasText(dlg, "Schede nulle") {
		t.Errorf("dot vote result = %q", texts(dlg))
	}
	if got := strings.Count(strings.Join(texts(dlg), "\n"), "scheda"); got == 0 {
		t.Error("the scheda nulla is not listed with its reason")
	}

}

func TestVotesScreenShowsDemoResults(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.ui.goTo(sectionVotes)
	s := e.ui.votes
	if n := len(s.pane.items); n < 12 {
		t.Fatalf("votes listed = %d, want the demo's 12", n)
	}
	i := -1
	for j, v := range s.pane.items {
		if m := v.result.Motion; m != nil && v.Rules.Weighting == data.WeightDouble && m.PassedByHeads && !m.Approved {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("no weighted Sindaci vote rejected by population among %q", column(s.pane.table, 2))
	}
	s.pane.table.list.Select(i)
	text := strings.Join(texts(s.detail), "\n")
	if !strings.Contains(text, "Respinta") || !strings.Contains(text, "per popolazione") {
		t.Errorf("weighted vote's result = %q, want it rejected with the population figures", text)
	}
	if !hasText(s.detail, "Favorevoli") {
		t.Error("the weighted vote shows no bars")
	}
}

func TestProjectorFollowsTheMeeting(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	menuCommand(t, e, "meeting.cmd.projector")()
	p := m.proj
	if p == nil {
		t.Fatal("F5 opened no projector window")
	}
	if !strings.Contains(p.big.Text, "Approvazione del verbale") {
		t.Errorf("projector shows %q, want the current item", p.big.Text)
	}
	m.nextItem()
	if !strings.HasPrefix(p.big.Text, "2. ") {
		t.Errorf("after the next item the projector shows %q, want item 2", p.big.Text)
	}
	menuCommand(t, e, "meeting.cmd.projector")() // the quorum
	if !strings.Contains(p.big.Text, "5 / ") || !hasText(p.content, "Componenti presenti: 5") {
		t.Errorf("projector quorum view = %q / %q", p.big.Text, texts(p.content))
	}
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	test.Type(m.voteKeys, "f")
	v, _ := m.openVoteShown()
	m.closeVote(v.ID)
	if e.overlay() == nil {
		t.Fatal("closing the vote shows no result")
	}
	menuCommand(t, e, "meeting.cmd.projector")() // the result, even with the result window open
	if p.mode != projResult || p.big.Text != v.Subject || !hasText(p.content, "Approvata") {
		t.Errorf("projector result view = mode %d, %q / %q", p.mode, p.big.Text, texts(p.content))
	}
	e.ui.sessions.closeMeeting()
	if m.proj != nil {
		t.Error("leaving the meeting screen leaves the projector open")
	}
}

func TestBordaBallotsBySeat(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	for _, title := range []string{"Trasporto sociale", "Centro diurno il sabato", "Sportello badanti"} {
		m.captureProposal()
		test.Type(m.capture.title, title)
		pressEnter(m.capture.title)
	}
	openVote(t, e, m, "graduatoria (Borda)", false, "Trasporto sociale", "Centro diurno il sabato", "Sportello badanti")
	var sel *widget.Select
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			sel = s
		}
	})
	if sel == nil {
		t.Fatal("the Borda ballot has no seat to choose")
	}
	sel.SetSelectedIndex(1) // the first seat present
	first := m.voteFirst
	if first == nil || e.ui.win.Canvas().Focused() != first {
		t.Fatalf("choosing the seat does not put the cursor in the ranking's first field (focused %T)",
			e.ui.win.Canvas().Focused())
	}
	// A repeated position is refused with a sentence, and nothing is recorded.
	cells := []string{"1", "1", ""}
	var entries []*shortcutEntry
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok {
			entries = append(entries, x)
		}
	})
	for i, c := range cells {
		entries[i].SetText(c)
	}
	pressEnter(entries[0])
	if !strings.Contains(m.errs.wrap.Text, "senza ripetizioni") || len(m.d.Ballots[m.voteID]) != 0 {
		t.Fatalf("repeated position: error %q, %d ballots; want a refusal", m.errs.wrap.Text, len(m.d.Ballots[m.voteID]))
	}
	entries[1].SetText("2")
	entries[2].SetText("x")
	pressEnter(entries[0])
	if !strings.Contains(m.errs.wrap.Text, "non è un numero intero") {
		t.Fatalf("a letter for a position: error %q", m.errs.wrap.Text)
	}
	entries[2].SetText("3")
	pressEnter(entries[0])
	if len(m.d.Ballots[m.voteID]) != 1 || !hasText(m.votes.content, "Hanno già votato") {
		t.Fatalf("after a valid ranking: %d ballots, panel %q", len(m.d.Ballots[m.voteID]), texts(m.votes.content))
	}
	if e.ui.win.Canvas().Focused() != m.voteFirst {
		t.Error("the cursor is not back in the ballot's first field")
	}
}
