package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// convene creates a session of the body through the Sedute form and returns the screen.
func (e *env) convene(body, day string) *sessionsScreen {
	e.t.Helper()
	e.ui.goTo(sectionSessions)
	s := e.ui.sessions
	s.newItem()
	s.body.SetSelected(body)
	retype(s.day, day)
	retype(s.hour, "15:00")
	retype(s.place, "Sala consiliare, Comune di Magione")
	if s.meta.ID == "" {
		e.t.Fatalf("the new session was not saved: %q", s.errs.wrap.Text)
	}
	return s
}

// agendaTitles are the titles of the agenda editor's rows.
func agendaTitles(a *agendaEditor) []string {
	var out []string
	for i := range a.rows.Objects {
		out = append(out, a.titleEntry(i).Text)
	}
	return out
}

// checkIn types part of a name in the check-in box and presses Enter.
func checkIn(t *testing.T, m *meetingScreen, part string) {
	t.Helper()
	m.reg.checkin.SetText("")
	test.Type(m.reg.checkin, part)
	if len(m.reg.shown) == 0 {
		t.Fatalf("check-in %q finds nobody", part)
	}
	pressEnter(m.reg.checkin)
	if msg := m.errs.wrap.Text; m.errs.wrap.Visible() && msg != "" {
		t.Fatalf("check-in %q: %s", part, msg)
	}
}

