package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// voteEntries are the number fields of the vote panel, in order (favorevoli, contrari, astenuti for
// a motion's totals, then bianche o nulle in a secret one).
func voteEntries(m *meetingScreen) []*shortcutEntry {
	var out []*shortcutEntry
	walk(m.votes.content, func(o fyne.CanvasObject) {
		if x, ok := o.(*shortcutEntry); ok && x != m.voteKeys {
			out = append(out, x)
		}
	})
	return out
}

// totals reads the stored totals of a vote by choice.
func totals(m *meetingScreen, voteID string) map[string]int {
	got := map[string]int{}
	for _, b := range m.d.Ballots[voteID] {
		got[b.Choice] += b.Count
	}
	return got
}

func TestSecretTotalsGoDownAndToZero(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", true)
	v, _ := m.openVoteShown()
	enter := func(fav, con, ast string) {
		t.Helper()
		for i, s := range []string{fav, con, ast} {
			retype(voteEntries(m)[i], s)
		}
		test.Tap(button(t, m.votes.content, "Registra lo scrutinio"))
		if m.errs.wrap.Visible() && m.errs.wrap.Text != "" {
			t.Fatalf("totals %s/%s/%s: %s", fav, con, ast, m.errs.wrap.Text)
		}
	}
	enter("4", "1", "")
	// A wrong count: one favorevole was a contrario, and the contrario an astenuto.
	enter("3", "0", "2")
	if got := totals(m, v.ID); got["favorevole"] != 3 || got["contrario"] != 0 || got["astenuto"] != 2 {
		t.Fatalf("after the correction totals = %v, want 3 favorevoli, 0 contrari, 2 astenuti", got)
	}
	for _, b := range m.d.Ballots[v.ID] {
		if b.Choice == "contrario" {
			t.Errorf("a total of 0 contrari is still stored: %+v", b)
		}
	}
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	if dlg := e.mustOverlay("the result"); !hasText(dlg, "3 favorevoli, 0 contrari, 2 astenuti") {
		t.Errorf("result = %q", texts(dlg))
	}
}

func TestSeatBallotRemovedByKey(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	v, _ := m.openVoteShown()
	test.Type(m.voteKeys, "f")
	test.Type(m.voteKeys, "c")
	if got := len(m.d.Ballots[v.ID]); got != 2 {
		t.Fatalf("ballots = %d, want 2", got)
	}
	// The second seat's vote was a mistake: back to it, Delete.
	m.voteKeys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	m.voteKeys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	m.voteKeys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	m.voteKeys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := totals(m, v.ID); got["favorevole"] != 1 || got["contrario"] != 0 || len(m.d.Ballots[v.ID]) != 1 {
		t.Fatalf("after Delete the ballots are %v, want the first seat's favorevole alone; error %q", got, m.errs.wrap.Text)
	}
}

func TestAnonymousBallotRemoved(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	titles := []string{"Trasporto sociale", "Centro diurno il sabato"}
	for _, title := range titles {
		m.captureProposal()
		test.Type(m.capture.title, title)
		pressEnter(m.capture.title)
	}
	openVote(t, e, m, "graduatoria (Borda)", true, titles...)
	v, _ := m.openVoteShown()
	fields := voteEntries(m)
	retype(fields[0], "1")
	retype(fields[1], "2")
	test.Tap(button(t, m.votes.content, "Registra scheda"))
	if got := len(m.d.Ballots[v.ID]); got != 1 {
		t.Fatalf("ballots = %d, want 1; error %q", got, m.errs.wrap.Text)
	}
	test.Tap(button(t, m.votes.content, "Togli la scheda"))
	if got := len(m.d.Ballots[v.ID]); got != 0 {
		t.Fatalf("after Togli la scheda ballots = %d, want 0; error %q", got, m.errs.wrap.Text)
	}
	// Nothing more to take back: said so.
	test.Tap(button(t, m.votes.content, "Togli la scheda"))
	if !strings.Contains(m.errs.wrap.Text, "Nessuna scheda da togliere") {
		t.Errorf("a second Togli la scheda says %q", m.errs.wrap.Text)
	}
}

