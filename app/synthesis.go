// The Sintesi section: the district's synthesis, read in one go, and its tabs.

package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
)

// desk is what the Sintesi section shows besides the ranking, read in one go: the district's
// synthesis (participation, priority list with scores, validation rounds), every standing proposal in
// the priority order, the ranking of all areas and the areas for the choice.
type desk struct {
	syn    data.Synthesis
	all    []data.ProposalView
	ranked int // proposals with a consolidated score, all areas
	areas  []data.Area
	bodies []data.Body
}

// count is how many standing proposals are in state st.
func (d desk) count(st data.ProposalState) int {
	n := 0
	for _, p := range d.all {
		if p.State == st {
			n++
		}
	}
	return n
}

// inState lists the standing proposals in state st, in the priority list's order.
func (d desk) inState(st data.ProposalState) []data.ProposalView {
	var out []data.ProposalView
	for _, p := range d.all {
		if p.State == st {
			out = append(out, p)
		}
	}
	return out
}

// body is the first body of this kind, false when the Ambito has none.
func (d desk) body(k data.BodyKind) (data.Body, bool) {
	for _, b := range d.bodies {
		if b.Kind == k {
			return b, true
		}
	}
	return data.Body{}, false
}

// synthesisScreen is the Ufficio di Piano's desk: where the process stands (tables, office, Tavolo
// Alto, Tavolo dei Sindaci) and the next step one key away; the tables' proposals ranked by their
// consolidated score beside the priority list being built; the validation rounds; the participation
// figures; and the Documento di sintesi.
type synthesisScreen struct {
	ui      *UI
	d       desk
	seq     int
	content fyne.CanvasObject

	steps    *fyne.Container
	where    *widget.Label
	toAlto   *widget.Button
	toMayors *widget.Button
	export   *widget.Button
	// exportPublic writes the copy for publication of the same document.
	exportPublic *widget.Button
	errs         *errorLine

	areaPick *widget.Select
	areaID   string // the area the ranking shows, "" for all
	rule     *widget.Label
	byVoters *widget.Check
	ranking  *listPane[data.Ranked]
	picked   data.Ranked // the row chosen in the ranking
	about    *widget.Label
	add      *widget.Button

	prio     *widget.List
	prioHead *widget.Label
	prioSel  int // the chosen row of the priority list, -1 when none
	prioNext string

	rounds    *fyne.Container
	figures   *fyne.Container
	relazione *relazionePanel
	tabs      *container.AppTabs

	// save asks where to write a document; tests replace it to write without the file dialog.
	save func(name, ext string, b []byte)
}

func newSynthesisScreen(ui *UI) *synthesisScreen {
	s := &synthesisScreen{ui: ui, prioSel: -1, errs: newErrorLine(), save: ui.saveBytes}
	s.steps = container.NewHBox()
	s.where = widget.NewLabel("")
	s.where.Wrapping = fyne.TextWrapWord
	s.toAlto = widget.NewButtonWithIcon(lang.L("synthesis.to_alto"), theme.MailForwardIcon(), func() { s.bring(data.BodyTavoloAlto) })
	s.toMayors = widget.NewButtonWithIcon(lang.L("synthesis.to_mayors"), theme.MailForwardIcon(), func() { s.bring(data.BodySindaci) })
	s.export = widget.NewButtonWithIcon(lang.L("synthesis.export"), theme.DocumentSaveIcon(), func() { s.exportPDF(false) })
	s.exportPublic = widget.NewButtonWithIcon(lang.L("synthesis.export_publication"), theme.DocumentSaveIcon(), func() { s.exportPDF(true) })
	head := container.NewVBox(
		container.NewBorder(nil, nil, heading(lang.L("synthesis.title")), nil, s.steps),
		s.where,
		container.NewHBox(s.toAlto, s.toMayors, widget.NewSeparator(), s.export, s.exportPublic),
		s.errs.box)

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("synthesis.tab.priorities"), theme.ListIcon(), s.prioritiesTab()),
		container.NewTabItemWithIcon(lang.L("synthesis.tab.rounds"), theme.ConfirmIcon(), s.roundsTab()),
		container.NewTabItemWithIcon(lang.L("synthesis.tab.figures"), theme.AccountIcon(), s.figuresTab()),
		container.NewTabItemWithIcon(lang.L("synthesis.tab.relazione"), theme.DocumentIcon(), s.relazioneTab()))
	s.content = container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()), nil, nil, nil, s.tabs)
	return s
}