func TestWholeMeeting(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "19/03/2027")
	id := s.meta.ID

	// The agenda starts with the approval of the previous verbale and ends with Varie ed eventuali; the
	// Anziani have an action still open, so the Verifica delle azioni comes second, and the secretary may
	// remove it like any item. A new item goes between them, and can be moved.
	want := []string{data.DefaultAgenda[0], data.ActionCheckTitle, data.DefaultAgenda[1]}
	if got := agendaTitles(s.agenda); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("agenda of a new session = %q, want %q", got, want)
	}
	s.agenda.remove(1)
	test.Tap(button(t, e.mustOverlay("the delete confirmation"), "Elimina"))
	if got := agendaTitles(s.agenda); len(got) != 2 || got[0] != data.DefaultAgenda[0] || got[1] != data.DefaultAgenda[1] {
		t.Fatalf("agenda after removing the Verifica delle azioni = %q, want the two default items", got)
	}
	test.Type(s.agenda.add, "Proposte per l'area Anziani")
	pressEnter(s.agenda.add)
	test.Type(s.agenda.add, "Comunicazioni del Presidente")
	pressEnter(s.agenda.add)
	s.agenda.move(2, -1)
	want = []string{data.DefaultAgenda[0], "Comunicazioni del Presidente", "Proposte per l'area Anziani", data.DefaultAgenda[1]}
	if got := agendaTitles(s.agenda); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("agenda = %q, want %q", got, want)
	}

	test.Tap(button(t, s.split, "Convoca"))
	if v := mustSession(t, e, id); v.Status != data.SessionConvocata {
		t.Fatalf("after Convoca the session is %q, want convocata", v.Status)
	}
	conv, err := RenderDocument(e.ui.ctx, e.store(), id, docConvocazione)
	if err != nil || !bytes.HasPrefix(conv, []byte("%PDF-")) {
		t.Fatalf("convocazione = %d bytes, %v; want a PDF", len(conv), err)
	}
	ics, err := RenderDocument(e.ui.ctx, e.store(), id, docCalendar)
	if err != nil || !bytes.Contains(ics, []byte("BEGIN:VEVENT")) {
		t.Fatalf("calendar = %q, %v; want an event", ics, err)
	}

	e.start(s)
	if !s.inMeeting() {
		t.Fatal("Avvia la seduta does not show the meeting screen")
	}
	m := s.meeting
	if e.ui.win.Canvas().Focused() != m.reg.checkin {
		t.Error("the meeting screen does not start in the check-in box")
	}
	if !strings.Contains(m.reg.verdict.Text, "NO") {
		t.Errorf("verdict with nobody present = %q, want NO", m.reg.verdict.Text)
	}

	// Check in the seated members one by one, typing part of the name without accents: the quorum (half
	// plus one of the seats in prima convocazione) holds from the fifth.
	var seated []data.RegisterLine
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" {
			seated = append(seated, l)
		}
	}
	if len(seated) < 6 {
		t.Fatalf("the table has %d seated members, want at least 6 for this test", len(seated))
	}
	required := int(m.d.Body.Rules.QuorumPrima.Required(int64(len(m.d.Seats))))
	for i, l := range seated[:required] {
		if strings.Contains(m.reg.verdict.Text, "SÌ") {
			t.Fatalf("quorum holds with %d of %d seats, want it from %d", i, len(m.d.Seats), required)
		}
		checkIn(t, m, data.Fold(l.PersonName))
	}
	if !strings.Contains(m.reg.verdict.Text, "SÌ") {
		t.Fatalf("verdict with %d present = %q (%s), want SÌ", required, m.reg.verdict.Text, m.reg.why.Text)
	}
	if !strings.Contains(m.reg.why.Text, "in prima convocazione: 5") {
		t.Errorf("quorum sentence = %q, want it to name the call", m.reg.why.Text)
	}

	// Someone leaves (F4): the quorum is lost; they come back: it holds again.
	m.reg.checkin.SetText("")
	test.Type(m.reg.checkin, data.Fold(seated[0].PersonName))
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF4})
	if !strings.Contains(m.reg.verdict.Text, "NO") || !strings.Contains(m.reg.why.Text, "Manca 1 componente.") {
		t.Fatalf("after a member leaves: %q / %q, want NO and one missing", m.reg.verdict.Text, m.reg.why.Text)
	}
	test.Type(m.reg.checkin, data.Fold(seated[0].PersonName))
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF4})
	if !strings.Contains(m.reg.verdict.Text, "SÌ") {
		t.Fatalf("after they come back: %q, want SÌ", m.reg.verdict.Text)
	}

	// A walk-in: Enter on a name that matches nobody says so and keeps the name; F7 opens the form with
	// the name filled in, and its button adds them.
	test.Type(m.reg.checkin, "Zampetti Ottavio")
	pressEnter(m.reg.checkin)
	if e.overlay() != nil || m.reg.checkin.Text != "Zampetti Ottavio" || !strings.Contains(m.errs.wrap.Text, "F7") {
		t.Fatalf("Enter on a new name: box %q, error %q, dialog %v; want the name kept, F7 offered, no form",
			m.reg.checkin.Text, m.errs.wrap.Text, e.overlay() != nil)
	}
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF7})
	dlg := e.mustOverlay("the new participant form")
	if !entryHolds(dlg, "Zampetti") || !entryHolds(dlg, "Ottavio") {
		t.Fatal("the new participant form does not start from the name typed")
	}
	test.Tap(button(t, dlg, "Aggiungi e segna presente"))
	found := false
	for _, l := range m.d.Register {
		if l.PersonName == "Zampetti Ottavio" && l.Presence == data.PresencePresente && l.Guest() {
			found = true
		}
	}
	if !found {
		t.Fatalf("the walk-in is not in the register as a guest: %v", registerNames(m.d.Register))
	}
	if !strings.Contains(m.reg.people.Text, "di cui 1 senza seggio") {
		t.Errorf("people line = %q, want one guest", m.reg.people.Text)
	}

	// Notes on the first item save as they are typed.
	test.Type(m.notes, "Il verbale viene letto.")
	if got := storedNotes(t, e, id, 0); got != "Il verbale viene letto." {
		t.Fatalf("stored notes of item 1 = %q, want what was typed", got)
	}
	// What was saved is on disk for anyone opening the file, as after a killed process: another
	// connection, read-only, while the window still holds the database open.
	other, err := sqlite.Open(e.ui.ctx, e.path, sqlite.Options{Device: testDevice, ReadOnly: true})
	if err != nil {
		t.Fatalf("opening the file a second time: %v", err)
	}
	items, err := other.Agenda(e.ui.ctx, id)
	other.Close()
	if err != nil || len(items) == 0 || items[0].Notes != "Il verbale viene letto." {
		t.Fatalf("notes read by another connection = %+v, %v; want what was typed", items, err)
	}

	// Next item (Ctrl+Invio): the first is ticked; a decision and an action on the second.
	m.nextItem()
	if m.currentIndex() != 1 || !m.d.Agenda[0].Done {
		t.Fatalf("after next item: current %d, first done %v; want 1 and true", m.currentIndex(), m.d.Agenda[0].Done)
	}
	test.Type(m.notes, "Il Presidente informa sul calendario dei lavori.")
	test.Type(m.decision, "Il tavolo approva il calendario dei lavori.")
	pressEnter(m.decision)
	test.Type(m.actWho, "Ufficio di Piano")
	test.Type(m.actWhat, "inviare la mappa dei servizi")
	test.Type(m.actDue, "15/04/2027")
	pressEnter(m.actDue)
	if len(m.d.ItemDecisions(m.d.Agenda[1].ID)) != 1 || len(m.d.ItemActions(m.d.Agenda[1].ID)) != 1 {
		t.Fatalf("item 2 has %d decisions and %d actions, want 1 and 1; error %q",
			len(m.d.ItemDecisions(m.d.Agenda[1].ID)), len(m.d.ItemActions(m.d.Agenda[1].ID)), m.errs.wrap.Text)
	}

	// A decision typed by mistake goes (after asking), and comes back with the undo.
	test.Type(m.decision, "Decisione sbagliata")
	pressEnter(m.decision)
	if len(m.decisions.Objects) != 2 {
		t.Fatalf("decisions listed = %d, want 2", len(m.decisions.Objects))
	}
	var dels []*widget.Button
	walk(m.decisions.Objects[1], func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			dels = append(dels, b)
		}
	})
	test.Tap(dels[0])
	test.Tap(button(t, e.mustOverlay("the delete confirmation"), "Elimina"))
	if len(m.decisions.Objects) != 1 || len(m.d.ItemDecisions(m.d.Agenda[1].ID)) != 1 {
		t.Fatalf("after deleting: %d decisions listed, want 1", len(m.decisions.Objects))
	}
	test.Tap(e.ui.status.undo)
	if len(m.d.ItemDecisions(m.d.Agenda[1].ID)) != 2 {
		t.Fatalf("after undo: %d decisions, want 2", len(m.d.ItemDecisions(m.d.Agenda[1].ID)))
	}
	test.Tap(dels[0])
	test.Tap(button(t, e.mustOverlay("the delete confirmation"), "Elimina"))

	// Two proposals captured on the third item (Ctrl+P, type the title, Enter).
	m.nextItem()
	for i, title := range []string{"Trasporto sociale per le visite mediche", "Centro diurno aperto il sabato"} {
		m.captureProposal()
		dlg := e.mustOverlay("the proposal form")
		f := focusedEntry(t, e)
		test.Type(f, title)
		if i == 0 {
			pressEnter(f)
		} else {
			// The text is a paragraph: Tab leaves it, and Ctrl+Invio records the proposal without moving
			// the meeting behind the form to the next item.
			if m.capture.text.AcceptsTab() {
				t.Error("Tab stays in the proposal's text")
			}
			test.Type(m.capture.text, "Riga uno")
			menuCommand(t, e, "meeting.cmd.next")()
		}
		if e.overlay() == dlg {
			t.Fatalf("the proposal form stays open after recording %q", title)
		}
		if m.currentIndex() != 2 {
			t.Fatalf("recording a proposal moved the meeting to item %d", m.currentIndex()+1)
		}
	}
	if len(m.d.Proposals) != 2 || m.d.Proposals[0].AgendaItemID != m.d.Agenda[2].ID {
		t.Fatalf("proposals = %+v, want two on item 3", m.d.Proposals)
	}
	if !strings.Contains(m.propHead.Text, "(2)") {
		t.Errorf("proposals heading = %q, want the count", m.propHead.Text)
	}

	// Close: back to the list, the session chiusa, the verbale ready and the same bytes twice.
	m.closeSession()
	if s.inMeeting() {
		t.Fatal("closing the session leaves the meeting screen shown")
	}
	v := mustSession(t, e, id)
	if v.Status != data.SessionChiusa || v.Ended.IsZero() {
		t.Fatalf("after closing: status %q, ended %v", v.Status, v.Ended)
	}
	one, err := RenderDocument(e.ui.ctx, e.store(), id, docVerbale)
	if err != nil {
		t.Fatalf("verbale: %v", err)
	}
	two, _ := RenderDocument(e.ui.ctx, e.store(), id, docVerbale)
	if !bytes.Equal(one, two) || !bytes.HasPrefix(one, []byte("%PDF-")) {
		t.Fatal("two exports of the same verbale differ, or are not PDFs")
	}
}

