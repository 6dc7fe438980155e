// Votes in the meeting: the form that opens one, the ballots by seat or by totals, the closing.

package app

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/vote"
)

// defaultCriteria are the criteria a scoring vote starts with, in the spirit of Hanlon's method.
const defaultCriteria = "urgenza:2, gravità:1, efficacia:1, fattibilità:1, costo:1"

// openVoteForm asks what is voted on and how (Ctrl+Maiusc+V): a motion, a set of the proposals
// captured in the session, or at the Tavolo Alto and the Tavolo dei Sindaci the priority list waiting
// for them; the method and the rules, with the body's preselected. While a vote is open the same
// command closes it.
func (m *meetingScreen) openVoteForm() {
	if v, open := m.openVoteShown(); open {
		// The same keys close the vote being taken, after asking.
		m.askCloseVote(v)
		return
	}
	it, ok := m.currentItem()
	if !ok || !m.live() {
		m.errs.set(lang.L("vote.not_running"))
		return
	}
	m.withCandidates(func(cands []data.ProposalView) { m.voteForm(it, cands) })
}

// voteForm is the new-vote form on the item; cands, when there are any, are the proposals the body
// can validate, offered as the vote's "what".
func (m *meetingScreen) voteForm(it data.AgendaItem, cands []data.ProposalView) {
	subject := newShortcutEntry()
	subject.SetText(it.Title)
	var methods []string
	for _, x := range data.VoteMethods {
		methods = append(methods, lang.L("method."+string(x)))
	}
	method := newKeySelect(methods, nil)
	method.SetSelectedIndex(0)
	secret := widget.NewCheck(lang.L("vote.secret"), nil)
	var labels []string
	for _, p := range m.d.Proposals {
		labels = append(labels, p.Title)
	}
	options := widget.NewCheckGroup(labels, nil)
	rules := m.d.Body.Rules
	bases := []data.MajorityBase{data.BaseVotanti, data.BasePresenti, data.BaseComponenti}
	thresholds := []data.Threshold{data.ThresholdSimple, data.ThresholdAbsolute, data.ThresholdTwoThirds}
	ties := []data.TieBreak{data.TieNone, data.TieChair, data.TieLot}
	base := pickOf(bases, rules.MajorityBase, func(b data.MajorityBase) string { return lang.L("rules.base." + string(b)) })
	threshold := pickOf(thresholds, rules.Threshold, func(t data.Threshold) string { return lang.L("rules.threshold." + string(t)) })
	tie := pickOf(ties, rules.TieBreak, func(t data.TieBreak) string { return lang.L("rules.tie." + string(t)) })
	blank := widget.NewCheck(lang.L("rules.blank_votanti"), nil)
	blank.SetChecked(rules.BlankVotanti)
	dots, maxPer, points := numberEntry("3"), numberEntry("2"), numberEntry("100")
	scaleMin, scaleMax := numberEntry("1"), numberEntry("5")
	criteria := newShortcutEntry()
	criteria.SetText(defaultCriteria)
	errs := widget.NewLabel("")
	errs.Importance = widget.DangerImportance
	errs.Wrapping = fyne.TextWrapWord
	var what *validationChoice
	if len(cands) > 0 {
		what = newValidationChoice(m.d.Body.Kind, it, cands, subject, &method.Select, options)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("vote.subject"), subject),
		widget.NewFormItem(lang.L("vote.method"), method),
		widget.NewFormItem("", secret),
		widget.NewFormItem(lang.L("vote.options"), container.NewVScroll(options)),
		widget.NewFormItem(lang.L("vote.base"), base.keySelect),
		widget.NewFormItem(lang.L("vote.threshold"), threshold.keySelect),
		widget.NewFormItem("", blank),
		widget.NewFormItem(lang.L("vote.tie"), tie.keySelect),
		widget.NewFormItem(lang.L("vote.dots"), container.NewGridWithColumns(3, dots, maxPer, points)),
		widget.NewFormItem(lang.L("vote.scale"), container.NewGridWithColumns(2, scaleMin, scaleMax)),
		widget.NewFormItem(lang.L("vote.criteria"), criteria),
		widget.NewFormItem("", errs),
	}
	if what != nil {
		items = append([]*widget.FormItem{widget.NewFormItem(lang.L("vote.what"), what.box)}, items...)
	}
	var dlg *dialog.FormDialog
	dlg = dialog.NewForm(lang.L("vote.open_title"), lang.L("vote.open"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		v := data.Vote{SessionID: m.d.Session.ID, AgendaItemID: it.ID, Subject: subject.Text, Secret: secret.Checked,
			Rules: rules, Method: data.VoteMethods[max(method.SelectedIndex(), 0)]}
		v.Rules.MajorityBase, v.Rules.Threshold, v.Rules.TieBreak = base.value(), threshold.value(), tie.value()
		v.Rules.BlankVotanti = blank.Checked
		chosen := map[string]bool{}
		for _, l := range options.Selected {
			chosen[l] = true
		}
		for _, p := range m.d.Proposals {
			if chosen[p.Title] && v.Method != data.MethodMotion {
				v.Options = append(v.Options, data.VoteOption{ID: p.ID, Label: p.Title})
			}
		}
		v.Settings = data.VoteSettings{DotsPerVoter: atoi(dots.Text), MaxPerOption: atoi(maxPer.Text),
			PointsPerVoter: atoi(points.Text), ScaleMin: atoi(scaleMin.Text), ScaleMax: atoi(scaleMax.Text)}
		what.apply(&v)
		if v.Method == data.MethodScore {
			var err error
			if v.Criteria, err = vote.ParseCriteria(criteria.Text); err != nil {
				errs.SetText(i18n.Explain(err))
				dlg.Show()
				return
			}
		}
		m.openVote(v, func(err error) {
			errs.SetText(i18n.Explain(err))
			dlg.Show()
		})
	}, m.ui.win)
	subject.OnSubmitted = func(string) { dlg.Submit() }
	formKeys(dlg.Submit, dlg.Hide, items...)
	dlg.Resize(fyne.NewSize(760, 640))
	dlg.Show()
	m.ui.win.Canvas().Focus(subject)
}

