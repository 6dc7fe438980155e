package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// showAttuazione shows the Attuazione section, as Ctrl+5 does (with the cursor in its filter).
func (e *env) showAttuazione() *attuazioneScreen {
	e.ui.goTo(sectionAttuazione)
	if f := e.ui.win.Canvas().Focused(); f != e.ui.attu.pane.table.filter {
		e.t.Errorf("focus after Ctrl+5 = %T, want the filter of Attuazione", f)
	}
	return e.ui.attu
}

// attuazioneOf reads the attuazione of the approved priority whose title starts with prefix.
func (e *env) attuazioneOf(prefix string) data.ImplementationView {
	e.t.Helper()
	list, err := e.store().Implementations(context.Background(), data.ImplementationFilter{})
	if err != nil {
		e.t.Fatalf("Implementations: %v", err)
	}
	for _, v := range list {
		if strings.HasPrefix(v.Proposal.Title, prefix) {
			return v
		}
	}
	e.t.Fatalf("no approved priority %q", prefix)
	return data.ImplementationView{}
}

// open selects the priority whose title starts with prefix in the list.
func (s *attuazioneScreen) open(t *testing.T, prefix string) {
	t.Helper()
	for i, v := range s.pane.items {
		if strings.HasPrefix(v.Proposal.Title, prefix) {
			s.pane.table.list.Select(i)
			return
		}
	}
	t.Fatalf("no %q in the list", prefix)
}

func TestAttuazioneList(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showAttuazione()
	got := rows(s.pane.table.list)
	if len(got) != 5 {
		t.Fatalf("the list shows %d priorities, want the five the Sindaci approved: %q", len(got), got)
	}
	if got[0][0] != "in ritardo" || !strings.HasPrefix(got[0][2], "Tirocini") {
		t.Errorf("first row = %q, want the late tirocini, marked", got[0])
	}
	var done int
	for _, r := range got[1:] {
		if r[0] == "in ritardo" {
			t.Errorf("%q is marked late, want only the tirocini", r)
		}
		if r[0] == "realizzata" {
			done++
		}
	}
	if done != 1 {
		t.Errorf("%d rows marked realizzata, want the albo of the assistenti familiari", done)
	}
	// By responsible: late first, then the names in Italian order.
	s.group.SetSelected("per responsabile")
	var who []string
	for _, r := range rows(s.pane.table.list) {
		who = append(who, r[3])
	}
	want := []string{"Cooperativa sociale Lagodoro", "Comune di Castiglione del Lago", "Comune di Magione",
		"Istituto Comprensivo di Castiglione del Lago", "Ufficio di Piano"}
	if !slices.Equal(who, want) {
		t.Errorf("by responsible = %q, want %q", who, want)
	}
	// The filter finds by responsible too.
	test.Type(s.pane.table.filter, "magione")
	if got := rows(s.pane.table.list); len(got) != 1 || !strings.HasPrefix(got[0][2], "Centro per le famiglie") {
		t.Errorf("filtered by «magione» = %q", got)
	}
}

