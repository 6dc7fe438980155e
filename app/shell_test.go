package app

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

func TestWindowTitleAndNavigation(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	ui := e.ui

	if got := ui.Window().Title(); got != "Tavoli" {
		t.Errorf("window title = %q, want %q", got, "Tavoli")
	}
	if got, want := ui.header.Text, "Tavoli · Ambito n.5 Trasimeno"; got != want {
		t.Errorf("header = %q, want %q", got, want)
	}
	if o := e.overlay(); o != nil {
		t.Fatalf("a dialog is shown on a seeded database with an operator: %q", texts(o))
	}

	var nav []string
	for _, r := range rows(ui.nav) {
		nav = append(nav, strings.Join(r, " "))
	}
	want := []string{"Sedute", "Proposte", "Votazioni", "Sintesi", "Attuazione", "Azioni", "Persone", "Ambito", "Scambio dati"}
	if strings.Join(nav, "|") != strings.Join(want, "|") {
		t.Errorf("navigation = %q, want %q", nav, want)
	}
	if ui.current != sectionSessions {
		t.Errorf("section shown at start = %d, want %d (Sedute)", ui.current, sectionSessions)
	}

	tests := []struct {
		section int
		want    string // a text the section shows
	}{
		{sectionSessions, "Nessuna seduta scelta"},
		{sectionProposals, "Scegli una proposta dall'elenco"},
		{sectionVotes, "Scegli una votazione dall'elenco"},
		{sectionSynthesis, "Punteggio: media delle quote"},
		{sectionAttuazione, "Scegli una priorità approvata"},
		{sectionPeople, "Cognome e nome"},
		{sectionAmbito, "L'Ambito territoriale"},
	}
	for _, tt := range tests {
		t.Run(want[tt.section], func(t *testing.T) {
			ui.nav.Select(tt.section)
			if ui.current != tt.section {
				t.Fatalf("after selecting %q the section shown is %d, want %d", want[tt.section], ui.current, tt.section)
			}
			if len(ui.body.Objects) != 1 || ui.body.Objects[0] != ui.sections[tt.section].content {
				t.Fatalf("after selecting %q the body does not show its content", want[tt.section])
			}
			if !hasText(ui.body, tt.want) {
				t.Errorf("section %q shows %q, want a text containing %q", want[tt.section], texts(ui.body), tt.want)
			}
			if o := e.overlay(); o != nil {
				t.Errorf("section %q opened a dialog: %q", want[tt.section], texts(o))
			}
			for _, s := range texts(ui.body) {
				if strings.Contains(s, "imprevisto") || strings.Contains(s, "{{") || strings.HasPrefix(s, "err.") {
					t.Errorf("section %q shows an error or an untranslated text: %q", want[tt.section], s)
				}
			}
		})
	}
}

func TestStatusLine(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	s := e.ui.status
	if got, want := s.db.Text, "Database: "+e.path; got != want {
		t.Errorf("status database = %q, want %q", got, want)
	}
	if got, want := s.device.Text, "pc-ufficio · Lucia Ferri"; got != want {
		t.Errorf("status device = %q, want %q", got, want)
	}
	if got, want := s.saved.Text, "Nessuna modifica in questa sessione"; got != want {
		t.Errorf("status saved before any change = %q, want %q", got, want)
	}
	if s.undo.Visible() {
		t.Error("the undo button is shown before anything was deleted")
	}
}

// assertMarkup compares markup with the golden file testdata/name; -update rewrites it.
func assertMarkup(t *testing.T, name, markup string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(markup), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -update to write it)", err)
	}
	if string(want) != markup {
		t.Errorf("markup of %s differs from the golden file:\n%s\nwant:\n%s", name, markup, want)
	}
}

