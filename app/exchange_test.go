package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// peerDevice is the installation of the second laptop in the exchange tests.
const peerDevice = "0a1b2c3d-0000-4000-8000-000000000002"

// newPeerEnv opens a second window, in the test's app, on another database: the laptop the first one
// exchanges with. prepare writes the database file before the window opens it.
func newPeerEnv(t *testing.T, operator string, prepare func(path string)) *env {
	t.Helper()
	return newPeerEnvOpening(t, operator, prepare, "")
}

// newPeerEnvOpening is newPeerEnv for a program started with a bundle to import (a .tavoli file opened
// from the file manager).
func newPeerEnvOpening(t *testing.T, operator string, prepare func(path string), bundle string) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "peer.db"), instDir: t.TempDir()}
	inst, _, err := install.Load(e.instDir, func() string { return peerDevice })
	if err != nil {
		t.Fatalf("install.Load: %v", err)
	}
	inst.DeviceName = "pc-tavolo"
	inst.Operator = operator
	e.inst = inst
	prepare(e.path)
	e.ui = New(fyne.CurrentApp(), Config{DBPath: e.path, Installation: inst, Version: "test", Bundle: bundle},
		SyncRunner, opener(peerDevice))
	e.ui.saveDelay, e.ui.filterPause, e.ui.tick = 0, 0, 0
	e.ui.win.Resize(fyne.NewSize(900, 300))
	t.Cleanup(e.ui.Close)
	return e
}

// demoPeer is a second laptop that started from the same demo database as the first.
func demoPeer(t *testing.T) *env {
	t.Helper()
	return newPeerEnv(t, "Mario Rossi", func(path string) { seedDemo(t, path) })
}

// showExchange shows the Scambio dati section on tab, as its menu command does.
func (e *env) showExchange(tab int) *exchangeScreen {
	e.t.Helper()
	e.ui.exch.showTab(tab)
	if e.ui.current != sectionExchange || e.ui.exch.tabs.SelectedIndex() != tab {
		e.t.Fatalf("section %d tab %d shown, want Scambio dati tab %d", e.ui.current, e.ui.exch.tabs.SelectedIndex(), tab)
	}
	return e.ui.exch
}

// exportTo exports from the window's Esporta tab with passphrase ("" for a plain export, confirmed
// in the warning dialog) into dir, as the save dialog would, and returns the file written.
func (e *env) exportTo(dir, passphrase string) string {
	e.t.Helper()
	p := e.showExchange(exchangeExportTab).exp
	var path string
	p.ask = func(name string, write func(string)) {
		if !strings.HasPrefix(name, "tavoli-ambito-n-5-trasimeno-") || !strings.HasSuffix(name, ".tavoli") {
			e.t.Errorf("file name offered = %q, want tavoli-ambito-n-5-trasimeno-YYYYMMDD-HHMM.tavoli", name)
		}
		path = filepath.Join(dir, name)
		write(path)
	}
	if passphrase == "" {
		test.Tap(p.plain)
		test.Tap(p.button)
		d := e.mustOverlay("the question about exporting without encryption")
		if !hasText(d, "dati personali non protetti") {
			e.t.Errorf("the question says %q, want the warning about personal data", texts(d))
		}
		test.Tap(button(e.t, d, "Esporta senza cifratura"))
	} else {
		test.Type(p.pass, passphrase)
		test.Type(p.again, passphrase)
		test.Tap(p.button)
	}
	if path == "" {
		e.t.Fatalf("the export asked for no file; error line %q", p.errs.wrap.Text)
	}
	if _, err := os.Stat(path); err != nil {
		e.t.Fatalf("the bundle was not written: %v", err)
	}
	return path
}

