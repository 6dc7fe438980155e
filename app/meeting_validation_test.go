package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// mover is the store's hand move of a proposal along its life.
type mover interface {
	MoveProposal(ctx context.Context, id string, to data.ProposalState, reason string) (data.Proposal, error)
}

// validated puts two pickable proposals in the priority list and has them validated by hand, so that
// the Tavolo dei Sindaci has something to approve whatever the demo holds.
func (e *env) validated() []data.ProposalView {
	e.t.Helper()
	cands := pickable(e.ranking(""))
	if len(cands) < 2 {
		e.t.Fatalf("the demo has %d proposals to pick, want 2", len(cands))
	}
	e.addPriorities(cands[0].ID, cands[1].ID)
	for _, c := range cands[:2] {
		if _, err := e.store().(mover).MoveProposal(context.Background(), c.ID, data.StateValidata, "validata in seduta, verbale agli atti"); err != nil {
			e.t.Fatalf("MoveProposal(%s, validata): %v", c.Title, err)
		}
	}
	all, err := e.store().Proposals(context.Background(), data.ProposalFilter{State: data.StateValidata, Sort: data.SortPriority})
	if err != nil {
		e.t.Fatal(err)
	}
	return all
}

// convened is the demo's session of the body still to be held (status convocata).
func (e *env) convened(kind data.BodyKind) data.SessionView {
	e.t.Helper()
	list, err := e.store().Sessions(context.Background(), data.SessionFilter{Status: data.SessionConvocata})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range list {
		if s.BodyKind == kind {
			return s
		}
	}
	e.t.Fatalf("the demo has no convened session of kind %s", kind)
	return data.SessionView{}
}

// startSession starts a convened session from Sedute and returns the meeting screen.
func startSession(t *testing.T, e *env, id string) *meetingScreen {
	t.Helper()
	e.ui.goTo(sectionSessions)
	s := e.ui.sessions
	s.reopen(id, nil)
	e.start(s)
	if !s.inMeeting() {
		t.Fatalf("the meeting did not start: %q", s.errs.wrap.Text)
	}
	return s.meeting
}

// voteForm opens the new-vote form and finds its "what" choice (nil when the form has none).
func voteFormWhat(t *testing.T, e *env, m *meetingScreen) (fyne.CanvasObject, *widget.RadioGroup) {
	t.Helper()
	m.openVoteForm()
	dlg := e.mustOverlay("the new vote form")
	var what *widget.RadioGroup
	walk(dlg, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok {
			what = r
		}
	})
	return dlg, what
}

func TestValidationRoundAtSindaci(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	cands := e.validated()
	sess := e.convened(data.BodySindaci)

	// The office brings the list to the mayors' session, then the session starts.
	s := e.showSynthesis()
	if !strings.Contains(s.where.Text, "attendono l'approvazione del Tavolo dei Sindaci") {
		t.Errorf("where = %q", s.where.Text)
	}
	bringTo(t, e, s, "Porta al Tavolo dei Sindaci…", italian.DateTime(sess.Date)[:10])
	m := startSession(t, e, sess.ID)
	seated := 0
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" {
			checkIn(t, m, data.Fold(l.PersonName))
			seated++
		}
	}
	var item data.AgendaItem
	for _, it := range m.d.Agenda {
		if it.Title == "Approvazione delle priorità del Piano di Zona" {
			item = it
		}
	}
	if item.ID == "" {
		t.Fatalf("no approval item in the agenda %q", agendaTitleList(m.d.Agenda))
	}
	m.goToItem(item.ID)

	dlg, what := voteFormWhat(t, e, m)
	if what == nil {
		t.Fatalf("the vote form offers no validation: %q", texts(dlg))
	}
	label := "Validazione dell'elenco delle priorità (" + italian.Int(len(cands)) + " proposte)"
	if what.Selected != label {
		t.Errorf("what chosen on the approval item = %q, want %q", what.Selected, label)
	}
	if !entryHolds(dlg, "Approvazione delle priorità del Piano di Zona") {
		t.Error("the subject is not the approval's")
	}
	for _, c := range cands {
		if !hasText(dlg, c.Title) {
			t.Errorf("the form does not list %q", c.Title)
		}
	}
	test.Tap(button(t, dlg, "Apri la votazione"))
	v, ok := m.openVoteShown()
	if !ok {
		t.Fatalf("no vote open: %q", m.errs.wrap.Text)
	}
	if v.Method != data.MethodMotion || len(v.Covers) != len(cands) {
		t.Fatalf("vote = %s covering %d, want a motion covering %d", v.Method, len(v.Covers), len(cands))
	}
	if !v.QuorumHolds {
		t.Fatalf("no quorum with %d mayors present", seated)
	}
	// Weighted by population, each seat votes for itself: F for every mayor present.
	for i := 0; i < seated; i++ {
		test.Type(m.voteKeys, "f")
	}
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	res := e.mustOverlay("the result")
	want := italian.Int(len(cands)) + " proposte ora approvate"
	if !hasText(res, want) {
		t.Errorf("result = %q, want %q", texts(res), want)
	}
	for _, c := range cands {
		d := e.proposal(c.ID)
		if d.State != data.StateApprovata {
			t.Errorf("%q is %s after the vote, want approvata", c.Title, d.State)
		}
		linked := false
		for _, ev := range d.History {
			linked = linked || (ev.VoteID == v.ID && ev.Action == data.ActionVote && ev.To == data.StateApprovata)
		}
		if !linked {
			t.Errorf("%q has no history event linking vote %s: %+v", c.Title, v.ID, d.History)
		}
	}
	if left, err := e.store().ValidationCandidates(ctx, sess.ID); err != nil || len(left) != 0 {
		t.Errorf("candidates left after the approval = %d (%v), want none", len(left), err)
	}
}

