package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestLongStatusKeepsTheWindowOnScreen(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	long := strings.Repeat("Importato il pacchetto di Lucia Ferri con 12 persone e 3 sedute; ", 7)[:400]
	check := func(where string) {
		t.Helper()
		w := e.ui.win.Content().MinSize().Width
		t.Logf("%s: the window needs %.0f px with a 400-character status", where, w)
		if w > 1280 {
			t.Errorf("%s: with a 400-character status the window needs %.0f px, want ≤ 1280", where, w)
		}
	}
	e.ui.status.say(long)
	check("Sedute")
	e.ui.status.offerUndo(long, func() {})
	check("Sedute, undo offered")
	startAnziani(t, e)
	e.ui.status.say(long)
	check("meeting screen")
	e.ui.win.Resize(fyne.NewSize(1280, 800))
	saveShot(t, e.ui.win, "status-long-1280.png")

	if e.ui.status.undoMsg.Text == "" || e.ui.status.undoMsg.Truncation == 0 {
		t.Fatalf("status message %q is not cut short", e.ui.status.undoMsg.Text)
	}
	test.Tap(e.ui.status.undoMsg)
	dlg := e.mustOverlay("the whole status message")
	if !hasText(dlg, long) {
		t.Errorf("the click on the status shows %q, want the whole message", texts(dlg))
	}
	pressEnter(e.ui.win.Canvas().Focused())
	if e.overlay() != nil {
		t.Error("Enter leaves the status message's dialog open")
	}
}
