// The chosen proposal: its state, the steps it may take, where it came from and its history.

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

// proposalDetail is the proposal chosen in the list: its state and the steps it may take, its fields
// (saved as they are typed), where it came from, what it was merged from or split into, the votes it
// took part in and its history.
type proposalDetail struct {
	s       *proposalsScreen
	d       data.ProposalDetail
	seq     int
	title   *widget.Label
	state   *widget.Label
	moves   *fyne.Container // the steps of its life
	lineBtn *fyne.Container // split, undo a merge, delete
	errs    *errorLine
	form    *proposalForm
	origin  *fyne.Container
	lineage *fyne.Container
	votes   *fyne.Container
	history *fyne.Container
	below   *fyne.Container // origin, lineage, form, votes and history: hidden while no proposal is shown
	content fyne.CanvasObject
}

func newProposalDetail(s *proposalsScreen) *proposalDetail {
	d := &proposalDetail{s: s, title: heading(lang.L("proposals.none")), state: widget.NewLabel(""),
		moves: container.New(&flowLayout{}), lineBtn: container.New(&flowLayout{}), errs: newErrorLine(),
		origin: container.NewVBox(), lineage: container.NewVBox(), votes: container.NewVBox(), history: container.NewVBox()}
	d.title.Wrapping = fyne.TextWrapWord
	d.state.Wrapping = fyne.TextWrapWord
	d.form = newProposalForm(s, d)
	d.below = container.NewVBox(d.origin, d.lineage, widget.NewSeparator(), d.form.content, widget.NewSeparator(),
		d.votes, d.history)
	d.below.Hide()
	d.content = container.NewVScroll(container.NewVBox(d.title, d.state, d.moves, d.lineBtn, d.errs.box, d.below))
	d.clear()
	return d
}

// shownID is the id of the proposal shown ("" for none, or a new one not saved yet).
func (d *proposalDetail) shownID() string { return d.form.base.ID }

// clear shows no proposal.
func (d *proposalDetail) clear() {
	d.d = data.ProposalDetail{}
	d.title.SetText(lang.L("proposals.none"))
	d.state.SetText("")
	d.moves.Objects, d.lineBtn.Objects = nil, nil
	d.moves.Refresh()
	d.lineBtn.Refresh()
	d.errs.set("")
	d.form.blank()
	d.below.Hide()
}

// fresh shows an empty form for a proposal of the office.
func (d *proposalDetail) fresh() {
	d.clear()
	d.title.SetText(lang.L("proposals.new_title"))
	d.state.SetText(lang.L("proposals.new_hint"))
	p := data.Proposal{State: data.StateProposta, Kind: data.ProposalKinds[0]}
	if i := d.s.area.SelectedIndex(); i > 0 && i-1 < len(d.s.areas) {
		p.AreaID = d.s.areas[i-1].ID
	}
	d.form.load(data.ProposalView{Proposal: p}, "")
	d.origin.Hide()
	d.lineage.Hide()
	d.votes.Hide()
	d.history.Hide()
	d.below.Show()
	d.form.focus()
}

// load reads a proposal with everything about it, and shows it.
func (d *proposalDetail) load(id string) {
	st := d.s.ui.store
	var err error
	d.seq++
	seq := d.seq
	ctx := d.s.ui.ctx
	var pd data.ProposalDetail
	var all []data.ProposalView
	d.s.ui.run(func() {
		if pd, err = st.ProposalDetail(ctx, id); err != nil {
			return
		}
		all, err = st.Proposals(ctx, data.ProposalFilter{}) // the titles its history and lineage name
	}, func() {
		if seq != d.seq {
			return
		}
		if err != nil {
			d.clear()
			d.errs.set(i18n.Explain(err))
			return
		}
		d.s.learnTitles(all)
		d.show(pd)
	})
}

// show puts a proposal in the detail.
func (d *proposalDetail) show(pd data.ProposalDetail) {
	d.d = pd
	d.s.titles[pd.ID] = pd.Title
	d.title.SetText(pd.Title)
	d.errs.set("")
	d.showState()
	d.form.load(pd.ProposalView, d.lockReason(pd.ProposalView))
	d.showOrigin()
	d.showLineage()
	d.showVotes()
	d.showHistory()
	d.origin.Show()
	d.votes.Show()
	d.history.Show()
	d.below.Show()
}

