// Consolidating the priorities: the scoring rule, the ranking and the priority list being built.

package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// prioritiesTab is the consolidation beside the priority list: the area and the scoring rule above the
// ranking, the list being built on the right. The keyboard works it all: type to filter the ranking,
// ↑↓ to choose, Enter to add to the priorities; Alt+↑ and Alt+↓ move the priority chosen, Alt+Canc
// takes it out.
func (s *synthesisScreen) prioritiesTab() fyne.CanvasObject {
	ui := s.ui
	s.areaPick = newSelect(nil, nil)
	s.areaPick.OnChanged = func(string) { s.chooseArea(s.areaPick.SelectedIndex()) }
	s.rule = widget.NewLabel("")
	s.rule.Wrapping = fyne.TextWrapWord
	s.byVoters = widget.NewCheck(lang.L("synthesis.by_voters"), s.setWeighing)

	s.ranking = newListPane(ui, []string{"col.position", "col.proposal", "col.score", "col.votes", "col.tables", "col.status"},
		[]float32{0.7, 4.6, 1.7, 1, 2.4, 1.9},
		func(r data.Ranked, col int) string {
			switch col {
			case 0:
				return strconv.Itoa(r.Rank)
			case 1:
				return r.Title
			case 2:
				return italian.Share(r.Score)
			case 3:
				return strconv.Itoa(r.Votes)
			case 4:
				return s.tables(r.Tables)
			}
			return lang.L("pstate." + string(r.State))
		})
	s.ranking.id = func(r data.Ranked) string { return r.ID }
	s.ranking.current = func() string { return s.picked.ID }
	s.ranking.onSelect = s.pick
	s.ranking.extra = func() string { return s.areaID }
	s.ranking.load = func(filter, areaID string) ([]data.Ranked, func(), error) {
		list, err := ui.store.Ranking(ui.ctx, areaID)
		list = filterText(list, filter, func(r data.Ranked) string {
			return strings.Join(append([]string{r.Title, r.AreaName, lang.L("pstate." + string(r.State))}, r.Tables...), " ")
		})
		return list, func() {
			if s.picked.ID != "" && !containsRanked(list, s.picked.ID) {
				s.pick(data.Ranked{})
			}
		}, err
	}
	s.ranking.table.filter.OnSubmitted = func(string) { s.addPicked() }
	s.about = widget.NewLabel(lang.L("synthesis.pick_hint"))
	s.about.Wrapping = fyne.TextWrapWord
	s.add = widget.NewButtonWithIcon(lang.L("synthesis.add"), theme.ContentAddIcon(), s.addPicked)
	s.add.Importance = widget.HighImportance
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(lang.L("synthesis.area")), s.byVoters, s.areaPick),
			s.rule),
		container.NewBorder(nil, nil, nil, container.NewVBox(s.add), s.about), nil, nil, s.ranking.table.content)

	s.prioHead = heading("")
	s.prio = widget.NewList(func() int { return len(s.d.syn.Priorities) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewLabel("00."), widget.NewLabel(""), title)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.d.syn.Priorities) {
				return
			}
			p := s.d.syn.Priorities[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.Title)
			c.Objects[1].(*widget.Label).SetText(strconv.Itoa(id+1) + ".")
			c.Objects[2].(*widget.Label).SetText(lang.L("pstate." + string(p.State)))
		})
	s.prio.OnSelected = func(id widget.ListItemID) { s.prioSel = id }
	s.prio.OnUnselected = func(widget.ListItemID) { s.prioSel = -1 }
	up := widget.NewButtonWithIcon(lang.L("synthesis.up"), theme.MoveUpIcon(), func() { s.move(-1) })
	down := widget.NewButtonWithIcon(lang.L("synthesis.down"), theme.MoveDownIcon(), func() { s.move(1) })
	remove := widget.NewButtonWithIcon(lang.L("synthesis.remove"), theme.ContentRemoveIcon(), s.remove)
	hint := widget.NewLabel(lang.L("synthesis.keys"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	right := container.NewBorder(s.prioHead, container.NewVBox(container.NewHBox(up, down, remove), hint), nil, nil, s.prio)

	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.6
	return split
}

// tables names the bodies a score comes from briefly: a Tavolo tematico by its area.
func (s *synthesisScreen) tables(names []string) string {
	area := map[string]string{}
	for _, a := range s.d.areas {
		area[a.ID] = a.Name
	}
	short := make([]string, len(names))
	for i, n := range names {
		short[i] = n
		for _, b := range s.d.bodies {
			if b.Name == n && b.Kind == data.BodyTavoloTematico && area[b.AreaID] != "" {
				short[i] = area[b.AreaID]
			}
		}
	}
	return strings.Join(short, ", ")
}

// containsRanked reports whether the proposal with this id is in the list.
func containsRanked(list []data.Ranked, id string) bool {
	for _, r := range list {
		if r.ID == id {
			return true
		}
	}
	return false
}

// pick shows the ranked proposal chosen: its area and kind, and the votes its score comes from.
func (s *synthesisScreen) pick(r data.Ranked) {
	s.picked = r
	if r.ID == "" {
		s.about.SetText(lang.L("synthesis.pick_hint"))
		return
	}
	s.about.SetText(strings.Join(append([]string{lang.N("synthesis.about", r.Votes, map[string]any{"title": r.Title,
		"area": r.AreaName, "kind": lang.L("pkind." + string(r.Kind)), "score": italian.Share(r.Score), "n": r.Votes,
		"tables": strings.Join(r.Tables, ", ")})}, scoreLines(r)...), "\n"))
}

// scoreLines explain a ranked proposal's score as the Documento di sintesi does, shorter: each vote it
// counts with its share, and for a merged proposal the parts whose votes it leaves out and the score
// counting them would give.
func scoreLines(r data.Ranked) []string {
	var out []string
	for _, c := range r.Counted {
		args := map[string]any{"body": c.BodyName, "date": italian.Date(c.Date),
			"method": lang.L("method." + string(c.Method)), "share": italian.Share(c.Share)}
		if len(c.Via) == 0 {
			out = append(out, lang.L("synthesis.about_vote", args))
			continue
		}
		args["titles"] = quoted(c.Via)
		out = append(out, lang.L("synthesis.about_via", args))
	}
	if len(r.Left) > 0 {
		out = append(out, lang.L("synthesis.about_left", map[string]any{"titles": quoted(r.Left),
			"whole": italian.Share(r.Whole)}))
	}
	return out
}

// quoted writes titles in guillemets, separated by commas: «A», «B».
func quoted(titles []string) string {
	q := make([]string, len(titles))
	for i, t := range titles {
		q[i] = "«" + t + "»"
	}
	return strings.Join(q, ", ")
}

// showRule states the scoring rule in force, in words, and sets the switch to it.
func (s *synthesisScreen) showRule() {
	voters := s.weighing() == data.WeighVoters
	if voters {
		s.rule.SetText(lang.L("synthesis.rule.voters"))
	} else {
		s.rule.SetText(lang.L("synthesis.rule.tables"))
	}
	changed := s.byVoters.OnChanged
	s.byVoters.OnChanged = nil
	s.byVoters.SetChecked(voters)
	s.byVoters.OnChanged = changed
}

// setWeighing makes every vote weigh its voters (on) or every table weigh the same, and ranks again.
func (s *synthesisScreen) setWeighing(on bool) {
	w := data.WeighTables
	if on {
		w = data.WeighVoters
	}
	var err error
	s.ui.run(func() { err = s.ui.store.SetWeighing(s.ui.ctx, w) }, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		s.d.syn.Weighing = w
		s.showRule()
		s.refresh()
	})
}

