// Joining a person or organisation entered twice into one record, and undoing it.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// joinItem joins the person in the form with another record of the same person: the one in the form
// becomes an alias of the one chosen, which stays. The status line offers to undo it.
func (s *peopleScreen) joinItem() {
	if s.form.meta.ID == "" {
		return
	}
	s.form.saver.flush()
	ui, loser, loserName := s.ui, s.form.meta.ID, s.form.person().FullName()
	find := func(q string) ([]joinCandidate, error) {
		people, err := ui.store.People(ui.ctx, data.PeopleFilter{Query: q})
		var out []joinCandidate
		for _, p := range people {
			out = append(out, joinCandidate{id: p.ID, name: p.FullName(), line: personLine(p), person: p})
		}
		return out, err
	}
	s.join = ui.joinPicker(lang.L("people.join_title"), lang.L("people.join_intro", map[string]any{"name": loserName}),
		loser, strings.TrimSpace(s.form.surname.Text), find, func(c joinCandidate) {
			ui.joinNow(data.KindPerson, loser, loserName, c, "people.joined", func() {
				s.form.load(c.person)
				s.refresh()
			}, s.refresh)
		})
}

// joinCandidate is a record a join may keep: its id, name, the line that shows it, and the person
// when it is one.
type joinCandidate struct {
	id, name, line string
	person         data.PersonView
}

// joinPicker is the dialog that chooses the record that stays in a join: it searches as one types,
// ↓ and ↑ choose, Enter joins, Esc cancels. It leaves out the record being joined (loser).
type joinPicker struct {
	dialog *dialog.CustomDialog
	search *shortcutEntry
	list   *widget.List
}

func (ui *UI) joinPicker(title, intro, loser, query string, find func(string) ([]joinCandidate, error),
	join func(joinCandidate)) *joinPicker {
	p := &joinPicker{search: newShortcutEntry()}
	p.search.SetPlaceHolder(lang.L("people.join_search"))
	var found []joinCandidate
	chosen := -1
	p.list = widget.NewList(func() int { return len(found) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(found) {
				o.(*widget.Label).SetText(found[i].line)
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) { chosen = i }
	p.search.OnChanged = func(q string) {
		var list []joinCandidate
		var err error
		ui.run(func() { list, err = find(q) }, func() {
			if err != nil || p.search.Text != q {
				return // an error shows nothing; a later search has the last word
			}
			found = found[:0]
			for _, c := range list {
				if c.id != loser && len(found) < 8 {
					found = append(found, c)
				}
			}
			chosen = -1
			p.list.UnselectAll()
			if len(found) > 0 {
				p.list.Select(0)
			}
			p.list.Refresh()
		})
	}
	move := func(by int) {
		if len(found) > 0 {
			p.list.Select(min(max(chosen+by, 0), len(found)-1))
		}
	}
	p.search.onKey[fyne.KeyDown] = func() { move(1) }
	p.search.onKey[fyne.KeyUp] = func() { move(-1) }
	label := widget.NewLabel(intro)
	label.Wrapping = fyne.TextWrapWord
	do := func() {
		if chosen < 0 || chosen >= len(found) {
			return
		}
		p.dialog.Hide()
		join(found[chosen])
	}
	p.search.OnSubmitted = func(string) { do() }
	p.search.onKey[fyne.KeyEscape] = func() { p.dialog.Hide() }
	ok := widget.NewButton(lang.L("people.join_do"), do)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { p.dialog.Hide() })
	p.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(container.NewVBox(label, p.search), nil, nil, nil, p.list),
		ui.win)
	p.dialog.SetButtons([]fyne.CanvasObject{cancel, ok})
	p.dialog.Resize(fyne.NewSize(560, 420))
	p.dialog.Show()
	ui.win.Canvas().Focus(p.search)
	p.search.SetText(query) // the twin most likely has the same surname, or name
	return p
}

// joinNow joins loser into survivor, runs joined, and offers the undo in the status line, which runs
// undone. doneKey is the status line's sentence ("«A» unita a «B»").
func (ui *UI) joinNow(kind data.Kind, loser, loserName string, survivor joinCandidate, doneKey string, joined, undone func()) {
	var j data.Join
	var err error
	ui.run(func() { j, err = ui.store.Join(ui.ctx, kind, loser, survivor.id) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.saved()
		joined()
		ui.status.offerUndoAs(lang.L("people.join_undo"), lang.L(doneKey, map[string]any{"name": loserName,
			"into": survivor.name, "n": len(j.Moved)}), func() {
			var uerr error
			ui.run(func() { uerr = ui.store.Unjoin(ui.ctx, j) }, func() {
				if uerr != nil {
					ui.showError(uerr)
					return
				}
				ui.saved()
				undone()
			})
		})
	})
}

// personLine names a person in a list of candidates: name, organisation, comune, email.
func personLine(p data.PersonView) string {
	return strings.Join(nonBlank(p.FullName(), p.OrganisationName, p.ComuneName, p.Email), " · ")
}
