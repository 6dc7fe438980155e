package app

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/sqlite"
)

// update rewrites the golden files under testdata/ instead of comparing with them.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestMain(m *testing.M) {
	flag.Parse()
	// Italian whatever the machine's locale: the tests read the texts a secretary reads.
	os.Unsetenv("TAVOLI_LANG")
	if l := SetupLanguage("it"); l != "it" {
		fmt.Fprintf(os.Stderr, "SetupLanguage(it) = %q, want it\n", l)
		os.Exit(2)
	}
	if n := workers(); n > 1 {
		if code, ok := runWorkers(n); ok {
			os.Exit(code)
		}
	}
	code := m.Run()
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
	os.Exit(code)
}

// testToday is the day the tests run on, as the screens read it: the store's first day (see opener).
var testToday = time.Date(2027, 3, 12, 16, 0, 0, 0, data.Zone)

// testClock ticks one second per reading from a fixed day, so stored times do not depend on the machine.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

const testDevice = "0a1b2c3d-0000-4000-8000-000000000001"

// env is one window on a real SQLite file, with the installation it was started with.
type env struct {
	t       *testing.T
	ui      *UI
	path    string // the database file
	instDir string // the installation file's folder
	inst    *install.Installation
}

// setup describes the database and installation a test starts from.
type setup struct {
	demo     bool   // seed the Trasimeno demo (60 people, 8 comuni) before the window opens
	operator string // the installation's operator; "" asks for it in the first-run dialog
}

// opener opens the database with sqlite.Open, as the program does, with a fixed clock.
func opener(device string) Opener {
	clock := &testClock{t: time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)}
	return func(ctx context.Context, path string) (Store, error) {
		st, err := sqlite.Open(ctx, path, sqlite.Options{Device: device, Now: clock.Now, Verbale: report.Verbale})
		if err != nil {
			return nil, err
		}
		return st, nil
	}
}

// newEnv opens the window on a new database file under t.TempDir(), synchronously, with forms that save
// at once.
func newEnv(t *testing.T, s setup) *env {
	t.Helper()
	t.Setenv("TAVOLI_DATA_DIR", t.TempDir()) // the refusal screen looks up the default database
	a := test.NewTempApp(t)
	e := &env{t: t, path: filepath.Join(t.TempDir(), "tavoli.db"), instDir: t.TempDir()}
	inst, _, err := install.Load(e.instDir, func() string { return testDevice })
	if err != nil {
		t.Fatalf("install.Load: %v", err)
	}
	inst.DeviceName = "pc-ufficio"
	inst.Operator = s.operator
	e.inst = inst
	if s.demo {
		seedDemo(t, e.path)
	}
	e.ui = New(a, Config{DBPath: e.path, Installation: inst, Version: "test"}, SyncRunner, opener(testDevice))
	e.ui.saveDelay = 0
	e.ui.filterPause = 0
	e.ui.tick = 0 // no clock redrawing the meeting screen from another goroutine
	e.ui.now = func() time.Time { return testToday }
	// A small window draws few rows: every keystroke redraws the visible ones, and shaping their text is
	// most of a test's time under -race. What the tests read does not depend on the size.
	e.ui.win.Resize(fyne.NewSize(900, 300))
	t.Cleanup(e.ui.Close)
	return e
}

// seedDevice is the installation that writes the demo template. Each test opens a copy of it: were it
// testDevice, the store would take every copy for a copy of the test installation's own file and give
// it a new device id (see sqlite.Store.Copied).
const seedDevice = "0a1b2c3d-0000-4000-8000-00000000seed"

// seed writes the Trasimeno demo into a new database file and closes it (the WAL checkpointed).
func seed(path string) error {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{Device: seedDevice, Verbale: report.Verbale})
	if err != nil {
		return err
	}
	ds, err := demo.Trasimeno(1)
	if err == nil {
		err = st.Seed(ctx, ds)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if _, serr := os.Stat(path + "-wal"); err == nil && serr == nil {
		err = fmt.Errorf("%s-wal left after closing: the copy would miss data", path)
	}
	return err
}

// demoTemplate is the Trasimeno demo seeded once per test process, the first time a test asks for it (or
// once for all the worker processes, see workers_test.go): seeding takes a second or more under -race,
// and most tests start from the demo. Each test gets its own copy of the file.
var demoTemplate struct {
	once sync.Once
	dir  string // removed by TestMain after the tests
	path string // the database file, closed, its WAL checkpointed
	err  error
}

// seedDemo writes the Trasimeno demo into a new database file: a copy of the database seed wrote once.
func seedDemo(t testing.TB, path string) {
	t.Helper()
	demoTemplate.once.Do(func() {
		if p := os.Getenv(demoEnv); p != "" {
			demoTemplate.path = p // seeded by the process that started this worker
			return
		}
		demoTemplate.dir, demoTemplate.err = os.MkdirTemp("", "tavoli-demo-")
		if demoTemplate.err == nil {
			demoTemplate.path = filepath.Join(demoTemplate.dir, "demo.db")
			demoTemplate.err = seed(demoTemplate.path)
		}
	})
	if demoTemplate.err != nil {
		t.Fatalf("seeding the demo: %v", demoTemplate.err)
	}
	b, err := os.ReadFile(demoTemplate.path)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		t.Fatalf("copying the demo to %s: %v", path, err)
	}
}