// priorityIDs is the priority list as it stands, in order.
func (s *synthesisScreen) priorityIDs() []string {
	var ids []string
	for _, p := range s.d.syn.Priorities {
		ids = append(ids, p.ID)
	}
	return ids
}

// addPicked puts the proposal chosen in the ranking at the end of the priority list.
func (s *synthesisScreen) addPicked() {
	r := s.picked
	if r.ID == "" && len(s.ranking.items) == 1 {
		r = s.ranking.items[0] // the filter left one: Enter means it
	}
	if r.ID == "" {
		s.errs.set(lang.L("synthesis.pick_first"))
		return
	}
	ids := s.priorityIDs()
	for i, id := range ids {
		if id == r.ID {
			s.errs.set(lang.L("synthesis.already", map[string]any{"title": r.Title, "n": i + 1}))
			s.prio.Select(i)
			s.prio.ScrollTo(i)
			return
		}
	}
	s.setPriorities(append(ids, r.ID), "", r.ID, nil)
}

// setPriorities stores the list, then shows it with the proposal with id chosen; done runs after.
func (s *synthesisScreen) setPriorities(ids []string, reason, id string, done func()) {
	var err error
	s.ui.run(func() { err = s.ui.store.SetPriorities(s.ui.ctx, ids, reason) }, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		s.prioNext = id
		s.ranking.refresh()
		s.reload(done)
	})
}

