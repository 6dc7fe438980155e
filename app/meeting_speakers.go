// The list of speakers on the current item, with the time each one speaks.

package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// speakersPanel is the list of speakers (interventi) on the current item: F9 puts the person chosen in
// the check-in box at the end of it, F10 gives the floor to the next one. The one speaking shows how long
// they have spoken, against the body's limit when it has one.
type speakersPanel struct {
	m       *meetingScreen
	lines   *fyne.Container
	clock   *widget.Label
	content fyne.CanvasObject
}

func newSpeakersPanel(m *meetingScreen) *speakersPanel {
	p := &speakersPanel{m: m, lines: container.NewVBox(), clock: widget.NewLabel("")}
	p.clock.TextStyle.Bold = true
	hint := widget.NewLabel(lang.L("speakers.hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	p.content = container.NewVBox(container.NewBorder(nil, nil, nil, p.clock, heading(lang.L("speakers.title"))),
		p.lines, hint)
	return p
}

// item is the item whose list the panel shows.
func (p *speakersPanel) item() []data.Speech { return p.m.d.ItemSpeeches(p.m.shownID()) }

// show redraws the list from the dossier.
func (p *speakersPanel) show() {
	p.lines.RemoveAll()
	n := 0
	for _, sp := range p.item() {
		if !sp.Speaking() && !sp.Waiting() {
			continue // heard already: the verbale has them
		}
		n++
		mark := "   "
		if sp.Speaking() {
			mark = "▶ "
		}
		l := widget.NewLabel(mark + strconv.Itoa(n) + ". " + sp.Speaker.Prose())
		l.Truncation = fyne.TextTruncateEllipsis
		p.lines.Add(l)
	}
	if n == 0 {
		l := widget.NewLabel(lang.L("speakers.none"))
		l.Importance = widget.LowImportance
		p.lines.Add(l)
	}
	p.tick()
}

// tick redraws the time of the one speaking.
func (p *speakersPanel) tick() {
	text, over := p.time(p.m.ui.now())
	p.clock.SetText(text)
	if over {
		p.clock.Importance = widget.DangerImportance
	} else {
		p.clock.Importance = widget.MediumImportance
	}
	p.clock.Refresh()
}

// time is the running time of the one speaking ("2 min 35 s / 5 min") and whether it is past the
// body's limit; "" when nobody speaks.
func (p *speakersPanel) time(now time.Time) (string, bool) {
	for _, sp := range p.item() {
		if !sp.Speaking() {
			continue
		}
		d := sp.Duration(now)
		s := speakingFor(d)
		limit := time.Duration(p.m.d.Body.Rules.SpeechLimit) * time.Minute
		if limit > 0 {
			s += " / " + strconv.Itoa(p.m.d.Body.Rules.SpeechLimit) + " min"
		}
		return s, limit > 0 && d > limit
	}
	return "", false
}

// speakingFor writes a running time as "2 min 35 s" ("35 s" under a minute).
func speakingFor(d time.Duration) string {
	d = d.Truncate(time.Second)
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	if m == 0 {
		return strconv.Itoa(s) + " s"
	}
	return strconv.Itoa(m) + " min " + strconv.Itoa(s) + " s"
}

// add puts the person chosen in the check-in box at the end of the list (F9).
func (p *speakersPanel) add() {
	l, ok := p.m.reg.chosen()
	it, live := p.m.currentItem()
	typed := strings.TrimSpace(p.m.reg.checkin.Text) != ""
	if !typed || !ok || l.PersonID == "" || !live || !p.m.live() {
		p.m.errs.set(lang.L("speakers.choose_first"))
		return
	}
	var err error
	p.m.ui.run(func() {
		_, err = p.m.ui.store.QueueSpeaker(p.m.ui.ctx, p.m.d.Session.ID, it.ID, l.PersonID)
	}, func() {
		if err != nil {
			p.m.errs.set(i18n.Explain(err))
			return
		}
		p.m.errs.set("")
		p.m.ui.saved()
		p.m.reload(nil)
	})
}

// next gives the floor to the next speaker waiting (F10); with nobody waiting, the floor is free.
func (p *speakersPanel) next() {
	it, ok := p.m.currentItem()
	if !ok || !p.m.live() {
		return
	}
	var err error
	p.m.ui.run(func() {
		_, err = p.m.ui.store.NextSpeaker(p.m.ui.ctx, p.m.d.Session.ID, it.ID)
	}, func() {
		if err != nil {
			p.m.errs.set(i18n.Explain(err))
			return
		}
		p.m.ui.saved()
		p.m.reload(nil)
	})
}
