// What a proposal says, saved as it is typed unless its session's verbale is approved.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// proposalForm holds what a proposal says: title, text, area, kind, target group, who proposed it, the
// comuni, cost and duration. It saves itself as the user types, unless the verbale of its session is
// approved. Where the proposal is in its life is not edited here: the lifecycle's steps change it.
type proposalForm struct {
	s       *proposalsScreen
	d       *proposalDetail
	base    data.Proposal // the stored proposal: its session, state and lineage go back as they were
	loading bool
	form    *widget.Form

	title    *shortcutEntry
	text     *textArea
	area     *widget.Select
	kind     *widget.Select
	target   *shortcutEntry
	proposer *widget.Select
	org      *widget.Select
	comuniC  *fyne.Container
	comuni   []*widget.Check
	cost     *widget.Select
	duration *widget.Select
	note     *widget.Label // saved as you type, or why it cannot be
	saver    *autosaver[data.Proposal]
	content  fyne.CanvasObject

	areas   []data.Area
	comuneL []data.Comune
	people  []data.PersonView
	orgs    []data.OrganisationView
}

func newProposalForm(s *proposalsScreen, d *proposalDetail) *proposalForm {
	f := &proposalForm{s: s, d: d, title: newShortcutEntry(), text: newTextArea(), target: newShortcutEntry(),
		comuniC: container.NewGridWrap(fyne.NewSize(230, 36)), note: widget.NewLabel("")}
	f.text.SetMinRowsVisible(4)
	f.target.SetPlaceHolder(lang.L("capture.target_placeholder"))
	var kinds, costs, times []string
	for _, k := range data.ProposalKinds {
		kinds = append(kinds, lang.L("pkind."+string(k)))
	}
	for _, c := range costBands {
		costs = append(costs, lang.L("cost."+orNone(string(c))))
	}
	for _, t := range timeBands {
		times = append(times, lang.L("tband."+orNone(string(t))))
	}
	changed := func(string) { f.changed() }
	f.area = newSelect(nil, changed)
	f.kind = newSelect(kinds, changed)
	f.proposer = newSelect(nil, changed)
	f.org = newSelect(nil, changed)
	f.cost = newSelect(costs, changed)
	f.duration = newSelect(times, changed)
	for _, e := range []*shortcutEntry{f.title, f.target} {
		e.OnChanged = changed
		e.onKey[fyne.KeyEscape] = s.focusFilter
	}
	f.text.OnChanged = changed
	f.note.Wrapping = fyne.TextWrapWord
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.title"), f.title),
		widget.NewFormItem(lang.L("field.text"), f.text),
		widget.NewFormItem(lang.L("field.area"), f.area),
		widget.NewFormItem(lang.L("field.kind"), f.kind),
		widget.NewFormItem(lang.L("field.target"), f.target),
		widget.NewFormItem(lang.L("field.proposer"), f.proposer),
		widget.NewFormItem(lang.L("field.organisation"), f.org),
		widget.NewFormItem(lang.L("field.comuni"), f.comuniC),
		widget.NewFormItem(lang.L("field.cost"), f.cost),
		widget.NewFormItem(lang.L("field.duration"), f.duration),
	)
	f.saver = &autosaver[data.Proposal]{ui: s.ui, get: f.proposal,
		save: func(p data.Proposal) (data.Proposal, error) { return s.ui.store.SaveProposal(s.ui.ctx, p) },
		meta: func(p data.Proposal) data.Meta { return p.Meta },
		apply: func(p data.Proposal) {
			if f.base.ID != "" && f.base.ID != p.ID {
				return // saved on the way to another proposal
			}
			// The stored head comes back; what was typed since stays in the form.
			f.base.Meta, f.base.State, f.base.MergedIntoID, f.base.SplitFromID, f.base.Priority = p.Meta, p.State,
				p.MergedIntoID, p.SplitFromID, p.Priority
		},
		report: func(err error) { d.errs.set(i18n.Explain(err)) },
		after:  f.saved,
	}
	f.content = container.NewVBox(f.form, f.note)
	return f
}

