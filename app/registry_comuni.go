// The comuni of the Ambito with their population, the chosen one edited beside the list.

package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// comuniScreen lists the Ambito's comuni with their population; the selected one is edited beside.
type comuniScreen struct {
	detail
	pane    *listPane[data.Comune]
	content fyne.CanvasObject

	name       *shortcutEntry
	population *shortcutEntry
	approx     *widget.Check
	istat      *shortcutEntry
	office     *shortcutEntry
	saver      *autosaver[data.Comune]
}

func newComuniScreen(ui *UI) *comuniScreen {
	s := &comuniScreen{detail: newDetail(ui, data.KindComune, "comuni.none")}
	s.pane = newListPane(ui, []string{"col.name", "col.population", "col.istat"}, []float32{4, 2, 2},
		func(c data.Comune, col int) string {
			switch col {
			case 0:
				return c.Name
			case 1:
				if c.PopulationApprox {
					return lang.L("comuni.approx", map[string]any{"n": italian.Int(c.Population)})
				}
				return italian.Int(c.Population)
			}
			return c.ISTAT
		})
	s.pane.id = func(c data.Comune) string { return c.ID }
	s.pane.current = func() string { return s.meta.ID }
	s.pane.onSelect = s.load
	s.pane.load = func(filter, extra string) ([]data.Comune, func(), error) {
		all, err := ui.store.Comuni(ui.ctx)
		return filterText(all, filter, func(c data.Comune) string { return c.Name + " " + c.ISTAT }), nil, err
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }
	s.name, s.population, s.istat, s.office = newShortcutEntry(), newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	s.approx = widget.NewCheck(lang.L("comuni.approx_check"), func(bool) { s.changed() })
	for _, e := range []*shortcutEntry{s.name, s.population, s.istat, s.office} {
		e.OnChanged = func(string) { s.changed() }
		e.onKey[fyne.KeyEscape] = s.focusFilter
	}
	s.istat.SetPlaceHolder("054026")
	s.saver = &autosaver[data.Comune]{ui: ui, get: s.comune, save: s.save,
		meta:   func(c data.Comune) data.Meta { return c.Meta },
		apply:  func(c data.Comune) { s.meta = c.Meta; s.del.Enable() },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after: func(c data.Comune, created bool) {
			s.title.SetText(c.Name)
			if created {
				s.refresh()
			} else {
				s.pane.update(c)
			}
		}}
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.name"), s.name),
		widget.NewFormItem(lang.L("field.population"), s.population),
		widget.NewFormItem("", s.approx),
		widget.NewFormItem(lang.L("field.istat"), s.istat),
		widget.NewFormItem(lang.L("field.office"), s.office),
	)
	s.content = s.layout("comuni.new", s.pane.table.content, 0.5, nil)
	s.table, s.first = s.pane.table, s.name
	s.fields = []fyne.Disableable{s.name, s.population, s.approx, s.istat, s.office}
	s.flush = s.saver.flush
	s.fresh = func() { s.load(data.Comune{}) }
	s.blank = s.fresh
	s.label = func() string { return s.name.Text }
	s.reload = s.pane.refresh
	s.enable(false)
	return s
}

// matches reports whether every term occurs in the folded text.
func matches(folded string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(folded, t) {
			return false
		}
	}
	return true
}

func (s *comuniScreen) refresh() { s.pane.refresh() }

func (s *comuniScreen) load(c data.Comune) {
	if s.saver.pending() {
		s.saver.flush()
	}
	s.loading = true
	defer func() { s.loading = false }()
	s.meta = c.Meta
	s.name.SetText(c.Name)
	s.population.SetText("")
	if c.Population > 0 {
		s.population.SetText(strconv.Itoa(c.Population))
	}
	s.approx.SetChecked(c.PopulationApprox)
	s.istat.SetText(c.ISTAT)
	s.office.SetText(c.Office)
	s.errs.set("")
	s.enable(true)
	s.title.SetText(c.Name)
	if c.ID == "" {
		s.title.SetText(lang.L("comuni.new_title"))
	}
}

// comune reads the form. The population accepts "15.150" and "15150".
func (s *comuniScreen) comune() data.Comune {
	c := data.Comune{Meta: s.meta, Name: strings.TrimSpace(s.name.Text), PopulationApprox: s.approx.Checked,
		ISTAT: strings.TrimSpace(s.istat.Text), Office: s.office.Text}
	c.Population = -1
	digits := strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(s.population.Text))
	if digits == "" {
		c.Population = 0
	} else if n, err := strconv.Atoi(digits); err == nil {
		c.Population = n
	}
	return c
}

func (s *comuniScreen) save(c data.Comune) (data.Comune, error) {
	if c.Population < 0 {
		return c, data.Errorf(data.EInvalid, "err.comune.population_format")
	}
	return s.ui.store.SaveComune(s.ui.ctx, c)
}

func (s *comuniScreen) changed() {
	if !s.loading {
		s.saver.changed()
	}
}
