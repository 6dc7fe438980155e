package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// pendingSaver is any form's autosaver.
type pendingSaver interface {
	pending() bool
	flush()
}

// savers are the autosavers of every form in the window.
func (ui *UI) savers() []pendingSaver {
	if ui.people == nil {
		return nil
	}
	return []pendingSaver{ui.people.form.saver, ui.orgs.saver, ui.terr.settings.saver, ui.terr.comuni.saver,
		ui.terr.areas.saver, ui.terr.bodies.saver}
}

// closeWait is how long closing the window waits for the last saves to finish.
const closeWait = 3 * time.Second

// interceptClose saves what is still being typed before the window closes: nothing is lost by closing
// right after a keystroke.
func (ui *UI) interceptClose() {
	ui.win.SetCloseIntercept(func() {
		if ui.people != nil {
			ui.people.form.orgCommitted = true // a name typed and left there is meant
		}
		for _, s := range ui.savers() {
			if s.pending() {
				s.flush()
			}
		}
		go func() {
			deadline := time.Now().Add(closeWait)
			for time.Now().Before(deadline) {
				busy := false
				fyne.DoAndWait(func() {
					for _, s := range ui.savers() {
						busy = busy || s.pending()
					}
				})
				if !busy {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			fyne.Do(ui.win.Close)
		}()
	})
}
