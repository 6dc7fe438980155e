// The Azioni section: the register of actions agreed at every session, overdue first, and their follow-up.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// actionsScreen lists the action items of every session, overdue first, filtered by body and by state,
// with the chosen one beside the list: where it comes from, its follow-up, and a note to mark it done
// with (Enter).
type actionsScreen struct {
	ui       *UI
	pane     *listPane[data.ActionView]
	shown    data.ActionView
	bodies   []data.Body // the choices of the body filter, after "every body"
	body     *widget.Select
	openOnly *widget.Check
	title    *widget.Label
	about    *widget.Label
	note     *shortcutEntry
	done     *widget.Button
	reopen   *widget.Button
	errs     *errorLine
	content  fyne.CanvasObject
}

func newActionsScreen(ui *UI) *actionsScreen {
	s := &actionsScreen{ui: ui, title: heading(lang.L("actions.none")), about: widget.NewLabel(""), errs: newErrorLine()}
	s.about.Wrapping = fyne.TextWrapWord
	s.pane = newListPane(ui, []string{"col.due", "col.who", "col.what", "col.body", "col.status"},
		[]float32{2.1, 2.4, 4.2, 2.4, 1.9}, func(v data.ActionView, col int) string {
			switch col {
			case 0:
				return dueDay(v)
			case 1:
				return v.Who
			case 2:
				return v.What
			case 3:
				return v.BodyName
			}
			return actionState(v)
		})
	s.pane.id = func(v data.ActionView) string { return v.ID }
	s.pane.current = func() string { return s.shown.ID }
	s.pane.onSelect = s.show
	s.pane.extra = func() string {
		id := ""
		if i := s.body.SelectedIndex(); i > 0 && i <= len(s.bodies) {
			id = s.bodies[i-1].ID
		}
		if s.openOnly.Checked {
			return id + "|open"
		}
		return id + "|"
	}
	s.pane.load = func(filter, extra string) ([]data.ActionView, func(), error) {
		st, ctx := ui.store, ui.ctx
		bodyID, open, _ := strings.Cut(extra, "|")
		bodies, err := st.Bodies(ctx)
		if err != nil {
			return nil, nil, err
		}
		list, err := st.Actions(ctx, data.ActionFilter{BodyID: bodyID, OpenOnly: open == "open"})
		if err != nil {
			return nil, nil, err
		}
		list = filterText(list, filter, func(v data.ActionView) string {
			return strings.Join([]string{v.Who, v.What, v.BodyName, actionState(v)}, " ")
		})
		return list, func() { s.loaded(bodies, list) }, nil
	}
	s.body = newSelect([]string{lang.L("actions.every_body")}, nil)
	s.body.SetSelectedIndex(0)
	s.body.OnChanged = func(string) { s.pane.refresh() }
	s.openOnly = widget.NewCheck(lang.L("actions.open_only"), func(bool) { s.pane.refresh() })
	s.pane.table.filter.OnSubmitted = func(string) {
		if s.shown.ID != "" {
			ui.win.Canvas().Focus(s.note)
		}
	}
	s.note = newShortcutEntry()
	s.note.SetPlaceHolder(lang.L("actions.note"))
	s.note.OnSubmitted = func(string) { s.markDone() }
	s.note.onKey[fyne.KeyEscape] = func() { ui.win.Canvas().Focus(s.pane.table.filter) }
	s.done = widget.NewButtonWithIcon(lang.L("actions.mark_done"), theme.ConfirmIcon(), s.markDone)
	s.done.Importance = widget.HighImportance
	s.reopen = widget.NewButtonWithIcon(lang.L("actions.reopen"), theme.ContentUndoIcon(), s.markOpen)
	setEnabled(false, s.done, s.reopen, s.note)
	filters := container.NewBorder(nil, nil, nil, s.openOnly, s.body)
	list := container.NewBorder(filters, nil, nil, nil, s.pane.table.content)
	side := container.NewVBox(s.title, s.about, s.note, s.errs.box, container.New(&flowLayout{}, s.done, s.reopen))
	split := container.NewHSplit(list, container.NewVScroll(container.NewPadded(side)))
	split.Offset = 0.6
	s.content = split
	return s
}

// dueDay is an action's due date as the list shows it.
func dueDay(v data.ActionView) string {
	if v.Due.IsZero() {
		return ""
	}
	return italian.Date(v.Due)
}

// actionState is "scaduta", "aperta" or "svolta".
func actionState(v data.ActionView) string {
	switch {
	case v.Overdue:
		return lang.L("action.overdue")
	case v.Closed:
		return lang.L("action.done")
	}
	return lang.L("action.open")
}