// setChoices fills the lists of areas, comuni, people and organisations, keeping what is chosen.
func (f *proposalForm) setChoices(areas []data.Area, comuni []data.Comune, people []data.PersonView, orgs []data.OrganisationView) {
	f.loading = true
	defer func() { f.loading = false }()
	p := f.proposal()
	f.areas, f.people, f.orgs = areas, people, orgs
	var names []string
	for _, a := range areas {
		names = append(names, a.Name)
	}
	f.area.SetOptions(names)
	names = []string{lang.L("person.none")}
	for _, x := range people {
		names = append(names, x.FullName())
	}
	f.proposer.SetOptions(names)
	names = []string{lang.L("organisation.none")}
	for _, o := range orgs {
		names = append(names, o.Name)
	}
	f.org.SetOptions(names)
	f.comuneL = comuni
	f.comuni = nil
	f.comuniC.Objects = nil
	var cell fyne.Size
	for _, c := range comuni {
		ch := widget.NewCheck(c.Name, func(bool) { f.changed() })
		f.comuni = append(f.comuni, ch)
		f.comuniC.Add(ch)
		cell = cell.Max(ch.MinSize())
	}
	// As many comuni on a line as the detail's width holds: the form does not widen the detail.
	f.comuniC.Layout = layout.NewGridWrapLayout(cell)
	f.comuniC.Refresh()
	f.fill(p)
	f.enable(!f.title.Disabled())
}

// blank shows no proposal: the form is empty and off.
func (f *proposalForm) blank() {
	f.flush()
	f.loading = true
	f.base = data.Proposal{}
	f.fill(data.Proposal{})
	f.loading = false
	f.note.SetText("")
	f.enable(false)
}

// load shows a proposal; lock says why it cannot change ("" when it can).
func (f *proposalForm) load(v data.ProposalView, lock string) {
	f.flush()
	f.loading = true
	f.base = v.Proposal
	f.fill(v.Proposal)
	f.loading = false
	if lock != "" {
		f.note.SetText(lock)
		f.note.Importance = widget.WarningImportance
	} else {
		f.note.SetText(lang.L("form.autosave"))
		f.note.Importance = widget.LowImportance
	}
	f.note.Refresh()
	f.enable(lock == "")
}

// flush saves what is still pending, before the form shows something else.
func (f *proposalForm) flush() {
	if f.saver.pending() {
		f.saver.flush()
	}
}

// fill puts a proposal's fields in the widgets.
func (f *proposalForm) fill(p data.Proposal) {
	f.title.SetText(p.Title)
	f.text.SetText(p.Text)
	f.target.SetText(p.TargetGroup)
	choose(f.area, len(f.areas), func(i int) bool { return f.areas[i].ID == p.AreaID }, 0)
	choose(f.kind, len(data.ProposalKinds), func(i int) bool { return data.ProposalKinds[i] == p.Kind }, 0)
	choose(f.proposer, len(f.people), func(i int) bool { return f.people[i].ID == p.ProposerID }, 1)
	choose(f.org, len(f.orgs), func(i int) bool { return f.orgs[i].ID == p.OrganisationID }, 1)
	choose(f.cost, len(costBands), func(i int) bool { return costBands[i] == p.Cost }, 0)
	choose(f.duration, len(timeBands), func(i int) bool { return timeBands[i] == p.Duration }, 0)
	if p.ProposerID == "" {
		f.proposer.SetSelectedIndex(0)
	}
	if p.OrganisationID == "" {
		f.org.SetSelectedIndex(0)
	}
	for i, c := range f.comuneL {
		on := false
		for _, id := range p.ComuneIDs {
			on = on || id == c.ID
		}
		f.comuni[i].SetChecked(on)
	}
}

