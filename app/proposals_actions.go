// The steps of a proposal (validate, approve, reject, merge, split) and the reason each asks.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// reasonEntry is the box for the reason of a step, which stays in the proposal's history: Enter
// confirms the question it is in, Esc dismisses it.
func reasonEntry(required bool) *shortcutEntry {
	e := newShortcutEntry()
	if required {
		e.SetPlaceHolder(lang.L("proposals.reason_required"))
	} else {
		e.SetPlaceHolder(lang.L("proposals.reason_optional"))
	}
	return e
}

// askQuestion shows a question with its own widgets; Enter in the reason confirms, Esc dismisses. When
// the reason is required, Enter on an empty one keeps the question open and says so.
func (s *proposalsScreen) askQuestion(title, confirmText string, content fyne.CanvasObject, reason *shortcutEntry,
	required bool, size fyne.Size, ok func()) {
	errs := newErrorLine()
	content = container.NewVBox(content, errs.box)
	d := dialog.NewCustomConfirm(title, confirmText, lang.L("Cancel"), content, func(yes bool) {
		if yes {
			ok()
		}
	}, s.ui.win)
	submit := func() {
		if required && strings.TrimSpace(reason.Text) == "" {
			errs.set(lang.L("proposals.reason_missing"))
			s.ui.win.Canvas().Focus(reason)
			return
		}
		d.Confirm()
	}
	reason.OnSubmitted = func(string) { submit() }
	reason.onKey[fyne.KeyEscape] = d.Dismiss
	wireFieldKeys(submit, d.Dismiss, content) // the state to go back to, when it is asked
	d.Resize(size)
	d.Show()
	s.ui.win.Canvas().Focus(reason)
}

// askMove asks for the reason of a step of the proposal shown (required going back, and for a validation
// or approval by hand) and takes it.
// back, when given, are the states it may go back to: the question lets the user choose.
func (s *proposalsScreen) askMove(to data.ProposalState, back []data.ProposalState) {
	p := s.detail.d.ProposalView
	if p.ID == "" {
		return
	}
	s.detail.form.flush()
	state := func(x data.ProposalState) string { return lang.L("pstate." + string(x)) }
	goingBack := len(back) > 0
	question := line("")
	ask := func(x data.ProposalState) {
		question.SetText(lang.L("proposals.move_question", map[string]any{"title": p.Title, "from": state(p.State),
			"to": state(x)}))
	}
	ask(to)
	content := container.NewVBox(question)
	var target *keySelect
	if goingBack {
		var labels []string
		for _, x := range back {
			labels = append(labels, state(x))
		}
		target = newKeySelect(labels, func(string) { ask(back[max(target.SelectedIndex(), 0)]) })
		content.Add(container.NewBorder(nil, nil, widget.NewLabel(lang.L("proposals.back_to")), nil, target))
	}
	required := goingBack || data.CheckMove(p.State, to, "") != nil
	reason := reasonEntry(required)
	content.Add(reason)
	if target != nil {
		target.SetSelected(state(to))
	}
	confirm := lang.L("proposals.move_ok")
	if to == data.StateRespinta {
		confirm = lang.L("proposals.reject_ok")
	}
	s.askQuestion(lang.L("proposals.move_title"), confirm, content, reason, required, fyne.NewSize(560, 290), func() {
		chosen := to
		if target != nil && target.SelectedIndex() >= 0 {
			chosen = back[target.SelectedIndex()]
		}
		s.move(p.ID, chosen, reason.Text)
	})
}