// openVote opens the vote in the store and shows it; fail gets what went wrong.
func (m *meetingScreen) openVote(v data.Vote, fail func(error)) {
	var err error
	m.ui.run(func() { v, err = m.ui.store.OpenVote(m.ui.ctx, v) }, func() {
		if err != nil {
			fail(err)
			return
		}
		m.ui.saved()
		m.voteID = v.ID
		m.voteSel, m.voteVoter, m.voteKeys, m.voteFirst = 0, 0, nil, nil
		m.reload(m.focusVoteKeys)
	})
}

// choice pairs a select with the values its options stand for.
type choice[T comparable] struct {
	*keySelect
	values []T
}

func pickOf[T comparable](values []T, current T, label func(T) string) choice[T] {
	var labels []string
	for _, v := range values {
		labels = append(labels, label(v))
	}
	c := choice[T]{keySelect: newKeySelect(labels, nil), values: values}
	for i, v := range values {
		if v == current {
			c.SetSelectedIndex(i)
		}
	}
	return c
}

func (c choice[T]) value() T {
	if i := c.SelectedIndex(); i >= 0 {
		return c.values[i]
	}
	var zero T
	return zero
}

// numberEntry is a short entry for a whole number.
func numberEntry(text string) *shortcutEntry {
	e := newShortcutEntry()
	e.SetText(text)
	return e
}

// atoi reads a whole number typed by hand; what is not one reads as 0.
func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

// votePanel is the vote of the current item while it is open: who may vote, the ballots entered, and
// the ways of entering them — a key per choice for each seat, the totals of a show of hands or of
// paper ballots, or, in a secret vote, who has voted and then the counted ballots.
type votePanel struct {
	m       *meetingScreen
	content *fyne.Container
}