// choose selects the option whose record matches (skip options come first: "nessuno"), or none.
func choose(sel *widget.Select, n int, match func(i int) bool, skip int) {
	for i := 0; i < n; i++ {
		if match(i) {
			sel.SetSelectedIndex(i + skip)
			return
		}
	}
	sel.ClearSelected()
}

// enable turns the fields on or off.
func (f *proposalForm) enable(on bool) {
	ws := []fyne.Disableable{f.title, f.text, f.area, f.kind, f.target, f.proposer, f.org, f.cost, f.duration}
	for _, c := range f.comuni {
		ws = append(ws, c)
	}
	setEnabled(on, ws...)
	f.form.Refresh()
}

// focus puts the cursor in the title.
func (f *proposalForm) focus() {
	if !f.title.Disabled() {
		f.s.ui.win.Canvas().Focus(f.title)
	}
}

// changed is called on every edit.
func (f *proposalForm) changed() {
	if f.loading || f.title.Disabled() {
		return
	}
	f.saver.changed()
}

// proposal is the proposal as the form shows it. A proposer or organisation the lists do not hold (none
// chosen) keeps the stored one.
func (f *proposalForm) proposal() data.Proposal {
	p := f.base
	p.Title, p.Text, p.TargetGroup = f.title.Text, f.text.Text, f.target.Text
	if i := f.area.SelectedIndex(); i >= 0 && i < len(f.areas) {
		p.AreaID = f.areas[i].ID
	}
	if i := f.kind.SelectedIndex(); i >= 0 {
		p.Kind = data.ProposalKinds[i]
	}
	switch i := f.proposer.SelectedIndex(); {
	case i == 0:
		p.ProposerID = ""
	case i > 0 && i-1 < len(f.people):
		p.ProposerID = f.people[i-1].ID
	}
	switch i := f.org.SelectedIndex(); {
	case i == 0:
		p.OrganisationID = ""
	case i > 0 && i-1 < len(f.orgs):
		p.OrganisationID = f.orgs[i-1].ID
	}
	if len(f.comuni) == len(f.comuneL) {
		p.ComuneIDs = nil
		for i, c := range f.comuneL {
			if f.comuni[i].Checked {
				p.ComuneIDs = append(p.ComuneIDs, c.ID)
			}
		}
	}
	if i := f.cost.SelectedIndex(); i >= 0 {
		p.Cost = costBands[i]
	}
	if i := f.duration.SelectedIndex(); i >= 0 {
		p.Duration = timeBands[i]
	}
	return p
}

// view is a proposal with the names the detail and the list show, taken from the form's lists.
func (f *proposalForm) view(p data.Proposal) data.ProposalView {
	v := f.d.d.ProposalView
	v.Proposal = p
	for _, a := range f.areas {
		if a.ID == p.AreaID {
			v.AreaName = a.Name
		}
	}
	v.ProposerName, v.OrganisationName, v.ComuneNames = "", "", nil
	for _, x := range f.people {
		if x.ID == p.ProposerID {
			v.ProposerName = x.FullName()
		}
	}
	for _, o := range f.orgs {
		if o.ID == p.OrganisationID {
			v.OrganisationName = o.Name
		}
	}
	for _, c := range f.comuneL {
		for _, id := range p.ComuneIDs {
			if id == c.ID {
				v.ComuneNames = append(v.ComuneNames, c.Name)
			}
		}
	}
	return v
}

// saved updates the detail and the list after a save; a new proposal is shown in the list.
func (f *proposalForm) saved(p data.Proposal, created bool) {
	if created {
		f.d.d = data.ProposalDetail{ProposalView: f.view(p)}
		f.s.open(p.ID)
		return
	}
	if p.ID != f.base.ID {
		return // another proposal is shown by now
	}
	v := f.view(p)
	f.d.d.ProposalView = v
	f.d.title.SetText(p.Title)
	f.d.showOrigin()
	f.s.update(v)
}