// lockReason says why a proposal's text cannot change: the verbale of its session is approved. ""
// when it can.
func (d *proposalDetail) lockReason(p data.ProposalView) string {
	v, ok := d.s.sessions[p.SessionID]
	if !ok || !v.Status.Locked() {
		return ""
	}
	return i18n.Explain(data.Errorf(data.ELocked, "err.session.locked", "date", v.Date)) + " " + lang.L("proposals.locked_path")
}

// showState says where the proposal is and offers the steps it may take.
func (d *proposalDetail) showState() {
	p := d.d.ProposalView
	line := lang.L("proposals.state_line", map[string]any{"state": d.s.stateText(p.Proposal)})
	if p.Priority > 0 && p.State != data.StateAccorpata {
		line += " · " + lang.L("proposals.priority_line", map[string]any{"n": p.Priority})
	}
	d.state.SetText(line)
	d.moves.Objects, d.lineBtn.Objects = nil, nil
	if p.State == data.StateAccorpata {
		if p.MergedIntoID != "" {
			into := p.MergedIntoID
			d.moves.Add(widget.NewButtonWithIcon(lang.L("proposals.open_merged"),
				theme.NavigateNextIcon(), func() { d.s.open(into) }))
		}
	} else {
		if next := p.State.Next(); next != "" && data.CheckMove(p.State, next, "x") == nil {
			b := widget.NewButtonWithIcon(lang.L("proposals.move_next", map[string]any{"state": lang.L("pstate." + string(next))}),
				theme.NavigateNextIcon(), func() { d.s.askMove(next, nil) })
			// Validation and approval are the Tavolo Alto's and the Sindaci's votes: by hand they are
			// possible, with a reason, but not the step the screen suggests.
			if data.CheckMove(p.State, next, "") == nil {
				b.Importance = widget.HighImportance
			}
			d.moves.Add(b)
		}
		if data.CheckMove(p.State, data.StateRespinta, "x") == nil { // with its reason, asked for
			d.moves.Add(widget.NewButtonWithIcon(lang.L("proposals.reject"), theme.CancelIcon(),
				func() { d.s.askMove(data.StateRespinta, nil) }))
		}
		if back := backStates(p.State); len(back) > 0 {
			key, to := "proposals.move_back", back[len(back)-1]
			if p.State == data.StateRespinta {
				key, to = "proposals.reopen", d.beforeRejection(back)
			}
			d.moves.Add(widget.NewButtonWithIcon(lang.L(key), theme.NavigateBackIcon(),
				func() { d.s.askMove(to, back) }))
		}
	}
	if data.CanMerge(p.State) {
		d.lineBtn.Add(widget.NewButtonWithIcon(lang.L("proposals.split"), theme.ContentCutIcon(), d.s.askSplit))
	}
	if len(d.d.Originals) > 0 && (data.CanMerge(p.State) || p.State == data.StateRespinta) {
		d.lineBtn.Add(widget.NewButtonWithIcon(lang.L("proposals.unmerge"), theme.ContentUndoIcon(), d.s.askUnmerge))
	}
	del := widget.NewButtonWithIcon(lang.L("action.delete"), theme.DeleteIcon(), d.deleteShown)
	del.Importance = widget.DangerImportance
	d.lineBtn.Add(del)
	d.moves.Refresh()
	d.lineBtn.Refresh()
}

// backStates are the states a proposal may be taken back to, with a reason: the earlier ones on its
// path, or for a rejected one those before validation.
func backStates(from data.ProposalState) []data.ProposalState {
	var out []data.ProposalState
	for _, to := range data.ProposalStates {
		if (to.Before(from) || from == data.StateRespinta) && data.CheckMove(from, to, "x") == nil {
			out = append(out, to)
		}
	}
	return out
}

