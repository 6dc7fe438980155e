// Closing the window without losing work: the list of unsaved changes and the last saves.

package app

import (
	"errors"
	"slices"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// pendingSaver is any form's autosaver, as the window's list of work not saved yet sees it.
type pendingSaver interface {
	pending() bool    // a change not saved yet, or a save running
	running() bool    // a save is in the store's hands now
	lastError() error // why the last save failed; nil when it did not
	flush()           // saves now, in the background
	flushNow()        // saves now and waits for the store
}

// track puts an autosaver with a change not saved yet in the window's list; untrack takes it out once
// everything it had is stored.
func (ui *UI) track(s pendingSaver) {
	if !slices.Contains(ui.unsaved, s) {
		ui.unsaved = append(ui.unsaved, s)
	}
}

func (ui *UI) untrack(s pendingSaver) {
	if i := slices.Index(ui.unsaved, s); i >= 0 {
		ui.unsaved = slices.Delete(ui.unsaved, i, i+1)
		ui.showUnsaved()
	}
}

// savers are the autosavers of the window that have something not saved yet.
func (ui *UI) savers() []pendingSaver { return slices.Clone(ui.unsaved) }

// closeWait is how long closing the window waits for the last saves to finish.
const closeWait = 3 * time.Second

// interceptClose saves what is still being typed before the window closes: nothing is lost by closing
// right after a keystroke. The system's end of the session and a program leaving the foreground save too.
func (ui *UI) interceptClose() {
	ui.win.SetCloseIntercept(ui.requestClose)
	// Leaving the foreground (another program, the end of the session) saves without waiting for the pause.
	ui.app.Lifecycle().SetOnExitedForeground(ui.flushAll)
}

// flushAll starts saving every change still waiting for its pause.
func (ui *UI) flushAll() {
	for _, s := range ui.savers() {
		if s.pending() {
			s.flush()
		}
	}
}

// commitDrafts takes what is left typed in the forms as meant, when the program is leaving: an
// organisation's name typed in a person's form and not chosen from the list is created.
func (ui *UI) commitDrafts() {
	if ui.people != nil {
		ui.people.form.orgCommitted = true
	}
}

// FlushNow saves every change not saved yet and waits for the store: for the end of the program, when
// the window's loop has stopped or a signal asks the program to end.
func (ui *UI) FlushNow() {
	ui.commitDrafts()
	for _, s := range ui.savers() {
		s.flushNow()
	}
}

// requestClose is closing the window in any way (its close button, Esci in the menu, Ctrl+Q): what is
// pending is saved first, and text that cannot be saved is not dropped without asking.
func (ui *UI) requestClose() {
	if ui.closing {
		return
	}
	ui.closing = true
	ui.commitDrafts()
	ui.flushAll()
	ui.waitSaves(func() {
		ui.closing = false
		if len(ui.savers()) > 0 {
			ui.askLeave()
			return
		}
		if subject, held := ui.heldSecret(); held {
			ui.confirm(lang.L("closing.secret_title"), lang.L("closing.secret", map[string]any{"subject": subject}),
				lang.L("closing.leave_secret"), ui.win.Close)
			return
		}
		ui.win.Close()
	})
}

// heldSecret is the subject of the open secret vote whose check-offs or ballots this window holds: they
// are written only when the vote closes (see data/sqlite/votes_secret.go), and leaving loses them.
func (ui *UI) heldSecret() (string, bool) {
	if ui.sessions == nil || ui.sessions.meeting == nil {
		return "", false
	}
	m := ui.sessions.meeting
	v, open := m.openVoteShown()
	if !open || !v.Secret || m.d.NotHeld[v.ID] {
		return "", false
	}
	return v.Subject, len(m.d.Voted[v.ID])+len(m.d.Ballots[v.ID]) > 0
}

// waitSaves calls then on the UI goroutine once no save runs or waits for its pause, at most closeWait.
func (ui *UI) waitSaves(then func()) {
	busy := func() bool {
		for _, s := range ui.savers() {
			if s.running() || (s.pending() && s.lastError() == nil) {
				return true
			}
		}
		return false
	}
	if !busy() {
		then()
		return
	}
	go func() {
		deadline := time.Now().Add(closeWait)
		for time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			b := true
			fyne.DoAndWait(func() { b = busy() })
			if !b {
				break
			}
		}
		fyne.Do(then)
	}()
}