// previewOf reads the bundle at path in the window's Importa tab with passphrase.
func (e *env) previewOf(path, passphrase string) *importPanel {
	e.t.Helper()
	p := e.showExchange(exchangeImportTab).imp
	p.choose(path) // what the open dialog does with the file chosen
	if e.ui.win.Canvas().Focused() != p.pass {
		e.t.Errorf("focus after choosing the file = %T, want the passphrase", e.ui.win.Canvas().Focused())
	}
	test.Type(p.pass, passphrase)
	test.Tap(p.previewBtn)
	return p
}

// previewRows are the rows of the preview's table as shown, by their first cell.
func previewRows(p *importPanel) map[string][]string {
	out := map[string][]string{}
	for _, o := range p.preview.Objects {
		c, ok := o.(*fyne.Container)
		if !ok {
			continue
		}
		if _, ok := c.Layout.(*columnsLayout); !ok {
			continue
		}
		var cells []string
		for _, l := range c.Objects {
			cells = append(cells, l.(*widget.Label).Text)
		}
		out[cells[0]] = cells
	}
	return out
}

// exchanges is the store's history of exchanges.
func (e *env) exchanges() []data.Exchange {
	e.t.Helper()
	list, err := e.store().Exchanges(context.Background())
	if err != nil {
		e.t.Fatalf("Exchanges: %v", err)
	}
	return list
}

// setPhone changes a person's phone through the store, as the Persone form does.
func (e *env) setPhone(id, phone string) {
	e.t.Helper()
	pv, err := e.store().Person(context.Background(), id)
	if err != nil {
		e.t.Fatalf("Person(%s): %v", id, err)
	}
	pv.Phone = phone
	if _, err := e.store().SavePerson(context.Background(), pv.Person); err != nil {
		e.t.Fatalf("SavePerson: %v", err)
	}
}

func TestExchangeExportImport(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	dir := t.TempDir()
	person := a.people("")[0]
	a.setPhone(person.ID, "075 951234")

	// Entering the section puts the cursor in the passphrase: Tutto is chosen.
	a.ui.goTo(sectionExchange)
	if got := a.ui.win.Canvas().Focused(); got != a.ui.exch.exp.pass {
		t.Errorf("focus on entering Scambio dati = %T, want the passphrase", got)
	}
	if got := a.ui.exch.exp.chosen().key; got != "all" {
		t.Errorf("export chosen = %q, want everything", got)
	}
	path := a.exportTo(dir, "una frase segreta")
	if !strings.HasPrefix(a.ui.status.undoMsg.Text, "Esportati ") {
		t.Errorf("status line = %q, want what was exported", a.ui.status.undoMsg.Text)
	}
	if a.ui.exch.exp.pass.Text != "" {
		t.Error("the passphrase is still in its box after the export")
	}
	hist := a.ui.exch.hist.pane
	if hist.table.list.Length() != 1 || column(hist.table, 1)[0] != "Esportazione" {
		t.Errorf("history after the export = %q, want one export", rows(hist.table.list))
	}

	p := b.previewOf(path, "una frase segreta")
	if p.in == nil {
		t.Fatalf("no preview; error line %q", p.errs.wrap.Text)
	}
	for _, want := range []string{"Inviato da Lucia Ferri", "Ambito: Ambito Territoriale n.5", "cifrato con una frase segreta",
		"tutti i dati del mittente", "Anteprima: nulla è ancora stato importato"} {
		if !hasText(p.preview, want) {
			t.Errorf("preview lacks %q: %q", want, texts(p.preview))
		}
	}
	var people data.KindChanges
	for _, k := range p.res.Kinds {
		if k.Kind == data.KindPerson {
			people = k
		}
	}
	if people.Updated != 1 || people.New != 0 || people.Conflicts != 0 {
		t.Fatalf("people in the preview = %+v, want 1 updated", people)
	}
	row := previewRows(p)[kindRecords(data.KindPerson, records(people))]
	if len(row) != 7 || row[1] != "–" || row[2] != "1" || row[6] != italian.Int(people.Unchanged) {
		t.Errorf("people's row = %q, want – new, 1 updated, %d unchanged", row, people.Unchanged)
	}
	if b.person(person.FullName()).Phone == "075 951234" {
		t.Fatal("the preview wrote the change")
	}

	test.Tap(p.apply)
	if got := b.person(person.FullName()).Phone; got != "075 951234" {
		t.Fatalf("phone after the import = %q, want the one changed on the other laptop", got)
	}
	if msg := b.ui.status.undoMsg.Text; !strings.Contains(msg, "Importato il pacchetto di Lucia Ferri") ||
		!strings.Contains(msg, "1 aggiornato") {
		t.Errorf("status line = %q, want what the import did", msg)
	}
	if p.in != nil || len(p.preview.Objects) != 0 || p.pass.Text != "" {
		t.Error("the preview or the passphrase is still shown after the import")
	}
	if h := b.ui.exch.hist.pane.table; h.list.Length() != 1 || column(h, 1)[0] != "Importazione" ||
		!strings.Contains(column(h, 4)[0], "1 aggiornato") {
		t.Errorf("history after the import = %q", rows(h.list))
	}
}