// showPriorities redraws the priority list, keeping the chosen proposal chosen.
func (s *synthesisScreen) showPriorities() {
	list := s.d.syn.Priorities
	if len(list) == 0 {
		s.prioHead.SetText(lang.L("synthesis.priorities_empty"))
	} else {
		s.prioHead.SetText(lang.N("synthesis.priorities", len(list), map[string]any{"n": len(list)}))
	}
	keep := s.prioNext
	s.prioNext = ""
	s.prio.UnselectAll()
	s.prio.Refresh()
	for i, p := range list {
		if p.ID == keep {
			s.prio.Select(i)
			s.prio.ScrollTo(i)
		}
	}
}

// move moves the chosen priority up (delta < 0) or down the list.
func (s *synthesisScreen) move(delta int) {
	i := s.prioSel
	ids := s.priorityIDs()
	if i < 0 || i >= len(ids) {
		s.errs.set(lang.L("synthesis.choose_priority"))
		return
	}
	j := i + delta
	if j < 0 || j >= len(ids) {
		return
	}
	ids[i], ids[j] = ids[j], ids[i]
	s.setPriorities(ids, "", ids[j], nil)
}

// remove takes the chosen priority out of the list. A prioritaria goes back to in valutazione, which
// needs a reason; validated and approved ones stay, as the store says. The status line offers to put
// it back.
func (s *synthesisScreen) remove() {
	i := s.prioSel
	list := s.d.syn.Priorities
	if i < 0 || i >= len(list) {
		s.errs.set(lang.L("synthesis.choose_priority"))
		return
	}
	p := list[i]
	before := s.priorityIDs()
	ids := append(append([]string(nil), before[:i]...), before[i+1:]...)
	drop := func(reason string) {
		s.setPriorities(ids, reason, "", func() {
			s.ui.status.offerUndo(lang.L("synthesis.removed", map[string]any{"title": p.Title}), func() {
				s.setPriorities(before, "", p.ID, nil)
			})
		})
	}
	if p.State != data.StatePrioritaria {
		drop("")
		return
	}
	s.askReason(p.Title, drop)
}

// askReason asks why a prioritaria leaves the list; Enter confirms, Esc gives up. An empty reason is
// not accepted: the proposal's history keeps it.
func (s *synthesisScreen) askReason(title string, ok func(reason string)) {
	reason := newShortcutEntry()
	reason.SetPlaceHolder(lang.L("synthesis.reason_placeholder"))
	reason.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errors.New(lang.L("err.priority.drop_reason", map[string]any{"title": title}))
		}
		return nil
	}
	msg := widget.NewLabel(lang.L("synthesis.reason_question", map[string]any{"title": title}))
	msg.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("", msg), widget.NewFormItem(lang.L("synthesis.reason"), reason)}
	d := dialog.NewForm(lang.L("synthesis.remove_title"), lang.L("synthesis.remove"), lang.L("Cancel"), items, func(yes bool) {
		if yes {
			ok(strings.TrimSpace(reason.Text))
		}
	}, s.ui.win)
	reason.OnSubmitted = func(string) { d.Submit() }
	reason.onKey[fyne.KeyEscape] = d.Dismiss
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
	s.ui.win.Canvas().Focus(reason)
}