// askLeave says which text is not saved and why, and lets the user try again, stay, or leave anyway.
func (ui *UI) askLeave() {
	msg := widget.NewLabel(lang.L("closing.unsaved", map[string]any{"reason": ui.unsavedReason()}))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	retry := widget.NewButton(lang.L("closing.retry"), func() {
		d.Hide()
		ui.requestClose()
	})
	retry.Importance = widget.HighImportance
	leave := widget.NewButton(lang.L("closing.leave"), func() {
		d.Hide()
		ui.win.Close()
	})
	leave.Importance = widget.DangerImportance
	stay := widget.NewButton(lang.L("closing.stay"), func() { d.Hide() })
	// Enter tries again, Esc stays: neither key loses the text.
	keys := newKeyCatcher(retry.OnTapped, stay.OnTapped)
	d = dialog.NewCustomWithoutButtons(lang.L("closing.unsaved_title"),
		container.NewStack(container.NewGridWrap(fyne.NewSize(460, 110), msg), keys), ui.win)
	d.SetButtons([]fyne.CanvasObject{stay, leave, retry})
	d.Show()
	ui.win.Canvas().Focus(keys)
}

// unsavedReason says in a few words why the text is not saved: the reasons of the saves that failed.
func (ui *UI) unsavedReason() string {
	var why []string
	for _, s := range ui.savers() {
		r := lang.L("unsaved.pending")
		if err := s.lastError(); err != nil {
			r = failureReason(err)
		}
		if !slices.Contains(why, r) {
			why = append(why, r)
		}
	}
	return strings.Join(why, "; ")
}

// failureReason names the cause of a failed save in a few words, for the status line.
func failureReason(err error) string {
	e := data.AsError(err)
	switch {
	case errors.Is(err, syscall.ENOSPC) || data.IsCode(err, data.EFull):
		return lang.L("unsaved.disk_full")
	case e == nil:
		return lang.L("unsaved.other")
	case e.Code == data.EBusy:
		return lang.L("unsaved.busy")
	case errors.Is(err, errNotRecorded):
		return lang.L("unsaved.draft")
	case e.Code == data.EChanged:
		return lang.L("unsaved.changed")
	}
	switch k := e.Code.Kind(); {
	case k == data.EReadOnly || strings.Contains(err.Error(), "readonly"):
		return lang.L("unsaved.read_only")
	case k == data.ENotFound:
		return lang.L("unsaved.deleted")
	case k == data.EInvalid || k == data.EConflict:
		return lang.L("unsaved.invalid")
	case k == data.ELocked:
		return lang.L("unsaved.locked")
	}
	return lang.L("unsaved.other")
}

// showUnsaved writes in the status line, where the last save's time goes, that some text is not saved
// yet and why; once every save has gone through, the time of the last one is back.
func (ui *UI) showUnsaved() {
	if ui.status == nil {
		return
	}
	var failed []pendingSaver
	retrying := false
	for _, s := range ui.savers() {
		if err := s.lastError(); err != nil {
			failed = append(failed, s)
			retrying = retrying || retryable(err)
		}
	}
	if len(failed) == 0 {
		ui.status.refresh()
		return
	}
	key := "status.unsaved"
	if retrying {
		key = "status.unsaved_retrying"
	}
	ui.status.saved.SetText(lang.L(key, map[string]any{"reason": ui.failedReason(failed)}))
}

func (ui *UI) failedReason(failed []pendingSaver) string {
	var why []string
	for _, s := range failed {
		if r := failureReason(s.lastError()); !slices.Contains(why, r) {
			why = append(why, r)
		}
	}
	return strings.Join(why, "; ")
}

// Leave saves what is being typed and closes the program, when the system asks it to end (a signal):
// there is no one to ask, so it waits for the saves at most closeWait; what is still pending then is
// tried once more, synchronously, when the window's loop has stopped (see Run).
func (ui *UI) Leave() {
	fyne.Do(func() {
		ui.commitDrafts()
		ui.flushAll()
		ui.waitSaves(ui.app.Quit)
	})
}
