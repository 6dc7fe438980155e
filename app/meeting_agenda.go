// The ordine del giorno of a session: items typed, moved, removed and added from the keyboard.

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// agendaEditor edits a session's ordine del giorno: each item's title saves as it is typed, items move
// up and down (Alt+Up, Alt+Down in a title) and are removed, and a new item is typed in the last line
// and added with Enter, before "Varie ed eventuali".
type agendaEditor struct {
	ui      *UI
	session data.Session
	items   []data.AgendaItem
	rows    *fyne.Container
	add     *shortcutEntry
	addBtn  *widget.Button
	errs    *errorLine
	content fyne.CanvasObject
	changed func() // after the agenda changed (the session's state may depend on it)
	savers  []*autosaver[agendaText]
}

func newAgendaEditor(ui *UI, changed func()) *agendaEditor {
	a := &agendaEditor{ui: ui, rows: container.NewVBox(), add: newShortcutEntry(), errs: newErrorLine(), changed: changed}
	a.add.SetPlaceHolder(lang.L("agenda.add_placeholder"))
	a.add.OnSubmitted = func(string) { a.addItem() }
	a.addBtn = widget.NewButtonWithIcon(lang.L("agenda.add"), theme.ContentAddIcon(), a.addItem)
	a.content = container.NewVBox(a.rows, container.NewBorder(nil, nil, nil, a.addBtn, a.add), a.errs.box)
	return a
}

// load shows the agenda of a session (none for a session not saved yet).
func (a *agendaEditor) load(s data.Session) {
	a.flush()
	a.session = s
	if s.ID == "" {
		a.show(nil)
		return
	}
	var items []data.AgendaItem
	var err error
	a.ui.run(func() { items, err = a.ui.store.Agenda(a.ui.ctx, s.ID) }, func() {
		if err != nil {
			a.errs.set(i18n.Explain(err))
			return
		}
		if a.session.ID == s.ID {
			a.show(items)
		}
	})
}

// flush saves every title still being typed.
func (a *agendaEditor) flush() {
	for _, sv := range a.savers {
		if sv.pending() {
			sv.flush()
		}
	}
}

func (a *agendaEditor) show(items []data.AgendaItem) {
	a.items = items
	a.savers = nil
	a.rows.Objects = nil
	locked := a.session.Status.Locked() || a.session.ID == ""
	for i := range items {
		a.rows.Add(a.row(i, locked))
	}
	a.rows.Refresh()
	setEnabled(!locked, a.add, a.addBtn)
	a.errs.set("")
}

// row is one item: its number, its title, and the buttons that move and remove it.
func (a *agendaEditor) row(i int, locked bool) fyne.CanvasObject {
	it := a.items[i]
	title := newShortcutEntry()
	title.SetText(it.Title)
	sv := &autosaver[agendaText]{ui: a.ui,
		get: func() agendaText {
			v := it
			v.Title = title.Text
			return agendaText{item: v, base: it}
		},
		save:   func(v agendaText) (agendaText, error) { return saveAgendaText(a.ui.ctx, a.ui.store, v) },
		meta:   func(v agendaText) data.Meta { return v.item.Meta },
		apply:  func(v agendaText) { it = v.item; a.items[i] = v.item },
		report: func(err error) { a.errs.set(i18n.Explain(err)) },
	}
	a.savers = append(a.savers, sv)
	title.OnChanged = func(string) { sv.changed() }
	title.onKey[fyne.KeyUp] = func() { a.focusRow(i - 1) }
	title.onKey[fyne.KeyDown] = func() { a.focusRow(i + 1) }
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { a.move(i, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { a.move(i, 1) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { a.remove(i) })
	if i == 0 {
		up.Disable()
	}
	if i == len(a.items)-1 {
		down.Disable()
	}
	if locked {
		setEnabled(false, title, up, down, del)
	}
	num := widget.NewLabel(fmt.Sprintf("%d.", i+1))
	return container.NewBorder(nil, nil, num, container.NewHBox(up, down, del), title)
}

// focusRow puts the cursor in item i's title (or the new item's line past the end).
func (a *agendaEditor) focusRow(i int) {
	if i < 0 {
		return
	}
	if i >= len(a.rows.Objects) {
		a.ui.win.Canvas().Focus(a.add)
		return
	}
	if e := a.titleEntry(i); e != nil {
		a.ui.win.Canvas().Focus(e)
	}
}

func (a *agendaEditor) titleEntry(i int) *shortcutEntry {
	row, ok := a.rows.Objects[i].(*fyne.Container)
	if !ok {
		return nil
	}
	for _, o := range row.Objects {
		if e, ok := o.(*shortcutEntry); ok {
			return e
		}
	}
	return nil
}

// addItem adds the typed title as a new item.
func (a *agendaEditor) addItem() {
	if a.session.ID == "" || a.add.Text == "" {
		return
	}
	a.flush()
	it := data.AgendaItem{SessionID: a.session.ID, Title: a.add.Text}
	var err error
	a.ui.run(func() { _, err = a.ui.store.SaveAgendaItem(a.ui.ctx, it) }, func() {
		if err != nil {
			a.errs.set(i18n.Explain(err))
			return
		}
		a.add.SetText("")
		a.ui.saved()
		a.reload()
	})
}

// move moves item i by delta places.
func (a *agendaEditor) move(i, delta int) {
	a.flush()
	id := a.items[i].ID
	var err error
	a.ui.run(func() { err = a.ui.store.MoveAgendaItem(a.ui.ctx, id, delta) }, func() {
		if err != nil {
			a.errs.set(i18n.Explain(err))
			return
		}
		a.ui.saved()
		a.reload()
	})
}

// remove deletes item i, with what was decided on it, after asking; the status line offers the undo.
func (a *agendaEditor) remove(i int) {
	a.flush()
	a.ui.confirmDelete(data.Ref{Kind: data.KindAgendaItem, ID: a.items[i].ID}, a.items[i].Title, a.reload, a.reload)
}

func (a *agendaEditor) reload() {
	a.load(a.session)
	if a.changed != nil {
		a.changed()
	}
}
