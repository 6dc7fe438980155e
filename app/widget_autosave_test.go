package app

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// uiQueue stands for the UI goroutine in tests of timed saves: the autosaver's timers hand their work
// to it, and the test runs that work on its own goroutine (pump), as Fyne's loop would, so nothing
// touches the form from a timer's goroutine.
type uiQueue chan func()

// timedUI is a window's autosave settings with the real timings, for tests of the autosaver alone.
func timedUI() (*UI, uiQueue) {
	q := make(uiQueue, 64)
	return &UI{run: SyncRunner, saveDelay: 600 * time.Millisecond, saveMaxWait: saveMaxWait,
		retryFirst: retryFirst, do: func(f func()) { q <- f }}, q
}

// pump runs what the timers handed to the UI goroutine, for d.
func (q uiQueue) pump(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case f := <-q:
			f()
		case <-end:
			return
		}
	}
}

// pumpUntil runs what the timers hand over until ok holds, at most d; it reports whether ok held.
func (q uiQueue) pumpUntil(d time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			return false
		}
		q.pump(10 * time.Millisecond)
	}
	return true
}

// textForm is a form with one text, saved by an autosaver whose store is the test's save function.
type textForm struct {
	text    string
	stored  string
	version int
	saves   []time.Time // when each save reached the store
	errs    []error     // what report was called with
	fail    func(n int) error
	saver   *autosaver[string]
}

func newTextForm(ui *UI) *textForm {
	f := &textForm{}
	f.saver = &autosaver[string]{ui: ui,
		get: func() string { return f.text },
		save: func(s string) (string, error) {
			f.saves = append(f.saves, time.Now())
			if f.fail != nil {
				if err := f.fail(len(f.saves)); err != nil {
					return s, err
				}
			}
			f.stored = s
			f.version++
			return s, nil
		},
		meta:   func(string) data.Meta { return data.Meta{ID: fmt.Sprint(f.version)} },
		apply:  func(string) {},
		report: func(err error) { f.errs = append(f.errs, err) },
	}
	return f
}

// TestAutosaveMaxWait types a character every 100 ms for 3 s: the 600 ms pause never comes, and the
// text is still saved within the maximum wait of 2 s, then again after the last key.
func TestAutosaveMaxWait(t *testing.T) {
	ui, q := timedUI()
	f := newTextForm(ui)
	start := time.Now()
	var savedWhileTyping string
	for time.Since(start) < 3*time.Second {
		f.text += "a"
		f.saver.changed()
		q.pump(100 * time.Millisecond)
		if len(f.saves) > 0 && savedWhileTyping == "" {
			savedWhileTyping = f.stored
			if late := f.saves[0].Sub(start); late > saveMaxWait+400*time.Millisecond {
				t.Errorf("first save %v after the first key, want within %v", late, saveMaxWait)
			}
		}
	}
	typed := f.text
	if savedWhileTyping == "" {
		t.Fatalf("3 s of steady typing saved nothing before it stopped (%d saves)", len(f.saves))
	}
	for i := 1; i < len(f.saves); i++ {
		if gap := f.saves[i].Sub(f.saves[i-1]); gap > saveMaxWait+400*time.Millisecond {
			t.Errorf("saves %d and %d are %v apart while typing, want at most %v", i-1, i, gap, saveMaxWait)
		}
	}
	if !q.pumpUntil(2*time.Second, func() bool { return f.stored == typed }) {
		t.Fatalf("stored %d characters after typing stopped, want %d", len(f.stored), len(typed))
	}
	if f.saver.pending() || len(ui.savers()) != 0 {
		t.Errorf("pending = %v, window's unsaved list = %d after the last save; want false, 0", f.saver.pending(), len(ui.savers()))
	}
}

// TestAutosavePause checks the debounce still holds: a few keys in a row make one save, after the pause.
func TestAutosavePause(t *testing.T) {
	ui, q := timedUI()
	f := newTextForm(ui)
	for _, r := range "Rossi" {
		f.text += string(r)
		f.saver.changed()
		q.pump(50 * time.Millisecond)
	}
	if len(f.saves) != 0 {
		t.Fatalf("saved %d times while typing a word, want none before the pause", len(f.saves))
	}
	if len(ui.savers()) != 1 {
		t.Errorf("window's unsaved list = %d while the pause runs, want 1", len(ui.savers()))
	}
	if !q.pumpUntil(2*time.Second, func() bool { return f.stored == "Rossi" }) {
		t.Fatalf("stored %q after the pause, want Rossi", f.stored)
	}
	if len(f.saves) != 1 {
		t.Errorf("saved %d times, want 1", len(f.saves))
	}
}