func TestApprovalLocksTheSession(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	first := runEmptyMeeting(t, e, "12/03/2027")
	second := e.convene("Tavolo tematico Anziani", "26/03/2027")
	test.Tap(button(t, second.split, "Convoca"))
	e.start(second)
	m := second.meeting
	if !m.approve.Visible() || !strings.Contains(m.approve.Text, "12 marzo 2027") {
		t.Fatalf("approve button = %q (shown %v), want the previous session's date", m.approve.Text, m.approve.Visible())
	}
	// Without the numero legale the verbale cannot be approved.
	test.Tap(m.approve)
	if !strings.Contains(m.errs.wrap.Text, "solo in una seduta valida") || e.overlay() != nil {
		t.Fatalf("approval without quorum: error %q, dialog %v; want a refusal", m.errs.wrap.Text, e.overlay() != nil)
	}
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" && !strings.Contains(m.reg.verdict.Text, "SÌ") {
			checkIn(t, m, data.Fold(l.PersonName))
		}
	}
	// With it, the approval is asked for, saying what it locks.
	test.Tap(m.approve)
	dlg := e.mustOverlay("the approval question")
	if !hasText(dlg, "non si potrà più modificare") {
		t.Errorf("approval question = %q, want it to say the session will be locked", texts(dlg))
	}
	// Enter answers the question.
	pressEnter(e.ui.win.Canvas().Focused())
	if msg := m.errs.wrap.Text; m.errs.wrap.Visible() {
		t.Fatalf("approval refused: %s", msg)
	}
	vb, err := e.store().Verbale(e.ui.ctx, first)
	if err != nil || len(vb.SHA256) != 64 || !bytes.HasPrefix(vb.PDF, []byte("%PDF-")) {
		t.Fatalf("stored verbale: sha %q, %d bytes, %v", vb.SHA256, len(vb.PDF), err)
	}
	exported, err := RenderDocument(e.ui.ctx, e.store(), first, docVerbale)
	if err != nil || !bytes.Equal(exported, vb.PDF) {
		t.Fatalf("the approved verbale's export is not the stored bytes (%v)", err)
	}
	// The PDF kept is the approved one: it says by which session, and no longer BOZZA.
	flat := pdfWords(t, vb.PDF)
	if !strings.Contains(flat, "Verbale approvato dal Tavolo tematico Anziani nella seduta del 26 marzo 2027, "+
		"all'unanimità dei presenti.") || !strings.Contains(flat, "VERBALE N. 1/2027 DELLA SEDUTA DEL 12 MARZO 2027") ||
		strings.Contains(flat, "BOZZA") {
		t.Errorf("the kept verbale does not say it was approved on 26 March, or still says BOZZA: %q", flat)
	}
	if len(m.d.ItemDecisions(m.d.Agenda[0].ID)) != 1 {
		t.Error("the approval is not recorded as a decision on the first item")
	}
	if vs := m.d.ItemVotes(m.d.Agenda[0].ID); len(vs) != 1 || vs[0].Status != data.VoteChiusa {
		t.Errorf("votes on the first item = %+v, want the closed vote approving the verbale", vs)
	}
	m.closeSession()

	// The approved session: fields disabled, the reason and the fingerprint shown, edits refused.
	second.pane.show(first)
	if !second.body.Disabled() || !second.place.Disabled() {
		t.Error("the approved session's form can be edited")
	}
	if !strings.Contains(second.locked.Text, vb.SHA256) {
		t.Errorf("locked note = %q, want the SHA-256", second.locked.Text)
	}
	sess := mustSession(t, e, first).Session
	sess.Place = "Altrove"
	_, err = e.store().SaveSession(e.ui.ctx, sess)
	if data.ErrorCode(err) != data.ELocked || !strings.Contains(i18n.Explain(err), "12 marzo 2027") {
		t.Fatalf("editing an approved session: %v (%q), want it locked with the date", err, i18n.Explain(err))
	}
	test.Tap(button(t, second.split, "Atto di rettifica"))
	if second.current.CorrectsID != first || second.current.Status != data.SessionBozza {
		t.Fatalf("correction act = %+v, want a bozza linked to the approved session", second.current.Session)
	}
}