// beforeRejection is the state a rejected proposal had when it was rejected, when it may go back there;
// else the furthest it may go back to.
func (d *proposalDetail) beforeRejection(back []data.ProposalState) data.ProposalState {
	h := d.d.History
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].To != data.StateRespinta {
			continue
		}
		for _, st := range back {
			if st == h[i].From {
				return st
			}
		}
		break
	}
	return back[len(back)-1]
}

// line is a wrapped label.
func line(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// openLine is a line about another proposal with a button that opens it.
func (d *proposalDetail) openLine(text, id string) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(lang.L("proposals.open"), theme.NavigateNextIcon(), func() { d.s.open(id) })
	b.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, b, line(text))
}

// whence says where a proposal was made and by whom: "Tavolo tematico Anziani, seduta del 16 ottobre
// 2025 · proposta da Mattioli Fabio (Volontari d'Argento)".
func whence(p data.ProposalView) string {
	where := lang.L("proposals.by_office")
	if p.BodyName != "" {
		where = lang.L("proposals.where", map[string]any{"body": p.BodyName, "date": i18n.OfDay(p.SessionDate)})
	}
	who := p.ProposerName
	switch {
	case who != "" && p.OrganisationName != "":
		who += " (" + p.OrganisationName + ")"
	case who == "":
		who = p.OrganisationName
	}
	if who == "" {
		return where
	}
	return where + " · " + lang.L("proposals.who", map[string]any{"who": who})
}

// showOrigin says where the proposal was made, with a way to the other proposals of that session.
func (d *proposalDetail) showOrigin() {
	p := d.d.ProposalView
	d.origin.Objects = []fyne.CanvasObject{heading(lang.L("proposals.origin"))}
	switch {
	case len(d.d.Originals) > 0 && p.SessionID == "":
		d.origin.Add(line(lang.L("proposals.made_by_merge", map[string]any{"n": len(d.d.Originals)})))
	default:
		d.origin.Add(line(whence(p)))
	}
	if p.SessionID != "" {
		sid := p.SessionID
		b := widget.NewButtonWithIcon(lang.L("proposals.same_session"), theme.SearchIcon(), func() { d.s.filterSession(sid) })
		d.origin.Add(container.NewHBox(b))
	}
	d.origin.Refresh()
}

// showLineage lists what was merged into the proposal, keeping its proposers, and what was split off it.
func (d *proposalDetail) showLineage() {
	d.lineage.Objects = nil
	pd := d.d
	if len(pd.Originals) == 0 && len(pd.Parts) == 0 && pd.Origin == nil && pd.MergedIntoID == "" {
		d.lineage.Hide()
		return
	}
	d.lineage.Add(heading(lang.L("proposals.lineage")))
	if pd.MergedIntoID != "" {
		d.lineage.Add(d.openLine(lang.L("proposals.merged_into_line", map[string]any{"title": d.s.title(pd.MergedIntoID)}),
			pd.MergedIntoID))
	}
	if len(pd.Originals) > 0 {
		d.lineage.Add(line(lang.N("proposals.originals", len(pd.Originals), map[string]any{"n": len(pd.Originals)})))
		for _, o := range pd.Originals {
			d.lineage.Add(d.openLine("«"+o.Title+"» — "+whence(o), o.ID))
		}
	}
	if pd.Origin != nil {
		d.lineage.Add(d.openLine(lang.L("proposals.split_from", map[string]any{"title": pd.Origin.Title}), pd.Origin.ID))
	}
	if len(pd.Parts) > 0 {
		d.lineage.Add(line(lang.N("proposals.parts", len(pd.Parts), map[string]any{"n": len(pd.Parts)})))
		for _, o := range pd.Parts {
			d.lineage.Add(d.openLine("«"+o.Title+"» — "+lang.L("pstate."+string(o.State)), o.ID))
		}
	}
	d.lineage.Show()
	d.lineage.Refresh()
}

// outcomeKeys name the outcome of a validation vote in a word.
var outcomeKeys = map[string]string{
	"approved":  "proposals.outcome.approved",
	"rejected":  "proposals.outcome.rejected",
	"tied":      "proposals.outcome.tied",
	"no_quorum": "proposals.outcome.no_quorum",
	"no_votes":  "proposals.outcome.no_votes",
	"winner":    "proposals.outcome.winner",
	"tie":       "proposals.outcome.tie",
}

