// The welfare areas of the Piano di Zona and their order.

package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// areasScreen is the ordered list of welfare areas: add, rename, describe, move, delete.
type areasScreen struct {
	detail
	pane    *listPane[data.Area]
	content fyne.CanvasObject

	position    int
	name        *widget.SelectEntry
	description *widget.Entry
	up, dn      *widget.Button
	saver       *autosaver[data.Area]
}

func newAreasScreen(ui *UI) *areasScreen {
	s := &areasScreen{detail: newDetail(ui, data.KindArea, "areas.none")}
	s.pane = newListPane(ui, []string{"col.position", "col.name"}, []float32{1, 8},
		func(a data.Area, col int) string {
			if col == 0 {
				return fmt.Sprint(a.Position)
			}
			return a.Name
		})
	s.pane.id = func(a data.Area) string { return a.ID }
	s.pane.current = func() string { return s.meta.ID }
	s.pane.onSelect = s.load
	s.pane.load = func(filter, extra string) ([]data.Area, func(), error) {
		all, err := ui.store.Areas(ui.ctx)
		return filterText(all, filter, func(a data.Area) string { return a.Name + " " + a.Description }), nil, err
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }
	s.name = widget.NewSelectEntry(data.OtherAreas)
	s.name.OnChanged = func(string) { s.changed() }
	s.description = widget.NewMultiLineEntry()
	s.description.Wrapping = fyne.TextWrapWord
	s.description.OnChanged = func(string) { s.changed() }
	s.saver = &autosaver[data.Area]{ui: ui, get: s.area,
		save:   func(a data.Area) (data.Area, error) { return ui.store.SaveArea(ui.ctx, a) },
		meta:   func(a data.Area) data.Meta { return a.Meta },
		apply:  func(a data.Area) { s.meta, s.position = a.Meta, a.Position; s.enable(true) },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after: func(a data.Area, created bool) {
			s.title.SetText(a.Name)
			if created {
				s.refresh()
			} else {
				s.pane.update(a)
			}
		}}
	s.up = widget.NewButtonWithIcon(lang.L("areas.up"), theme.MoveUpIcon(), func() { s.move(-1) })
	s.dn = widget.NewButtonWithIcon(lang.L("areas.down"), theme.MoveDownIcon(), func() { s.move(1) })
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.name"), s.name),
		widget.NewFormItem(lang.L("field.description"), s.description))
	note := widget.NewLabel(lang.L("areas.note"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	s.content = s.layout("areas.new", s.pane.table.content, 0.5, []fyne.CanvasObject{s.up, s.dn}, note)
	s.table, s.first = s.pane.table, s.name
	s.fields = []fyne.Disableable{s.name, s.description, s.up, s.dn}
	s.onEnable = func(bool) {
		if s.meta.ID == "" {
			s.up.Disable()
			s.dn.Disable()
		}
	}
	s.flush = s.saver.flush
	s.fresh = func() { s.load(data.Area{}) }
	s.blank = s.fresh
	s.label = func() string { return s.name.Text }
	s.reload = s.pane.refresh
	s.enable(false)
	return s
}

func (s *areasScreen) refresh() { s.pane.refresh() }

func (s *areasScreen) load(a data.Area) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.loading = true
	defer func() { s.loading = false }()
	s.meta, s.position = a.Meta, a.Position
	s.name.SetText(a.Name)
	s.description.SetText(a.Description)
	s.errs.set("")
	s.enable(true)
	s.title.SetText(a.Name)
	if a.ID == "" {
		s.title.SetText(lang.L("areas.new_title"))
	}
}

func (s *areasScreen) area() data.Area {
	return data.Area{Meta: s.meta, Name: s.name.Text, Position: s.position, Description: s.description.Text}
}

func (s *areasScreen) changed() {
	if !s.loading {
		s.saver.changed()
	}
}

// move moves the area shown up or down the list.
func (s *areasScreen) move(delta int) {
	if s.meta.ID == "" {
		return
	}
	s.saver.flush()
	id := s.meta.ID
	var err error
	var list []data.Area
	s.ui.run(func() {
		if err = s.ui.store.MoveArea(s.ui.ctx, id, delta); err == nil {
			list, err = s.ui.store.Areas(s.ui.ctx)
		}
	}, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.saved()
		for _, a := range list {
			if a.ID == id {
				s.meta, s.position = a.Meta, a.Position
			}
		}
		s.refresh()
	})
}
