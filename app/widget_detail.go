// The detail half of a list-and-detail screen: head, form, delete button and error line.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// detail is what the list-and-detail screens share: the head of the record shown, its form and title,
// the delete button and the error line, and the commands Nuovo, Elimina and Trova.
type detail struct {
	ui      *UI
	kind    data.Kind
	noneKey string // the title when no record is shown
	meta    data.Meta
	loading bool // the form is being filled from a record: edits are not the user's
	title   *widget.Label
	form    *widget.Form
	fields  []fyne.Disableable // enabled while a record is shown
	first   fyne.Focusable     // where the cursor goes in the form
	del     *widget.Button
	errs    *errorLine
	table   *recordTable

	flush    func()        // saves what is still pending
	fresh    func()        // shows a new, empty record
	blank    func()        // shows no record
	label    func() string // the record's name, for the delete question
	reload   func()        // reloads the list
	onEnable func(on bool) // what else a screen enables with its form
}

func newDetail(ui *UI, kind data.Kind, noneKey string) detail {
	d := detail{ui: ui, kind: kind, noneKey: noneKey, title: heading(lang.L(noneKey)), errs: newErrorLine()}
	return d
}

// enable turns the form on or off; Elimina only for a record already saved.
func (d *detail) enable(on bool) {
	setEnabled(on, append(d.fields, d.del)...)
	if d.meta.ID == "" {
		d.del.Disable()
	}
	if d.onEnable != nil {
		d.onEnable(on)
	}
	d.form.Refresh()
}

// focus puts the cursor in the form's first field.
func (d *detail) focus() {
	if w, ok := d.first.(fyne.Disableable); ok && w.Disabled() {
		return
	}
	d.ui.win.Canvas().Focus(d.first)
}

// focusFilter puts the cursor in the list's filter box.
func (d *detail) focusFilter() { d.ui.win.Canvas().Focus(d.table.filter) }

// newItem starts a new record in the form.
func (d *detail) newItem() {
	d.table.list.UnselectAll()
	d.fresh()
	d.focus()
}

// clear shows no record.
func (d *detail) clear() {
	d.blank()
	d.enable(false)
	d.title.SetText(lang.L(d.noneKey))
}

// deleteItem asks to delete the record shown, saving first what was being typed.
func (d *detail) deleteItem() {
	if d.meta.ID == "" {
		return
	}
	d.flush()
	d.ui.confirmDelete(data.Ref{Kind: d.kind, ID: d.meta.ID}, d.label(), func() {
		d.clear()
		d.reload()
	}, d.reload)
}

// layout builds the screen: a button for a new record over the list, and beside the list the title, the
// form, the error line, a line with the autosave note, any extra buttons and Elimina, then below.
func (d *detail) layout(newKey string, list fyne.CanvasObject, offset float32, buttons []fyne.CanvasObject,
	below ...fyne.CanvasObject) fyne.CanvasObject {
	d.del = widget.NewButtonWithIcon(lang.L("action.delete"), theme.DeleteIcon(), d.deleteItem)
	d.del.Importance = widget.DangerImportance
	newBtn := widget.NewButtonWithIcon(lang.L(newKey), theme.ContentAddIcon(), d.newItem)
	newBtn.Importance = widget.HighImportance
	note := widget.NewLabel(lang.L("form.autosave"))
	note.Importance = widget.LowImportance
	actions := container.NewBorder(nil, nil, nil, container.NewHBox(append(buttons, d.del)...), note)
	side := container.NewVBox(append([]fyne.CanvasObject{d.title, d.form, d.errs.box, actions}, below...)...)
	split := container.NewHSplit(container.NewBorder(container.NewHBox(newBtn), nil, nil, nil, list), container.NewVScroll(side))
	split.Offset = float64(offset)
	return split
}

// filterText keeps the values whose text contains every word of filter, ignoring case and accents: for
// the short lists (comuni, areas, bodies) that are filtered in memory.
func filterText[T any](all []T, filter string, text func(T) string) []T {
	terms := data.SearchTerms(filter)
	var out []T
	for _, v := range all {
		if matches(data.Fold(text(v)), terms) {
			out = append(out, v)
		}
	}
	return out
}
