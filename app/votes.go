// The Votazioni section: every vote of every session, the latest first, with its result.

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
	"github.com/tavoli/tavoli/data/vote"
)

// voteRow is a vote of any session, with where it was held and its result.
type voteRow struct {
	data.Vote
	session data.SessionView
	result  vote.Result
	err     error
}

// votesScreen lists every vote of every session, the latest first, with the chosen one's result
// beside the list: the sentence, the bars, the schede nulle, and its files.
type votesScreen struct {
	ui      *UI
	pane    *listPane[voteRow]
	shown   voteRow
	title   *widget.Label
	detail  *fyne.Container
	content fyne.CanvasObject
}

func newVotesScreen(ui *UI) *votesScreen {
	s := &votesScreen{ui: ui, title: heading(lang.L("votes.none")), detail: container.NewVBox()}
	s.pane = newListPane(ui, []string{"col.date", "col.body", "vote.subject", "vote.method"}, []float32{2.2, 3, 4, 2},
		func(v voteRow, col int) string {
			switch col {
			case 0:
				return italian.DateTime(v.Opened)
			case 1:
				return v.session.BodyName
			case 2:
				return v.Subject
			}
			return lang.L("method." + string(v.Method))
		})
	s.pane.id = func(v voteRow) string { return v.ID }
	s.pane.current = func() string { return s.shown.ID }
	s.pane.onSelect = s.show
	s.pane.load = func(filter, _ string) ([]voteRow, func(), error) {
		rows, err := s.load()
		rows = filterText(rows, filter, func(v voteRow) string {
			return strings.Join([]string{v.session.BodyName, v.Subject, lang.L("method." + string(v.Method)),
				italian.Day(v.Opened)}, " ")
		})
		return rows, nil, err
	}
	side := container.NewVScroll(container.NewVBox(s.title, s.detail))
	split := container.NewHSplit(s.pane.table.content, side)
	split.Offset = 0.5
	s.content = split
	return s
}

// load reads every session's votes and counts them (off the UI goroutine).
func (s *votesScreen) load() ([]voteRow, error) {
	st := s.ui.store
	sessions, err := st.Sessions(s.ui.ctx, data.SessionFilter{})
	if err != nil {
		return nil, err
	}
	var out []voteRow
	for _, sess := range sessions {
		votes, err := st.Votes(s.ui.ctx, sess.ID)
		if err != nil {
			return nil, err
		}
		for i := len(votes) - 1; i >= 0; i-- {
			row := voteRow{Vote: votes[i], session: sess}
			rec, err := st.VoteRecord(s.ui.ctx, votes[i].ID)
			if err == nil {
				row.result, err = vote.Tally(vote.CountRecord(rec))
			}
			row.err = err
			out = append(out, row)
		}
	}
	return out, nil
}

// refresh reads the votes again.
func (s *votesScreen) refresh() { s.pane.refresh() }

// focusFilter puts the cursor in the filter box.
func (s *votesScreen) focusFilter() { s.ui.win.Canvas().Focus(s.pane.table.filter) }

// show puts a vote's result beside the list.
func (s *votesScreen) show(v voteRow) {
	s.shown = v
	s.title.SetText(v.Subject)
	s.detail.Objects = nil
	how := lang.L("vote.open_ballot")
	if v.Secret {
		how = lang.L("vote.secret_ballot")
	}
	s.detail.Add(widget.NewLabel(lang.L("votes.where", map[string]any{"body": v.session.BodyName,
		"date": italian.Day(v.Opened), "method": lang.L("method." + string(v.Method)), "how": how})))
	if v.err != nil {
		s.detail.Add(widget.NewLabel(i18n.Explain(v.err)))
		s.detail.Refresh()
		return
	}
	o := describe(v.result, v.Options)
	sentence := widget.NewLabelWithStyle(o.sentence, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sentence.Wrapping = fyne.TextWrapWord
	s.detail.Add(sentence)
	if v.Status == data.VoteAperta {
		s.detail.Add(widget.NewLabel(lang.L("votes.still_open")))
	}
	for _, b := range o.bars {
		s.detail.Add(barRow(b, 300))
	}
	for _, line := range o.invalid {
		s.detail.Add(widget.NewLabel(line))
	}
	id, sessionID := v.ID, v.session.ID
	s.detail.Add(container.NewHBox(
		widget.NewButtonWithIcon(lang.L("doc.results"), theme.DocumentSaveIcon(), func() { s.exportResults(sessionID, id) }),
		widget.NewButtonWithIcon(lang.L("vote.export_ballots"), theme.DownloadIcon(), func() { s.ui.exportBallots(id, v.session) })))
	s.detail.Refresh()
}

// exportResults saves the results PDF of a vote.
func (s *votesScreen) exportResults(sessionID, voteID string) {
	var b []byte
	var name string
	var err error
	st := s.ui.store
	s.ui.run(func() { b, name, err = RenderResults(s.ui.ctx, st, sessionID, voteID) }, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.ui.saveBytes(name, ".pdf", b)
	})
}
