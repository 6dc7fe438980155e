package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

func (e *env) showActions() *actionsScreen {
	e.t.Helper()
	e.ui.goTo(sectionActions)
	if e.ui.current != sectionActions {
		e.t.Fatalf("section shown = %d, want Azioni", e.ui.current)
	}
	return e.ui.acts
}

// TestActionsRegisterScreen: the register lists the store's actions, overdue first and marked
// "scaduta"; the filters narrow it by body and to the open ones.
func TestActionsRegisterScreen(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showActions()
	want, err := e.store().Actions(e.ui.ctx, data.ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := column(s.pane.table, 4)
	if len(states) != len(want) || len(want) < 30 {
		t.Fatalf("register shows %d actions, the store has %d", len(states), len(want))
	}
	overdue := 0
	for i, v := range want {
		if v.Overdue {
			overdue++
			if states[i] != "scaduta" || i >= overdue {
				t.Errorf("row %d %q: state %q, want scaduta among the first rows", i, v.What, states[i])
			}
		}
	}
	if overdue < 2 {
		t.Errorf("the demo shows %d overdue actions on %v, want a few", overdue, testToday)
	}
	s.openOnly.SetChecked(true)
	for _, st := range column(s.pane.table, 4) {
		if st == "svolta" {
			t.Errorf("open only shows a done action")
		}
	}
	s.body.SetSelected("Tavolo dei Sindaci")
	bodies := column(s.pane.table, 3)
	if len(bodies) == 0 {
		t.Fatal("the Sindaci have no open action in the demo")
	}
	for _, b := range bodies {
		if b != "Tavolo dei Sindaci" {
			t.Errorf("body filter shows an action of %q", b)
		}
	}
}

// TestActionsMarkDoneByKeyboard: from the filter, arrow down to an overdue action, Enter to the note,
// type it and Enter: the action is done today with the note, and the status line undoes it.
func TestActionsMarkDoneByKeyboard(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showActions()
	c := e.ui.win.Canvas()
	if c.Focused() != s.pane.table.filter {
		t.Fatalf("entering Azioni focuses %T, want the filter", c.Focused())
	}
	test.Type(s.pane.table.filter, "censire")
	s.pane.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.shown.ID == "" || !strings.HasPrefix(s.shown.What, "Censire i mezzi") || !s.shown.Overdue {
		t.Fatalf("after typing and ↓ the action shown is %q (overdue %v)", s.shown.What, s.shown.Overdue)
	}
	before := s.shown.FollowUp
	if before == nil || s.note.Text != before.Note {
		t.Fatalf("the note box shows %q, want the follow-up's note", s.note.Text)
	}
	pressEnter(s.pane.table.filter)
	if c.Focused() != s.note {
		t.Fatalf("Enter in the filter focuses %T, want the note", c.Focused())
	}
	retype(s.note, "Censimento completato: 14 mezzi, di cui 3 attrezzati.")
	pressEnter(s.note)
	find := func() data.ActionView {
		list, err := e.store().Actions(e.ui.ctx, data.ActionFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range list {
			if v.ID == s.shown.ID {
				return v
			}
		}
		t.Fatalf("action %s gone", s.shown.ID)
		return data.ActionView{}
	}
	got := find()
	if fu := got.FollowUp; fu == nil || !fu.Done || fu.Note != "Censimento completato: 14 mezzi, di cui 3 attrezzati." ||
		!fu.DoneOn.Equal(data.Day(fu.Updated)) || got.Overdue {
		t.Fatalf("after Enter the follow-up is %+v (overdue %v), want done today with the note", fu, got.Overdue)
	}
	if column(s.pane.table, 4)[rowIndex(s.pane.table, 2, got.What)] != "svolta" {
		t.Errorf("the register does not show the action svolta")
	}
	if msg := e.ui.status.undoMsg.Text; !e.ui.status.undo.Visible() || msg != "Azione segnata come svolta: "+got.What {
		t.Fatalf("the status line says %q and offers undo %v", msg, e.ui.status.undo.Visible())
	}
	test.Tap(e.ui.status.undo)
	got = find()
	if fu := got.FollowUp; fu == nil || fu.Done || fu.Note != before.Note || !got.Overdue {
		t.Errorf("after undo the follow-up is %+v (overdue %v), want it back open with %q", fu, got.Overdue, before.Note)
	}
}

// TestActionsCheckedDuringSession: an action marked done while a session of its body is under way is
// checked by that session, whose verbale then says it was done.
func TestActionsCheckedDuringSession(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	st, ctx := e.store(), e.ui.ctx
	coming, err := st.Sessions(ctx, data.SessionFilter{Status: data.SessionConvocata})
	if err != nil || len(coming) != 1 || coming[0].BodyName != "Tavolo dei Sindaci" {
		t.Fatalf("the demo's convocata sessions = %v, %v; want the Sindaci's", coming, err)
	}
	if _, err := st.SetStatus(ctx, coming[0].ID, data.SessionInCorso); err != nil {
		t.Fatal(err)
	}
	s := e.showActions()
	test.Type(s.pane.table.filter, "regolamento del sal")
	s.pane.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	pressEnter(s.pane.table.filter)
	retype(s.note, "Recepito da tutte le Giunte: Piegaro con delibera n. 12 del 14/01/2027.")
	pressEnter(s.note)
	d, err := st.Dossier(ctx, coming[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range d.ActionChecks {
		if strings.HasPrefix(v.What, "Recepire il nuovo Regolamento del SAL") {
			found = v.FollowUp != nil && v.FollowUp.Done && v.FollowUp.SessionID == coming[0].ID
		}
	}
	if !found {
		t.Errorf("the Sindaci's session does not check the action marked done during it: %+v", d.ActionChecks)
	}
}