// runEmptyMeeting convenes, starts and closes a session of the Anziani table.
func runEmptyMeeting(t *testing.T, e *env, day string) string {
	t.Helper()
	s := e.convene("Tavolo tematico Anziani", day)
	id := s.meta.ID
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	test.Type(s.meeting.notes, "Nessun intervento.")
	s.meeting.closeSession()
	return id
}

func mustSession(t *testing.T, e *env, id string) data.SessionView {
	t.Helper()
	v, err := e.store().Session(e.ui.ctx, id)
	if err != nil {
		t.Fatalf("Session(%s): %v", id, err)
	}
	return v
}

func storedNotes(t *testing.T, e *env, sessionID string, i int) string {
	t.Helper()
	items, err := e.store().Agenda(e.ui.ctx, sessionID)
	if err != nil || i >= len(items) {
		t.Fatalf("Agenda: %d items, %v", len(items), err)
	}
	return items[i].Notes
}

func registerNames(lines []data.RegisterLine) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.PersonName+"/"+string(l.Presence))
	}
	return out
}

// menuCommand is the action of a window command, as its menu item or shortcut runs it.
func menuCommand(t *testing.T, e *env, key string) func() {
	t.Helper()
	for _, c := range e.ui.commands() {
		if c.key == key {
			return c.action
		}
	}
	t.Fatalf("no command %q", key)
	return nil
}

