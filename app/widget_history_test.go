package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestPersonHistory: a phone typed into a person's form, saved a key at a time, is one change in the
// person's «Storia»: the old number and the new, by the operator and the computer. The form's last
// change names them too, and Esc closes the history.
func TestPersonHistory(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	before := e.person("D'Angelo Rosa")
	if before.Phone == "" {
		t.Fatal("the demo person has no phone")
	}
	f := e.selectPerson("D'Angelo Rosa")
	if !strings.Contains(f.info.Text, "da ") || strings.Contains(f.info.Text, "Lucia Ferri") {
		t.Errorf("last change of the demo's record = %q, want the demo's writer, not this operator", f.info.Text)
	}
	retype(f.phone, "075 9999999")
	if got := e.person("D'Angelo Rosa").Phone; got != "075 9999999" {
		t.Fatalf("stored phone = %q, want the one typed", got)
	}
	if !strings.HasSuffix(f.info.Text, "da Lucia Ferri (pc-ufficio)") {
		t.Errorf("last change after the edit = %q, want it by Lucia Ferri (pc-ufficio)", f.info.Text)
	}

	test.Tap(f.history)
	d := e.mustOverlay("the history")
	all := strings.Join(texts(d), "\n")
	for _, want := range []string{
		"Storia: D'Angelo Rosa",
		"Lucia Ferri (pc-ufficio) · modificato",
		"Telefono: " + before.Phone + " → 075 9999999",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("history dialog = %q, want %q", all, want)
		}
	}
	if n := strings.Count(all, "· modificato"); n != 1 {
		t.Errorf("history dialog has %d changes, want the typing as one:\n%s", n, all)
	}
	e.ui.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.overlay() != nil {
		t.Error("Esc left the history open")
	}
}

// TestSessionHistory: a session made and convened through the Sedute form has, under «Storia», its
// making and then the convocation, by the operator of this computer.
func TestSessionHistory(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.convene("Tavolo tematico Anziani", "19/03/2027")
	test.Tap(button(t, s.split, "Convoca"))
	test.Tap(button(t, s.split, "Storia"))
	all := strings.Join(texts(e.mustOverlay("the session's history")), "\n")
	for _, want := range []string{
		"Storia: Tavolo tematico Anziani",
		"Lucia Ferri (pc-ufficio) · creato",
		"Lucia Ferri (pc-ufficio) · modificato",
		"Stato: bozza → convocata",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("session history = %q, want %q", all, want)
		}
	}
}