func TestExchangeWrongPassphrase(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	path := a.exportTo(t.TempDir(), "una frase segreta")
	before := b.people("")
	p := b.previewOf(path, "un'altra frase")
	if p.in != nil || len(p.preview.Objects) != 0 {
		t.Fatal("a preview is shown for a wrong passphrase")
	}
	if got := p.errs.wrap.Text; !strings.Contains(got, "La frase segreta non apre il pacchetto") || !p.errs.wrap.Visible() {
		t.Errorf("error line = %q, want the Italian sentence about the passphrase", got)
	}
	if b.ui.win.Canvas().Focused() != p.pass {
		t.Errorf("focus = %T, want the passphrase to type it again", b.ui.win.Canvas().Focused())
	}
	if !p.apply.Disabled() {
		t.Error("Importa is enabled without a preview")
	}
	p.merge()
	if n := len(b.exchanges()); n != 0 {
		t.Errorf("%d exchanges recorded, want none", n)
	}
	if len(b.people("")) != len(before) {
		t.Error("the register changed")
	}
	// A passphrase too short or typed differently twice is refused before the file dialog.
	e := a.showExchange(exchangeExportTab).exp
	e.ask = func(string, func(string)) { t.Error("the save dialog opened for a bad passphrase") }
	test.Type(e.pass, "corta")
	test.Type(e.again, "corta")
	test.Tap(e.button)
	if !strings.Contains(e.errs.wrap.Text, "troppo corta") {
		t.Errorf("error line = %q, want the passphrase too short", e.errs.wrap.Text)
	}
	// Eight spaces are eight characters, and no passphrase at all.
	retype(e.pass, "        ")
	retype(e.again, "        ")
	test.Tap(e.button)
	if !strings.Contains(e.errs.wrap.Text, "Scegli una frase segreta") {
		t.Errorf("error line = %q, want a passphrase asked for", e.errs.wrap.Text)
	}
	retype(e.pass, "una frase segreta")
	retype(e.again, "una frase segreta!")
	test.Tap(e.button)
	if !strings.Contains(e.errs.wrap.Text, "non coincidono") || a.ui.win.Canvas().Focused() != e.again {
		t.Errorf("error line = %q, focus %T; want the mismatch, in the second box", e.errs.wrap.Text,
			a.ui.win.Canvas().Focused())
	}
}