func TestOpenForeignFileShowsRefusal(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string // part of the explanation
	}{
		{"appunti.db", []byte("Verbale della seduta del 12 marzo: presenti 14 su 22.\n"), "non è un database di Tavoli (non è nemmeno un database SQLite)"},
		{"troncato.db", []byte("SQLite format 3\x00\x10\x00"), "è incompleto (troncato)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TAVOLI_DATA_DIR", t.TempDir())
			a := test.NewTempApp(t)
			dir := t.TempDir()
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			inst := newInstallation(t, "Lucia Ferri")
			ui := New(a, Config{DBPath: path, Installation: inst}, SyncRunner, opener(testDevice))
			t.Cleanup(ui.Close)

			if ui.store != nil {
				t.Fatalf("the window opened %s as a database", tt.name)
			}
			content := ui.Window().Content()
			for _, want := range []string{"Non posso aprire questo file", tt.want,
				"Il file " + path + " non è stato modificato."} {
				if !hasText(content, want) {
					t.Errorf("refusal screen shows %q, want a text containing %q", texts(content), want)
				}
			}
			for _, s := range texts(content) {
				if strings.Contains(s, "imprevisto") || strings.Contains(s, "{{") {
					t.Errorf("refusal screen shows a technical text: %q", s)
				}
			}
			got := buttonTexts(content)
			for _, want := range []string{"Apri un altro database…", "Usa il database predefinito", "Esci"} {
				if !contains(got, want) {
					t.Errorf("refusal buttons = %q, want %q among them", got, want)
				}
			}
			menu := ui.Window().MainMenu()
			if menu == nil || len(menu.Items) != 2 {
				t.Fatalf("refusal menu = %v, want File and Aiuto only", menu)
			}
			for _, it := range menu.Items[0].Items {
				if it.IsSeparator {
					continue
				}
				// Esci works without a database too: it saves nothing, and it closes.
				if wantOn := it.Label == "Apri un altro database…" || it.Label == "Esci"; it.Disabled == wantOn {
					t.Errorf("menu item %q disabled = %v, want %v", it.Label, it.Disabled, !wantOn)
				}
			}

			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, tt.content) {
				t.Errorf("%s changed: %q, want %q", tt.name, after, tt.content)
			}
			files, _ := os.ReadDir(dir)
			if len(files) != 1 {
				var names []string
				for _, f := range files {
					names = append(names, f.Name())
				}
				t.Errorf("files next to %s = %q, want only it (no -wal or -shm)", tt.name, names)
			}
		})
	}
}

func TestMenuNewStartsAPerson(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.showPeople()
	ui := e.ui
	menu := ui.Window().MainMenu()
	var labels []string
	for _, m := range menu.Items {
		labels = append(labels, m.Label)
	}
	if got, want := strings.Join(labels, "|"), "File|Modifica|Vai|Seduta|Sintesi|Scambio dati|Impostazioni|Aiuto"; got != want {
		t.Fatalf("menu bar = %q, want %q", got, want)
	}
	item := func(menu, label string) *fyne.MenuItem {
		for _, m := range ui.Window().MainMenu().Items {
			for _, it := range m.Items {
				if m.Label == menu && it.Label == label {
					return it
				}
			}
		}
		t.Fatalf("no menu item %s → %s", menu, label)
		return nil
	}
	if n := item("Modifica", "Nuovo"); n.Shortcut == nil || shortcutLabel(n.Shortcut) != "Ctrl+N" && shortcutLabel(n.Shortcut) != "Cmd+N" {
		t.Errorf("Nuovo shortcut = %v, want Ctrl+N", n.Shortcut)
	}

	item("Modifica", "Nuovo").Action()
	f := ui.people.form
	if got, want := f.title.Text, "Nuova persona"; got != want {
		t.Errorf("form title after Modifica → Nuovo = %q, want %q", got, want)
	}
	if ui.Window().Canvas().Focused() != f.surname {
		t.Errorf("focus after Modifica → Nuovo = %v, want the surname", ui.Window().Canvas().Focused())
	}

	item("Vai", "Ambito").Action()
	if ui.current != sectionAmbito {
		t.Errorf("Vai → Ambito shows section %d, want %d", ui.current, sectionAmbito)
	}
	ui.terr.tabs.SelectIndex(1)
	item("Modifica", "Nuovo").Action()
	if got, want := ui.terr.comuni.title.Text, "Nuovo comune"; got != want {
		t.Errorf("comuni form after Modifica → Nuovo = %q, want %q", got, want)
	}
	item("Modifica", "Filtra l'elenco").Action()
	if ui.Window().Canvas().Focused() != ui.terr.comuni.pane.table.filter {
		t.Error("Modifica → Filtra l'elenco does not focus the comuni filter")
	}

	item("Aiuto", "Scorciatoie da tastiera").Action()
	o := e.mustOverlay("the shortcuts")
	if !hasText(o, "Ctrl+N") || !hasText(o, "Nuovo") {
		t.Errorf("shortcuts dialog = %q, want Ctrl+N Nuovo", texts(o))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestNewWithSyncRunner builds the window with SyncRunner, as the Runner's documentation tells tests to:
// every screen must be complete before the first store answer comes back.
func TestNewWithSyncRunner(t *testing.T) {
	t.Setenv("TAVOLI_DATA_DIR", t.TempDir())
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "tavoli.db")
	seedDemo(t, path)
	inst := newInstallation(t, "Lucia Ferri")
	var ui *UI
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("New(..., SyncRunner, ...) panics: %v (a screen reacts to its own construction before "+
					"it is complete; with AsyncRunner the same code reads widgets off the UI goroutine)", r)
			}
		}()
		ui = New(a, Config{DBPath: path, Installation: inst}, SyncRunner, opener(testDevice))
	}()
	t.Cleanup(ui.Close)
	want, err := ui.store.Sessions(ui.ctx, data.SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(ui.sessions.pane.items); got != len(want) || got == 0 {
		t.Errorf("sessions listed after New = %d, want the demo's %d", got, len(want))
	}
}