// relazioneTab is the tab of the relazione annuale.
func (s *synthesisScreen) relazioneTab() fyne.CanvasObject {
	s.relazione = newRelazionePanel(s)
	return s.relazione.content
}

// refresh reads everything again: the ranking of the chosen area and the rest of the desk.
func (s *synthesisScreen) refresh() {
	if s.ui.store == nil {
		return
	}
	// The ranking names thematic tables by their area, which the desk knows: read the desk first.
	s.reload(s.ranking.refresh)
	s.relazione.load()
}

// focus puts the cursor in the ranking's filter box, where the keyboard works the list.
func (s *synthesisScreen) focus() {
	s.ui.win.Canvas().Focus(s.ranking.table.filter)
}

// reload reads the desk (not the ranking) off the UI goroutine and redraws it, then calls next.
func (s *synthesisScreen) reload(next func()) {
	s.seq++
	seq := s.seq
	var d desk
	var err error
	st, ctx := s.ui.store, s.ui.ctx
	s.ui.run(func() { d, err = loadDesk(ctx, st) }, func() {
		if seq != s.seq {
			return
		}
		if err != nil {
			s.errs.set(i18n.Explain(err))
			return
		}
		s.d = d
		s.show()
		if next != nil {
			next()
		}
	})
}

// loadDesk reads what the desk shows; the first error stops it.
func loadDesk(ctx context.Context, st Store) (desk, error) {
	var d desk
	var err error
	if d.syn, err = st.Synthesis(ctx, ""); err != nil {
		return d, err
	}
	if d.all, err = st.Proposals(ctx, data.ProposalFilter{Sort: data.SortPriority}); err != nil {
		return d, err
	}
	kept := d.all[:0]
	for _, p := range d.all {
		if p.State != data.StateAccorpata {
			kept = append(kept, p)
		}
	}
	d.all = kept
	ranking, err := st.Ranking(ctx, "")
	if err != nil {
		return d, err
	}
	d.ranked = len(ranking)
	if d.areas, err = st.Areas(ctx); err != nil {
		return d, err
	}
	d.bodies, err = st.Bodies(ctx)
	return d, err
}

// show redraws the desk from s.d.
func (s *synthesisScreen) show() {
	s.errs.set("")
	s.showAreas()
	s.showRule()
	s.showSteps()
	s.showPriorities()
	s.showRounds()
	s.showFigures()
}

// weighing is the rule in force: the Ambito's, tables when it was never chosen.
func (s *synthesisScreen) weighing() data.Weighing {
	if w := s.d.syn.Weighing; w.Valid() {
		return w
	}
	return data.WeighTables
}

// showAreas fills the area choice: every area, and all of them first.
func (s *synthesisScreen) showAreas() {
	opts := []string{lang.L("synthesis.all_areas")}
	sel := 0
	for i, a := range s.d.areas {
		opts = append(opts, a.Name)
		if a.ID == s.areaID {
			sel = i + 1
		}
	}
	if sel == 0 {
		s.areaID = ""
	}
	changed := s.areaPick.OnChanged
	s.areaPick.OnChanged = nil
	s.areaPick.SetOptions(opts)
	s.areaPick.SetSelectedIndex(sel)
	s.areaPick.OnChanged = changed
	s.showExport()
}

// chooseArea shows the ranking of the area picked (index 0: all areas).
func (s *synthesisScreen) chooseArea(i int) {
	s.areaID = ""
	if i > 0 && i-1 < len(s.d.areas) {
		s.areaID = s.d.areas[i-1].ID
	}
	s.showExport()
	s.ranking.refresh()
}

// areaName is the name of the area the ranking shows, "" for all.
func (s *synthesisScreen) areaName() string {
	for _, a := range s.d.areas {
		if a.ID == s.areaID {
			return a.Name
		}
	}
	return ""
}