// loaded puts the bodies in the filter, keeping the one chosen, and brings the detail up to date.
func (s *actionsScreen) loaded(bodies []data.Body, list []data.ActionView) {
	chosen := s.body.SelectedIndex()
	chosenID := ""
	if chosen > 0 && chosen <= len(s.bodies) {
		chosenID = s.bodies[chosen-1].ID
	}
	s.bodies = bodies
	options := []string{lang.L("actions.every_body")}
	index := 0
	for i, b := range bodies {
		options = append(options, b.Name)
		if b.ID == chosenID {
			index = i + 1
		}
	}
	s.body.Options = options
	keep := s.body.OnChanged
	s.body.OnChanged = nil
	s.body.SetSelectedIndex(index)
	s.body.OnChanged = keep
	for _, v := range list {
		if v.ID == s.shown.ID {
			s.show(v)
			return
		}
	}
}

// refresh reads the register again.
func (s *actionsScreen) refresh() { s.pane.refresh() }

// focusFilter puts the cursor in the filter box.
func (s *actionsScreen) focusFilter() { s.ui.win.Canvas().Focus(s.pane.table.filter) }

// show puts an action beside the list, with its follow-up's note ready to edit.
func (s *actionsScreen) show(v data.ActionView) {
	same := s.shown.ID == v.ID
	s.shown = v
	s.title.SetText(v.What)
	lines := []string{lang.L("actions.where", map[string]any{"who": v.Who, "body": v.BodyName,
		"date": italian.Day(v.SessionDate)})}
	if !v.Due.IsZero() {
		lines = append(lines, lang.L("actions.due", map[string]any{"date": italian.Day(v.Due)}))
	}
	switch {
	case v.Done:
		lines = append(lines, lang.L("actions.done_at_session"))
	case v.FollowUp != nil && v.FollowUp.Done:
		lines = append(lines, lang.L("actions.done_on", map[string]any{"date": italian.Day(v.FollowUp.DoneOn)}))
	case v.Overdue:
		lines = append(lines, lang.L("actions.overdue"))
	}
	s.about.SetText(strings.Join(lines, "\n"))
	if !same {
		note := ""
		if v.FollowUp != nil {
			note = v.FollowUp.Note
		}
		s.note.SetText(note)
		s.errs.set("")
	}
	setEnabled(true, s.note, s.done)
	setEnabled(v.FollowUp != nil && v.FollowUp.Done, s.reopen)
}

// markDone records the action shown as done, today, with the note typed; the status line offers to undo.
func (s *actionsScreen) markDone() { s.follow(true) }

// markOpen records the action shown as not done after all, keeping its note.
func (s *actionsScreen) markOpen() { s.follow(false) }

// follow saves the shown action's follow-up, done or not, with the note typed, and offers to put back
// what it was.
func (s *actionsScreen) follow(done bool) {
	v := s.shown
	if v.ID == "" || s.ui.store == nil {
		return
	}
	f := data.ActionFollowUp{ActionItemID: v.ID, Done: done, Note: s.note.Text}
	var before *data.ActionFollowUp
	if v.FollowUp != nil {
		prev := *v.FollowUp
		before = &prev
		f.ID, f.SessionID = prev.ID, prev.SessionID
		if done && prev.Done {
			f.DoneOn = prev.DoneOn
		}
	}
	st, ctx := s.ui.store, s.ui.ctx
	var saved data.ActionFollowUp
	var err error
	s.ui.run(func() {
		// Checked while a session of its body is under way: that session's Verifica delle azioni did it,
		// and its verbale says so.
		if f.SessionID == "" {
			var now []data.SessionView
			if now, err = st.Sessions(ctx, data.SessionFilter{BodyID: v.BodyID, Status: data.SessionInCorso}); err != nil {
				return
			}
			for _, sess := range now {
				if sess.ID != v.SessionID {
					f.SessionID = sess.ID
				}
			}
		}
		saved, err = st.SaveFollowUp(ctx, f)
	}, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.errs.set("")
		s.ui.saved()
		key := "actions.marked_done"
		if !done {
			key = "actions.marked_open"
		}
		s.ui.status.offerUndoAs(lang.L("actions.undo"), lang.L(key, map[string]any{"what": v.What}),
			func() { s.undo(saved, before) })
		s.pane.refresh()
	})
}

// undo puts back the follow-up an action had before saved: none (an open action without a note) or the
// one it was.
func (s *actionsScreen) undo(saved data.ActionFollowUp, before *data.ActionFollowUp) {
	back := data.ActionFollowUp{Meta: data.Meta{ID: saved.ID}, ActionItemID: saved.ActionItemID}
	if before != nil {
		back.Done, back.DoneOn, back.Note, back.SessionID = before.Done, before.DoneOn, before.Note, before.SessionID
	}
	st, ctx := s.ui.store, s.ui.ctx
	var err error
	s.ui.run(func() { _, err = st.SaveFollowUp(ctx, back) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.saved()
		if s.shown.ID == back.ActionItemID {
			s.note.SetText(back.Note)
		}
		s.pane.refresh()
	})
}
