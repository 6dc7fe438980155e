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
// becomes an alias of the one chosen, which stays. The dialog searches as one types; ↓ and ↑ choose,
// Enter joins, Esc cancels. The status line offers to undo it.
func (s *peopleScreen) joinItem() {
	if s.form.meta.ID == "" {
		return
	}
	s.form.saver.flush()
	ui, loser, loserName := s.ui, s.form.meta.ID, s.form.person().FullName()
	search := newShortcutEntry()
	search.SetPlaceHolder(lang.L("people.join_search"))
	var found []data.PersonView
	chosen := -1
	list := widget.NewList(func() int { return len(found) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(found) {
				o.(*widget.Label).SetText(personLine(found[i]))
			}
		})
	list.OnSelected = func(i widget.ListItemID) { chosen = i }
	find := func(q string) {
		var people []data.PersonView
		var err error
		ui.run(func() { people, err = ui.store.People(ui.ctx, data.PeopleFilter{Query: q}) }, func() {
			if err != nil || search.Text != q {
				return // an error shows nothing; a later search has the last word
			}
			found = found[:0]
			for _, p := range people {
				if p.ID != loser && len(found) < 8 {
					found = append(found, p)
				}
			}
			chosen = -1
			list.UnselectAll()
			if len(found) > 0 {
				list.Select(0)
			}
			list.Refresh()
		})
	}
	search.OnChanged = find
	move := func(by int) {
		if len(found) > 0 {
			list.Select(min(max(chosen+by, 0), len(found)-1))
		}
	}
	search.onKey[fyne.KeyDown] = func() { move(1) }
	search.onKey[fyne.KeyUp] = func() { move(-1) }
	intro := widget.NewLabel(lang.L("people.join_intro", map[string]any{"name": loserName}))
	intro.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	join := func() {
		if chosen < 0 || chosen >= len(found) {
			return
		}
		d.Hide()
		s.joinNow(loser, loserName, found[chosen])
	}
	search.OnSubmitted = func(string) { join() }
	search.onKey[fyne.KeyEscape] = func() { d.Hide() }
	ok := widget.NewButton(lang.L("people.join_do"), join)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	content := container.NewBorder(container.NewVBox(intro, search), nil, nil, nil, list)
	d = dialog.NewCustomWithoutButtons(lang.L("people.join_title"), content, ui.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
	ui.win.Canvas().Focus(search)
	s.joinDialog = d
	s.joinSearch, s.joinList = search, list
	search.SetText(strings.TrimSpace(s.form.surname.Text)) // the twin most likely has the same surname
}

// joinNow joins and offers the undo.
func (s *peopleScreen) joinNow(loser, loserName string, survivor data.PersonView) {
	ui := s.ui
	var j data.Join
	var err error
	ui.run(func() { j, err = ui.store.Join(ui.ctx, data.KindPerson, loser, survivor.ID) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.saved()
		s.form.load(survivor)
		s.refresh()
		ui.status.offerUndoAs(lang.L("people.join_undo"), lang.L("people.joined", map[string]any{"name": loserName,
			"into": survivor.FullName(), "n": len(j.Moved)}), func() {
			var uerr error
			ui.run(func() { uerr = ui.store.Unjoin(ui.ctx, j) }, func() {
				if uerr != nil {
					ui.showError(uerr)
					return
				}
				ui.saved()
				s.refresh()
			})
		})
	})
}

// personLine names a person in a list of candidates: name, organisation, comune, email.
func personLine(p data.PersonView) string {
	var parts []string
	for _, x := range []string{p.FullName(), p.OrganisationName, p.ComuneName, p.Email} {
		if strings.TrimSpace(x) != "" {
			parts = append(parts, strings.TrimSpace(x))
		}
	}
	return strings.Join(parts, " · ")
}
