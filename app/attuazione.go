// The Attuazione section: the approved priorities, who carries each out, with what money, how far.

package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// attuazioneScreen lists the approved priorities, late ones first, grouped by area or by responsible,
// with the attuazione of the one chosen beside the list: its form saves as the user types, its
// milestones and indicators are added, marked and removed one by one.
type attuazioneScreen struct {
	ui      *UI
	pane    *listPane[data.ImplementationView]
	group   *keySelect // by area or by responsible
	content fyne.CanvasObject

	cur     data.ImplementationView // the attuazione shown; its Meta follows the saves
	shown   bool                    // a priority is shown in the form
	loading bool                    // the form is being filled: edits are not the user's
	cands   []responsibleChoice     // who may answer for an attuazione

	title, where *widget.Label
	late         *widget.Label
	errs         *errorLine
	scroll       *container.Scroll
	form         *attuazioneForm
	steps        *attuazioneSteps
}

// The ways the list is grouped: the area's order, or the responsible's name.
const (
	groupByArea = iota
	groupByResponsible
)

func newAttuazioneScreen(ui *UI) *attuazioneScreen {
	s := &attuazioneScreen{ui: ui}
	s.pane = newListPane(ui, []string{"attuazione.col.mark", "field.area", "field.title", "attuazione.responsible",
		"attuazione.col.progress", "attuazione.col.end"}, []float32{1.7, 2, 4, 2.6, 1.2, 2},
		func(v data.ImplementationView, col int) string {
			switch col {
			case 0:
				return mark(v)
			case 1:
				return v.Proposal.AreaName
			case 2:
				return v.Proposal.Title
			case 3:
				return v.ResponsibleName
			case 4:
				if v.ID == "" {
					return ""
				}
				return italian.Int(v.Progress) + "%"
			}
			return italian.Date(v.End)
		})
	s.pane.id = func(v data.ImplementationView) string { return v.ProposalID }
	s.pane.current = func() string {
		if !s.shown {
			return ""
		}
		return s.cur.ProposalID
	}
	s.pane.onSelect = s.load
	s.pane.extra = func() string { return s.group.Selected }
	s.pane.load = func(filter, extra string) ([]data.ImplementationView, func(), error) {
		list, err := ui.store.Implementations(ui.ctx, data.ImplementationFilter{})
		if err != nil {
			return nil, nil, err
		}
		cands, err := responsibleChoices(ui)
		if err != nil {
			return nil, nil, err
		}
		list = filterText(list, filter, func(v data.ImplementationView) string {
			return strings.Join([]string{v.Proposal.Title, v.Proposal.AreaName, v.ResponsibleName, mark(v)}, " ")
		})
		if extra == lang.L("attuazione.by_responsible") {
			byResponsible(list)
		}
		return list, func() { s.cands = cands }, nil
	}
	s.pane.table.filter.OnSubmitted = func(string) { s.focus() }
	s.group = newKeySelect([]string{lang.L("attuazione.by_area"), lang.L("attuazione.by_responsible")},
		func(string) { s.pane.refresh() })
	s.group.SetSelectedIndex(groupByArea)

	s.title, s.where = heading(lang.L("attuazione.none")), widget.NewLabel("")
	s.where.Wrapping = fyne.TextWrapWord
	s.late = widget.NewLabel("")
	s.late.Wrapping = fyne.TextWrapWord
	s.late.Importance = widget.DangerImportance
	s.late.Hide()
	s.errs = newErrorLine()
	s.form = newAttuazioneForm(s)
	s.steps = newAttuazioneSteps(s)
	note := widget.NewLabel(lang.L("form.autosave"))
	note.Importance = widget.LowImportance
	side := container.NewVBox(s.title, s.where, s.late, s.form.form, s.errs.box, note, widget.NewSeparator(),
		s.steps.content)
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.L("attuazione.group")), nil, s.group)
	s.scroll = container.NewVScroll(side)
	split := container.NewHSplit(container.NewBorder(top, nil, nil, nil, s.pane.table.content), s.scroll)
	split.Offset = 0.55
	s.content = split
	s.enable(false)
	return s
}

