package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// pressIn sends a key to what has the focus in the window (the dialog's field); the test fails when
// nothing has it, since the key would then go nowhere.
func pressIn(t *testing.T, e *env, k fyne.KeyName) {
	t.Helper()
	f := e.ui.win.Canvas().Focused()
	if f == nil {
		t.Fatalf("no focus in %q: %s goes nowhere", texts(e.overlay()), k)
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

func TestDialogsAnswerEnterAndEsc(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	m := startAnziani(t, e)
	openVote(t, e, m, "votazione (favorevoli, contrari, astenuti)", false)
	test.Type(m.voteKeys, "ffc")
	v, _ := m.openVoteShown()
	m.closeVote(v.ID)
	pressIn(t, e, fyne.KeyReturn) // the result just shown
	if e.overlay() != nil {
		t.Fatalf("Enter leaves the result open: %q", texts(e.overlay()))
	}
	m.reg.checkin.SetText("")
	outsider := ""
	for _, l := range m.d.Register {
		if l.SeatID == "" && l.PersonID != "" {
			outsider = data.Fold(l.PersonName)
		}
	}

	tests := []struct {
		name string
		open func()
		keys []fyne.KeyName // the keys that close it
		done func() string  // what Enter did, or "" when it did what it should
	}{
		{"risultato", func() { m.showResult(v.ID) }, []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, nil},
		{"scorciatoie", e.ui.showShortcuts, []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, nil},
		{"informazioni", e.ui.showAbout, []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, nil},
		{"errore", func() { e.ui.showError(data.Errorf(data.EInvalid, "err.vote.missing")) },
			[]fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, nil},
		{"messaggio", func() { e.ui.status.say("Esportati 3 file"); e.ui.status.undoMsg.showFull() },
			[]fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, nil},
		{"chiusura della seduta", m.askClose, []fyne.KeyName{fyne.KeyEscape}, nil},
		{"nuova votazione", m.openVoteForm, []fyne.KeyName{fyne.KeyEscape}, nil},
		{"nuova proposta", m.captureProposal, []fyne.KeyName{fyne.KeyEscape}, nil},
		{"nuova proposta, nel testo", func() { m.captureProposal(); e.ui.win.Canvas().Focus(m.capture.text) },
			[]fyne.KeyName{fyne.KeyEscape}, nil},
		{"nuova proposta, sul tipo", func() { m.captureProposal(); e.ui.win.Canvas().Focus(m.capture.kind) },
			[]fyne.KeyName{fyne.KeyEscape}, nil},
		{"delega", func() {
			test.Type(m.reg.checkin, outsider)
			m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF6})
		}, []fyne.KeyName{fyne.KeyEscape}, nil},
		{"nuovo partecipante", func() { m.reg.checkin.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF7}) },
			[]fyne.KeyName{fyne.KeyEscape}, nil},
		{"lingua", e.ui.chooseLanguage, []fyne.KeyName{fyne.KeyEscape}, nil},
		{"uscita con testo non salvato", e.ui.askLeave, []fyne.KeyName{fyne.KeyEscape}, nil}, // Enter tries to close
		{"operatore", e.ui.askOperator, []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape}, func() string {
			if got := e.storedOperator(); got != "Lucia Ferri" {
				return "operator = " + got
			}
			return ""
		}},
	}
	for _, tt := range tests {
		for _, k := range tt.keys {
			t.Run(tt.name+"/"+string(k), func(t *testing.T) {
				tt.open()
				if e.overlay() == nil {
					t.Fatal("no dialog opened")
				}
				pressIn(t, e, k)
				if o := e.overlay(); o != nil {
					t.Errorf("%s leaves the dialog open: %q", k, texts(o))
					for e.overlay() != nil {
						e.ui.win.Canvas().Overlays().Remove(e.overlay())
					}
				}
				if tt.done != nil {
					if msg := tt.done(); msg != "" {
						t.Error(msg)
					}
				}
			})
		}
	}

	// Enter confirms a form: the vote form opens the vote, the language is saved and its notice closes.
	m.openVoteForm()
	retype(focusedEntry(t, e), "Mozione di prova")
	pressIn(t, e, fyne.KeyReturn)
	if got, open := m.openVoteShown(); !open || got.Subject != "Mozione di prova" {
		t.Errorf("Enter in the vote form opened %q (%v), want the motion", got.Subject, open)
	}
	e.ui.chooseLanguage()
	pressIn(t, e, fyne.KeyRight)
	pressIn(t, e, fyne.KeyReturn)
	if o := e.mustOverlay("the restart notice"); !hasText(o, "prossimo avvio") {
		t.Errorf("after Enter in the language dialog: %q", texts(o))
	}
	pressIn(t, e, fyne.KeyEscape)
	if e.overlay() != nil {
		t.Error("Esc leaves the restart notice open")
	}
}

