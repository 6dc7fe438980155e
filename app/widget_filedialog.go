// Open and save dialogs; a save writes the chosen file whole, or leaves the old one as it was.

package app

import (
	"os"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
)

// askOpen shows the open dialog for files ending in one of exts and hands the chosen file's path to
// then; nothing happens when the user cancels. before (nil for nothing) may set the dialog's folder.
func (ui *UI) askOpen(exts []string, before func(*dialog.FileDialog), then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := filepath.FromSlash(r.URI().Path()) // C:\Users\…, as Windows users read it
		r.Close()
		then(path)
	}, ui.win)
	ui.showFileDialog(d, exts, before)
}

// askSave shows the save dialog offering name, for files ending in one of exts, and hands the chosen
// path to then; nothing happens when the user cancels. Choosing a file that exists asks, in the
// program's language, whether to replace it. The dialog itself writes nothing: the file is written
// whole by the caller, so a failed write leaves the old file as it was (see deferSaves).
func (ui *UI) askSave(name string, exts []string, before func(*dialog.FileDialog), then func(path string)) {
	deferSaves()
	savesOpen.Add(1)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		savesOpen.Add(-1)
		if err != nil {
			ui.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := filepath.FromSlash(w.URI().Path())
		w.Close()
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			ui.confirm(lang.L("save.replace_title"), lang.L("save.replace", map[string]any{"name": filepath.Base(path),
				"folder": filepath.Dir(path)}), lang.L("save.replace_ok"), func() { then(path) })
			return
		}
		then(path)
	}, ui.win)
	d.SetFileName(name)
	ui.showFileDialog(d, exts, before)
}

// savesOpen counts the save dialogs open in the program.
var savesOpen atomic.Int32

// fileRepository is what Fyne's repository of file: URIs does.
type fileRepository interface {
	repository.ListableRepository
	repository.WritableRepository
	repository.AppendableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
	repository.DeleteAllRepository
}

// savingRepository is Fyne's file repository with two changes while a save dialog is open:
//   - the dialog's writer opens nothing. Fyne's own would create or truncate the chosen file when the
//     user confirms, before Tavoli has written a byte: a document that then failed to write (a full
//     disk, a file a PDF viewer holds on Windows) would leave an empty file, or none where the old
//     one was. Tavoli writes the file itself, whole, with data/atomicfile;
//   - an existing file is not reported to the dialog, whose question "Overwrite?" is in English only:
//     askSave asks instead, in Italian or English.
type savingRepository struct{ fileRepository }

// deferSaves puts savingRepository in front of Fyne's file repository, once per program.
func deferSaves() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(savingRepository); done {
		return
	}
	if f, ok := r.(fileRepository); ok {
		repository.Register("file", savingRepository{f})
	}
}

func (r savingRepository) Exists(u fyne.URI) (bool, error) {
	if savesOpen.Load() > 0 {
		if st, err := os.Stat(u.Path()); err == nil && st.Mode().IsRegular() {
			return false, nil
		}
	}
	return r.fileRepository.Exists(u)
}

func (r savingRepository) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if savesOpen.Load() > 0 {
		return chosenFile{u}, nil
	}
	return r.fileRepository.Writer(u)
}

// chosenFile is the file a save dialog chose: it carries the name, and nothing can be written to it.
type chosenFile struct{ uri fyne.URI }

func (c chosenFile) URI() fyne.URI { return c.uri }
func (c chosenFile) Close() error  { return nil }
func (c chosenFile) Write([]byte) (int, error) {
	return 0, os.ErrInvalid // the caller writes the file itself, whole
}

func (ui *UI) showFileDialog(d *dialog.FileDialog, exts []string, before func(*dialog.FileDialog)) {
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if before != nil {
		before(d)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
