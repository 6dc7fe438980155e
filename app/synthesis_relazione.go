// The relazione annuale consuntiva: the year, the Ufficio di Piano's introduction, the PDF and its CSV.

package app

import (
	"bytes"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/csvexport"
)

// relazionePanel is the tab of the relazione annuale: choose the year, write the introduction (saved as
// it is typed), save the document or its figures.
type relazionePanel struct {
	s       *synthesisScreen
	content fyne.CanvasObject
	year    *widget.Select
	intro   *textArea
	errs    *errorLine
	report  data.AnnualReport // the year's record as last read or saved
	saver   *autosaver[data.AnnualReport]
	loading bool // the form is being filled from the store: not a change to save
}

// relazioneYears are the years the tab offers: from five years back to next year, the latest first.
func relazioneYears(now int) []string {
	var out []string
	for y := now + 1; y >= now-5; y-- {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

func newRelazionePanel(s *synthesisScreen) *relazionePanel {
	p := &relazionePanel{s: s, errs: newErrorLine()}
	p.intro = newTextArea()
	p.intro.Wrapping = fyne.TextWrapWord
	p.intro.SetPlaceHolder(lang.L("relazione.intro_hint"))
	p.intro.OnChanged = func(string) {
		if !p.loading {
			p.saver.changed()
		}
	}
	p.saver = p.newSaver()
	p.year = newSelect(nil, func(string) { p.load() })
	pdf := widget.NewButtonWithIcon(lang.L("relazione.export_pdf"), theme.DocumentSaveIcon(), func() { p.export(false) })
	csv := widget.NewButtonWithIcon(lang.L("relazione.export_csv"), theme.DocumentSaveIcon(), func() { p.export(true) })
	top := container.NewVBox(
		widget.NewLabel(lang.L("relazione.about")),
		container.NewHBox(widget.NewLabel(lang.L("relazione.year")), p.year, widget.NewSeparator(), pdf, csv),
		widget.NewLabel(lang.L("relazione.intro")))
	p.content = container.NewBorder(top, p.errs.box, nil, nil, p.intro)
	return p
}

// newSaver is the autosaver of the introduction of the year shown.
func (p *relazionePanel) newSaver() *autosaver[data.AnnualReport] {
	ui := p.s.ui
	return &autosaver[data.AnnualReport]{ui: ui,
		get: func() data.AnnualReport {
			r := p.report
			r.Introduction = p.intro.Text
			return r
		},
		save:   func(r data.AnnualReport) (data.AnnualReport, error) { return ui.store.SaveAnnualReport(ui.ctx, r) },
		meta:   func(r data.AnnualReport) data.Meta { return r.Meta },
		apply:  func(r data.AnnualReport) { p.report.Meta = r.Meta },
		report: func(err error) { p.errs.set(i18n.Explain(err)) },
	}
}

// chosenYear is the year the tab shows.
func (p *relazionePanel) chosenYear() int {
	y, _ := strconv.Atoi(p.year.Selected)
	return y
}

// load reads the chosen year's introduction into the form, after saving what was typed for the year
// shown before.
func (p *relazionePanel) load() {
	ui := p.s.ui
	if ui.store == nil {
		return
	}
	if len(p.year.Options) == 0 {
		// The first time the tab is read: the years around today, this year chosen (which loads it).
		this := ui.now().In(data.Zone).Year()
		p.year.Options = relazioneYears(this)
		p.year.SetSelected(strconv.Itoa(this))
		return
	}
	if p.saver.edits > p.saver.saved || p.saver.inflight != nil || p.saver.failed != nil {
		// What was typed for the year shown before is saved for that year, whatever is chosen now.
		p.saver.detach()
		p.saver.flush()
		p.saver = p.newSaver()
	}
	year := p.chosenYear()
	var r data.AnnualReport
	var err error
	ui.run(func() { r, err = ui.store.AnnualReport(ui.ctx, year) }, func() {
		if err != nil {
			p.errs.set(i18n.Explain(err))
			return
		}
		if year != p.chosenYear() {
			return // another year was chosen meanwhile
		}
		p.errs.set("")
		p.report = r
		p.loading = true
		p.intro.SetText(r.Introduction)
		p.loading = false
	})
}

// export saves the relazione of the chosen year: the document, or its figures for a spreadsheet.
func (p *relazionePanel) export(figures bool) {
	ui := p.s.ui
	p.saver.flush()
	year := p.chosenYear()
	var b []byte
	var err error
	ui.run(func() {
		var r data.Relazione
		if r, err = ui.store.Relazione(ui.ctx, year); err != nil {
			return
		}
		r.Introduction = p.intro.Text // what is on screen, saved or about to be
		if figures {
			var buf bytes.Buffer
			if err = csvexport.Relazione(&buf, r); err == nil {
				b = buf.Bytes()
			}
		} else {
			b, err = report.Relazione(r)
		}
		if err != nil && data.AsError(err) == nil {
			err = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		name, ext := "relazione-annuale-"+strconv.Itoa(year), ".pdf"
		if figures {
			name, ext = "relazione-annuale-"+strconv.Itoa(year)+"-cifre", ".csv"
		}
		p.s.save(name+ext, ext, b)
	})
}