func newVotePanel(m *meetingScreen) *votePanel {
	return &votePanel{m: m, content: container.NewVBox()}
}

// current is the open vote the panel shows, false when none.
func (m *meetingScreen) openVoteShown() (data.Vote, bool) {
	for _, v := range m.d.Votes {
		if v.ID == m.voteID && v.Status == data.VoteAperta {
			return v, true
		}
	}
	for _, v := range m.d.Votes {
		if v.Status == data.VoteAperta {
			return v, true
		}
	}
	return data.Vote{}, false
}

// show redraws the panel from the meeting's dossier.
func (p *votePanel) show() {
	m := p.m
	p.content.Objects = nil
	v, ok := m.openVoteShown()
	if !ok {
		p.content.Hide()
		return
	}
	p.content.Show()
	how := lang.L("vote.open_ballot")
	if v.Secret {
		how = lang.L("vote.secret_ballot")
	}
	head := heading(lang.L("vote.running", map[string]any{"subject": v.Subject, "method": lang.L("method." + string(v.Method)), "how": how}))
	head.Wrapping = fyne.TextWrapWord
	p.content.Add(head)
	q := lang.L("vote.quorum_no")
	if v.QuorumHolds {
		q = lang.L("vote.quorum_yes")
	}
	key := "vote.quorum_at_opening"
	if v.Rules.Weighting == data.WeightPopulation {
		key = "vote.quorum_at_opening_population"
	}
	p.content.Add(widget.NewLabel(lang.L(key, map[string]any{"present": italian.Int(int(v.QuorumPresent)),
		"required": italian.Int(int(v.QuorumRequired)), "verdict": q})))
	ballots := m.d.Ballots[v.ID]
	switch {
	case v.Secret:
		p.secretEntry(v, ballots)
	case v.Method == data.MethodMotion:
		p.motionEntry(v, ballots)
	default:
		p.ballotEntry(v, ballots)
	}
	closeBtn := widget.NewButtonWithIcon(lang.L("vote.close"), theme.ConfirmIcon(), func() {
		if m.d.NotHeld[v.ID] {
			m.askCloseVote(v)
			return
		}
		m.closeVote(v.ID)
	})
	closeBtn.Importance = widget.HighImportance
	p.content.Add(container.NewHBox(closeBtn))
	p.content.Add(widget.NewSeparator())
	p.content.Refresh()
}

