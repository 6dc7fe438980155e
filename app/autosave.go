package app

import (
	"time"

	"fyne.io/fyne/v2"

	"github.com/tavoli/tavoli/data"
)

// autosaver saves a form as the user types: there is no Save button to forget. A change starts a short
// timer; when typing pauses the record is saved in the background, one save at a time, and a change made
// while a save runs is saved right after. The stored version's id and times come back into the form, so
// the next save updates the record instead of creating another. An invalid record is not saved: the
// form shows why, and keeps what was typed.
type autosaver[T any] struct {
	ui     *UI
	get    func() T                     // the form's record now
	save   func(T) (T, error)           // writes it; returns the stored version
	meta   func(T) data.Meta            // the record's head
	apply  func(stored T)               // takes the stored head (and id) back into the form
	report func(err error)              // shows or clears the reason the last save failed
	after  func(stored T, created bool) // called after a save (refresh the list)
	timer  *time.Timer
	busy   bool
	again  bool
}

// changed schedules a save.
func (a *autosaver[T]) changed() {
	if a.ui.saveDelay <= 0 {
		a.flush()
		return
	}
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(a.ui.saveDelay, func() { fyne.Do(a.flush) })
}

// flush saves now what the form holds (a pending timer is cancelled).
func (a *autosaver[T]) flush() {
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	if a.busy {
		a.again = true
		return
	}
	rec := a.get()
	created := a.meta(rec).ID == ""
	a.busy = true
	var stored T
	var err error
	a.ui.run(func() { stored, err = a.save(rec) }, func() {
		a.busy = false
		if err != nil {
			a.report(err)
			if data.ErrorCode(err) == data.EConflict || data.ErrorCode(err) == data.ENotFound {
				a.again = false
			}
		} else {
			a.report(nil)
			a.apply(stored)
			a.ui.saved()
			if a.after != nil {
				a.after(stored, created)
			}
		}
		if a.again {
			a.again = false
			a.flush()
		}
	})
}

// pending reports whether a change has not been saved yet.
func (a *autosaver[T]) pending() bool { return a.timer != nil || a.busy }
