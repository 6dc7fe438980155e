package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// saveAs opens the window's real save dialog in dir offering name, and presses Salva.
func (e *env) saveAs(dir, name string, then func(path string)) {
	e.t.Helper()
	e.ui.askSave(name, []string{".pdf"}, func(d *dialog.FileDialog) {
		l, err := storage.ListerForURI(storage.NewFileURI(dir))
		if err != nil {
			e.t.Fatal(err)
		}
		d.SetLocation(l)
	}, then)
	d := e.mustOverlay("the save dialog")
	var name2 *widget.Entry
	walk(d, func(o fyne.CanvasObject) {
		if en, ok := o.(*widget.Entry); ok && en.Text == name {
			name2 = en
		}
	})
	if name2 == nil {
		e.t.Fatalf("the save dialog does not offer %q: %q", name, texts(d))
	}
	test.Tap(button(e.t, d, "Salva"))
}

// TestSaveDialogWritesNothing: the save dialog neither creates nor empties the chosen file (the document
// is written whole afterwards, or not at all), and replacing a file is asked in Italian.
func TestSaveDialogWritesNothing(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	dir := t.TempDir()
	old := filepath.Join(dir, "verbale-tavolo-dei-sindaci.pdf")
	if err := os.WriteFile(old, []byte("il verbale firmato"), 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged := func(when string) {
		t.Helper()
		if b, err := os.ReadFile(old); err != nil || string(b) != "il verbale firmato" {
			t.Fatalf("%s the old file holds %q (%v)", when, b, err)
		}
	}

	var chosen []string
	e.saveAs(dir, filepath.Base(old), func(path string) { chosen = append(chosen, path) })
	q := e.mustOverlay("the question about replacing the file")
	if !hasText(q, "c'è già un file «verbale-tavolo-dei-sindaci.pdf»") {
		t.Errorf("the question says %q, want it in Italian, naming the file", texts(q))
	}
	unchanged("while the question is shown,")
	if len(chosen) != 0 {
		t.Fatalf("the file was handed on before the answer: %q", chosen)
	}
	test.Tap(button(t, q, "Sostituisci"))
	if len(chosen) != 1 || chosen[0] != old {
		t.Fatalf("chosen %q, want %q", chosen, old)
	}
	unchanged("after the answer (the caller writes it),")

	// Annulla keeps the file and hands nothing on.
	e.saveAs(dir, filepath.Base(old), func(path string) { chosen = append(chosen, path) })
	test.Tap(button(t, e.mustOverlay("the question"), "Annulla"))
	if len(chosen) != 1 {
		t.Errorf("after Annulla chosen %q", chosen)
	}
	unchanged("after Annulla")

	// A new name is handed on at once, and no empty file appears.
	fresh := filepath.Join(dir, "convocazione.pdf")
	e.saveAs(dir, filepath.Base(fresh), func(path string) { chosen = append(chosen, path) })
	if len(chosen) != 2 || chosen[1] != fresh {
		t.Fatalf("chosen %q, want %q last", chosen, fresh)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("the dialog created %s (%v): a failed write would leave an empty file", fresh, err)
	}
	if n := savesOpen.Load(); n != 0 {
		t.Errorf("%d save dialogs still counted open", n)
	}
	// Outside a save dialog the repository is Fyne's own.
	if ok, err := storage.Exists(storage.NewFileURI(old)); !ok || err != nil {
		t.Errorf("storage.Exists(%s) = %v, %v outside a save dialog", old, ok, err)
	}
}
