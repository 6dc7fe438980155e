// Importing people from a CSV file: preview, column mapping, all rows or none.

package app

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvimport"
	"github.com/tavoli/tavoli/data/italian"
)

// importPeople asks for a CSV file and opens its preview.
func (ui *UI) importPeople() {
	if ui.store == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			ui.showError(data.Errorf(data.EInternal, "err.file.read", "path", name).Wrap(err))
			return
		}
		ui.previewImport(name, b)
	}, ui.win)
	// Spreadsheets are listed too, so that choosing one explains how to save it as CSV.
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".xlsx", ".xls", ".ods"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importPreview shows what importing a file would do, lets the user say which column holds what, and
// imports all rows (or none) when confirmed.
type importPreview struct {
	ui      *UI
	name    string
	table   *csvimport.Table
	mapping csvimport.Mapping
	rows    []data.PersonImport
	report  data.ImportReport
	selects []*widget.Select
	list    *widget.List
	summary *widget.Label
	bar     *widget.ProgressBar // how far the preview has got through the rows, while it runs
	top     *fyne.Container     // what stands above the rows, the bar among it
	detail  *widget.Label       // the selected row's notes in full
	errs    *errorLine
	dlg     *dialog.ConfirmDialog
	ok      bool // the preview is valid and may be imported
	seq     int
}

// previewImport reads the file's bytes and, if they are a CSV table, opens the preview.
func (ui *UI) previewImport(name string, b []byte) *importPreview {
	t, err := csvimport.Read(bytes.NewReader(b), name)
	if err != nil {
		ui.showError(err)
		return nil
	}
	p := &importPreview{ui: ui, name: name, table: t, mapping: csvimport.Guess(t.Header), errs: newErrorLine()}
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.bar = newRowsBar()
	p.detail = widget.NewLabel(lang.L("import.select_row"))
	p.detail.Wrapping = fyne.TextWrapWord
	p.detail.Importance = widget.LowImportance
	fieldLabels := []string{lang.L("import.field.ignore")}
	for _, f := range csvimport.Fields {
		fieldLabels = append(fieldLabels, lang.L("import.field."+string(f)))
	}
	var mapRow []fyne.CanvasObject
	for i, h := range t.Header {
		i := i
		sel := newKeySelect(fieldLabels, nil)
		sel.onEnter = func() { p.dlg.Confirm() }
		sel.onEscape = func() { p.dlg.Dismiss() }
		sel.SetSelectedIndex(fieldIndex(p.mapping[i]))
		sel.OnChanged = func(string) {
			p.mapping[i] = csvimport.FieldIgnore
			if k := sel.SelectedIndex(); k > 0 {
				p.mapping[i] = csvimport.Fields[k-1]
			}
			p.recompute()
		}
		p.selects = append(p.selects, &sel.Select)
		head := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		col := container.NewVBox(head, sel)
		mapRow = append(mapRow, container.NewGridWrap(fyne.NewSize(170, col.MinSize().Height), col))
	}
	mapping := container.NewHScroll(container.NewHBox(mapRow...))
	p.list = widget.NewList(func() int { return len(p.report.Rows) }, func() fyne.CanvasObject {
		cells := make([]fyne.CanvasObject, 5)
		for i := range cells {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			cells[i] = l
		}
		return container.New(&columnsLayout{[]float32{1, 3, 2, 3, 7}}, cells...)
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		r := p.report.Rows[id]
		var notes []string
		for _, f := range r.Flags {
			notes = append(notes, lang.L("import.flag."+string(f), map[string]any{"comune": r.Comune}))
		}
		texts := []string{fmt.Sprint(r.Line), r.FullName, lang.L("category." + string(r.Category)), r.Comune, ""}
		texts[4] = rowNotes(r, notes)
		for i, c := range o.(*fyne.Container).Objects {
			c.(*widget.Label).SetText(texts[i])
			if i == 4 && len(r.Flags) > 0 {
				c.(*widget.Label).Importance = widget.WarningImportance
			} else {
				c.(*widget.Label).Importance = widget.MediumImportance
			}
		}
	})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.report.Rows) {
			r := p.report.Rows[id]
			var notes []string
			for _, f := range r.Flags {
				notes = append(notes, lang.L("import.flag."+string(f), map[string]any{"comune": r.Comune}))
			}
			p.detail.SetText(lang.L("import.row_detail", map[string]any{"line": r.Line, "name": r.FullName,
				"notes": rowNotes(r, notes)}))
		}
	}
	head := container.New(&columnsLayout{[]float32{1, 3, 2, 3, 7}},
		heading(lang.L("import.col.line")), heading(lang.L("col.person")), heading(lang.L("col.category")),
		heading(lang.L("col.comune")), heading(lang.L("import.col.outcome")))
	info := widget.NewLabel(lang.L("import.file_info", map[string]any{"file": name, "encoding": t.Encoding,
		"delimiter": delimiterName(t.Delimiter), "rows": len(t.Rows)}))
	info.Wrapping = fyne.TextWrapWord
	p.top = container.NewVBox(info, heading(lang.L("import.mapping")), mapping, p.summary, p.bar, p.errs.box, p.detail, head)
	keys := newKeyCatcher(func() { p.dlg.Confirm() }, func() { p.dlg.Dismiss() })
	content := container.NewStack(container.NewBorder(p.top, nil, nil, nil, p.list), keys)
	p.dlg = dialog.NewCustomConfirm(lang.L("import.title"), lang.L("import.confirm"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			p.apply()
		}
	}, ui.win)
	p.dlg.Resize(fyne.NewSize(1000, 640))
	p.dlg.Show()
	ui.win.Canvas().Focus(keys)
	p.recompute()
	return p
}