func TestShortcutDialogListsEveryKey(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.ui.win.Resize(fyne.NewSize(1280, 800))
	m := startAnziani(t, e)
	e.menuItem("Aiuto", "Scorciatoie da tastiera")
	dlg := e.mustOverlay("the shortcuts")
	shown := texts(dlg)
	has := func(s string) bool {
		for _, x := range shown {
			if x == s {
				return true
			}
		}
		return false
	}
	n := 0
	for _, c := range e.ui.commands() {
		if c.shortcut == nil {
			continue
		}
		n++
		if l := shortcutLabel(c.shortcut); !has(l) || !has(lang.L(c.key)) {
			t.Errorf("the shortcuts do not list %s (%s)", l, lang.L(c.key))
		}
	}
	for k := range m.reg.checkin.onKey {
		if !strings.Contains(strings.Join(shown, "\n"), keyLabel(k)) {
			t.Errorf("the shortcuts do not list the check-in box's %s", keyLabel(k))
		}
	}
	for _, k := range []string{"F5", "Invio", "Esc", "Ctrl+Invio", "Ctrl+Maiusc+V", "Ctrl+PagSu", "Ctrl+Z", "F9", "F10"} {
		if !has(k) {
			t.Errorf("the shortcuts do not list %s", k)
		}
	}
	if n < 20 {
		t.Errorf("%d commands with a shortcut, want the window's 20 or more", n)
	}
	// As tall as the list, up to the window: not one line in a scroll.
	if h := dlg.(*widget.PopUp).Content.Size().Height; h < 600 {
		t.Errorf("the shortcut dialog is %.0f px high in an 800-px window, want it to fit its rows", h)
	}
}

func TestMenusSpeakItalianKeys(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	startAnziani(t, e)
	var drawn []string
	for _, menu := range e.ui.win.MainMenu().Items {
		w := widget.NewMenu(menu)
		test.NewTempWindow(t, w)
		var line []string
		walk(w, func(o fyne.CanvasObject) {
			if x, ok := o.(*canvas.Text); ok {
				line = append(line, x.Text)
			}
		})
		drawn = append(drawn, strings.Join(line, ""))
	}
	all := strings.Join(drawn, "\n")
	for _, want := range []string{"Ctrl+Invio", "Ctrl+Maiusc+V", "Ctrl+PagSu", "Ctrl+Canc", "Ctrl+N"} {
		if !strings.Contains(all, want) {
			t.Errorf("the menus do not write %s:\n%s", want, all)
		}
	}
	for _, bad := range []string{"Return", "Shift", "Prior", "Del"} {
		if strings.Contains(all, bad) {
			t.Errorf("the menus write %q:\n%s", bad, all)
		}
	}
	// The menus' shortcuts still run their commands.
	for _, menu := range e.ui.win.MainMenu().Items {
		for _, it := range menu.Items {
			if s, ok := it.Shortcut.(*menuShortcut); ok && s.ShortcutName() != s.KeyboardShortcut.ShortcutName() {
				t.Errorf("%s: the menu's shortcut is named %s, the command's %s", it.Label, s.ShortcutName(),
					s.KeyboardShortcut.ShortcutName())
			}
		}
	}
}