func TestExchangeOtherAmbito(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := newPeerEnv(t, "Mario Rossi", func(path string) {
		ctx := context.Background()
		st, err := sqlite.Open(ctx, path, sqlite.Options{Device: peerDevice, Verbale: report.Verbale})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.1 Alta Valle del Tevere"}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	})
	path := a.exportTo(t.TempDir(), "")
	p := b.previewOf(path, "")
	if p.in == nil {
		t.Fatalf("no preview; error line %q", p.errs.wrap.Text)
	}
	if !hasText(p.preview, "Il pacchetto viene da un altro Ambito") {
		t.Errorf("preview = %q, want the other Ambito said first", texts(p.preview))
	}
	if !hasText(p.preview, "tavoli bundle import") || !hasText(p.preview, "--db") {
		t.Errorf("preview = %q, want the way to receive it into a new database", texts(p.preview))
	}
	if !p.apply.Disabled() {
		t.Error("Importa is enabled for another Ambito's bundle")
	}
	if b.ui.win.Canvas().Focused() != p.cancel {
		t.Errorf("focus = %T, want Annulla", b.ui.win.Canvas().Focused())
	}
	p.merge() // Enter on the button, were it enabled
	if !strings.Contains(p.errs.wrap.Text, "database nuovo") || len(b.exchanges()) != 0 {
		t.Fatalf("merge of another Ambito: error %q, %d exchanges", p.errs.wrap.Text, len(b.exchanges()))
	}
	comuni, err := b.store().Comuni(context.Background())
	if err != nil || len(comuni) != 0 {
		t.Fatalf("comuni after the refusal = %d (%v), want none of Trasimeno's", len(comuni), err)
	}
}

func TestExchangeConflictRestore(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	person := a.people("")[0]
	a.setPhone(person.ID, "111")
	b.setPhone(person.ID, "222")
	path := a.exportTo(t.TempDir(), "") // without encryption, after the warning
	p := b.previewOf(path, "")
	if p.in == nil {
		t.Fatalf("no preview; error line %q", p.errs.wrap.Text)
	}
	if !hasText(p.preview, "nessuna, il pacchetto non è cifrato") {
		t.Errorf("preview = %q, want it said that the bundle is not encrypted", texts(p.preview))
	}
	if p.res.Total().Conflicts != 1 {
		t.Fatalf("conflicts in the preview = %+v, want 1", p.res.Total())
	}
	test.Tap(p.apply)
	if !p.conflicts.Visible() || b.ui.win.Canvas().Focused() != p.conflicts {
		t.Error("after the import no button leads to the version set aside")
	}
	test.Tap(p.conflicts)
	s := b.ui.exch
	if s.tabs.SelectedIndex() != exchangeConflictsTab || s.confTab.Text != "Conflitti (1)" {
		t.Fatalf("tab %d %q shown, want Conflitti (1)", s.tabs.SelectedIndex(), s.confTab.Text)
	}
	c := s.conf
	if c.pane.table.list.Length() != 1 {
		t.Fatalf("conflicts listed = %q, want one", rows(c.pane.table.list))
	}
	row := rows(c.pane.table.list)[0]
	if row[0] != "Persona" || row[1] != person.FullName() || row[2] != "Conflitto" || row[4] != "Da esaminare" {
		t.Errorf("conflict row = %q", row)
	}
	// From the filter, ↓ chooses it and Enter goes to Ripristina.
	b.ui.win.Canvas().Focus(c.pane.table.filter)
	c.pane.table.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	pressEnter(c.pane.table.filter)
	if b.ui.win.Canvas().Focused() != c.restore {
		t.Errorf("focus after Enter = %T, want Ripristina", b.ui.win.Canvas().Focused())
	}
	v := c.shown
	aside, current := v.Row["phone"], v.Current["phone"]
	if aside == current || (aside != "111" && aside != "222") {
		t.Fatalf("version set aside has phone %v, current %v", aside, current)
	}
	if !hasText(c.diff, "Telefono") || !hasText(c.diff, aside.(string)) || !hasText(c.diff, current.(string)) {
		t.Errorf("side by side = %q, want the phones", texts(c.diff))
	}
	if !hasText(c.who, "Versione messa da parte") || !hasText(c.who, "Versione attuale") {
		t.Errorf("who and when = %q", texts(c.who))
	}
	test.Tap(c.restore)
	if got := b.person(person.FullName()).Phone; got != aside {
		t.Fatalf("phone after Ripristina = %q, want the version set aside %q", got, aside)
	}
	if c.pane.table.list.Length() != 0 || s.confTab.Text != "Conflitti" || c.shown.ID != "" {
		t.Errorf("after Ripristina: %d listed, tab %q, shown %q; want none left", c.pane.table.list.Length(), s.confTab.Text, c.shown.Label)
	}
	if !strings.Contains(b.ui.status.undoMsg.Text, "ripristinata la versione") {
		t.Errorf("status line = %q", b.ui.status.undoMsg.Text)
	}
	// The reviewed ones: the restored version and the one it replaced, which can be restored in turn.
	test.Tap(c.all)
	got := column(c.pane.table, 4)
	if len(got) != 2 || !strings.Contains(strings.Join(got, "|"), "Ripristinata") ||
		!strings.Contains(strings.Join(got, "|"), "Sostituita da un ripristino") {
		t.Fatalf("all versions = %q, want the restored and the replaced one", rows(c.pane.table.list))
	}
	i := rowIndex(c.pane.table, 4, "Sostituita da un ripristino")
	c.pane.table.list.Select(i)
	if c.restore.Disabled() || !c.dismiss.Disabled() {
		t.Errorf("replaced version: Ripristina enabled=%v, Tieni enabled=%v; want only Ripristina", !c.restore.Disabled(), !c.dismiss.Disabled())
	}
	test.Tap(c.restore)
	if got := b.person(person.FullName()).Phone; got != current {
		t.Errorf("phone after restoring the replaced version = %q, want %q again", got, current)
	}
}

func TestExchangeDismissKeepsCurrent(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	person := a.people("")[0]
	a.setPhone(person.ID, "111")
	b.setPhone(person.ID, "222")
	path := a.exportTo(t.TempDir(), "")
	p := b.previewOf(path, "")
	test.Tap(p.apply)
	kept := b.person(person.FullName()).Phone
	c := b.showExchange(exchangeConflictsTab).conf
	c.pane.table.list.Select(0)
	test.Tap(c.dismiss)
	if got := b.person(person.FullName()).Phone; got != kept {
		t.Errorf("phone after Tieni la versione attuale = %q, want %q", got, kept)
	}
	vs, err := b.store().Versions(context.Background(), false)
	if err != nil || len(vs) != 0 {
		t.Errorf("versions to review = %d (%v), want none", len(vs), err)
	}
	// The same bundle again: the preview says so, and nothing changes.
	p = b.previewOf(path, "")
	if !hasText(p.preview, "già stato importato") || p.res.Total().Writes() != 0 {
		t.Errorf("second preview = %q, %+v; want it known and nothing to write", texts(p.preview), p.res.Total())
	}
	if !hasText(p.preview, "non porta nulla di nuovo") {
		t.Errorf("second preview = %q, want it said that nothing is new", texts(p.preview))
	}
}

func TestExchangeFirstRunReceives(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	path := a.exportTo(t.TempDir(), "")
	b := newPeerEnv(t, "", func(string) {}) // a new laptop: no database, no operator yet
	w := b.welcome()
	test.Type(w.operator, "Mario Rossi")
	w.choice.SetSelected("Ricevo i dati da un altro computer: importo il pacchetto .tavoli")
	test.Tap(w.start)
	if o := b.overlay(); o != nil {
		t.Fatalf("the welcome is still shown: %q", texts(o))
	}
	if empty, _ := b.store().IsEmpty(context.Background()); !empty {
		t.Fatal("the database was seeded, want it empty until the bundle arrives")
	}
	s := b.ui.exch
	if b.ui.current != sectionExchange || s.tabs.SelectedIndex() != exchangeImportTab ||
		b.ui.win.Canvas().Focused() != s.imp.path {
		t.Fatalf("after the welcome: section %d tab %d focus %T, want the file's box in Importa", b.ui.current,
			s.tabs.SelectedIndex(), b.ui.win.Canvas().Focused())
	}
	p := b.previewOf(path, "")
	if p.in == nil || p.res.OtherAmbito {
		t.Fatalf("preview %+v, error %q: want the district's bundle, not another Ambito's", p.res, p.errs.wrap.Text)
	}
	test.Tap(p.apply)
	if got := len(b.people("")); got != len(a.people("")) {
		t.Errorf("people after the import = %d, want the %d of the other laptop", got, len(a.people("")))
	}
	if !strings.Contains(b.ui.header.Text, "Ambito n.5 Trasimeno") {
		t.Errorf("header = %q, want the Ambito received", b.ui.header.Text)
	}
}

// TestExchangeOpenedBundle: a .tavoli file opened from the file manager starts the window on its import
// preview; on a new laptop, after the welcome, which offers to receive the data.
func TestExchangeOpenedBundle(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	a.setPhone(a.people("")[0].ID, "075 123456")
	// The encrypted one first: the plain export leaves its box ticked.
	secret := a.exportTo(t.TempDir(), "cavolo nero di Panicale")
	plain := a.exportTo(t.TempDir(), "")

	b := newPeerEnvOpening(t, "Mario Rossi", func(path string) { seedDemo(t, path) }, plain)
	p := b.ui.exch.imp
	if b.ui.current != sectionExchange || b.ui.exch.tabs.SelectedIndex() != exchangeImportTab {
		t.Fatalf("started with a bundle: section %d tab %d, want Scambio dati, Importa", b.ui.current,
			b.ui.exch.tabs.SelectedIndex())
	}
	if p.path.Text != plain || p.in == nil || p.res.Total().Updated != 1 {
		t.Fatalf("preview of %q: file box %q, read %v, %+v; error %q", plain, p.path.Text, p.in != nil, p.res.Total(),
			p.errs.wrap.Text)
	}
	if b.ui.win.Canvas().Focused() != p.apply {
		t.Errorf("focus %T, want the button that imports", b.ui.win.Canvas().Focused())
	}

	c := newPeerEnvOpening(t, "", func(string) {}, secret) // a new laptop: no database, no operator
	w := c.welcome()
	if w.choice.Selected != "Ricevo i dati da un altro computer: importo il pacchetto .tavoli" {
		t.Errorf("the welcome offers %q, want to receive the bundle opened", w.choice.Selected)
	}
	test.Type(w.operator, "Anna Bianchi")
	test.Tap(w.start)
	p = c.ui.exch.imp
	if c.ui.current != sectionExchange || p.path.Text != secret || c.ui.win.Canvas().Focused() != p.pass {
		t.Fatalf("after the welcome: section %d, file box %q, focus %T; want Importa with %q and the cursor on the passphrase",
			c.ui.current, p.path.Text, c.ui.win.Canvas().Focused(), secret)
	}
	if !strings.Contains(p.errs.wrap.Text, "frase segreta") {
		t.Errorf("error line %q, want it to ask for the passphrase", p.errs.wrap.Text)
	}
	test.Type(p.pass, "cavolo nero di Panicale")
	test.Tap(p.previewBtn)
	if p.in == nil {
		t.Fatalf("no preview with the passphrase; error %q", p.errs.wrap.Text)
	}
	test.Tap(p.apply)
	if got := len(c.people("")); got != len(a.people("")) {
		t.Errorf("people after the import = %d, want %d", got, len(a.people("")))
	}

	// Choosing the demo instead, the user declined the bundle: no preview of it over the demo.
	f := newPeerEnvOpening(t, "", func(string) {}, secret)
	w = f.welcome()
	w.choice.SetSelected("Dati dimostrativi: Ambito n.5 Trasimeno")
	test.Type(w.operator, "Carla Neri")
	test.Tap(w.start)
	if f.ui.current == sectionExchange || f.ui.exch != nil && f.ui.exch.imp.path.Text != "" {
		t.Errorf("after choosing the demo the window shows section %d with the bundle %q", f.ui.current,
			f.ui.exch.imp.path.Text)
	}
	if len(f.people("")) == 0 {
		t.Error("the demo was not loaded")
	}
}

func TestExchangeShortcuts(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	run := func(key, keys string) {
		t.Helper()
		for _, c := range e.ui.commands() {
			if c.key == key {
				if got := shortcutLabel(c.shortcut); got != keys {
					t.Errorf("%s on %s, want %s", key, got, keys)
				}
				c.action()
				return
			}
		}
		t.Fatalf("no command %s", key)
	}
	s := e.ui.exch
	run("nav.exchange", "Ctrl+9")
	if e.ui.current != sectionExchange || e.ui.win.Canvas().Focused() != s.exp.pass {
		t.Errorf("Ctrl+9: section %d, focus %T; want Scambio dati with the cursor in the passphrase", e.ui.current,
			e.ui.win.Canvas().Focused())
	}
	e.ui.goTo(sectionPeople)
	for _, c := range []struct {
		key, keys string
		tab       int
		focus     fyne.Focusable
	}{
		{"exchange.cmd.import", "Ctrl+Maiusc+I", exchangeImportTab, s.imp.path},
		{"exchange.cmd.conflicts", "Ctrl+Maiusc+C", exchangeConflictsTab, s.conf.pane.table.filter},
		{"exchange.cmd.history", "Ctrl+Maiusc+S", exchangeHistoryTab, s.hist.pane.table.filter},
		{"exchange.cmd.export", "Ctrl+Maiusc+E", exchangeExportTab, s.exp.pass},
	} {
		run(c.key, c.keys)
		if e.ui.current != sectionExchange || s.tabs.SelectedIndex() != c.tab || e.ui.win.Canvas().Focused() != c.focus {
			t.Errorf("%s: section %d tab %d focus %T", c.key, e.ui.current, s.tabs.SelectedIndex(), e.ui.win.Canvas().Focused())
		}
	}
}

// A database file copied next to the one this installation works on opens as a new device, and the
// status line says so; the original keeps the installation's identity and says nothing.
func TestExchangeCopiedDatabaseSaysSo(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	orig := filepath.Join(dir, "tavoli.db")
	seedDemo(t, orig)
	inst := newInstallation(t, "Lucia Ferri")
	first := New(a, Config{DBPath: orig, Installation: inst}, SyncRunner, opener(testDevice))
	if msg := first.status.undoMsg.Text; strings.Contains(msg, "copia") {
		t.Errorf("the original file says %q", msg)
	}
	if got := first.store.Device(); got != testDevice {
		t.Errorf("the original writes as %q, want the installation's %q", got, testDevice)
	}
	first.Close()
	b, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(dir, "tavoli (copia).db")
	if err := os.WriteFile(copied, b, 0o600); err != nil {
		t.Fatal(err)
	}
	second := New(a, Config{DBPath: copied, Installation: inst}, SyncRunner, opener(testDevice))
	t.Cleanup(second.Close)
	if msg := second.status.undoMsg.Text; !strings.Contains(msg, "copia di un file già aperto altrove") {
		t.Errorf("the copy's status line says %q, want that it is a copy", msg)
	}
	if got := second.store.Device(); got == testDevice || got == "" {
		t.Errorf("the copy writes as %q, want a device of its own", got)
	}
}

// The Esporta tab says where each choice starts: at what the peer acknowledged receiving, which it
// does by sending a bundle back; until then, everything.
func TestExchangeExportStartsAtAcknowledgement(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	dir := t.TempDir()
	p := a.showExchange(exchangeExportTab).exp
	p.choose(1)
	if !strings.Contains(p.about.Text, "non conosce ancora altri computer") {
		t.Errorf("«%s» says %q before any exchange, want everything: no computer known", p.scope.Selected, p.about.Text)
	}
	path := a.exportTo(dir, "una frase segreta")
	test.Tap(b.previewOf(path, "una frase segreta").apply)

	// Mario's window knows Lucia now; his bundle for her carries everything (she never acknowledged
	// anything of his) and tells her what he holds of hers.
	q := b.showExchange(exchangeExportTab).exp
	q.choose(2)
	if !strings.Contains(q.scope.Selected, "Per Lucia Ferri (ha ricevuto: mai") ||
		!strings.Contains(q.about.Text, "Lucia Ferri non ha ancora confermato") {
		t.Errorf("Mario's choice %q says %q, want Lucia never having acknowledged anything", q.scope.Selected, q.about.Text)
	}
	back := b.exportTo(dir, "una frase segreta")
	test.Tap(a.previewOf(back, "una frase segreta").apply)

	p = a.showExchange(exchangeExportTab).exp
	p.choose(2)
	sent := italian.DateTime(a.exchanges()[len(a.exchanges())-1].At)
	if !strings.Contains(p.scope.Selected, "Per Mario Rossi (ha ricevuto: "+sent) ||
		!strings.Contains(p.about.Text, "dopo l'ultimo pacchetto che Mario Rossi ha confermato di aver ricevuto") {
		t.Errorf("Lucia's choice %q says %q, want Mario having received her bundle of %s", p.scope.Selected,
			p.about.Text, sent)
	}
	p.choose(1)
	if !strings.Contains(p.about.Text, "il più indietro è Mario Rossi") {
		t.Errorf("«%s» says %q, want it to start where Mario stands", p.scope.Selected, p.about.Text)
	}
}

// TestExchangeDeletionCascade: Mario deletes a person, with the memberships that go with them; Lucia,
// not knowing, then updates the person's phone. On Mario's laptop the preview of Lucia's bundle says
// that the memberships come back with the person; on Lucia's, Conflitti shows the deletion that lost
// and what restoring it would delete.
func TestExchangeDeletionCascade(t *testing.T) {
	a := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	b := demoPeer(t)
	ctx := context.Background()
	var person data.PersonView
	var deps []data.Ref
	for _, p := range a.people("") {
		d, err := b.store().Dependents(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
		if err == nil && len(d) > 0 {
			person, deps = p, d
			break
		}
	}
	if len(deps) == 0 {
		t.Fatal("no demo person may be deleted with what goes with them")
	}
	if _, err := b.store().Delete(ctx, data.Ref{Kind: data.KindPerson, ID: person.ID}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	// Each laptop's clock ticks a second per reading: Lucia's laptop reads it often enough that her
	// edit is later than Mario's deletion, and wins.
	for i := range 40 {
		a.setPhone(person.ID, "075 9998"+strconv.Itoa(10+i))
	}
	a.setPhone(person.ID, "075 999888")

	p := b.previewOf(a.exportTo(t.TempDir(), ""), "")
	want := "Tornano anche " + describeRefs(deps) + ", eliminati insieme a una scheda che ritorna"
	if p.in == nil || !hasText(p.preview, want) {
		t.Fatalf("preview = %q, want %q", texts(p.preview), want)
	}
	test.Tap(p.apply)
	if got := b.person(person.FullName()).Phone; got != "075 999888" {
		t.Errorf("phone on Mario's laptop = %q, want Lucia's edit", got)
	}

	q := a.previewOf(b.exportTo(t.TempDir(), ""), "")
	test.Tap(q.apply)
	c := a.showExchange(exchangeConflictsTab).conf
	if c.pane.table.list.Length() != 1 {
		t.Fatalf("conflicts listed = %q, want the deletion that lost", rows(c.pane.table.list))
	}
	c.pane.table.list.Select(0)
	if want := "È un'eliminazione: ripristinarla elimina anche " + describeRefs(deps); !strings.Contains(c.about.Text, want) {
		t.Errorf("about = %q, want %q", c.about.Text, want)
	}
}