// motionEntry lists the seats present with the choice each made: the key box takes F (favorevole),
// C (contrario) or A (astenuto) for the chosen seat and moves to the next; Up and Down choose. Totals
// of a show of hands are entered below.
func (p *votePanel) motionEntry(v data.Vote, ballots []data.VoteBallot) {
	m := p.m
	chosen := map[string]string{}
	for _, b := range ballots {
		if b.Voter != "" {
			chosen[b.Voter] = b.Choice
		}
	}
	var voters []data.VoteVoter
	for _, x := range v.Voters {
		if x.Present || chosen[x.ID] != "" {
			voters = append(voters, x)
		}
	}
	if len(voters) > 0 {
		rows := container.NewVBox()
		sel := m.voteSel
		if sel >= len(voters) {
			sel = len(voters) - 1
		}
		for i, x := range voters {
			mark := "  "
			if i == sel {
				mark = "▶ "
			}
			c := chosen[x.ID]
			label := "—"
			if c != "" {
				label = lang.L("choice." + c)
			}
			rows.Add(widget.NewLabel(mark + m.seatLabel(x) + ": " + label))
		}
		keys := newShortcutEntry()
		keys.SetPlaceHolder(lang.L("vote.keys"))
		keys.onKey[fyne.KeyDown] = func() { m.voteSel = min(sel+1, len(voters)-1); p.show(); m.focusVoteKeys() }
		keys.onKey[fyne.KeyUp] = func() { m.voteSel = max(sel-1, 0); p.show(); m.focusVoteKeys() }
		keys.OnChanged = func(s string) {
			if s == "" {
				return
			}
			r := strings.ToLower(s[len(s)-1:])
			keys.SetText("")
			c := map[string]string{"f": "favorevole", "c": "contrario", "a": "astenuto"}[r]
			if c == "" {
				return
			}
			// The seat is the one chosen now, and the choice moves on at once: keys typed quickly go to
			// one seat after the other, whatever order the saves finish in.
			i := min(m.voteSel, len(voters)-1)
			m.voteSel = min(i+1, len(voters)-1)
			m.castBallot(data.VoteBallot{VoteID: v.ID, Voter: voters[i].ID, Choice: c})
		}
		// Delete (or Backspace) takes back the chosen seat's ballot, entered by mistake.
		remove := func() {
			i := min(m.voteSel, len(voters)-1)
			for _, b := range ballots {
				if b.Voter == voters[i].ID {
					m.removeBallot(v.ID, b.ID)
				}
			}
		}
		keys.onKey[fyne.KeyDelete] = remove
		keys.onKey[fyne.KeyBackspace] = remove
		keys.onKey[fyne.KeyF5] = m.toggleProjector
		m.voteKeys = keys
		p.content.Add(rows)
		p.content.Add(keys)
	}
	p.content.Add(widget.NewLabel(lang.L("vote.totals_hint")))
	p.content.Add(p.totalsRow(v.ID, "vote.add_totals", false))
	p.content.Add(widget.NewLabel(ballotSummary(v, ballots)))
}

// total is one figure of a motion's totals: the choice it counts and the box it is typed in.
type total struct {
	choice string
	e      *shortcutEntry
}

// blankChoice is what the schede bianche e nulle of a paper count are stored as: ballots without a
// choice, which the count lists as schede nulle and, under the rule that says so, as votanti.
const blankChoice = ""

// totalsRow is the figures of a motion's totals (favorevoli, contrari, astenuti and, counting the
// paper ballots of a secret vote, the schede bianche e nulle) and the button that records them.
func (p *votePanel) totalsRow(voteID, buttonKey string, paper bool) fyne.CanvasObject {
	totals := []total{{vote.Favorevole, numberEntry("")}, {vote.Contrario, numberEntry("")}, {vote.Astenuto, numberEntry("")}}
	if paper {
		totals = append(totals, total{blankChoice, numberEntry("")})
	}
	boxes := container.NewGridWithColumns(len(totals))
	for _, x := range totals {
		key := "choice." + x.choice
		if x.choice == blankChoice {
			key = "vote.blank_total"
		}
		x.e.SetPlaceHolder(lang.L(key))
		boxes.Add(x.e)
	}
	record := widget.NewButton(lang.L(buttonKey), func() { p.m.castTotals(voteID, totals) })
	return container.NewBorder(nil, nil, nil, record, boxes)
}

// secretEntry records who has voted (their ballot in the box), then the counted ballots: a motion's
// totals, or anonymous ballots one by one. Nothing links the two.
func (p *votePanel) secretEntry(v data.Vote, ballots []data.VoteBallot) {
	m := p.m
	voted := map[string]bool{}
	for _, id := range m.d.Voted[v.ID] {
		voted[id] = true
	}
	counting := len(ballots) > 0
	p.content.Add(widget.NewLabel(lang.L("vote.secret_hint")))
	// The count is written only when the vote closes (see data/sqlite/votes_secret.go): say where it
	// is until then, and say it plainly when this program does not hold it.
	held := widget.NewLabel(lang.L("vote.secret_held"))
	if m.d.NotHeld[v.ID] {
		held.SetText(lang.L("vote.secret_not_held"))
		held.Importance = widget.WarningImportance
	}
	held.Wrapping = fyne.TextWrapWord
	p.content.Add(held)
	grid := container.NewGridWithColumns(3)
	for _, x := range v.Voters {
		if !x.Present {
			continue
		}
		c := widget.NewCheck(m.seatLabel(x), nil)
		c.SetChecked(voted[x.ID])
		id := x.ID
		c.OnChanged = func(on bool) {
			if on && !voted[id] {
				m.markVoted(v.ID, id)
			}
		}
		if voted[x.ID] || counting {
			c.Disable()
		}
		grid.Add(c)
	}
	p.content.Add(grid)
	if v.Method == data.MethodMotion {
		p.content.Add(p.totalsRow(v.ID, "vote.add_counted", true))
	} else {
		p.ballotEntry(v, ballots)
		return
	}
	p.content.Add(widget.NewLabel(ballotSummary(v, ballots)))
}