// entryHolds reports whether an entry inside o holds exactly text.
func entryHolds(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*shortcutEntry); ok && e.Text == text {
			found = true
		}
	})
	return found
}

// focusedEntry is the entry with the keyboard focus.
func focusedEntry(t *testing.T, e *env) *shortcutEntry {
	t.Helper()
	f, ok := e.ui.win.Canvas().Focused().(*shortcutEntry)
	if !ok {
		t.Fatalf("focused = %T, want an entry", e.ui.win.Canvas().Focused())
	}
	return f
}

func TestOfDayElides(t *testing.T) {
	for day, want := range map[int]string{12: "del 12 marzo 2027", 8: "dell'8 marzo 2027", 11: "dell'11 marzo 2027"} {
		if got := i18n.OfDay(time.Date(2027, 3, day, 15, 0, 0, 0, data.Zone)); got != want {
			t.Errorf("i18n.OfDay(%d marzo) = %q, want %q", day, got, want)
		}
	}
	msg := lang.L("meeting.approve", map[string]any{"date_of": i18n.OfDay(time.Date(2027, 4, 8, 15, 0, 0, 0, data.Zone))})
	if msg != "Approva il verbale della seduta dell'8 aprile 2027" {
		t.Errorf("approve button = %q", msg)
	}
}

func TestCompleteMinutesAfterClosing(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	id := runEmptyMeeting(t, e, "12/03/2027")
	s := e.ui.sessions
	closed := mustSession(t, e, id)

	// The secretary corrects the hours the meeting actually kept.
	retype(s.started, "15:10")
	retype(s.ended, "17:45")
	got := mustSession(t, e, id)
	if italian.Clock(got.Started) != "15:10" || italian.Clock(got.Ended) != "17:45" || got.Status != data.SessionChiusa {
		t.Fatalf("hours after editing = %s–%s (%s), want 15:10–17:45, still chiusa; error %q",
			italian.Clock(got.Started), italian.Clock(got.Ended), got.Status, s.errs.wrap.Text)
	}
	if y, m, d := got.Started.In(data.Zone).Date(); y != 2027 || m != 3 || d != closed.Started.In(data.Zone).Day() {
		t.Errorf("start moved to another day: %v", got.Started)
	}
	retype(s.ended, "17,45")
	if !s.errs.wrap.Visible() || !strings.Contains(s.errs.wrap.Text, "15:00") {
		t.Errorf("a hour that cannot be read: error line %q, want the expected form", s.errs.wrap.Text)
	}
	retype(s.ended, "17:45")

	// Then completes the minutes: the meeting screen without a clock, moving freely through the agenda.
	untouched := mustSession(t, e, id).Updated
	test.Tap(button(t, s.split, "Completa il verbale"))
	m := s.meeting
	if now := mustSession(t, e, id).Updated; !now.Equal(untouched) {
		t.Errorf("opening the minutes wrote the session (updated %v, was %v): its documents' date moves", now, untouched)
	}
	if !s.inMeeting() || m.closeBtn.Visible() || !strings.Contains(m.title.Text, "completamento del verbale") {
		t.Fatalf("completing the minutes: meeting shown %v, close button %v, title %q", s.inMeeting(),
			m.closeBtn.Visible(), m.title.Text)
	}
	m.nextItem()
	if m.currentIndex() != 1 {
		t.Fatalf("next item while completing = %d, want 1", m.currentIndex())
	}
	test.Type(m.notes, "Nessuna comunicazione.")
	if got := storedNotes(t, e, id, 1); got != "Nessuna comunicazione." {
		t.Fatalf("notes of item 2 = %q, want what was typed", got)
	}
	after := mustSession(t, e, id)
	if after.Status != data.SessionChiusa || after.CurrentItemID != "" || !after.Ended.Equal(got.Ended) {
		t.Errorf("completing the minutes changed the session: %s, current %q, ended %v", after.Status,
			after.CurrentItemID, after.Ended)
	}
}