// TestAttuazioneFormAutosave types into the form of the trasporto sociale with the real autosave timing:
// what is typed reaches the store after the pause, with the proposal's history saying what changed; a
// date that cannot be read is explained and not saved; Enter moves on and Esc goes back to the list.
func TestAttuazioneFormAutosave(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showAttuazione()
	s.open(t, "Trasporto sociale")
	f := s.form
	if f.resp.Text != "Comune di Castiglione del Lago" || f.start.Text != "02/03/2026" || f.planned[0].Text != "38.000,00" {
		t.Fatalf("form shows %q from %q, FNPS %q", f.resp.Text, f.start.Text, f.planned[0].Text)
	}
	q := make(uiQueue, 256)
	e.ui.saveDelay, e.ui.saveMaxWait = 600*time.Millisecond, saveMaxWait
	e.ui.do = func(fn func()) { q <- fn }

	e.ui.win.Canvas().Focus(f.progress)
	retype(f.progress, "60")
	retype(f.planned[1], "1.250,50")
	if e.attuazioneOf("Trasporto sociale").Progress != 55 {
		t.Fatal("saved before the pause in typing")
	}
	ok := q.pumpUntil(3*time.Second, func() bool {
		v := e.attuazioneOf("Trasporto sociale")
		return v.Progress == 60 && v.Budget[1].Planned == 125050
	})
	if !ok {
		t.Fatalf("after the pause the store holds %+v", e.attuazioneOf("Trasporto sociale").Implementation)
	}
	d, err := e.store().ProposalDetail(context.Background(), e.attuazioneOf("Trasporto sociale").ProposalID)
	if err != nil {
		t.Fatal(err)
	}
	last := d.History[len(d.History)-1]
	if last.Action != data.ActionAttuazione || last.Reason != "Avanzamento: 55% → 60%; Budget Fondo regionale previsto: 0,00 € → 1.250,50 €" {
		t.Errorf("last step of the history = %s %q", last.Action, last.Reason)
	}

	// A new responsible, typed in full.
	retype(f.resp, "Comune di Magione")
	q.pumpUntil(3*time.Second, func() bool { return e.attuazioneOf("Trasporto sociale").ResponsibleName == "Comune di Magione" })
	if v := e.attuazioneOf("Trasporto sociale"); v.ResponsibleKind != data.KindComune || v.ResponsibleName != "Comune di Magione" {
		t.Errorf("responsible = %s %q, want the comune of Magione", v.ResponsibleKind, v.ResponsibleName)
	}

	// A day that cannot be read: said, not saved.
	retype(f.end, "31/13/2027")
	q.pump(1500 * time.Millisecond)
	if !s.errs.wrap.Visible() || !strings.Contains(s.errs.wrap.Text, "Data non valida") {
		t.Errorf("error line = %q, want the day explained", s.errs.wrap.Text)
	}
	if end := e.attuazioneOf("Trasporto sociale").End; !end.Equal(time.Date(2027, 12, 31, 0, 0, 0, 0, data.Zone)) {
		t.Errorf("end = %v after an unreadable day, want it kept", end)
	}
	retype(f.end, "30/06/2028")
	q.pumpUntil(3*time.Second, func() bool { return e.attuazioneOf("Trasporto sociale").End.Year() == 2028 })
	if s.errs.wrap.Visible() {
		t.Errorf("error line still shown: %q", s.errs.wrap.Text)
	}

	// Enter moves on, Esc goes back to the list.
	e.ui.win.Canvas().Focus(f.start)
	pressEnter(f.start)
	if e.ui.win.Canvas().Focused() != f.end {
		t.Errorf("Enter in Inizio focused %T, want Fine prevista", e.ui.win.Canvas().Focused())
	}
	f.end.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.ui.win.Canvas().Focused() != s.pane.table.filter {
		t.Errorf("Esc focused %T, want the list's filter", e.ui.win.Canvas().Focused())
	}
}

// checks finds the milestones' check boxes of the form, by the text of their rows.
func checks(o *fyne.Container) map[string]*widget.Check {
	out := map[string]*widget.Check{}
	for _, row := range o.Objects {
		var ch *widget.Check
		var text string
		walk(row, func(c fyne.CanvasObject) {
			switch w := c.(type) {
			case *widget.Check:
				ch = w
			case *widget.Label:
				text = w.Text
			}
		})
		if ch != nil {
			out[text] = ch
		}
	}
	return out
}