// ballotEntry enters one ballot of a priority vote: for each option the dots or points given, 1 to
// approve, the position in the ranking (1 first; empty: not ranked), or the scores per criterion. An
// open vote names the seat; otherwise the ballot is anonymous, with how many identical ones.
func (p *votePanel) ballotEntry(v data.Vote, ballots []data.VoteBallot) {
	m := p.m
	var present []data.VoteVoter
	for _, x := range v.Voters {
		if x.Present {
			present = append(present, x)
		}
	}
	voterNames := []string{lang.L("vote.anonymous")}
	if !v.Secret {
		for _, x := range present {
			voterNames = append(voterNames, m.seatLabel(x))
		}
	}
	voter := newSelect(voterNames, nil)
	voter.SetSelectedIndex(0)
	voter.OnChanged = func(string) { m.voteVoter = voter.SelectedIndex() }
	count := numberEntry("1")
	form := container.NewVBox()
	type cell struct {
		option, criterion string
		e                 *shortcutEntry
	}
	var cells []cell
	hint := lang.L("vote.hint." + string(v.Method))
	form.Add(widget.NewLabel(hint))
	for _, o := range v.Options {
		if v.Method == data.MethodScore {
			row := container.NewGridWithColumns(len(v.Criteria) + 1)
			row.Add(widget.NewLabel(o.Label))
			for _, k := range v.Criteria {
				e := numberEntry("")
				e.SetPlaceHolder(k.ID)
				cells = append(cells, cell{o.ID, k.ID, e})
				row.Add(e)
			}
			form.Add(row)
			continue
		}
		e := numberEntry("")
		cells = append(cells, cell{o.ID, "", e})
		l := widget.NewLabel(o.Label)
		l.Truncation = fyne.TextTruncateEllipsis
		form.Add(container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(90, e.MinSize().Height), e), l))
	}
	add := widget.NewButtonWithIcon(lang.L("vote.add_ballot"), theme.ContentAddIcon(), func() {
		b := data.VoteBallot{VoteID: v.ID, Count: max(atoi(count.Text), 1)}
		if i := voter.SelectedIndex(); i > 0 && i-1 < len(present) {
			b.Voter, b.Count = present[i-1].ID, 1
		}
		type ranked struct {
			id  string
			pos int
		}
		var ranks []ranked
		for _, c := range cells {
			t := strings.TrimSpace(c.e.Text)
			if t == "" {
				continue
			}
			n, err := strconv.Atoi(t)
			if err != nil || n < 0 {
				m.errs.set(lang.L("vote.not_a_number", map[string]any{"value": t}))
				m.ui.win.Canvas().Focus(c.e)
				return
			}
			switch v.Method {
			case data.MethodDots, data.MethodPoints:
				if b.Allocation == nil {
					b.Allocation = map[string]int{}
				}
				b.Allocation[c.option] = n
			case data.MethodApproval:
				if n > 0 {
					b.Approve = append(b.Approve, c.option)
				}
			case data.MethodBorda, data.MethodSchulze:
				ranks = append(ranks, ranked{c.option, n})
			case data.MethodScore:
				if b.Scores == nil {
					b.Scores = map[string]map[string]int{}
				}
				if b.Scores[c.option] == nil {
					b.Scores[c.option] = map[string]int{}
				}
				b.Scores[c.option][c.criterion] = n
			}
		}
		for pos := 1; pos <= len(ranks); pos++ {
			found := 0
			for _, r := range ranks {
				if r.pos == pos {
					b.Ranking = append(b.Ranking, r.id)
					found++
				}
			}
			if found != 1 {
				b.Ranking = nil // a position repeated or skipped
				break
			}
		}
		if len(b.Ranking) != len(ranks) {
			m.errs.set(lang.L("vote.ranking_positions"))
			return
		}
		// The next ballot is likely the next seat's.
		if i := voter.SelectedIndex(); i > 0 {
			m.voteVoter = min(i+1, len(voterNames)-1)
		}
		m.castBallot(b)
	})
	if m.voteVoter < len(voterNames) {
		voter.SetSelectedIndex(m.voteVoter)
	}
	for _, c := range cells {
		c.e.OnSubmitted = func(string) { add.OnTapped() }
	}
	if len(cells) > 0 {
		m.voteFirst = cells[0].e
	}
	// Take back a ballot entered by mistake: the chosen seat's, or the anonymous one just entered (this
	// window remembers it; the store keeps no order of anonymous ballots).
	remove := widget.NewButtonWithIcon(lang.L("vote.remove_ballot"), theme.ContentRemoveIcon(), func() {
		if i := voter.SelectedIndex(); i > 0 && i-1 < len(present) {
			for _, b := range ballots {
				if b.Voter == present[i-1].ID {
					m.removeBallot(v.ID, b.ID)
					return
				}
			}
		}
		for _, b := range ballots {
			if b.Voter == "" && b.ID == m.lastBallot {
				m.removeBallot(v.ID, b.ID)
				return
			}
		}
		m.errs.set(lang.L("vote.remove_nothing"))
	})
	form.Add(container.NewBorder(nil, nil, nil, container.NewHBox(add, remove), container.NewGridWithColumns(2, voter, count)))
	p.content.Add(form)
	// Which seats have a ballot already, so none is entered twice.
	var done []string
	for _, b := range ballots {
		for _, x := range v.Voters {
			if b.Voter != "" && b.Voter == x.ID {
				done = append(done, m.seatLabel(x))
			}
		}
	}
	if len(done) > 0 {
		l := widget.NewLabel(lang.L("vote.have_voted", map[string]any{"seats": strings.Join(done, ", ")}))
		l.Wrapping = fyne.TextWrapWord
		p.content.Add(l)
	}
	p.content.Add(widget.NewLabel(ballotSummary(v, ballots)))
}