func TestCheckInFromRegistryAndDelegate(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo dei Sindaci", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	inRegister := map[string]bool{}
	for _, l := range m.d.Register {
		inRegister[l.PersonID] = true
	}
	var outsiders []data.PersonView
	for _, p := range e.people("") {
		if !inRegister[p.ID] && p.Category == data.CatComune {
			outsiders = append(outsiders, p)
		}
	}
	if len(outsiders) < 2 {
		t.Fatalf("the demo has %d comune officers outside the Tavolo dei Sindaci, want 2", len(outsiders))
	}

	// Someone of the registry who is not a member is found by name and checked in: a guest.
	checkIn(t, m, data.Fold(outsiders[0].FullName()))
	line := func(id string) data.RegisterLine {
		for _, l := range m.d.Register {
			if l.PersonID == id && l.Recorded() {
				return l
			}
		}
		t.Fatalf("%s is not in the register", id)
		return data.RegisterLine{}
	}
	if l := line(outsiders[0].ID); !l.Guest() || l.Presence != data.PresencePresente {
		t.Fatalf("registry person checked in as %+v, want a guest present", l)
	}
	before := m.reg.heads.Text

	// F6: they hold Paciano's seat by delegation; the seat now counts.
	seatIndex := -1
	for i, st := range m.d.Seats {
		if st.Name == "Paciano" {
			seatIndex = i
		}
	}
	// The act is optional: typed and confirmed with Enter, or left out.
	delegate := func(p data.PersonView, act string) {
		t.Helper()
		m.reg.checkin.SetText("")
		test.Type(m.reg.checkin, data.Fold(p.FullName()))
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
		dlg := e.mustOverlay("the delegation form")
		var pick *widget.Select
		var actEntry *shortcutEntry
		walk(dlg, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Select:
				pick = w
			case *shortcutEntry:
				actEntry = w
			}
		})
		if actEntry == nil {
			t.Fatal("the delegation form has no entry for the act")
		}
		pick.SetSelectedIndex(seatIndex)
		if act == "" {
			test.Tap(button(t, dlg, "Registra la delega"))
			return
		}
		test.Type(actEntry, act)
		pressEnter(actEntry)
	}
	delegate(outsiders[0], "delega prot. n. 123 del 10/02/2027")
	if l := line(outsiders[0].ID); !l.Delegated || l.SeatName != "Paciano" || l.DelegationAct != "delega prot. n. 123 del 10/02/2027" {
		t.Fatalf("after F6 the line is %+v, want a delegation for Paciano by delega prot. n. 123 del 10/02/2027", l)
	}
	if e.overlay() != nil {
		t.Error("Enter in the act's entry leaves the delegation form open")
	}
	if m.reg.heads.Text == before {
		t.Errorf("members present did not change with the delegation: %q", m.reg.heads.Text)
	}
	if n := len(registerNames(m.d.Register)); n == 0 || strings.Count(strings.Join(registerNames(m.d.Register), ","), outsiders[0].FullName()) != 1 {
		t.Errorf("the delegate appears more than once: %v", registerNames(m.d.Register))
	}

	// A second person cannot take the same seat while the first holds it.
	checkIn(t, m, data.Fold(outsiders[1].FullName()))
	delegate(outsiders[1], "")
	if !strings.Contains(m.errs.wrap.Text, "Paciano") || !strings.Contains(m.errs.wrap.Text, "già occupato") {
		t.Errorf("second delegate for Paciano: error %q, want the seat taken", m.errs.wrap.Text)
	}
}

