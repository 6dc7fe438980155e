package app

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data/sqlite"
)

// liveMeeting convenes and starts a session of the Anziani table, then gives the window the real
// autosave timings (600 ms pause, 2 s maximum wait, retries): the timers hand their work to the queue
// returned, which the test runs on its own goroutine as Fyne's loop would.
func liveMeeting(t *testing.T, e *env) (*meetingScreen, string, uiQueue) {
	t.Helper()
	s := e.convene("Tavolo tematico Anziani", "19/03/2027")
	id := s.meta.ID
	test.Tap(button(t, s.split, "Convoca"))
	e.start(s)
	if !s.inMeeting() {
		t.Fatal("the meeting screen is not shown")
	}
	q := make(uiQueue, 256)
	e.ui.saveDelay, e.ui.saveMaxWait, e.ui.retryFirst = 600*time.Millisecond, saveMaxWait, retryFirst
	e.ui.do = func(f func()) { q <- f }
	return s.meeting, id, q
}

// notesOnDisk reads an item's notes through another connection, as anyone opening the file would.
func notesOnDisk(t *testing.T, e *env, sessionID string, i int) string {
	t.Helper()
	other, err := sqlite.Open(context.Background(), e.path, sqlite.Options{Device: testDevice, ReadOnly: true})
	if err != nil {
		t.Fatalf("opening the file a second time: %v", err)
	}
	defer other.Close()
	items, err := other.Agenda(context.Background(), sessionID)
	if err != nil || i >= len(items) {
		t.Fatalf("Agenda: %d items, %v", len(items), err)
	}
	return items[i].Notes
}

// quitItem is Esci in the File menu (Ctrl+Q).
func quitItem(t *testing.T, ui *UI) *fyne.MenuItem {
	t.Helper()
	for _, it := range ui.win.MainMenu().Items[0].Items {
		if it.Label == "Esci" {
			return it
		}
	}
	t.Fatal("no Esci in the File menu")
	return nil
}

// TestMeetingNotesSavedWhileTyping types notes without a pause, a key every 100 ms for 3 s: the text
// reaches the database within the 2 s maximum wait, before typing stops, and all of it after.
func TestMeetingNotesSavedWhileTyping(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, q := liveMeeting(t, e)
	start := time.Now()
	var first time.Duration
	typed := ""
	for time.Since(start) < 3*time.Second {
		test.Type(m.notes, "a")
		typed += "a"
		q.pump(100 * time.Millisecond)
		if first == 0 && storedNotes(t, e, id, 0) != "" {
			first = time.Since(start)
		}
	}
	if first == 0 {
		t.Fatalf("3 s of steady typing: nothing stored before typing stopped (%d characters typed)", len(typed))
	}
	if first > saveMaxWait+500*time.Millisecond {
		t.Errorf("notes first stored %v after the first key, want within %v", first, saveMaxWait)
	}
	if !q.pumpUntil(2*time.Second, func() bool { return storedNotes(t, e, id, 0) == typed }) {
		t.Fatalf("stored notes %d characters after typing stopped, want %d", len(storedNotes(t, e, id, 0)), len(typed))
	}
	if got := e.ui.status.saved.Text; !regexp.MustCompile(`^Salvato alle \d\d:\d\d:\d\d$`).MatchString(got) {
		t.Errorf("status = %q, want Salvato alle HH:MM:SS", got)
	}
}

// TestMeetingNotesSavedOnQuit closes the program (Esci, Ctrl+Q) right after typing, before the pause:
// the notes are on disk.
func TestMeetingNotesSavedOnQuit(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, _ := liveMeeting(t, e)
	test.Type(m.notes, "Ultime parole prima di chiudere.")
	if len(e.ui.savers()) != 1 {
		t.Fatalf("unsaved list = %d after typing, want the notes in it", len(e.ui.savers()))
	}
	quitItem(t, e.ui).Action()
	if got := notesOnDisk(t, e, id, 0); got != "Ultime parole prima di chiudere." {
		t.Errorf("notes on disk after Esci = %q, want what was typed", got)
	}
	if e.overlay() != nil {
		t.Errorf("a dialog is open after Esci with everything saved: %q", texts(e.overlay()))
	}
}

// TestMeetingNotesKeptWhileTheFileIsBusy holds the database's write lock from another program: the
// notes cannot be saved, the status line says so and why, the save is tried again, and Esci asks
// before leaving; once the lock is gone, Riprova saves them and the window closes.
func TestMeetingNotesKeptWhileTheFileIsBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the database's busy timeout")
	}
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, q := liveMeeting(t, e)
	db, err := sql.Open("sqlite", e.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lock, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if _, err := lock.ExecContext(context.Background(), "BEGIN EXCLUSIVE"); err != nil {
		t.Fatalf("taking the write lock: %v", err)
	}
	locked := true
	unlock := func() {
		if locked {
			locked = false
			if _, err := lock.ExecContext(context.Background(), "ROLLBACK"); err != nil {
				t.Fatalf("releasing the write lock: %v", err)
			}
		}
	}
	defer unlock()

	test.Type(m.notes, "Interviene Rossi.")
	if !q.pumpUntil(10*time.Second, func() bool { return e.ui.unsaved[0].lastError() != nil }) {
		t.Fatal("the save neither failed nor went through while the file was locked")
	}
	if got := e.ui.status.saved.Text; !strings.Contains(got, "Non ancora salvato") || !strings.Contains(got, "occupato") {
		t.Errorf("status = %q, want it to say the text is not saved yet, and that the file is busy", got)
	}
	if m.notes.Text != "Interviene Rossi." {
		t.Errorf("notes box = %q, want the text kept", m.notes.Text)
	}

	quitItem(t, e.ui).Action()
	dlg := q.pumpUntil(10*time.Second, func() bool { return e.overlay() != nil })
	if !dlg {
		t.Fatal("Esci with notes not saved asked nothing")
	}
	if o := e.overlay(); !hasText(o, "Ci sono testi non ancora salvati: database occupato da un altro programma") {
		t.Fatalf("question on leaving = %q, want the unsaved text and why", texts(o))
	}
	unlock()
	test.Tap(button(t, e.overlay(), "Riprova a salvare"))
	if !q.pumpUntil(10*time.Second, func() bool { return notesOnDisk(t, e, id, 0) == "Interviene Rossi." }) {
		t.Fatalf("notes on disk after Riprova = %q, want what was typed", notesOnDisk(t, e, id, 0))
	}
	if len(e.ui.savers()) != 0 {
		t.Errorf("unsaved list = %d after the save, want 0", len(e.ui.savers()))
	}
}