// move takes a proposal to another state; a refusal is written under the proposal's title.
func (s *proposalsScreen) move(id string, to data.ProposalState, reason string) {
	st := s.ui.store
	var err error
	var p data.Proposal
	s.ui.run(func() { p, err = st.MoveProposal(s.ui.ctx, id, to, reason) }, func() {
		if err != nil {
			s.detail.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		s.ui.status.say(lang.L("proposals.moved", map[string]any{"title": p.Title, "state": lang.L("pstate." + string(p.State))}))
		s.open(p.ID)
	})
}

// askMerge opens the merge form for the marked proposals, filled from the first one marked: its title,
// area and kind, and every text one after the other.
func (s *proposalsScreen) askMerge() {
	if len(s.marked) < 2 {
		s.ui.status.say(i18n.Explain(data.Errorf(data.EInvalid, "err.merge.two")))
		return
	}
	s.detail.form.flush()
	marked := append([]data.ProposalView(nil), s.marked...)
	first := marked[0]
	originals := container.NewVBox()
	var texts []string
	for _, p := range marked {
		originals.Add(line("«" + p.Title + "» — " + whence(p)))
		if t := strings.TrimSpace(p.Text); t != "" {
			texts = append(texts, t)
		}
	}
	title := newShortcutEntry()
	title.SetText(first.Title)
	text := newTextArea()
	text.SetText(strings.Join(texts, "\n\n"))
	text.SetMinRowsVisible(6)
	var areaNames, kinds []string
	for _, a := range s.areas {
		areaNames = append(areaNames, a.Name)
	}
	for _, k := range data.ProposalKinds {
		kinds = append(kinds, lang.L("pkind."+string(k)))
	}
	area := newKeySelect(areaNames, nil)
	choose(&area.Select, len(s.areas), func(i int) bool { return s.areas[i].ID == first.AreaID }, 0)
	kind := newKeySelect(kinds, nil)
	choose(&kind.Select, len(data.ProposalKinds), func(i int) bool { return data.ProposalKinds[i] == first.Kind }, 0)
	reason := reasonEntry(false)
	intro := line(lang.L("proposals.merge_intro", map[string]any{"n": len(marked)}))
	items := []*widget.FormItem{
		widget.NewFormItem("", container.NewVBox(intro, originals)),
		widget.NewFormItem(lang.L("field.title"), title),
		widget.NewFormItem(lang.L("field.text"), text),
		widget.NewFormItem(lang.L("field.area"), area),
		widget.NewFormItem(lang.L("field.kind"), kind),
		widget.NewFormItem(lang.L("proposals.reason"), reason),
	}
	dlg := dialog.NewForm(lang.L("proposals.merge_title"), lang.L("proposals.merge_ok"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		into := data.Proposal{Title: title.Text, Text: text.Text}
		if i := area.SelectedIndex(); i >= 0 && i < len(s.areas) {
			into.AreaID = s.areas[i].ID
		}
		if i := kind.SelectedIndex(); i >= 0 {
			into.Kind = data.ProposalKinds[i]
		}
		var ids []string
		for _, p := range marked {
			ids = append(ids, p.ID)
		}
		s.merge(ids, into, reason.Text)
	}, s.ui.win)
	for _, e := range []*shortcutEntry{title, reason} {
		e.OnSubmitted = func(string) { dlg.Submit() }
		e.onKey[fyne.KeyEscape] = dlg.Hide
	}
	formKeys(dlg.Submit, dlg.Hide, items...) // the text and the selects
	dlg.Resize(fyne.NewSize(780, 640))
	dlg.Show()
	s.ui.win.Canvas().Focus(title)
}

// merge merges proposals into a new one, shows it, and offers to undo in the status line.
func (s *proposalsScreen) merge(ids []string, into data.Proposal, reason string) {
	st := s.ui.store
	var err error
	var merged data.Proposal
	s.ui.run(func() { merged, err = st.MergeProposals(s.ui.ctx, ids, into, reason) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.saved()
		s.unmarkAll()
		s.titles[merged.ID] = merged.Title
		first := ids[0]
		s.ui.status.offerUndoAs(lang.L("proposals.undo_merge"),
			lang.L("proposals.merged", map[string]any{"n": len(ids), "title": merged.Title}),
			func() { s.unmerge(merged.ID, "", first) })
		s.open(merged.ID)
	})
}

// askUnmerge asks to undo the merge that made the proposal shown.
func (s *proposalsScreen) askUnmerge() {
	pd := s.detail.d
	if pd.ID == "" || len(pd.Originals) == 0 {
		return
	}
	s.detail.form.flush()
	reason := reasonEntry(false)
	msg := line(lang.L("proposals.unmerge_question", map[string]any{"title": pd.Title, "n": len(pd.Originals)}))
	first := pd.Originals[0].ID
	s.askQuestion(lang.L("proposals.unmerge"), lang.L("proposals.unmerge_ok"), container.NewVBox(msg, reason), reason, false,
		fyne.NewSize(560, 240), func() { s.unmerge(pd.ID, reason.Text, first) })
}

// unmerge undoes a merge: the merged proposal goes, its originals come back as they were. The first
// original is shown.
func (s *proposalsScreen) unmerge(mergedID, reason, show string) {
	st := s.ui.store
	var err error
	title := s.title(mergedID)
	s.ui.run(func() { err = st.UndoMerge(s.ui.ctx, mergedID, reason) }, func() {
		if err != nil {
			if s.detail.shownID() == mergedID {
				s.detail.errs.set(i18n.Explain(err))
			} else {
				s.ui.showError(err)
			}
			return
		}
		s.ui.saved()
		s.ui.status.say(lang.L("proposals.unmerged", map[string]any{"title": title}))
		if s.detail.shownID() == mergedID {
			s.detail.clear()
		}
		s.open(show)
	})
}

// splitPart is one part being written in the split form.
type splitPart struct {
	title *shortcutEntry
	text  *textArea
}

// askSplit opens the form that splits parts off the proposal shown: a title and a text for each.
func (s *proposalsScreen) askSplit() {
	pd := s.detail.d
	if pd.ID == "" {
		return
	}
	s.detail.form.flush()
	var parts []splitPart
	box := container.NewVBox()
	var dlg *dialog.ConfirmDialog
	reason := reasonEntry(false)
	add := func() {
		p := splitPart{title: newShortcutEntry(), text: newTextArea()}
		p.title.SetPlaceHolder(lang.L("proposals.part_title"))
		p.title.OnSubmitted = func(string) { dlg.Confirm() }
		p.title.onKey[fyne.KeyEscape] = func() { dlg.Dismiss() }
		p.text.SetPlaceHolder(lang.L("proposals.part_text"))
		p.text.SetMinRowsVisible(3)
		parts = append(parts, p)
		box.Add(heading(lang.L("proposals.part_n", map[string]any{"n": len(parts)})))
		box.Add(p.title)
		box.Add(p.text)
		s.ui.win.Canvas().Focus(p.title)
	}
	more := widget.NewButton(lang.L("proposals.add_part"), add)
	intro := line(lang.L("proposals.split_intro", map[string]any{"title": pd.Title}))
	content := container.NewVScroll(container.NewVBox(intro, box, more, widget.NewLabel(lang.L("proposals.reason")), reason))
	dlg = dialog.NewCustomConfirm(lang.L("proposals.split_title"), lang.L("proposals.split_ok"), lang.L("Cancel"), content,
		func(ok bool) {
			if !ok {
				return
			}
			var list []data.Proposal
			for _, p := range parts {
				if strings.TrimSpace(p.title.Text) == "" && strings.TrimSpace(p.text.Text) == "" {
					continue // a part left empty is not one
				}
				list = append(list, data.Proposal{Title: p.title.Text, Text: p.text.Text})
			}
			s.split(pd.ID, list, reason.Text)
		}, s.ui.win)
	reason.OnSubmitted = func(string) { dlg.Confirm() }
	reason.onKey[fyne.KeyEscape] = dlg.Dismiss
	dlg.Resize(fyne.NewSize(720, 600))
	dlg.Show()
	add()
}

// split creates the parts, shows the proposal they came from, and offers to undo in the status line
// (the parts are deleted).
func (s *proposalsScreen) split(id string, parts []data.Proposal, reason string) {
	st := s.ui.store
	var err error
	var made []data.Proposal
	s.ui.run(func() { made, err = st.SplitProposal(s.ui.ctx, id, parts, reason) }, func() {
		if err != nil {
			s.detail.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		var refs []data.Ref
		for _, p := range made {
			refs = append(refs, data.Ref{Kind: data.KindProposal, ID: p.ID})
			s.titles[p.ID] = p.Title
		}
		s.ui.status.offerUndoAs(lang.L("proposals.undo_split"),
			lang.N("proposals.split_done", len(made), map[string]any{"n": len(made), "title": s.title(id)}),
			func() { s.deleteParts(id, refs) })
		s.open(id)
	})
}

// deleteParts takes back a split: the parts are deleted, and the proposal they came from is shown.
func (s *proposalsScreen) deleteParts(origin string, refs []data.Ref) {
	var err error
	st, ctx := s.ui.store, s.ui.ctx
	s.ui.run(func() {
		_, err = st.DeleteAll(ctx, refs) // all the parts or none
	}, func() {
		if err != nil {
			s.ui.showError(err)
		} else {
			s.ui.status.say(lang.L("proposals.split_undone", map[string]any{"title": s.title(origin)}))
		}
		s.ui.saved()
		if id := s.detail.shownID(); id != origin {
			for _, r := range refs {
				if r.ID == id {
					s.detail.clear()
				}
			}
		}
		s.open(origin)
	})
}