// showPeople shows the Persone section with the cursor in its filter, as Ctrl+7 does.
func (e *env) showPeople() {
	e.ui.goTo(sectionPeople)
	e.ui.people.focusFilter()
}

// store is the database the window works on.
func (e *env) store() Store {
	e.t.Helper()
	if e.ui.store == nil {
		e.t.Fatal("the window has no database open")
	}
	return e.ui.store
}

// people lists the register with query, read back from the store.
func (e *env) people(query string) []data.PersonView {
	e.t.Helper()
	list, err := e.store().People(context.Background(), data.PeopleFilter{Query: query})
	if err != nil {
		e.t.Fatalf("People(%q): %v", query, err)
	}
	return list
}

// person finds one person of the register by full name ("D'Angelo Rosa").
func (e *env) person(full string) data.PersonView {
	e.t.Helper()
	for _, p := range e.people("") {
		if p.FullName() == full {
			return p
		}
	}
	e.t.Fatalf("no person %q in the store", full)
	return data.PersonView{}
}

// start taps "Avvia la seduta" on the Sedute screen and, when the session was convened for another
// day than the test's today, answers the question with "Avvia".
func (e *env) start(s *sessionsScreen) {
	e.t.Helper()
	test.Tap(button(e.t, s.split, "Avvia la seduta"))
	if o := e.overlay(); o != nil && hasText(o, "La seduta è convocata per") {
		test.Tap(button(e.t, o, "Avvia"))
	}
}

// overlay is the dialog shown on top of the window (nil when none).
func (e *env) overlay() fyne.CanvasObject { return e.ui.win.Canvas().Overlays().Top() }

// mustOverlay is the dialog on top of the window; the test fails when there is none.
func (e *env) mustOverlay(what string) fyne.CanvasObject {
	e.t.Helper()
	o := e.overlay()
	if o == nil {
		e.t.Fatalf("no dialog is shown, want %s", what)
	}
	return o
}

// walk visits o and everything drawn inside it; hidden objects and their children are skipped. It uses
// the cached renderers, so it sees the widgets the window shows (and their state).
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	// Our Selects that answer Enter and Esc are found as the Selects they extend.
	switch c := o.(type) {
	case *keySelect:
		visit(&c.Select)
	case *keySelectEntry:
		visit(&c.SelectEntry)
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walk(ch, visit)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walk(ch, visit)
		}
	}
}

// texts are the visible labels' texts inside o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// hasText reports whether a visible label inside o contains s.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// button finds the visible button with this text inside o; the test fails when there is none.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var seen []string
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok {
			seen = append(seen, b.Text)
			if b.Text == text && found == nil {
				found = b
			}
		}
	})
	if found == nil {
		t.Fatalf("no button %q; buttons shown: %q", text, seen)
	}
	return found
}

// buttonTexts are the texts of the visible buttons inside o.
func buttonTexts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	})
	return out
}

// entryWithPlaceholder finds the visible entry showing this placeholder inside o.
func entryWithPlaceholder(t *testing.T, o fyne.CanvasObject, ph string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walk(o, func(c fyne.CanvasObject) {
		if s, ok := c.(*shortcutEntry); ok {
			c = &s.Entry
		}
		if e, ok := c.(*widget.Entry); ok && e.PlaceHolder == ph && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no entry with placeholder %q", ph)
	}
	return found
}

// rows reads a list the way it draws itself: each row made by the list's own CreateItem and UpdateItem,
// the texts of its labels in order (empty cells included).
func rows(l *widget.List) [][]string {
	var out [][]string
	for i := 0; i < l.Length(); i++ {
		item := l.CreateItem()
		l.UpdateItem(i, item)
		var cells []string
		walk(item, func(c fyne.CanvasObject) {
			if l, ok := c.(*widget.Label); ok {
				cells = append(cells, l.Text)
			}
		})
		out = append(out, cells)
	}
	return out
}

// column is one column of a recordTable as shown.
func column(t *recordTable, col int) []string {
	var out []string
	for _, r := range rows(t.list) {
		if col < len(r) {
			out = append(out, r[col])
		} else {
			out = append(out, "")
		}
	}
	return out
}

// rowIndex is the first row of the table whose column col reads text, or -1.
func rowIndex(t *recordTable, col int, text string) int {
	for i, v := range column(t, col) {
		if v == text {
			return i
		}
	}
	return -1
}

// retype replaces what an entry holds by typing text over it, as a user who selects all and types:
// every rune is one change, as at the keyboard.
func retype(e interface {
	fyne.Focusable
	fyne.Shortcutable
}, text string) {
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(e, text)
}

// erase empties an entry as a user does: select all, Backspace.
func erase(e interface {
	fyne.Focusable
	fyne.Shortcutable
}) {
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
}

// pressEnter sends Return to a focused entry.
func pressEnter(e fyne.Focusable) {
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// newInstallation loads a new installation file under t.TempDir() with this operator.
func newInstallation(t *testing.T, operator string) *install.Installation {
	t.Helper()
	inst, _, err := install.Load(t.TempDir(), func() string { return testDevice })
	if err != nil {
		t.Fatalf("install.Load: %v", err)
	}
	inst.Operator = operator
	return inst
}
