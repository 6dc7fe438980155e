// The bodies (organi): the chosen one with its details, rules, seats and members beside the list.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// bodiesScreen lists the bodies (organi); the selected one shows its details, its rules, its seats and its
// members beside the list.
type bodiesScreen struct {
	detail
	pane    *listPane[data.Body]
	content fyne.CanvasObject

	areas    []data.Area
	position int
	name     *shortcutEntry
	kind     *widget.Select
	area     *widget.Select
	notes    *widget.Entry
	rules    *rulesForm
	seats    *seatsPanel
	members  *membersPanel
	answer   *widget.Button // the Esito delle proposte of the body shown
	save     func(name, ext string, b []byte)
	saver    *autosaver[data.Body]
	details  *fyne.Container
}

func newBodiesScreen(ui *UI) *bodiesScreen {
	s := &bodiesScreen{detail: newDetail(ui, data.KindBody, "bodies.none"), save: ui.saveBytes}
	s.pane = newListPane(ui, []string{"col.name", "col.kind"}, []float32{5, 3}, func(b data.Body, col int) string {
		if col == 0 {
			return b.Name
		}
		return lang.L("body.kind." + string(b.Kind))
	})
	s.pane.id = func(b data.Body) string { return b.ID }
	s.pane.current = func() string { return s.meta.ID }
	s.pane.onSelect = s.load
	s.pane.load = func(filter, extra string) ([]data.Body, func(), error) {
		all, err := ui.store.Bodies(ui.ctx)
		if err != nil {
			return nil, nil, err
		}
		areas, err := ui.store.Areas(ui.ctx)
		out := filterText(all, filter, func(b data.Body) string { return b.Name + " " + lang.L("body.kind."+string(b.Kind)) })
		return out, func() { s.setAreas(areas) }, err
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }

	s.name = newShortcutEntry()
	s.name.OnChanged = func(string) { s.changed() }
	s.name.onKey[fyne.KeyEscape] = s.focusFilter
	var kinds []string
	for _, k := range data.BodyKinds {
		kinds = append(kinds, lang.L("body.kind."+string(k)))
	}
	s.kind = newSelect(kinds, func(string) { s.showArea(); s.changed() })
	s.area = newSelect(nil, func(string) { s.changed() })
	s.notes = widget.NewMultiLineEntry()
	s.notes.Wrapping = fyne.TextWrapWord
	s.notes.OnChanged = func(string) { s.changed() }
	s.rules = newRulesForm(s.changed)
	s.seats = newSeatsPanel(s)
	s.members = newMembersPanel(s)
	s.saver = &autosaver[data.Body]{ui: ui, get: s.body,
		save:   func(b data.Body) (data.Body, error) { return ui.store.SaveBody(ui.ctx, b) },
		meta:   func(b data.Body) data.Meta { return b.Meta },
		apply:  func(b data.Body) { s.meta = b.Meta; s.position = b.Position; s.showParts() },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after: func(b data.Body, created bool) {
			s.title.SetText(b.Name)
			if created {
				s.refresh()
			} else {
				s.pane.update(b)
			}
		}}
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.name"), s.name),
		widget.NewFormItem(lang.L("field.kind"), s.kind),
		widget.NewFormItem(lang.L("field.area"), s.area),
		widget.NewFormItem(lang.L("field.notes"), s.notes))
	s.answer = widget.NewButtonWithIcon(lang.L("bodies.answer"), theme.DocumentSaveIcon(), func() {
		if s.meta.ID != "" {
			s.flush()
			ui.exportAnswer(s.meta.ID, s.name.Text, s.save)
		}
	})
	s.details = container.NewVBox(
		widget.NewCard(lang.L("bodies.proposals"), lang.L("bodies.proposals_sub"), container.NewHBox(s.answer)),
		widget.NewCard(lang.L("bodies.rules"), lang.L("bodies.rules_sub"), s.rules.content),
		widget.NewCard(lang.L("bodies.seats"), lang.L("bodies.seats_sub"), s.seats.content),
		widget.NewCard(lang.L("bodies.members"), "", s.members.content))
	s.content = s.layout("bodies.new", s.pane.table.content, 0.4, nil, s.details)
	s.table, s.first = s.pane.table, s.name
	s.fields = []fyne.Disableable{s.name, s.kind, s.area, s.notes}
	s.onEnable = func(on bool) {
		s.rules.enable(on)
		s.showParts()
	}
	s.flush = s.saver.flush
	s.fresh = func() {
		s.seats.items, s.members.items = nil, nil
		s.load(data.Body{Kind: data.BodyTavoloTematico, Rules: data.DefaultRules(data.BodyTavoloTematico)})
	}
	s.blank = func() { s.load(data.Body{}) }
	s.label = func() string { return s.name.Text }
	s.reload = s.pane.refresh
	s.enable(false)
	return s
}

func (s *bodiesScreen) refresh() { s.pane.refresh() }

func (s *bodiesScreen) setAreas(areas []data.Area) {
	s.areas = areas
	opts := make([]string, len(areas))
	for i, a := range areas {
		opts[i] = a.Name
	}
	keep := s.area.Selected
	s.loading = true
	s.area.SetOptions(opts)
	s.area.SetSelected(keep)
	s.loading = false
}

// showParts shows rules, seats and members once the body exists (seats need its id).
func (s *bodiesScreen) showParts() {
	if s.meta.ID == "" {
		s.del.Disable()
		s.details.Hide()
		return
	}
	s.del.Enable()
	s.details.Show()
}

// showArea enables the area only for a Tavolo tematico.
func (s *bodiesScreen) showArea() {
	if s.selectedKind() == data.BodyTavoloTematico {
		s.area.Enable()
	} else {
		s.area.Disable()
	}
	s.form.Refresh()
}

func (s *bodiesScreen) selectedKind() data.BodyKind {
	if i := s.kind.SelectedIndex(); i >= 0 {
		return data.BodyKinds[i]
	}
	return ""
}

func (s *bodiesScreen) load(b data.Body) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.loading = true
	defer func() { s.loading = false }()
	s.meta, s.position = b.Meta, b.Position
	s.name.SetText(b.Name)
	pick(s.kind, data.BodyKinds, b.Kind)
	s.area.ClearSelected()
	for _, a := range s.areas {
		if a.ID == b.AreaID {
			s.area.SetSelected(a.Name)
		}
	}
	s.notes.SetText(b.Notes)
	s.rules.set(b.Rules)
	s.errs.set("")
	s.enable(true)
	s.showArea()
	s.title.SetText(b.Name)
	if b.ID == "" {
		s.title.SetText(lang.L("bodies.new_title"))
		return
	}
	s.seats.refresh()
	s.members.refresh()
}

func (s *bodiesScreen) body() data.Body {
	b := data.Body{Meta: s.meta, Name: s.name.Text, Kind: s.selectedKind(), Notes: s.notes.Text,
		Position: s.position, Rules: s.rules.get()}
	if i := s.area.SelectedIndex(); i >= 0 && i < len(s.areas) && b.Kind == data.BodyTavoloTematico {
		b.AreaID = s.areas[i].ID
	}
	return b
}

func (s *bodiesScreen) changed() {
	if !s.loading {
		s.rules.explain(s.seats.items)
		s.saver.changed()
	}
}