func fieldIndex(f csvimport.Field) int {
	for i, x := range csvimport.Fields {
		if x == f {
			return i + 1
		}
	}
	return 0
}

// rowNotes is a row's outcome followed by its flags.
func rowNotes(r data.ImportRowResult, notes []string) string {
	out := lang.L("import.outcome." + string(r.Outcome))
	if len(notes) > 0 {
		out += " · " + strings.Join(notes, "; ")
	}
	return out
}

func delimiterName(r rune) string {
	switch r {
	case ';':
		return lang.L("import.delimiter.semicolon")
	case '\t':
		return lang.L("import.delimiter.tab")
	}
	return lang.L("import.delimiter.comma")
}

// recompute applies the mapping and asks the store what the import would do, without writing. Until
// the answer comes the preview cannot be imported, and a bar shows how far the store has got.
func (p *importPreview) recompute() {
	p.seq++
	seq := p.seq
	p.ok = false
	rows, err := p.table.People(p.mapping)
	if err == nil {
		p.bar.Max = float64(len(rows))
		p.bar.SetValue(0)
		p.bar.Show()
		p.top.Refresh() // room for the bar
	}
	progress := p.ui.rowsProgress(p.bar, func() bool { return seq == p.seq })
	var rep data.ImportReport
	p.ui.run(func() {
		if err == nil {
			rep, err = p.ui.store.ImportPeople(p.ui.ctx, rows, data.ImportOptions{Progress: progress})
		}
	}, func() {
		if seq != p.seq {
			return
		}
		p.bar.Hide()
		p.top.Refresh()
		p.ok = err == nil
		p.rows, p.report = rows, rep
		if err != nil {
			p.report = data.ImportReport{}
			p.errs.set(i18n.Explain(err))
			p.summary.SetText(lang.L("import.nothing"))
		} else {
			p.errs.set("")
			p.summary.SetText(lang.L("import.summary", map[string]any{"new": rep.New, "updated": rep.Updated,
				"unchanged": rep.Unchanged, "duplicates": rep.Duplicates, "organisations": rep.NewOrganisations,
				"flagged": rep.Flagged}))
		}
		p.list.Refresh()
	})
}

// apply imports the rows the preview showed: all of them, or none if anything is wrong. A dialog with
// a bar stays up while the store writes them.
func (p *importPreview) apply() {
	if !p.ok {
		key := "err.import.not_ready"
		if p.bar.Visible() {
			key = "err.import.pending"
		}
		p.ui.showError(data.Errorf(data.EInvalid, key))
		return
	}
	rows := p.rows
	bar := newRowsBar()
	bar.Max = float64(len(rows))
	bar.Show()
	wait := dialog.NewCustomWithoutButtons(lang.L("import.title"), container.NewVBox(
		widget.NewLabel(lang.L("import.writing", map[string]any{"file": p.name})), bar), p.ui.win)
	wait.Resize(fyne.NewSize(460, 0))
	wait.Show()
	progress := p.ui.rowsProgress(bar, func() bool { return true })
	var rep data.ImportReport
	var err error
	p.ui.run(func() {
		rep, err = p.ui.store.ImportPeople(p.ui.ctx, rows, data.ImportOptions{Apply: true, Progress: progress})
	}, func() {
		wait.Hide()
		if err != nil {
			p.ui.showError(err)
			return
		}
		p.ui.saved()
		p.ui.people.refresh()
		p.ui.informText(lang.L("import.title"), lang.L("import.done", map[string]any{"new": rep.New,
			"updated": rep.Updated, "organisations": rep.NewOrganisations}))
	})
}

// newRowsBar is a hidden bar that counts rows: "5.000 di 100.000 righe".
func newRowsBar() *widget.ProgressBar {
	bar := widget.NewProgressBar()
	bar.TextFormatter = func() string {
		return lang.L("import.progress", map[string]any{"done": italian.Int(int(bar.Value)), "total": italian.Int(int(bar.Max))})
	}
	bar.Hide()
	return bar
}

// rowsProgress is an import's progress callback that moves bar on the UI goroutine while live says the
// work is still the one shown. The store calls it after every row: the bar moves about a hundred times
// whatever the file's size, not a redraw queued per row.
func (ui *UI) rowsProgress(bar *widget.ProgressBar, live func() bool) func(done, total int) {
	return func(done, total int) {
		if step := max((total+99)/100, 1); done%step != 0 && done != total {
			return
		}
		ui.later(func() {
			if live() {
				bar.Max = float64(total)
				bar.SetValue(float64(done))
			}
		})
	}
}