func TestStandingDelegateAndProposalWithoutArea(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo dei Sindaci", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting

	// Paciano's standing delegate is found by name and takes the seat she is delegated for.
	checkIn(t, m, "pieroni")
	var got data.RegisterLine
	for _, l := range m.d.Register {
		if l.PersonName == "Pieroni Marta" {
			got = l
		}
	}
	if got.SeatName != "Paciano" || !got.Delegated || got.Presence != data.PresencePresente {
		t.Fatalf("standing delegate checked in as %+v, want present, delegated for Paciano", got)
	}
	if !strings.Contains(m.reg.heads.Text, "1 / 8") {
		t.Errorf("members present = %q, want the delegate's seat counted", m.reg.heads.Text)
	}

	// The mayors' table has no area of its own: the proposal form offers one, chosen already.
	m.captureProposal()
	if m.capture == nil || m.capture.area == nil || m.capture.area.Selected == "" {
		t.Fatal("the proposal form of a body without an area has no area chosen")
	}
	test.Type(m.capture.title, "Regolamento unico di accesso ai servizi")
	pressEnter(m.capture.title)
	if len(m.d.Proposals) != 1 || m.d.Proposals[0].AreaID == "" {
		t.Fatalf("proposals = %+v, want one with an area", m.d.Proposals)
	}
}

func TestConfirmByKeyboard(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	asked := 0
	e.ui.confirm("Domanda", "Procedere?", "Procedi", func() { asked++ })
	e.ui.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.overlay() != nil || asked != 0 {
		t.Fatalf("Esc: dialog shown %v, confirmed %d times; want it dismissed", e.overlay() != nil, asked)
	}
	e.ui.confirm("Domanda", "Procedere?", "Procedi", func() { asked++ })
	pressEnter(e.ui.win.Canvas().Focused())
	if e.overlay() != nil || asked != 1 {
		t.Fatalf("Enter: dialog shown %v, confirmed %d times; want it confirmed once", e.overlay() != nil, asked)
	}
}

// The approval names the seats that abstained: chosen in the dialog, recorded as a vote, and said in
// the approved act.
func TestApprovalNamesAbstention(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	first := runEmptyMeeting(t, e, "12/03/2027")
	second := e.convene("Tavolo tematico Anziani", "26/03/2027")
	test.Tap(button(t, second.split, "Convoca"))
	e.start(second)
	m := second.meeting
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" {
			checkIn(t, m, data.Fold(l.PersonName))
		}
	}
	test.Tap(m.approve)
	dlg := e.mustOverlay("the approval question")
	var mode *widget.RadioGroup
	walk(dlg, func(o fyne.CanvasObject) {
		if w, ok := o.(*widget.RadioGroup); ok {
			mode = w
		}
	})
	if mode == nil || mode.Selected != "All'unanimità dei presenti" {
		t.Fatalf("approval dialog: mode %v; want the choice, unanimity first", mode)
	}
	// The seats are listed once the secretary says someone voted against or abstained.
	mode.SetSelected("Con voti contrari o astenuti (seggio per seggio)")
	var groups []*widget.CheckGroup
	walk(dlg, func(o fyne.CanvasObject) {
		if w, ok := o.(*widget.CheckGroup); ok && w.Visible() {
			groups = append(groups, w)
		}
	})
	if len(groups) != 2 || len(groups[1].Options) == 0 {
		t.Fatalf("approval dialog: %d check groups; want contrari and astenuti, with the seats present", len(groups))
	}
	seat := groups[1].Options[0]
	groups[1].SetSelected([]string{seat})
	test.Tap(button(t, dlg, "Approva"))
	if msg := m.errs.wrap.Text; m.errs.wrap.Visible() {
		t.Fatalf("approval refused: %s", msg)
	}
	vb, err := e.store().Verbale(e.ui.ctx, first)
	if err != nil {
		t.Fatalf("stored verbale: %v", err)
	}
	flat := pdfWords(t, vb.PDF)
	name, _, _ := strings.Cut(seat, " (")
	if want := "nella seduta del 26 marzo 2027, all'unanimità dei votanti, astenuto"; !strings.Contains(flat, want) ||
		!strings.Contains(flat[strings.Index(flat, "Verbale approvato dal"):], name) {
		t.Errorf("the approved verbale reads %q; want %q naming %s", flat[max(0, len(flat)-400):], want, name)
	}
}