// showSteps draws where the process stands: each step done, the one in hand, or still to come; the
// sentence under it says what waits and for whom, and the next step's button is the prominent one.
func (s *synthesisScreen) showSteps() {
	d := s.d
	prio, valid := d.count(data.StatePrioritaria), d.count(data.StateValidata)
	current := 0 // 0-based index of the step in hand; 4 when the process is over
	var where string
	switch {
	case prio > 0:
		current = 2
		where = lang.N("synthesis.where.alto", prio, map[string]any{"n": prio})
		if valid > 0 {
			where += " " + lang.N("synthesis.where.mayors", valid, map[string]any{"n": valid})
		}
	case valid > 0:
		current = 3
		where = lang.N("synthesis.where.mayors", valid, map[string]any{"n": valid})
	case len(d.syn.Priorities) > 0:
		current = 4
		n := d.count(data.StateApprovata)
		where = lang.N("synthesis.where.done", n, map[string]any{"n": n})
	case d.ranked > 0:
		current = 1
		where = lang.N("synthesis.where.office", d.ranked, map[string]any{"n": d.ranked})
	default:
		where = lang.L("synthesis.where.tables")
	}
	s.where.SetText(where)
	s.steps.Objects = nil
	for i, key := range []string{"synthesis.step.tables", "synthesis.step.office", "synthesis.step.alto", "synthesis.step.mayors"} {
		if i > 0 {
			s.steps.Add(widget.NewLabel("→"))
		}
		l := widget.NewLabel(lang.L(key))
		switch {
		case i < current:
			l.SetText("✓ " + l.Text)
			l.Importance = widget.SuccessImportance
		case i == current:
			l.SetText("► " + l.Text)
			l.TextStyle = fyne.TextStyle{Bold: true}
			l.Importance = widget.HighImportance
		default:
			l.Importance = widget.LowImportance
		}
		s.steps.Add(l)
	}
	s.steps.Refresh()
	s.toAlto.Importance, s.toMayors.Importance = widget.MediumImportance, widget.MediumImportance
	setEnabled(prio > 0, s.toAlto)
	setEnabled(valid > 0, s.toMayors)
	switch current {
	case 2:
		s.toAlto.Importance = widget.HighImportance
	case 3:
		s.toMayors.Importance = widget.HighImportance
	}
	s.toAlto.Refresh()
	s.toMayors.Refresh()
}

// showExport names what the document button writes: the whole district, or the area chosen.
func (s *synthesisScreen) showExport() {
	if name := s.areaName(); name != "" {
		s.export.SetText(lang.L("synthesis.export_area", map[string]any{"area": name}))
	} else {
		s.export.SetText(lang.L("synthesis.export"))
	}
}

// exportPDF makes the Documento di sintesi of the area chosen (all areas when none), or its copy for
// publication, and asks where to save it.
func (s *synthesisScreen) exportPDF(public bool) {
	areaID, area := s.areaID, s.areaName()
	var b []byte
	var err error
	s.ui.run(func() {
		var syn data.Synthesis
		if syn, err = s.ui.store.Synthesis(s.ui.ctx, areaID); err == nil {
			render := report.Sintesi
			if public {
				render = report.SintesiPublication
			}
			if b, err = render(syn); err != nil {
				err = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
			}
		}
	}, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		name := synthesisFileName(area)
		if public {
			name = strings.TrimSuffix(name, ".pdf") + "-pubblicazione.pdf"
		}
		s.save(name, ".pdf", b)
	})
}

// synthesisFileName is the name the document is offered under: documento-di-sintesi.pdf, or
// documento-di-sintesi-anziani.pdf for one area (and -pubblicazione before .pdf for the copy for
// publication).
func synthesisFileName(area string) string {
	if area == "" {
		return "documento-di-sintesi.pdf"
	}
	return "documento-di-sintesi-" + slug(area) + ".pdf"
}

// synthesisCommands are the priority list's keys, on the menu bar so that they work wherever the
// cursor is in the section (a focused Entry would drop them): Alt+↑ and Alt+↓ move the priority
// chosen, Alt+Canc takes it out of the list.
func (ui *UI) synthesisCommands() []command {
	on := func(f func(*synthesisScreen)) func() {
		return func() {
			if ui.synth == nil || ui.current != sectionSynthesis || ui.win.Canvas().Overlays().Top() != nil {
				return
			}
			f(ui.synth)
		}
	}
	alt := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
	}
	return []command{
		{"synthesis.cmd.up", alt(fyne.KeyUp), on(func(s *synthesisScreen) { s.move(-1) })},
		{"synthesis.cmd.down", alt(fyne.KeyDown), on(func(s *synthesisScreen) { s.move(1) })},
		{"synthesis.cmd.remove", alt(fyne.KeyDelete), on((*synthesisScreen).remove)},
	}
}