// showVotes lists the votes the proposal took part in: its share of each priority vote (through an
// original merged into it, or the proposal it was split from, when so), and the validation votes with
// what they decided.
func (d *proposalDetail) showVotes() {
	d.votes.Objects = []fyne.CanvasObject{heading(lang.L("proposals.votes"))}
	if len(d.d.Votes) == 0 {
		d.votes.Add(line(lang.L("proposals.no_votes")))
	}
	for _, v := range d.d.Votes {
		head := lang.L("proposals.vote_line", map[string]any{"subject": v.Subject, "body": v.BodyName,
			"date": italian.Day(v.Date), "method": lang.L("method." + string(v.Method))})
		var what string
		if v.Validation {
			outcome := v.Outcome
			if k, ok := outcomeKeys[v.Outcome]; ok {
				outcome = lang.L(k)
			}
			what = lang.L("proposals.vote_validation", map[string]any{"outcome": outcome})
		} else {
			what = lang.L("proposals.vote_share", map[string]any{"share": italian.Share(v.Share)})
			if v.Via != "" {
				what += " · " + lang.L("proposals.vote_via", map[string]any{"title": d.s.title(v.Via)})
			}
		}
		d.votes.Add(line(head + "\n" + what))
	}
	d.votes.Refresh()
}

// showHistory lists the steps of the proposal's life, oldest first.
func (d *proposalDetail) showHistory() {
	// The steps of its life here; every change of its fields, who made it and from which computer, in
	// the «Storia».
	changes := d.s.ui.historyButton(func() string { return d.d.ID }, func() string { return d.d.Title })
	d.history.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, changes, heading(lang.L("proposals.history")))}
	if len(d.d.History) == 0 {
		d.history.Add(line(lang.L("proposals.no_history")))
	}
	votes := map[string]string{}
	for _, v := range d.d.Votes {
		votes[v.VoteID] = v.Subject
	}
	for _, e := range d.d.History {
		who := e.Operator
		if who == "" {
			who = d.s.ui.author(e.Device)
		}
		parts := []string{italian.DateTime(e.At), who, d.eventText(e)}
		if e.Reason != "" {
			parts = append(parts, lang.L("proposals.reason_line", map[string]any{"reason": e.Reason}))
		}
		if e.VoteID != "" {
			if subject, ok := votes[e.VoteID]; ok {
				parts = append(parts, lang.L("proposals.by_vote", map[string]any{"subject": subject}))
			}
		}
		d.history.Add(line(strings.Join(parts, " · ")))
	}
	d.history.Refresh()
}

// eventText says what happened in one step of the history.
func (d *proposalDetail) eventText(e data.ProposalEvent) string {
	word := func(st data.ProposalState) string {
		if st == "" {
			return ""
		}
		return lang.L("pstate." + string(st))
	}
	args := map[string]any{"from": word(e.From), "to": word(e.To), "title": d.s.title(e.RelatedID)}
	key := "proposals.event.move"
	switch e.Action {
	case data.ActionVote:
		key = "proposals.event.vote"
	case data.ActionPick:
		key = "proposals.event.pick"
	case data.ActionMerge:
		key = "proposals.event.merged_into"
		if e.RelatedID == "" {
			key = "proposals.event.merge_made"
		}
	case data.ActionUnmerge:
		key = "proposals.event.unmerged"
		if e.RelatedID == "" {
			key = "proposals.event.unmerge_made"
		}
	case data.ActionSplit:
		key = "proposals.event.split_off"
		if e.RelatedID == d.d.SplitFromID {
			key = "proposals.event.split_from"
		}
	}
	return lang.L(key, args)
}

// deleteShown asks to delete the proposal shown, with an undo in the status line.
func (d *proposalDetail) deleteShown() {
	id := d.shownID()
	if id == "" {
		return
	}
	d.form.saver.flush()
	title := d.d.Title
	d.s.ui.confirmDelete(data.Ref{Kind: data.KindProposal, ID: id}, "«"+title+"»", func() {
		d.clear()
		d.s.query()
	}, func() { d.s.open(id) })
}
