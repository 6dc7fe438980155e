// Participation figures counted from the registers, never typed.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// figuresTab shows what the process involved, counted from the registers and never typed.
func (s *synthesisScreen) figuresTab() fyne.CanvasObject {
	s.figures = container.NewVBox()
	return container.NewVScroll(container.NewPadded(s.figures))
}

// tableRows draws rows of cells under a bold header, the columns shared by weight.
func tableRows(weights []float32, header []string, rows [][]string) fyne.CanvasObject {
	box := container.NewVBox()
	head := make([]fyne.CanvasObject, len(header))
	for i, h := range header {
		head[i] = widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	box.Add(container.New(&columnsLayout{weights}, head...))
	box.Add(widget.NewSeparator())
	for _, r := range rows {
		cells := make([]fyne.CanvasObject, len(r))
		for i, c := range r {
			l := widget.NewLabel(c)
			l.Truncation = fyne.TextTruncateEllipsis
			cells[i] = l
		}
		box.Add(container.New(&columnsLayout{weights}, cells...))
	}
	return box
}

// countBars draws counts as bars, the longest the largest.
func countBars(counts []data.CountOf, label func(data.CountOf) string) fyne.CanvasObject {
	box := container.NewVBox()
	top := 1
	for _, c := range counts {
		top = max(top, c.N)
	}
	for _, c := range counts {
		box.Add(barRow(bar{label: label(c), share: float64(c.N) / float64(top), value: italian.Int(c.N)}, 260))
	}
	return box
}

// showFigures redraws the participation: the totals, each body's meetings and people, the people by
// category and by comune, and the proposals by area and kind.
func (s *synthesisScreen) showFigures() {
	p := s.d.syn.Participation
	f := s.figures
	f.Objects = nil
	f.Add(heading(lang.L("synthesis.figures.title")))
	totals := widget.NewLabel(lang.L("synthesis.figures.totals", map[string]any{"meetings": italian.Int(p.Meetings),
		"people": italian.Int(p.People), "presences": italian.Int(p.Presences)}))
	totals.Wrapping = fyne.TextWrapWord
	f.Add(totals)

	var rows [][]string
	for _, b := range p.Bodies {
		rows = append(rows, []string{b.Name, italian.Int(b.Meetings), italian.Int(b.People), italian.Int(b.Presences)})
	}
	f.Add(heading(lang.L("synthesis.figures.bodies")))
	f.Add(tableRows([]float32{5, 1.2, 1.2, 1.2},
		[]string{lang.L("col.body"), lang.L("col.meetings"), lang.L("col.people"), lang.L("col.presences")}, rows))

	f.Add(heading(lang.L("synthesis.figures.categories")))
	f.Add(countBars(p.Categories, func(c data.CountOf) string {
		if c.Key == "" {
			return lang.L("category.altro")
		}
		return lang.L("category." + c.Key)
	}))
	f.Add(heading(lang.L("synthesis.figures.comuni")))
	f.Add(countBars(p.Comuni, func(c data.CountOf) string {
		if c.Key == "" || c.Label == "" {
			return lang.L("synthesis.figures.no_comune")
		}
		return c.Label
	}))

	header := []string{lang.L("col.area")}
	for _, k := range data.ProposalKinds {
		header = append(header, lang.L("pkind."+string(k)))
	}
	header = append(header, lang.L("col.total"))
	rows = nil
	for _, a := range p.Proposals {
		r := []string{a.Name}
		for _, k := range data.ProposalKinds {
			r = append(r, italian.Int(a.ByKind[k]))
		}
		rows = append(rows, append(r, italian.Int(a.Total)))
	}
	f.Add(heading(lang.L("synthesis.figures.proposals")))
	f.Add(tableRows([]float32{4, 1.5, 1.5, 1.5, 1.5, 1}, header, rows))
	f.Refresh()
}
