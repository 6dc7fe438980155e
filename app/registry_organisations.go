// The organisations people belong to, and joining one entered twice.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// organisationsScreen lists the organisations people belong to, with the selected one beside the list.
type organisationsScreen struct {
	detail
	pane    *listPane[data.OrganisationView]
	content fyne.CanvasObject
	shown   bool

	comuni   []data.Comune
	name     *shortcutEntry
	category *widget.Select
	comune   *widget.Select
	email    *shortcutEntry
	phone    *shortcutEntry
	notes    *widget.Entry
	people   *widget.Label
	saver    *autosaver[data.Organisation]
	join     *joinPicker // the join dialog while it is open
}

func newOrganisationsScreen(ui *UI) *organisationsScreen {
	s := &organisationsScreen{detail: newDetail(ui, data.KindOrganisation, "organisations.none")}
	s.pane = newListPane(ui, []string{"col.name", "col.category", "col.comune", "col.people"}, []float32{5, 2, 2, 1},
		func(o data.OrganisationView, col int) string {
			switch col {
			case 0:
				return o.Name
			case 1:
				return lang.L("category." + string(o.Category))
			case 2:
				return o.ComuneName
			}
			return italian.Int(o.People)
		})
	s.pane.id = func(o data.OrganisationView) string { return o.ID }
	s.pane.current = func() string { return s.meta.ID }
	s.pane.onSelect = s.load
	s.pane.load = func(filter, extra string) ([]data.OrganisationView, func(), error) {
		list, err := ui.store.Organisations(ui.ctx, filter)
		if err != nil {
			return nil, nil, err
		}
		comuni, err := ui.store.Comuni(ui.ctx)
		return list, func() { s.setComuni(comuni) }, err
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }

	s.name, s.email, s.phone = newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	s.notes = widget.NewMultiLineEntry()
	s.notes.Wrapping = fyne.TextWrapWord
	var cats []string
	for _, c := range data.Categories {
		cats = append(cats, lang.L("category."+string(c)))
	}
	s.category = newSelect(cats, func(string) { s.changed() })
	s.comune = newSelect(nil, func(string) { s.changed() })
	s.people = widget.NewLabel("")
	for _, e := range []*shortcutEntry{s.name, s.email, s.phone} {
		e.OnChanged = func(string) { s.changed() }
		e.onKey[fyne.KeyEscape] = s.focusFilter
	}
	s.notes.OnChanged = func(string) { s.changed() }
	s.saver = &autosaver[data.Organisation]{ui: ui, get: s.organisation,
		save:   func(o data.Organisation) (data.Organisation, error) { return ui.store.SaveOrganisation(ui.ctx, o) },
		meta:   func(o data.Organisation) data.Meta { return o.Meta },
		apply:  func(o data.Organisation) { s.meta = o.Meta; s.del.Enable() },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after: func(o data.Organisation, created bool) {
			s.title.SetText(o.Name)
			if created {
				s.refresh()
			} else {
				s.pane.update(data.OrganisationView{Organisation: o, ComuneName: s.comune.Selected, People: s.countShown(o.ID)})
			}
		}}
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.name"), s.name),
		widget.NewFormItem(lang.L("field.category"), s.category),
		widget.NewFormItem(lang.L("field.comune"), s.comune),
		widget.NewFormItem(lang.L("field.email"), s.email),
		widget.NewFormItem(lang.L("field.phone"), s.phone),
		widget.NewFormItem(lang.L("field.notes"), s.notes),
		widget.NewFormItem(lang.L("col.people"), s.people),
	)
	joinBtn := widget.NewButtonWithIcon(lang.L("organisations.join"), theme.ContentCopyIcon(), s.joinItem)
	s.content = s.layout("organisations.new", s.pane.table.content, 0.55, []fyne.CanvasObject{joinBtn})
	s.table, s.first = s.pane.table, s.name
	s.fields = []fyne.Disableable{s.name, s.category, s.comune, s.email, s.phone, s.notes}
	s.flush = s.saver.flush
	s.fresh = func() { s.load(data.OrganisationView{Organisation: data.Organisation{Category: data.CatAssociazione}}) }
	s.blank = func() { s.load(data.OrganisationView{}) }
	s.label = func() string { return s.name.Text }
	s.reload = s.pane.refresh
	s.enable(false)
	return s
}