// ballotSummary says how many ballots were entered so far.
func ballotSummary(v data.Vote, ballots []data.VoteBallot) string {
	n := 0
	for _, b := range ballots {
		n += max(b.Count, 1)
	}
	return lang.N("vote.ballots_entered", n, map[string]any{"count": n})
}

// castBallot records a ballot and redraws.
func (m *meetingScreen) castBallot(b data.VoteBallot) {
	var err error
	m.ui.run(func() { b, err = m.ui.store.SaveBallot(m.ui.ctx, b) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.lastBallot = b.ID
		m.errs.set("")
		m.ui.saved()
		m.reload(m.focusVoteKeys)
	})
}

// markVoted records that a seat has voted in a secret vote.
func (m *meetingScreen) markVoted(voteID, seatID string) {
	var err error
	m.ui.run(func() { err = m.ui.store.MarkVoted(m.ui.ctx, voteID, seatID) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
		}
		m.ui.saved()
		m.reload(nil)
	})
}

// focusVoteKeys puts the cursor where the next vote is entered: the key box of a motion, or the first
// field of a ballot.
func (m *meetingScreen) focusVoteKeys() {
	if _, open := m.openVoteShown(); !open {
		return
	}
	switch {
	case m.voteKeys != nil && m.voteKeys.Visible():
		m.ui.win.Canvas().Focus(m.voteKeys)
	case m.voteFirst != nil && m.voteFirst.Visible():
		m.ui.win.Canvas().Focus(m.voteFirst)
	}
}