// TestMeetingNotesTwoWindows opens the same meeting in two windows on one file: what the second types
// over notes the first has saved meanwhile is refused with the persons' message, never written over
// them; the meeting's own clock moving the item is no conflict.
func TestMeetingNotesTwoWindows(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, q := liveMeeting(t, e)
	ui2 := New(fyne.CurrentApp(), Config{DBPath: e.path, Installation: e.inst, Version: "test"}, SyncRunner, opener(testDevice))
	t.Cleanup(ui2.Close)
	ui2.saveDelay, ui2.filterPause, ui2.tick = 0, 0, 0
	ui2.now = func() time.Time { return testToday }
	ui2.goTo(sectionSessions)
	ui2.sessions.openMeeting(id)
	m2 := ui2.sessions.meeting
	if m2.notesItem.ID != m.notesItem.ID || m2.notesItem.ID == "" {
		t.Fatalf("second window shows item %q, want %q", m2.notesItem.ID, m.notesItem.ID)
	}

	test.Type(m.notes, "Interviene Rossi.")
	if !q.pumpUntil(3*time.Second, func() bool { return storedNotes(t, e, id, 0) == "Interviene Rossi." }) {
		t.Fatal("the first window's notes were not saved")
	}
	test.Type(m2.notes, "Interviene Bianchi.")
	if got := storedNotes(t, e, id, 0); got != "Interviene Rossi." {
		t.Errorf("stored notes after the second window typed = %q, want the first window's kept", got)
	}
	want := "Questa scheda è stata modificata altrove nel frattempo"
	if !m2.errs.wrap.Visible() || !strings.Contains(m2.errs.wrap.Text, want) {
		t.Errorf("second window's error line = %q, want %q…", m2.errs.wrap.Text, want)
	}
	if got := ui2.status.saved.Text; !strings.Contains(got, "un'altra finestra") {
		t.Errorf("second window's status = %q, want it to name the other window", got)
	}

	// The first window goes on typing while the meeting's clock moves the item (another item, then
	// back, written by the second window): only the clock moved, so the notes are saved.
	st := ui2.store
	items, err := st.Agenda(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetCurrentItem(context.Background(), id, items[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetCurrentItem(context.Background(), id, items[0].ID); err != nil {
		t.Fatal(err)
	}
	test.Type(m.notes, " Interviene Verdi.")
	if !q.pumpUntil(3*time.Second, func() bool { return storedNotes(t, e, id, 0) == "Interviene Rossi. Interviene Verdi." }) {
		t.Errorf("notes after the clock moved = %q (%s), want the first window's text saved", storedNotes(t, e, id, 0), m.errs.wrap.Text)
	}
}

// TestMeetingDecisionTypedRecordedOnQuit types a decision without Enter and closes the program: the
// decision is recorded as Enter would have, not dropped.
func TestMeetingDecisionTypedRecordedOnQuit(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, _ := liveMeeting(t, e)
	test.Type(m.decision, "Il tavolo approva il calendario.")
	if len(e.ui.savers()) != 1 {
		t.Fatalf("unsaved list = %d with a decision typed, want it there", len(e.ui.savers()))
	}
	quitItem(t, e.ui).Action()
	d, err := e.store().Dossier(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Decisions) != 1 || d.Decisions[0].Text != "Il tavolo approva il calendario." {
		t.Errorf("decisions after Esci = %+v, want the one typed", d.Decisions)
	}
	if e.overlay() != nil {
		t.Errorf("a dialog is open after Esci with everything recorded: %q", texts(e.overlay()))
	}
}

// TestMeetingNotesSavedOnSignal types notes and then the system asks the program to end (SIGTERM,
// SIGINT, the end of the session): the notes are on disk, without a question.
func TestMeetingNotesSavedOnSignal(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, _ := liveMeeting(t, e)
	test.Type(m.notes, "Parole scritte prima del segnale.")
	e.ui.Leave()
	if got := notesOnDisk(t, e, id, 0); got != "Parole scritte prima del segnale." {
		t.Errorf("notes on disk after the signal = %q, want what was typed", got)
	}
}

// TestMeetingNotesSavedWhenTheLoopStops types notes and stops the window's loop at once, as when the
// system ends the session: FlushNow, which Run calls then, writes them.
func TestMeetingNotesSavedWhenTheLoopStops(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m, id, _ := liveMeeting(t, e)
	test.Type(m.notes, "Parole scritte alla fine della sessione.")
	e.ui.FlushNow()
	if got := notesOnDisk(t, e, id, 0); got != "Parole scritte alla fine della sessione." {
		t.Errorf("notes on disk after FlushNow = %q, want what was typed", got)
	}
	if len(e.ui.savers()) != 0 {
		t.Errorf("unsaved list = %d after FlushNow, want 0", len(e.ui.savers()))
	}
}
