package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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
		path := r.URI().Path()
		r.Close()
		then(path)
	}, ui.win)
	ui.showFileDialog(d, exts, before)
}

// askSave shows the save dialog offering name, for files ending in one of exts, and hands the chosen
// path to then; nothing happens when the user cancels.
func (ui *UI) askSave(name string, exts []string, before func(*dialog.FileDialog), then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, ui.win)
	d.SetFileName(name)
	ui.showFileDialog(d, exts, before)
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