// castTotals records the totals of a show of hands or of the counted paper ballots, as one change:
// the figures are saved one after the other, each replacing what was entered for its choice.
func (m *meetingScreen) castTotals(voteID string, totals []total) {
	stored := map[string]int{}
	for _, b := range m.d.Ballots[voteID] {
		if b.Voter == "" {
			stored[b.Choice] += b.Count
		}
	}
	var ballots []data.VoteBallot
	for _, x := range totals {
		t := strings.TrimSpace(x.e.Text)
		if t == "" {
			continue
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			m.errs.set(lang.L("vote.not_a_number", map[string]any{"value": t}))
			return
		}
		ballots = append(ballots, data.VoteBallot{VoteID: voteID, Count: n, Choice: x.choice})
	}
	// Totals that go down first, so that a total moved from one choice to another never counts twice
	// on the way (the store refuses more ballots than seats present). A total of 0 removes the choice's.
	sort.SliceStable(ballots, func(i, j int) bool {
		return ballots[i].Count-stored[ballots[i].Choice] < ballots[j].Count-stored[ballots[j].Choice]
	})
	var err error
	m.ui.run(func() {
		for _, b := range ballots {
			if _, err = m.ui.store.SaveBallot(m.ui.ctx, b); err != nil {
				return
			}
		}
	}, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.errs.set("")
		m.ui.saved()
		m.reload(m.focusVoteKeys)
	})
}

// removeBallot takes back a ballot entered by mistake, and redraws.
func (m *meetingScreen) removeBallot(voteID, ballotID string) {
	var err error
	m.ui.run(func() { err = m.ui.store.RemoveBallot(m.ui.ctx, voteID, ballotID) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.errs.set("")
		m.ui.saved()
		m.reload(m.focusVoteKeys)
	})
}

// seatLabel names a seat in the vote's lists by who holds it now: the delegate present for an absent
// member ("Verdi Anna · delega per Paciano"), or the seat and the person in it.
func (m *meetingScreen) seatLabel(x data.VoteVoter) string {
	for _, l := range m.d.Register {
		if l.SeatID != x.ID || l.PersonName == "" || !l.PresentAt(time.Time{}) {
			continue
		}
		switch {
		case l.Delegated:
			return l.PersonName + " · " + lang.L("register.delegate_for", map[string]any{"seat": x.Label})
		case l.PersonName == x.Label:
			return x.Label
		default:
			return x.Label + " · " + l.PersonName
		}
	}
	return x.Label
}

// askCloseVote asks before closing the vote v. A secret vote whose count this program does not hold would
// be recorded without ballots: the question says so.
func (m *meetingScreen) askCloseVote(v data.Vote) {
	key := "vote.close_question"
	if m.d.NotHeld[v.ID] {
		key = "vote.close_not_held_question"
	}
	m.ui.confirm(lang.L("vote.close"), lang.L(key, map[string]any{"subject": v.Subject}), lang.L("vote.close"),
		func() { m.closeVote(v.ID) })
}

// closeVote closes the vote and shows its result.
func (m *meetingScreen) closeVote(id string) {
	var v data.Vote
	var err error
	m.ui.run(func() { v, err = m.ui.store.CloseVote(m.ui.ctx, id) }, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		m.ui.saved()
		m.lastVote = v.ID
		m.reload(func() { m.showResult(v.ID) })
	})
}

// voteByID finds a vote of the session.
func (m *meetingScreen) voteByID(id string) (data.Vote, error) {
	for _, v := range m.d.Votes {
		if v.ID == id {
			return v, nil
		}
	}
	return data.Vote{}, data.Errorf(data.ENotFound, "err.vote.missing")
}
