// The validation rounds: the Tavolo Alto validates the priority list, the Sindaci approve it.

package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// validationItem is the title of the ordine del giorno item on which a body votes the priority list.
func validationItem(kind data.BodyKind) string {
	if kind == data.BodySindaci {
		return lang.L("synthesis.item.mayors")
	}
	return lang.L("synthesis.item.alto")
}

// numbered lists proposals one a line, numbered, with their area: what the item's notes and the vote
// form show.
func numbered(props []data.ProposalView) string {
	var b strings.Builder
	for i, p := range props {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%d. %s", i+1, p.Title)
		if p.AreaName != "" {
			fmt.Fprintf(&b, " (%s)", p.AreaName)
		}
	}
	return b.String()
}

// roundsTab shows the validation rounds held so far.
func (s *synthesisScreen) roundsTab() fyne.CanvasObject {
	s.rounds = container.NewVBox()
	return container.NewVScroll(container.NewPadded(s.rounds))
}

// showRounds lists the validation votes, the latest first: the body, the day, the outcome, and the
// proposals each covered with what the round decided for them (and where they stand now, if elsewhere).
func (s *synthesisScreen) showRounds() {
	s.rounds.Objects = nil
	rounds := s.d.syn.Rounds
	if len(rounds) == 0 {
		l := widget.NewLabel(lang.L("synthesis.rounds_none"))
		l.Wrapping = fyne.TextWrapWord
		s.rounds.Add(l)
		s.rounds.Refresh()
		return
	}
	byID := map[string]data.ProposalView{}
	for _, p := range s.d.all {
		byID[p.ID] = p
	}
	for i := len(rounds) - 1; i >= 0; i-- {
		r := rounds[i]
		head := heading(lang.L("synthesis.round", map[string]any{"body": r.Body.Name, "date": italian.Day(r.Session.Date),
			"subject": r.Vote.Subject}))
		head.Wrapping = fyne.TextWrapWord
		s.rounds.Add(head)
		o := outcomeFor(r.Vote, r.Session.Call, r.Ballots)
		sentence := widget.NewLabel(o.sentence)
		sentence.Wrapping = fyne.TextWrapWord
		s.rounds.Add(sentence)
		for _, id := range r.Vote.Covers {
			p, ok := byID[id]
			if !ok {
				continue
			}
			// What this round decided; where the proposal stands now, when it has moved on since.
			what := lang.L("synthesis.round_undecided")
			if st, ok := r.Moved[id]; ok {
				what = lang.L("pstate." + string(st))
				if p.State != st {
					what = lang.L("synthesis.round_now", map[string]any{"then": what, "now": lang.L("pstate." + string(p.State))})
				}
			}
			l := widget.NewLabel("• " + p.Title + " — " + what)
			l.Truncation = fyne.TextTruncateEllipsis
			s.rounds.Add(l)
		}
		s.rounds.Add(widget.NewSeparator())
	}
	s.rounds.Refresh()
}

// bring takes the proposals waiting for a body to one of its sessions not yet closed: an item of its
// ordine del giorno whose notes list them, ready for the vote in the meeting (Ctrl+Maiusc+V).
func (s *synthesisScreen) bring(kind data.BodyKind) {
	body, ok := s.d.body(kind)
	if !ok {
		s.errs.set(lang.L("synthesis.no_body", map[string]any{"body": lang.L("body.kind." + string(kind))}))
		return
	}
	from, _ := data.ValidationMove(kind)
	props := s.d.inState(from)
	var list []data.SessionView
	var err error
	s.ui.run(func() { list, err = s.ui.store.Sessions(s.ui.ctx, data.SessionFilter{BodyID: body.ID}) }, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		var open []data.SessionView
		for _, v := range list {
			if !v.Status.Held() || v.Status == data.SessionInCorso {
				open = append(open, v)
			}
		}
		sort.SliceStable(open, func(i, j int) bool { return open[i].Date.Before(open[j].Date) })
		s.askSession(body, open, props)
	})
}

// askSession asks which session of the body gets the item, showing what its notes will say.
func (s *synthesisScreen) askSession(body data.Body, sessions []data.SessionView, props []data.ProposalView) {
	title := lang.L("synthesis.bring_title", map[string]any{"body": body.Name})
	if len(sessions) == 0 {
		msg := widget.NewLabel(lang.L("synthesis.no_session", map[string]any{"body": body.Name}))
		msg.Wrapping = fyne.TextWrapWord
		s.ui.inform(title, container.NewGridWrap(fyne.NewSize(460, 120), msg), fyne.Size{})
		return
	}
	var labels []string
	for _, v := range sessions {
		labels = append(labels, lang.L("synthesis.session_line", map[string]any{"date": italian.DateTime(v.Date),
			"status": lang.L("sstatus." + string(v.Status)), "place": v.Place}))
	}
	pick := newKeySelect(labels, nil)
	pick.SetSelectedIndex(0)
	item := validationItem(body.Kind)
	notes := lang.L("synthesis.item_notes", map[string]any{"list": numbered(props)})
	preview := widget.NewLabel(item + "\n" + notes)
	preview.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(preview)
	scroll.SetMinSize(fyne.NewSize(440, 240))
	// The soonest session is chosen: Enter confirms it, Esc gives up, Tab reaches the choice.
	var d *dialog.FormDialog
	keys := newKeyCatcher(func() { d.Submit() }, func() { d.Dismiss() })
	pick.onEnter, pick.onEscape = keys.onEnter, keys.onEscape
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("synthesis.session"), container.NewStack(keys, pick)),
		widget.NewFormItem(lang.L("synthesis.item"), scroll),
	}
	d = dialog.NewForm(title, lang.L("synthesis.bring_confirm"), lang.L("Cancel"), items, func(ok bool) {
		if i := pick.SelectedIndex(); ok && i >= 0 {
			s.addItem(body, sessions[i], item, notes)
		}
	}, s.ui.win)
	d.Resize(fyne.NewSize(680, 460))
	d.Show()
	s.ui.win.Canvas().Focus(keys)
}

// addItem writes the validation item into the session's ordine del giorno (before "Varie ed
// eventuali"). When the item is there already its notes are brought up to date, keeping what the
// secretary wrote under them.
func (s *synthesisScreen) addItem(body data.Body, sess data.SessionView, title, notes string) {
	var err error
	updated := false
	s.ui.run(func() {
		var items []data.AgendaItem
		if items, err = s.ui.store.Agenda(s.ui.ctx, sess.ID); err != nil {
			return
		}
		it := data.AgendaItem{SessionID: sess.ID, Title: title, Notes: notes}
		for _, x := range items {
			if data.Fold(x.Title) == data.Fold(title) {
				it, updated = x, true
				it.Notes = refreshNotes(x.Notes, notes)
			}
		}
		_, err = s.ui.store.SaveAgendaItem(s.ui.ctx, it)
	}, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.ui.saved()
		key := "synthesis.brought"
		if updated {
			key = "synthesis.brought_again"
		}
		s.ui.status.say(lang.L(key, map[string]any{"body": body.Name, "day": italian.Day(sess.Date), "item": title}))
	})
}

// refreshNotes replaces the list written by an earlier bring at the head of an item's notes with the
// current one, keeping anything written after it.
func refreshNotes(old, list string) string {
	head := strings.SplitN(list, "\n", 2)[0]
	if !strings.HasPrefix(old, head) {
		if strings.TrimSpace(old) == "" {
			return list
		}
		return list + "\n\n" + old
	}
	// The earlier list ends at the first blank line.
	if _, rest, found := strings.Cut(old, "\n\n"); found {
		return list + "\n\n" + rest
	}
	return list
}
