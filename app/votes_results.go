// A vote's result as the screens show it: sentence, bars, schede nulle, ballot file.

package app

import (
	"encoding/json"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// bar is one bar of a result: what it stands for, its share of the longest (0 to 1), its figure.
type bar struct {
	label string
	share float64
	value string
}

// outcome is a vote's result as the screens show it: the sentence that states it and the rule, the
// bars, and the schede nulle with their reasons.
type outcome struct {
	result   vote.Outcome
	sentence string
	bars     []bar
	invalid  []string
}

// outcomeOf tallies a vote of the meeting: the same count the documents and a recount use.
func (m *meetingScreen) outcomeOf(v data.Vote) outcome {
	return outcomeFor(v, m.d.Session.Call, m.d.Ballots[v.ID])
}

func outcomeFor(v data.Vote, call data.Call, ballots []data.VoteBallot) outcome {
	r, err := vote.Tally(vote.CountOf(v, call, ballots))
	if err != nil {
		return outcome{sentence: i18n.Explain(err)}
	}
	return describe(r, v.Options)
}

// describe puts a result in the screens' terms; options name the ballots' options by their titles.
func describe(r vote.Result, options []data.VoteOption) outcome {
	o := outcome{result: r.Outcome(), sentence: report.Outcome(r), bars: barsOf(r)}
	for _, x := range r.Invalid {
		o.invalid = append(o.invalid, lang.L("vote.invalid_line", map[string]any{"n": x.Ballot + 1, "count": max(x.Count, 1),
			"reason": report.Reason(x.Reason, options)}))
	}
	return o
}

// barRow draws a bar of a result: its label, the bar as long as its share of width, the figure.
func barRow(b bar, width float32) fyne.CanvasObject {
	rect := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	rect.SetMinSize(fyne.NewSize(max(2, width*float32(b.share)), 20))
	label := widget.NewLabel(b.label)
	label.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(260, 36), label), nil,
		container.NewHBox(container.NewCenter(rect), widget.NewLabel(b.value)))
}

// barsOf are a result's bars: favorevoli, contrari, astenuti for a motion, the ranking otherwise.
func barsOf(r vote.Result) []bar {
	var bars []bar
	if m := r.Motion; m != nil {
		top := float64(max(m.Favorevoli, m.Contrari, m.Astenuti, 1))
		for _, c := range []struct {
			key string
			n   int64
		}{{"favorevole", m.Favorevoli}, {"contrario", m.Contrari}, {"astenuto", m.Astenuti}} {
			bars = append(bars, bar{label: lang.L("choice." + c.key + "_pl"), share: float64(c.n) / top,
				value: strconv.FormatInt(c.n, 10)})
		}
		return bars
	}
	if r.Priority == nil {
		return nil
	}
	top := 0.0
	for _, x := range r.Ranking {
		top = max(top, x.Score)
	}
	for _, x := range r.Ranking {
		share := 0.0
		if top > 0 {
			share = x.Score / top
		}
		bars = append(bars, bar{label: fmt.Sprintf("%d. %s", x.Rank, x.Label), share: share, value: report.Score(x.Score)})
	}
	return bars
}

// showVotes lists the closed votes of the item shown, each with its outcome and a button for its
// bars.
func (m *meetingScreen) showVotes() {
	m.voted.Objects = nil
	it, _ := m.currentItem()
	for _, v := range m.d.ItemVotes(it.ID) {
		if v.Status != data.VoteChiusa {
			continue
		}
		id := v.ID
		l := widget.NewLabel("• " + v.Subject + " — " + m.outcomeOf(v).sentence)
		l.Wrapping = fyne.TextWrapWord
		btn := widget.NewButtonWithIcon("", theme.VisibilityIcon(), func() { m.showResult(id) })
		btn.Importance = widget.LowImportance
		m.voted.Add(container.NewBorder(nil, nil, nil, btn, l))
	}
	m.voted.Refresh()
}

// showResult shows a vote's result: the bars, the figures and the sentence, with the results PDF and
// the projector one click away.
func (m *meetingScreen) showResult(id string) {
	v, err := m.voteByID(id)
	if err != nil {
		return
	}
	o := m.outcomeOf(v)
	box := container.NewVBox()
	sentence := widget.NewLabelWithStyle(o.sentence, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sentence.Wrapping = fyne.TextWrapWord
	box.Add(sentence)
	for _, b := range o.bars {
		box.Add(barRow(b, 360))
	}
	if len(v.Covers) > 0 {
		box.Add(m.movedLine(v))
	}
	if len(o.invalid) > 0 {
		box.Add(heading(lang.L("vote.invalid")))
		for _, s := range o.invalid {
			box.Add(widget.NewLabel(s))
		}
	}
	m.lastVote = id
	pdf := widget.NewButtonWithIcon(lang.L("doc.results"), theme.DocumentSaveIcon(), func() { m.exportResults(id) })
	proj := widget.NewButtonWithIcon(lang.L("vote.to_projector"), theme.ComputerIcon(), func() { m.projectResult(id) })
	file := widget.NewButtonWithIcon(lang.L("vote.export_ballots"), theme.DownloadIcon(), func() { m.ui.exportBallots(id, data.SessionView{Session: m.d.Session, BodyName: m.d.Body.Name}) })
	box.Add(container.NewHBox(pdf, file, proj))
	m.ui.inform(lang.L("vote.result_title", map[string]any{"subject": v.Subject}), container.NewVScroll(box),
		fyne.NewSize(720, 520))
}

// exportResults saves the results PDF of a vote.
func (m *meetingScreen) exportResults(voteID string) {
	d := m.d
	b, err := report.Results(d, voteID)
	if err != nil {
		if data.AsError(err) == nil {
			err = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
		}
		m.ui.showError(err)
		return
	}
	m.ui.saveBytes(resultsName(d, voteID), ".pdf", b)
}

// exportBallots saves a vote's ballot file, which `tavoli tally` recounts.
func (ui *UI) exportBallots(voteID string, sess data.SessionView) {
	var c vote.Count
	var err error
	ui.run(func() {
		var rec data.VoteRecord
		if rec, err = ui.store.VoteRecord(ui.ctx, voteID); err == nil {
			c = vote.CountRecord(rec)
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		b, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			ui.showError(data.Errorf(data.EInternal, "err.document.render").Wrap(err))
			return
		}
		name := "schede-" + slug(sess.BodyName) + "-" + sess.Date.In(data.Zone).Format("2006-01-02") + ".json"
		ui.saveBytes(name, ".json", append(b, '\n'))
	})
}