// visible reports whether the organisations tab is the one shown.
func (s *organisationsScreen) visible() bool { return s.shown }

// refresh queries the organisations again.
func (s *organisationsScreen) refresh() { s.pane.refresh() }

func (s *organisationsScreen) setComuni(comuni []data.Comune) {
	s.comuni = comuni
	opts := []string{lang.L("comune.none")}
	for _, c := range comuni {
		opts = append(opts, c.Name)
	}
	keep := s.comune.Selected
	s.loading = true
	s.comune.SetOptions(opts)
	s.comune.SetSelected(keep)
	s.loading = false
}

func (s *organisationsScreen) countShown(id string) int {
	for _, o := range s.pane.items {
		if o.ID == id {
			return o.People
		}
	}
	return 0
}

// load shows o in the form.
func (s *organisationsScreen) load(o data.OrganisationView) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.loading = true
	defer func() { s.loading = false }()
	s.meta = o.Meta
	s.name.SetText(o.Name)
	cat := o.Category
	if !cat.Valid() {
		cat = data.CatAltro
	}
	s.category.SetSelected(lang.L("category." + string(cat)))
	s.comune.SetSelected(lang.L("comune.none"))
	for _, c := range s.comuni {
		if c.ID == o.ComuneID {
			s.comune.SetSelected(c.Name)
		}
	}
	s.email.SetText(o.Email)
	s.phone.SetText(o.Phone)
	s.notes.SetText(o.Notes)
	s.people.SetText(italian.Int(o.People))
	s.errs.set("")
	s.enable(true)
	if o.ID == "" {
		s.title.SetText(lang.L("organisations.new_title"))
	} else {
		s.title.SetText(o.Name)
	}
}

func (s *organisationsScreen) organisation() data.Organisation {
	o := data.Organisation{Meta: s.meta, Name: s.name.Text, Email: s.email.Text, Phone: s.phone.Text,
		Notes: s.notes.Text, Category: data.CatAltro}
	if i := s.category.SelectedIndex(); i >= 0 {
		o.Category = data.Categories[i]
	}
	if i := s.comune.SelectedIndex(); i > 0 && i-1 < len(s.comuni) {
		o.ComuneID = s.comuni[i-1].ID
	}
	return o
}

func (s *organisationsScreen) changed() {
	if !s.loading {
		s.saver.changed()
	}
}

// joinItem joins the organisation shown with another record of the same organisation, entered twice:
// the one shown becomes an alias of the one chosen, its people, seats and proposals follow. The status
// line offers to undo it.
func (s *organisationsScreen) joinItem() {
	if s.meta.ID == "" {
		return
	}
	s.saver.flush()
	ui, loser, loserName := s.ui, s.meta.ID, s.name.Text
	find := func(q string) ([]joinCandidate, error) {
		orgs, err := ui.store.Organisations(ui.ctx, q)
		var out []joinCandidate
		for _, o := range orgs {
			out = append(out, joinCandidate{id: o.ID, name: o.Name, line: strings.Join(nonBlank(o.Name, o.ComuneName, o.Email), " · ")})
		}
		return out, err
	}
	s.join = ui.joinPicker(lang.L("organisations.join_title"), lang.L("organisations.join_intro", map[string]any{"name": loserName}),
		loser, firstWord(loserName), find, func(c joinCandidate) {
			ui.joinNow(data.KindOrganisation, loser, loserName, c, "organisations.joined", func() {
				s.refresh()
				s.blank()
			}, s.refresh)
		})
}

// firstWord is the first word of s, or "": an organisation entered twice most likely starts the same.
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// nonBlank keeps the strings that are not blank, trimmed.
func nonBlank(items ...string) []string {
	var out []string
	for _, x := range items {
		if strings.TrimSpace(x) != "" {
			out = append(out, strings.TrimSpace(x))
		}
	}
	return out
}
