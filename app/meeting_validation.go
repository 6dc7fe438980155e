// Validation votes of the Tavolo Alto and the Tavolo dei Sindaci on the priority list.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// validates reports whether a body votes on the priority list: the Tavolo Alto validates it, the
// Tavolo dei Sindaci approves it.
func validates(kind data.BodyKind) bool {
	return kind == data.BodyTavoloAlto || kind == data.BodySindaci
}

// validationSubject is the subject a validation vote starts with.
func validationSubject(kind data.BodyKind) string {
	if kind == data.BodySindaci {
		return lang.L("vote.validation.subject_mayors")
	}
	return lang.L("vote.validation.subject_alto")
}

// withCandidates reads the proposals the session's body can validate, then calls next with them (none
// for a body that validates nothing, or when they cannot be read: the form still opens).
func (m *meetingScreen) withCandidates(next func([]data.ProposalView)) {
	if !validates(m.d.Body.Kind) {
		next(nil)
		return
	}
	var list []data.ProposalView
	var err error
	id := m.d.Session.ID
	m.ui.run(func() { list, err = m.ui.store.ValidationCandidates(m.ui.ctx, id) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			list = nil
		}
		next(list)
	})
}

// validationChoice is the vote form's "what" at the Tavolo Alto and the Tavolo dei Sindaci: a motion
// or the session's proposals as usual, or the priority list waiting for this body. Chosen, the vote
// is a motion on the list: the subject is filled in, the method fixed, and the proposals it covers are
// listed.
type validationChoice struct {
	radio *widget.RadioGroup
	list  *widget.Label
	box   fyne.CanvasObject
	ids   []string
	valid string // the radio's label for the validation
}

// newValidationChoice offers the candidates as the vote's "what"; choosing them sets the form's subject,
// method and options for the validation.
func newValidationChoice(kind data.BodyKind, item data.AgendaItem, cands []data.ProposalView, subject *shortcutEntry,
	method *widget.Select, options *widget.CheckGroup) *validationChoice {
	c := &validationChoice{valid: lang.N("vote.what.validation", len(cands), map[string]any{"n": len(cands)})}
	for _, p := range cands {
		c.ids = append(c.ids, p.ID)
	}
	c.list = widget.NewLabel(numbered(cands))
	c.list.Wrapping = fyne.TextWrapWord
	motion := 0
	for i, x := range data.VoteMethods {
		if x == data.MethodMotion {
			motion = i
		}
	}
	plain := lang.L("vote.what.plain")
	c.radio = widget.NewRadioGroup([]string{plain, c.valid}, func(string) {
		if c.on() {
			subject.SetText(validationSubject(kind))
			method.SetSelectedIndex(motion)
			method.Disable()
			options.Disable()
			c.list.Show()
			return
		}
		if subject.Text == validationSubject(kind) {
			subject.SetText(item.Title)
		}
		method.Enable()
		options.Enable()
		c.list.Hide()
	})
	c.radio.Required = true
	// An item brought from Sintesi is there for this vote: the validation is the likely choice.
	if data.Fold(item.Title) == data.Fold(validationItem(kind)) {
		c.radio.SetSelected(c.valid)
	} else {
		c.radio.SetSelected(plain)
	}
	c.box = container.NewVBox(c.radio, c.list)
	return c
}

// on reports whether the validation is chosen.
func (c *validationChoice) on() bool { return c != nil && c.radio.Selected == c.valid }

// apply makes v the validation vote when it is chosen: a motion covering the candidates.
func (c *validationChoice) apply(v *data.Vote) {
	if !c.on() {
		return
	}
	v.Method = data.MethodMotion
	v.Options = nil
	v.Covers = append([]string(nil), c.ids...)
}

// movedLine says, under a closed validation vote's result, what it did to the proposals it covered:
// "8 proposte ora validate". It is filled in once their histories are read.
func (m *meetingScreen) movedLine(v data.Vote) fyne.CanvasObject {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	moved := map[data.ProposalState]int{}
	var err error
	m.ui.run(func() {
		for _, id := range v.Covers {
			var d data.ProposalDetail
			if d, err = m.ui.store.ProposalDetail(m.ui.ctx, id); err != nil {
				return
			}
			for _, e := range d.History {
				if e.VoteID == v.ID {
					moved[e.To]++
				}
			}
		}
	}, func() {
		if err != nil {
			l.SetText(i18n.Explain(err))
			return
		}
		l.SetText(movedSentence(moved, len(v.Covers)))
	})
	return l
}

// movedSentence puts the moves of a validation vote in words.
func movedSentence(moved map[data.ProposalState]int, covered int) string {
	var parts []string
	for _, x := range []struct {
		st  data.ProposalState
		key string
	}{{data.StateValidata, "vote.moved.validata"}, {data.StateApprovata, "vote.moved.approvata"},
		{data.StateRespinta, "vote.moved.respinta"}} {
		if n := moved[x.st]; n > 0 {
			parts = append(parts, lang.N(x.key, n, map[string]any{"n": n}))
		}
	}
	if len(parts) == 0 {
		return lang.N("vote.moved.none", covered, map[string]any{"n": covered})
	}
	return strings.Join(parts, "; ") + "."
}