func TestVoteListNamesTheDelegate(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo dei Sindaci", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	inRegister := map[string]bool{}
	for _, l := range m.d.Register {
		inRegister[l.PersonID] = true
	}
	var delegate data.PersonView
	for _, p := range e.people("") {
		if !inRegister[p.ID] && p.Category == data.CatComune {
			delegate = p
			break
		}
	}
	// Every mayor but Paciano's is present; a delegate holds Paciano.
	var absent string
	for _, l := range m.d.Register {
		if l.SeatID == "" || l.PersonID == "" {
			continue
		}
		if l.SeatName == "Paciano" {
			absent = l.PersonName
			continue
		}
		checkIn(t, m, data.Fold(l.PersonName))
	}
	checkIn(t, m, data.Fold(delegate.FullName()))
	test.Type(m.reg.checkin, data.Fold(delegate.FullName()))
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
	dlg := e.mustOverlay("the delegation form")
	walk(dlg, func(o fyne.CanvasObject) {
		if w, ok := o.(*widget.Select); ok {
			for i, st := range m.d.Seats {
				if st.Name == "Paciano" {
					w.SetSelectedIndex(i)
				}
			}
		}
	})
	test.Tap(button(t, dlg, "Registra la delega"))

	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	all := strings.Join(texts(m.votes.content), "\n")
	want := delegate.FullName() + " · delega per Paciano"
	if !strings.Contains(all, want) {
		t.Errorf("the per-seat list does not name the delegate %q:\n%s", want, all)
	}
	if absent != "" && strings.Contains(all, absent) {
		t.Errorf("the per-seat list names %s, who is absent:\n%s", absent, all)
	}
}

// TestSecretCountHeldUntilClosing: the panel of a secret vote says that what is entered stays on this
// computer until the vote closes. A program started again in the middle of the vote finds it open with
// nothing, says so, and takes the check-offs and the count again, which the closing then records.
func TestSecretCountHeldUntilClosing(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", true)
	v, _ := m.openVoteShown()
	const heldHere, notHere = "restano solo su questo computer", "non c'è nulla su questo computer"
	checkOff := func(n int) {
		t.Helper()
		walk(m.votes.content, func(o fyne.CanvasObject) {
			if c, ok := o.(*widget.Check); ok && n > 0 && !c.Disabled() {
				c.SetChecked(true)
				n--
			}
		})
	}
	checkOff(2)
	if !strings.Contains(strings.Join(texts(m.votes.content), " "), heldHere) || len(m.d.Voted[v.ID]) != 2 {
		t.Fatalf("the secret vote's panel = %q with %d seats checked off; want it to say %q, and 2", texts(m.votes.content),
			len(m.d.Voted[v.ID]), heldHere)
	}
	// Leaving now loses them: Esci asks first.
	quitItem(t, e.ui).Action()
	if dlg := e.mustOverlay("the question before leaving"); !hasText(dlg, "si registrano solo alla sua chiusura") {
		t.Fatalf("Esci during a secret vote asks %q", texts(dlg))
	}
	test.Tap(button(t, e.overlay(), "Annulla"))
	// The program starts again: a new store on the same file.
	st, err := opener(testDevice)(e.ui.ctx, e.path)
	if err != nil {
		t.Fatalf("open again: %v", err)
	}
	stopped := e.ui.store
	e.ui.store = st
	t.Cleanup(func() { st.Close() })
	if err := stopped.(interface{ Close() error }).Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	m.reload(nil)
	if got := strings.Join(texts(m.votes.content), " "); !strings.Contains(got, notHere) || len(m.d.Voted[v.ID]) != 0 {
		t.Fatalf("after a restart the panel = %q with %d seats checked off; want it to say %q, and none", got,
			len(m.d.Voted[v.ID]), notHere)
	}
	// Closing it now would record it empty: the button asks first.
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	if dlg := e.mustOverlay("the question before closing"); !hasText(dlg, "si registra senza schede") {
		t.Fatalf("closing a vote not held here asks %q", texts(dlg))
	}
	test.Tap(button(t, e.overlay(), "Annulla"))
	m.askClose() // so would closing the session
	if dlg := e.mustOverlay("the question before closing the session"); !hasText(dlg, "si chiude senza schede") {
		t.Fatalf("closing the session asks %q", texts(dlg))
	}
	test.Tap(button(t, e.overlay(), "Annulla"))
	if v, open := m.openVoteShown(); !open || e.overlay() != nil {
		t.Fatalf("after Annulla the vote %+v is open %v, a dialog shown %v; want it open, no dialog", v.Subject, open, e.overlay() != nil)
	}
	checkOff(3)
	for i, s := range []string{"2", "1"} {
		retype(voteEntries(m)[i], s)
	}
	test.Tap(button(t, m.votes.content, "Registra lo scrutinio"))
	if got := strings.Join(texts(m.votes.content), " "); !strings.Contains(got, heldHere) || len(m.d.Voted[v.ID]) != 3 {
		t.Fatalf("counted again, the panel = %q with %d seats checked off; want it to say %q, and 3", got,
			len(m.d.Voted[v.ID]), heldHere)
	}
	test.Tap(button(t, m.votes.content, "Chiudi la votazione"))
	if dlg := e.mustOverlay("the result"); !hasText(dlg, "2 favorevoli, 1 contrario, 0 astenuti") {
		t.Errorf("result = %q", texts(dlg))
	}
}