// A database another program holds locked is not "damaged": the window says it is locked and by whom
// it may be, offers to retry, and opens it once the lock is gone.
func TestLockedDatabaseOffersRetry(t *testing.T) {
	t.Setenv("TAVOLI_DATA_DIR", t.TempDir())
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "ufficio.db")
	st, err := opener(testDevice)(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	holder, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		t.Fatal(err)
	}
	holder.SetMaxOpenConns(1)
	defer holder.Close()
	if _, err := holder.Exec(`CREATE TABLE IF NOT EXISTS held (x INTEGER)`); err != nil {
		t.Fatalf("taking the lock: %v", err)
	}

	ui := New(a, Config{DBPath: path, Installation: newInstallation(t, "Lucia Ferri")}, SyncRunner, opener(testDevice))
	t.Cleanup(ui.Close)
	if ui.store != nil {
		t.Fatal("the window opened a locked database")
	}
	content := ui.Window().Content()
	for _, want := range []string{"è bloccato da un altro programma", "OneDrive", "non è danneggiato"} {
		if !hasText(content, want) {
			t.Errorf("refusal screen shows %q, want %q", texts(content), want)
		}
	}
	if hasText(content, "copia di sicurezza") {
		t.Errorf("refusal screen advises a backup for a locked file: %q", texts(content))
	}
	holder.Close()
	test.Tap(button(t, content, "Riprova"))
	if ui.store == nil {
		t.Fatalf("after the lock went, Riprova still shows %q", texts(ui.Window().Content()))
	}
}

// While the database is being checked and opened (a locked file waits, a large one takes a while) the
// window says so instead of staying black.
func TestOpeningShowsProgress(t *testing.T) {
	t.Setenv("TAVOLI_DATA_DIR", t.TempDir())
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "ufficio.db")
	var work, done func()
	held := func(w, d func()) { work, done = w, d }
	ui := New(a, Config{DBPath: path, Installation: newInstallation(t, "Lucia Ferri")}, held, opener(testDevice))
	t.Cleanup(ui.Close)
	if work == nil || ui.store != nil {
		t.Fatal("the database was opened on the window's goroutine")
	}
	if content := ui.Window().Content(); !hasText(content, "Apertura di "+path+" in corso") {
		t.Errorf("while opening the window shows %q", texts(content))
	}
	work()
	done()
	if ui.store == nil {
		t.Fatalf("after opening the window shows %q", texts(ui.Window().Content()))
	}
}