// TestAutosaveRetriesAFailedSave makes the first two saves fail as on a full disk: the text is kept,
// the reason is reported, the save is tried again a few seconds later, and it goes through.
func TestAutosaveRetriesAFailedSave(t *testing.T) {
	ui, q := timedUI()
	f := newTextForm(ui)
	full := data.Errorf(data.EInternal, "err.db.write").Wrap(fmt.Errorf("write: %w", syscall.ENOSPC))
	f.fail = func(n int) error {
		if n <= 2 {
			return full
		}
		return nil
	}
	f.text = "Interviene Rossi."
	f.saver.changed()
	if !q.pumpUntil(2*time.Second, func() bool { return len(f.saves) == 1 }) {
		t.Fatal("no save after the pause")
	}
	if err := f.saver.lastError(); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("lastError after a failed save = %v, want the full disk", err)
	}
	if got := failureReason(f.saver.lastError()); got != "disco pieno" {
		t.Errorf("failureReason = %q, want disco pieno", got)
	}
	if !f.saver.pending() || len(ui.savers()) != 1 {
		t.Fatalf("after the failure: pending %v, unsaved list %d; want the text kept", f.saver.pending(), len(ui.savers()))
	}
	if got := ui.unsavedReason(); got != "disco pieno" {
		t.Errorf("unsavedReason = %q, want disco pieno", got)
	}
	if !q.pumpUntil(15*time.Second, func() bool { return f.stored == "Interviene Rossi." }) {
		t.Fatalf("the failed save was not retried: %d attempts, stored %q", len(f.saves), f.stored)
	}
	if len(f.saves) != 3 {
		t.Errorf("attempts = %d, want 3 (two failures, then the save)", len(f.saves))
	}
	for i, want := range []time.Duration{retryFirst, 2 * retryFirst} {
		gap := f.saves[i+1].Sub(f.saves[i])
		if gap < want-100*time.Millisecond || gap > want+time.Second {
			t.Errorf("retry %d came after %v, want about %v", i+1, gap, want)
		}
	}
	if last := f.errs[len(f.errs)-1]; last != nil {
		t.Errorf("last report = %v, want nil once saved", last)
	}
	if f.saver.lastError() != nil || len(ui.savers()) != 0 {
		t.Errorf("after the retry: lastError %v, unsaved list %d; want nil, 0", f.saver.lastError(), len(ui.savers()))
	}
}

// TestAutosaveConflictNotRetried checks that a record changed elsewhere is not saved over again and
// again: the text stays, unsaved, until the user decides.
func TestAutosaveConflictNotRetried(t *testing.T) {
	ui, q := timedUI()
	f := newTextForm(ui)
	f.fail = func(int) error { return data.Errorf(data.EChanged, "err.record.changed", "kind", "agenda_item") }
	f.text = "Interviene Bianchi."
	f.saver.changed()
	q.pump(600*time.Millisecond + retryMost + time.Second)
	if len(f.saves) != 1 {
		t.Errorf("attempts = %d, want 1: a conflict is not retried", len(f.saves))
	}
	if len(ui.savers()) != 1 || ui.unsavedReason() != "modificato nel frattempo in un'altra finestra" {
		t.Errorf("unsaved list %d, reason %q; want the text kept and the other window named", len(ui.savers()), ui.unsavedReason())
	}
}

// TestAutosaveFlushNowWaitsForARunningSave: at the end of the program, a save running in the background
// is waited for, and what was typed after it started is saved too.
func TestAutosaveFlushNowWaitsForARunningSave(t *testing.T) {
	ui, _ := timedUI()
	release := make(chan struct{})
	ui.run = func(work, done func()) {
		go func() {
			work()
			// done would come back through the UI goroutine, which has stopped: it never runs.
		}()
	}
	f := newTextForm(ui)
	first := true
	save := f.saver.save
	f.saver.save = func(s string) (string, error) {
		if first {
			first = false
			<-release
		}
		return save(s)
	}
	f.text = "Prima"
	f.saver.changed()
	f.saver.flush()
	f.text = "Prima e seconda"
	f.saver.changed()
	go func() { time.Sleep(200 * time.Millisecond); close(release) }()
	f.saver.flushNow()
	if f.stored != "Prima e seconda" || len(f.saves) != 2 {
		t.Errorf("after flushNow: stored %q in %d saves, want the whole text in 2", f.stored, len(f.saves))
	}
	if f.saver.pending() {
		t.Error("still pending after flushNow")
	}
}

// TestAutosaveDetachKeepsTheText: the form moves on to another record while the last save failed; the
// detached autosaver keeps what was typed and saves it when it can.
func TestAutosaveDetachKeepsTheText(t *testing.T) {
	ui, q := timedUI()
	f := newTextForm(ui)
	f.fail = func(n int) error {
		if n == 1 {
			return data.Errorf(data.EFull, "err.db.full")
		}
		return nil
	}
	f.text = "Note del primo punto."
	f.saver.changed()
	f.saver.flushNow()
	if f.saver.lastError() == nil {
		t.Fatal("the first save did not fail")
	}
	f.saver.detach()
	f.text = "" // the box shows the next item
	if !q.pumpUntil(10*time.Second, func() bool { return f.stored == "Note del primo punto." }) {
		t.Fatalf("stored %q after the retry, want the first item's notes", f.stored)
	}
	if len(ui.savers()) != 0 {
		t.Errorf("unsaved list = %d after the retry, want 0", len(ui.savers()))
	}
}