func TestValidationAtTavoloAltoByTotals(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	cands := pickable(e.ranking(""))
	e.addPriorities(cands[0].ID, cands[1].ID)
	want, err := e.store().Proposals(context.Background(), data.ProposalFilter{State: data.StatePrioritaria})
	if err != nil {
		t.Fatal(err)
	}
	s := e.convene("Tavolo Alto della Concertazione", "11/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	present := 0
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" {
			checkIn(t, m, data.Fold(l.PersonName))
			present++
		}
	}
	// On an ordinary item the usual vote comes first; the validation is one choice away.
	dlg, what := voteFormWhat(t, e, m)
	if what == nil || what.Selected != "Una mozione o le proposte raccolte" {
		t.Fatalf("what on an ordinary item = %v", what)
	}
	what.SetSelected(what.Options[1])
	if !entryHolds(dlg, "Validazione dell'elenco delle priorità del Piano di Zona") {
		t.Error("choosing the validation does not fill in its subject")
	}
	test.Tap(button(t, dlg, "Apri la votazione"))
	v, ok := m.openVoteShown()
	if !ok || len(v.Covers) != len(want) {
		t.Fatalf("vote open %v covering %d, want %d; error %q", ok, len(v.Covers), len(want), m.errs.wrap.Text)
	}
	var entries []*shortcutEntry
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok && x.PlaceHolder != "" && x != m.voteKeys {
			entries = append(entries, x)
		}
	})
	if len(entries) < 3 {
		t.Fatalf("no totals to enter: %d fields", len(entries))
	}
	test.Type(entries[0], italian.Int(present))
	test.Tap(button(t, m.votes.content, "Registra totali"))
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	res := e.mustOverlay("the result")
	if got := italian.Int(len(want)) + " proposte ora validate"; !hasText(res, got) {
		t.Errorf("result = %q, want %q", texts(res), got)
	}
	for _, p := range want {
		if d := e.proposal(p.ID); d.State != data.StateValidata {
			t.Errorf("%q is %s, want validata", p.Title, d.State)
		}
	}
}

func TestNoValidationChoiceAtTables(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.addPriorities(pickable(e.ranking(""))[0].ID)
	m := startAnziani(t, e)
	if _, what := voteFormWhat(t, e, m); what != nil {
		t.Errorf("a thematic table is offered the validation: %q", what.Options)
	}
}

func TestMovedSentence(t *testing.T) {
	tests := []struct {
		moved   map[data.ProposalState]int
		covered int
		want    string
	}{
		{map[data.ProposalState]int{data.StateValidata: 8}, 8, "8 proposte ora validate."},
		{map[data.ProposalState]int{data.StateApprovata: 1}, 1, "1 proposta ora approvata."},
		{map[data.ProposalState]int{data.StateRespinta: 3}, 3, "3 proposte respinte."},
		{nil, 3, "Le 3 proposte restano dov'erano: la votazione non ha deciso."},
	}
	for _, tt := range tests {
		if got := movedSentence(tt.moved, tt.covered); got != tt.want {
			t.Errorf("movedSentence(%v, %d) = %q, want %q", tt.moved, tt.covered, got, tt.want)
		}
	}
}

func agendaTitleList(items []data.AgendaItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}
