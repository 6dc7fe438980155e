// Decisions and action items typed and not yet entered, recorded rather than lost on closing.

package app

import (
	"strings"

	"github.com/tavoli/tavoli/data"
)

// boxDraft is what is typed in boxes that Enter records (a decision, an action item). While text waits
// there it is in the window's list of unsaved work, and closing the window, a signal or the end of the
// session records it as Enter would: a decision typed and not yet entered is not lost (it can be
// deleted afterwards, with an undo, like any other).
type boxDraft struct {
	ui     *UI
	boxes  []*shortcutEntry
	record func() // what Enter does
	tried  bool   // recording was tried since the last change, and the text is still there
}

// errNotRecorded is the reason a draft is still in its box after recording was tried; the meeting's
// error line says what the store answered.
var errNotRecorded = data.Errorf(data.EInvalid, "err.draft.not_recorded")

// newBoxDraft follows the text typed in boxes; record is what Enter in them does.
func newBoxDraft(ui *UI, record func(), boxes ...*shortcutEntry) *boxDraft {
	d := &boxDraft{ui: ui, boxes: boxes, record: record}
	for _, b := range boxes {
		b.OnChanged = func(string) { d.changed() }
	}
	return d
}

func (d *boxDraft) has() bool {
	for _, b := range d.boxes {
		if strings.TrimSpace(b.Text) != "" {
			return true
		}
	}
	return false
}

func (d *boxDraft) changed() {
	d.tried = false
	if d.has() {
		d.ui.track(d)
	} else {
		d.ui.untrack(d)
	}
}

func (d *boxDraft) pending() bool { return d.has() }
func (d *boxDraft) running() bool { return false }

func (d *boxDraft) lastError() error {
	if d.tried && d.has() {
		return errNotRecorded
	}
	return nil
}

// flush records the draft at once: it is one short write, and the window is about to close.
func (d *boxDraft) flush() { d.flushNow() }

// flushNow records the draft and waits for the store.
func (d *boxDraft) flushNow() {
	if !d.has() {
		d.ui.untrack(d)
		return
	}
	run := d.ui.run
	d.ui.run = SyncRunner
	defer func() { d.ui.run = run }()
	d.record()
	d.tried = true
	if d.has() {
		d.ui.showUnsaved()
	} else {
		d.ui.untrack(d)
	}
}
