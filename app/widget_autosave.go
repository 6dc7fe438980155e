// Autosave of a form: a pause in typing, a longest wait, retries after a failed save.

package app

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/tavoli/tavoli/data"
)

// Autosave timing. The pause lets a word be typed before it is written; the maximum wait bounds what
// steady typing can leave unsaved; a save that failed (a full disk, a database busy elsewhere) is tried
// again after retryFirst, then less often up to retryMost.
const (
	saveMaxWait = 2 * time.Second
	retryFirst  = 2 * time.Second
	retryMost   = 5 * time.Second
)

// autosaver saves a form as the user types: there is no Save button to forget. A change starts a short
// timer; when typing pauses, or at the latest saveMaxWait after the first change not saved, the record is
// saved in the background, one save at a time, and a change made while a save runs is saved right after.
// The stored version's id and times come back into the form, so the next save updates the record
// instead of creating another. An invalid record is not saved: the form shows why, and keeps what was
// typed. A save that failed for a reason that may pass is kept and tried again.
//
// Every autosaver with text not saved yet is in its window's list (UI.savers), so that closing the
// window, a signal or the end of the session saves it first.
type autosaver[T any] struct {
	ui     *UI
	get    func() T                     // the form's record now
	save   func(T) (T, error)           // writes it; returns the stored version
	meta   func(T) data.Meta            // the record's head
	apply  func(stored T)               // takes the stored head (and id) back into the form
	report func(err error)              // shows or clears the reason the last save failed
	after  func(stored T, created bool) // called after a save (refresh the list)

	timer    *time.Timer // the pause after the last change
	first    time.Time   // when the oldest change not yet being saved was made: the maximum wait runs from it
	inflight *attempt[T] // the save running now
	again    bool
	edits    int   // changes made so far; a save covers those made before it started
	saved    int   // the changes the last successful save covered
	failed   error // why the last save failed; nil once one succeeds
	retry    *time.Timer
	backoff  time.Duration
}

// changed schedules a save.
func (a *autosaver[T]) changed() {
	a.edits++
	a.ui.track(a)
	if a.ui.saveDelay <= 0 {
		a.flush()
		return
	}
	now := time.Now()
	if a.first.IsZero() {
		a.first = now
	}
	wait := a.ui.saveDelay
	if left := a.first.Add(a.ui.saveMaxWait).Sub(now); left < wait {
		wait = max(left, 0)
	}
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(wait, func() { a.ui.later(a.flush) })
}

// flush saves now what the form holds (a pending timer is cancelled).
func (a *autosaver[T]) flush() {
	a.stopTimers()
	if a.inflight != nil {
		a.again = true
		return
	}
	r := a.start()
	a.ui.run(func() {
		r.stored, r.err = a.save(r.rec)
		close(r.finished)
	}, func() { a.finish(r) })
}

// flushNow saves what the form holds and waits for the store, at most closeWait: for the last moments
// of the program, when the UI goroutine may no longer run what a background save hands back. A save
// already running is waited for, and what was typed after it started is saved next.
func (a *autosaver[T]) flushNow() {
	if r := a.inflight; r != nil {
		select {
		case <-r.finished:
			a.again = false
			a.finish(r)
		case <-time.After(closeWait):
			return
		}
	}
	if a.saved >= a.edits && a.failed == nil {
		a.stopTimers()
		return
	}
	a.stopTimers()
	r := a.start()
	r.stored, r.err = a.save(r.rec)
	close(r.finished)
	a.again = false
	a.finish(r)
}

// attempt is one save: what it writes, and what came back.
type attempt[T any] struct {
	rec      T
	edits    int  // the changes it covers
	created  bool // the record is new
	stored   T
	err      error
	finished chan struct{} // closed when the store has answered
}

// start takes the form's record for a save.
func (a *autosaver[T]) start() *attempt[T] {
	rec := a.get()
	r := &attempt[T]{rec: rec, edits: a.edits, created: a.meta(rec).ID == "", finished: make(chan struct{})}
	a.inflight = r
	a.first = time.Time{}
	return r
}

// finish takes back the result of save r, once.
func (a *autosaver[T]) finish(r *attempt[T]) {
	if a.inflight != r {
		return // already taken back by flushNow
	}
	a.inflight = nil
	if r.err != nil {
		a.failed = r.err
		a.report(r.err)
		a.again = false // what was typed meanwhile goes with the retry, not straight into the same failure
		if retryable(r.err) {
			a.scheduleRetry()
		}
		a.ui.showUnsaved()
	} else {
		a.failed, a.backoff = nil, 0
		a.saved = max(a.saved, r.edits)
		a.report(nil)
		a.apply(r.stored)
		a.ui.saved()
		if a.after != nil {
			a.after(r.stored, r.created)
		}
		if a.saved >= a.edits {
			a.ui.untrack(a)
		}
	}
	if a.again {
		a.again = false
		a.flush()
	}
}

// scheduleRetry tries the failed save again later, less often each time.
func (a *autosaver[T]) scheduleRetry() {
	if a.backoff == 0 {
		a.backoff = a.ui.retryFirst
	} else {
		a.backoff = min(2*a.backoff, retryMost)
	}
	if a.retry != nil {
		a.retry.Stop()
	}
	a.retry = time.AfterFunc(a.backoff, func() { a.ui.later(a.flush) })
}

func (a *autosaver[T]) stopTimers() {
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	if a.retry != nil {
		a.retry.Stop()
		a.retry = nil
	}
}

// detach makes the autosaver keep the record its form holds now, when the form moves on to another
// record while this one is not saved: it goes on trying with what was typed, and closing the window
// still waits for it or asks.
func (a *autosaver[T]) detach() {
	rec := a.get()
	a.get = func() T { return rec }
	apply := a.apply
	a.apply = func(stored T) {
		rec = stored
		apply(stored)
	}
}

// pending reports whether a change has not been saved yet, or a save is running.
func (a *autosaver[T]) pending() bool {
	return a.timer != nil || a.inflight != nil || a.saved < a.edits
}

// running reports whether a save is in the store's hands now.
func (a *autosaver[T]) running() bool { return a.inflight != nil }

// lastError is why the last save failed, nil when it did not.
func (a *autosaver[T]) lastError() error { return a.failed }

// retryable tells a failure that may pass (a full disk, a file busy elsewhere, a folder not writable for
// now) from one that needs the user: an invalid form, a record changed or deleted elsewhere.
func retryable(err error) bool {
	e := data.AsError(err)
	if e == nil {
		return true
	}
	switch e.Code.Kind() {
	case data.EInternal, data.EReadOnly:
		return true
	}
	return e.Code == data.EBusy
}

// later runs f on the UI goroutine; tests may queue it instead.
func (ui *UI) later(f func()) {
	if ui.do != nil {
		ui.do(f)
		return
	}
	fyne.Do(f)
}