// The list of speakers by keyboard: F9 puts the person typed in the check-in box on the list, F10 gives
// the floor on; the one speaking shows their time; the verbale says who spoke.
func TestSpeakersByKeyboard(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "12/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	m := s.meeting
	var names []string
	for _, l := range m.d.Register {
		if l.SeatID != "" && l.PersonID != "" && len(names) < 2 {
			names = append(names, l.PersonName)
		}
	}
	if len(names) < 2 {
		t.Fatalf("the Anziani register has %d members", len(names))
	}
	// F9 with nothing chosen says what to do.
	m.reg.checkin.SetText("")
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF9})
	if !strings.Contains(m.errs.wrap.Text, "Scegli prima una persona") {
		t.Errorf("F9 with an empty box: %q", m.errs.wrap.Text)
	}
	for _, n := range names {
		m.reg.checkin.SetText("")
		test.Type(m.reg.checkin, data.Fold(n))
		m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF9})
	}
	if got := texts(m.speakers.lines); len(got) != 2 {
		t.Fatalf("speakers listed = %q, want the two queued", got)
	}
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	got := texts(m.speakers.lines)
	if !strings.HasPrefix(got[0], "▶ 1.") || m.speakers.clock.Text == "" {
		t.Errorf("after F10: %q, clock %q; want the first speaking with the time shown", got, m.speakers.clock.Text)
	}
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF10})
	if got := texts(m.speakers.lines); len(got) != 1 || got[0] != "Nessuno in lista." {
		t.Errorf("after both spoke: %q, want nobody waiting", got)
	}
	sp := m.d.ItemSpeeches(m.d.Session.CurrentItemID)
	if len(sp) != 2 || sp[0].Started.IsZero() || sp[1].Ended.IsZero() {
		t.Fatalf("stored speeches = %+v, want both heard", sp)
	}
	pdf, err := report.Verbale(m.d)
	if err != nil {
		t.Fatal(err)
	}
	if flat := pdfWords(t, pdf); !strings.Contains(flat, "Intervengono, nell'ordine: "+sp[0].Speaker.Prose()) {
		t.Errorf("the verbale does not list the speakers: %q", flat[:min(len(flat), 600)])
	}
}

// The session's form keeps the protocol numbers and whether the verbale gives the speakers' times.
func TestSessionFormActs(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "12/03/2027")
	test.Type(s.convProt, "1234")
	test.Type(s.convDate, "26/02/2027")
	test.Type(s.verbProt, "1301")
	s.speechTimes.SetChecked(true)
	s.saver.flush()
	v := mustSession(t, e, s.meta.ID)
	if v.ConvocationProtocol != "1234" || !v.ConvocationDate.Equal(time.Date(2027, 2, 26, 0, 0, 0, 0, data.Zone)) ||
		v.VerbaleProtocol != "1301" || !v.VerbaleDate.IsZero() || !v.SpeechTimes {
		t.Errorf("stored session = prot %q of %v, verbale %q of %v, speech times %v", v.ConvocationProtocol,
			v.ConvocationDate, v.VerbaleProtocol, v.VerbaleDate, v.SpeechTimes)
	}
	test.Type(s.verbDate, "ieri")
	s.saver.flush()
	if !strings.Contains(s.errs.wrap.Text, "ieri") {
		t.Errorf("a protocol date that is not one: %q, want it explained", s.errs.wrap.Text)
	}
}

// pdfWords is a PDF's text as a reader's tool extracts it (pdftotext), its words joined by single spaces.
func pdfWords(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "documento.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils, which the README installs): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