// TestAttuazioneSteps adds a milestone and an indicator by keyboard, marks the tirocini's overdue
// milestone done (which clears its late mark), measures the indicator again and removes the milestone.
func TestAttuazioneSteps(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.showAttuazione()
	s.open(t, "Tirocini")
	if !s.late.Visible() {
		t.Error("the tirocini's form does not say it is late")
	}
	st := s.steps
	e.ui.win.Canvas().Focus(st.msTitle)
	test.Type(st.msTitle, "Incontro con le aziende della Valdichiana")
	pressEnter(st.msTitle)
	if e.ui.win.Canvas().Focused() != st.msDue {
		t.Fatalf("Enter in the milestone's title focused %T, want its day", e.ui.win.Canvas().Focused())
	}
	test.Type(st.msDue, "15/04/2027")
	pressEnter(st.msDue)
	v := e.attuazioneOf("Tirocini")
	if len(v.Milestones) != 4 || v.Milestones[3].Title != "Incontro con le aziende della Valdichiana" ||
		!v.Milestones[3].Due.Equal(time.Date(2027, 4, 15, 0, 0, 0, 0, data.Zone)) {
		t.Fatalf("milestones after adding = %+v", v.Milestones)
	}
	if st.msTitle.Text != "" || e.ui.win.Canvas().Focused() != st.msTitle {
		t.Error("the milestone line is not ready for the next one")
	}

	// The overdue milestone reached: no longer late.
	ch := checks(st.milestones)["Convenzioni firmate con dieci aziende · entro il 30/06/2026"]
	if ch == nil {
		t.Fatalf("no check for the overdue milestone among %v", checks(st.milestones))
	}
	test.Tap(ch)
	if v := e.attuazioneOf("Tirocini"); v.Late || !v.Milestones[1].Done {
		t.Errorf("after marking it done: late %v, milestone %+v", v.Late, v.Milestones[1])
	}
	if s.late.Visible() || rows(s.pane.table.list)[0][0] == "in ritardo" {
		t.Error("the late mark is still shown")
	}

	// An indicator, by keyboard, then measured again in its row.
	e.ui.win.Canvas().Focus(st.inName)
	for _, x := range []struct {
		e    *shortcutEntry
		text string
	}{{st.inName, "Ore di tutoraggio"}, {st.inUnit, "ore"}, {st.inTarget, "600"}, {st.inValue, "1.380,5"}} {
		if e.ui.win.Canvas().Focused() != x.e {
			t.Fatalf("typing %q: focused %T", x.text, e.ui.win.Canvas().Focused())
		}
		test.Type(x.e, x.text)
		pressEnter(x.e)
	}
	v = e.attuazioneOf("Tirocini")
	if len(v.Indicators) != 3 || v.Indicators[2].Name != "Ore di tutoraggio" || v.Indicators[2].Value != 1380.5 ||
		v.Indicators[2].Target != 600 {
		t.Fatalf("indicators after adding = %+v", v.Indicators)
	}
	var value *shortcutEntry
	walk(st.indicators, func(c fyne.CanvasObject) {
		if en, ok := c.(*shortcutEntry); ok && en.Text == "6" {
			value = en // the aziende convenzionate
		}
	})
	if value == nil {
		t.Fatal("no value field showing 6")
	}
	retype(value, "7")
	pressEnter(value)
	for _, i := range e.attuazioneOf("Tirocini").Indicators {
		if i.Name == "Aziende convenzionate" && (i.Value != 7 || !i.MeasuredOn.Equal(data.DayOf(testToday))) {
			t.Errorf("aziende convenzionate = %v on %v, want 7 today", i.Value, i.MeasuredOn)
		}
	}

	// Removing the milestone added.
	var removed bool
	for _, row := range st.milestones.Objects {
		if hasText(row, "Incontro con le aziende") {
			walk(row, func(c fyne.CanvasObject) {
				if b, ok := c.(*widget.Button); ok && !removed {
					removed = true
					test.Tap(b)
				}
			})
		}
	}
	if !removed {
		t.Fatal("no remove button on the milestone's row")
	}
	if v := e.attuazioneOf("Tirocini"); len(v.Milestones) != 3 {
		t.Errorf("milestones after removing = %d, want 3", len(v.Milestones))
	}
	d, err := e.store().ProposalDetail(context.Background(), v.ProposalID)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, h := range d.History[len(d.History)-5:] {
		steps = append(steps, h.Reason)
	}
	want := []string{"Traguardo «Incontro con le aziende della Valdichiana» aggiunto, entro il 15/04/2027",
		"Traguardo «Convenzioni firmate con dieci aziende» raggiunto",
		"Indicatore «Ore di tutoraggio» aggiunto: 1.380,5 ore (obiettivo 600)",
		"Indicatore «Aziende convenzionate»: 6 → 7 aziende (obiettivo 10)",
		"Traguardo «Incontro con le aziende della Valdichiana» tolto"}
	if !slices.Equal(steps, want) {
		t.Errorf("history =\n%s\nwant\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
	}
}

// TestAttuazioneStartsFromAMilestone starts the attuazione of a priority the mayors just approved by
// adding a milestone, then types in the form: the form goes on saving the attuazione the milestone
// started, and the proposal is in attuazione.
func TestAttuazioneStartsFromAMilestone(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ctx := context.Background()
	validated, err := e.store().Proposals(ctx, data.ProposalFilter{State: data.StateValidata})
	if err != nil || len(validated) == 0 {
		t.Fatalf("the demo has no validated proposal: %v", err)
	}
	p := validated[0]
	if _, err := e.store().MoveProposal(ctx, p.ID, data.StateApprovata, "Approvata dal Tavolo dei Sindaci del 10/03/2027"); err != nil {
		t.Fatal(err)
	}
	s := e.showAttuazione()
	s.open(t, p.Title)
	if got := rows(s.pane.table.list); len(got) != 6 {
		t.Fatalf("the list shows %d priorities, want the new one too", len(got))
	}
	st := s.steps
	e.ui.win.Canvas().Focus(st.msTitle)
	test.Type(st.msTitle, "Avvio")
	pressEnter(st.msTitle)
	test.Type(st.msDue, "30/06/2027")
	pressEnter(st.msDue)
	v := e.attuazioneOf(p.Title)
	if v.ID == "" || len(v.Milestones) != 1 || v.Proposal.State != data.StateInAttuazione {
		t.Fatalf("after the first milestone: attuazione %q, %d milestones, proposal %s", v.ID, len(v.Milestones), v.Proposal.State)
	}
	retype(s.form.progress, "10")
	retype(s.form.resp, "Ufficio di Piano (organo)")
	if s.errs.wrap.Visible() {
		t.Fatalf("error after typing in the form: %q", s.errs.wrap.Text)
	}
	if v := e.attuazioneOf(p.Title); v.Progress != 10 || v.ResponsibleName != "Ufficio di Piano" {
		t.Errorf("attuazione = %d%% by %q, want 10%% by the Ufficio di Piano", v.Progress, v.ResponsibleName)
	}
}