// mark is what the first column says: late, or done.
func mark(v data.ImplementationView) string {
	switch {
	case v.Late:
		return lang.L("attuazione.late")
	case v.Proposal.State == data.StateRealizzata:
		return lang.L("attuazione.done")
	}
	return ""
}

// byResponsible orders the list late first, then by the responsible's name in Italian order (none
// last), keeping the area order within each.
func byResponsible(list []data.ImplementationView) {
	c := data.Collator()
	slices.SortStableFunc(list, func(a, b data.ImplementationView) int {
		switch {
		case a.Late != b.Late:
			if a.Late {
				return -1
			}
			return 1
		case (a.ResponsibleName == "") != (b.ResponsibleName == ""):
			if a.ResponsibleName == "" {
				return 1
			}
			return -1
		}
		return c.CompareString(a.ResponsibleName, b.ResponsibleName)
	})
}

// refresh queries the list again.
func (s *attuazioneScreen) refresh() { s.pane.refresh() }

// focus puts the cursor in the form's first field, when a priority is shown.
func (s *attuazioneScreen) focus() {
	if s.shown {
		s.ui.win.Canvas().Focus(s.form.resp)
	}
}

// focusFilter puts the cursor in the list's filter box: Esc in the form comes back here.
func (s *attuazioneScreen) focusFilter() { s.ui.win.Canvas().Focus(s.pane.table.filter) }

// newItem and deleteItem do nothing: every approved priority is in the list, and an attuazione goes with
// its proposal. They make the screen an editor, so that Ctrl+F finds the filter.
func (s *attuazioneScreen) newItem()    {}
func (s *attuazioneScreen) deleteItem() {}

// enable turns the form and the lists of steps on or off.
func (s *attuazioneScreen) enable(on bool) {
	s.form.enable(on)
	s.steps.enable(on)
}

// load shows the attuazione of a priority, saving first what was typed for the one shown before.
func (s *attuazioneScreen) load(v data.ImplementationView) {
	if s.form.saver.pending() {
		s.form.saver.flush()
	}
	s.cur, s.shown = v, true
	s.loading = true
	s.form.fill(v)
	s.loading = false
	s.steps.fill(v)
	s.errs.set("")
	s.head(v)
	s.enable(true)
	s.scroll.Refresh()
}

// head writes the title, the line under it and the late mark.
func (s *attuazioneScreen) head(v data.ImplementationView) {
	s.title.SetText(v.Proposal.Title)
	s.where.SetText(strings.Join(nonBlank(v.Proposal.AreaName, italian.State(v.Proposal.State)), " · "))
	if v.Late {
		s.late.SetText(lang.L("attuazione.late_why"))
		s.late.Show()
	} else {
		s.late.Hide()
	}
}

// shownIn finds, in a list read again, the priority shown, and takes what the store made of it: the
// attuazione's head (its id once started), the late mark, the milestones and indicators.
func (s *attuazioneScreen) shownIn(list []data.ImplementationView) {
	if !s.shown {
		return
	}
	for _, v := range list {
		if v.ProposalID != s.cur.ProposalID {
			continue
		}
		if s.cur.ID == "" || s.cur.Updated.Before(v.Updated) {
			s.cur.Meta = v.Meta
		}
		s.cur.Late, s.cur.Proposal, s.cur.ResponsibleName = v.Late, v.Proposal, v.ResponsibleName
		s.cur.Milestones, s.cur.Indicators = v.Milestones, v.Indicators
		s.head(s.cur)
		s.steps.fill(s.cur)
	}
}

// reload queries the list again and then takes the priority shown from it.
func (s *attuazioneScreen) reload() {
	filter, extra := s.pane.table.filter.Text, s.group.Selected
	var list []data.ImplementationView
	var apply func()
	var err error
	s.ui.run(func() { list, apply, err = s.pane.load(filter, extra) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.pane.items = list
		apply()
		s.pane.reselect()
		s.shownIn(list)
	})
}
