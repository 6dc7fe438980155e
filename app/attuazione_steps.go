// The milestones and indicators of an attuazione: added, marked done or measured, removed.

package app

import (
	"strconv"
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

// attuazioneSteps shows the milestones and indicators of the attuazione shown, with a line to add each.
// Every change is saved at once, and goes into the proposal's history.
type attuazioneSteps struct {
	s          *attuazioneScreen
	content    fyne.CanvasObject
	milestones *fyne.Container // one row per milestone
	indicators *fyne.Container // one row per indicator

	msTitle, msDue                    *shortcutEntry
	inName, inUnit, inTarget, inValue *shortcutEntry
	addMs, addIn                      *widget.Button
	fields                            []fyne.Disableable
}

func newAttuazioneSteps(s *attuazioneScreen) *attuazioneSteps {
	st := &attuazioneSteps{s: s, milestones: container.NewVBox(), indicators: container.NewVBox()}
	win := s.ui.win
	st.msTitle, st.msDue = newShortcutEntry(), newShortcutEntry()
	st.msTitle.SetPlaceHolder(lang.L("attuazione.milestone_hint"))
	st.msDue.SetPlaceHolder(lang.L("attuazione.due_hint"))
	st.addMs = widget.NewButtonWithIcon(lang.L("attuazione.add_milestone"), theme.ContentAddIcon(), st.addMilestone)
	st.inName, st.inUnit, st.inTarget, st.inValue = newShortcutEntry(), newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	st.inName.SetPlaceHolder(lang.L("attuazione.indicator_hint"))
	st.inUnit.SetPlaceHolder(lang.L("attuazione.unit_hint"))
	st.inTarget.SetPlaceHolder(lang.L("attuazione.target_hint"))
	st.inValue.SetPlaceHolder(lang.L("attuazione.value_hint"))
	st.addIn = widget.NewButtonWithIcon(lang.L("attuazione.add_indicator"), theme.ContentAddIcon(), st.addIndicator)
	// Enter moves along the line and, on its last field, records it; Esc goes back to the list.
	chain := func(last func(), entries ...*shortcutEntry) {
		for i, e := range entries {
			f := last
			if i+1 < len(entries) {
				next := entries[i+1]
				f = func() { win.Canvas().Focus(next) }
			}
			e.onKey[fyne.KeyReturn], e.onKey[fyne.KeyEnter], e.onKey[fyne.KeyEscape] = f, f, s.focusFilter
		}
	}
	chain(st.addMilestone, st.msTitle, st.msDue)
	chain(st.addIndicator, st.inName, st.inUnit, st.inTarget, st.inValue)
	msLine := container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(140, st.msDue), st.addMs), st.msTitle)
	inLine := container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(90, st.inUnit), fixedWidth(90, st.inTarget),
		fixedWidth(90, st.inValue), st.addIn), st.inName)
	st.content = container.NewVBox(heading(lang.L("attuazione.milestones")), st.milestones, msLine,
		widget.NewSeparator(), heading(lang.L("attuazione.indicators")), st.indicators, inLine)
	st.fields = []fyne.Disableable{st.msTitle, st.msDue, st.addMs, st.inName, st.inUnit, st.inTarget, st.inValue, st.addIn}
	return st
}

func (st *attuazioneSteps) enable(on bool) {
	setEnabled(on, st.fields...)
	if !on {
		st.milestones.RemoveAll()
		st.indicators.RemoveAll()
	}
}

// fill shows the milestones and indicators of v.
func (st *attuazioneSteps) fill(v data.ImplementationView) {
	st.milestones.RemoveAll()
	for _, m := range v.Milestones {
		st.milestones.Add(st.milestoneRow(m))
	}
	if len(v.Milestones) == 0 {
		st.milestones.Add(widget.NewLabel(lang.L("attuazione.no_milestones")))
	}
	st.indicators.RemoveAll()
	for _, i := range v.Indicators {
		st.indicators.Add(st.indicatorRow(i))
	}
	if len(v.Indicators) == 0 {
		st.indicators.Add(widget.NewLabel(lang.L("attuazione.no_indicators")))
	}
	st.content.Refresh() // the rows changed: the lists are laid out again, and what follows them moves
}

// milestoneText is a milestone as its row says it: "Avvio del servizio — entro il 30/06/2026 · raggiunto
// il 01/07/2026".
func milestoneText(m data.Milestone) string {
	parts := []string{m.Title}
	if !m.Due.IsZero() {
		parts = append(parts, lang.L("attuazione.due", map[string]any{"day": italian.Date(m.Due)}))
	}
	if m.Done && !m.DoneOn.IsZero() {
		parts = append(parts, lang.L("attuazione.done_on", map[string]any{"day": italian.Date(m.DoneOn)}))
	}
	return strings.Join(parts, " · ")
}

func (st *attuazioneSteps) milestoneRow(m data.Milestone) fyne.CanvasObject {
	// The text is a label of its own, cut to the width there is: a Check's text would widen the form.
	check := widget.NewCheck("", nil)
	check.SetChecked(m.Done)
	text := widget.NewLabel(milestoneText(m))
	text.Truncation = fyne.TextTruncateEllipsis
	check.OnChanged = func(done bool) {
		m := m
		m.Done = done
		st.save(func(string) error { _, err := st.s.ui.store.SaveMilestone(st.s.ui.ctx, m); return err })
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		m := m
		m.Deleted = true
		st.save(func(string) error { _, err := st.s.ui.store.SaveMilestone(st.s.ui.ctx, m); return err })
	})
	return container.NewBorder(nil, nil, check, remove, text)
}

func (st *attuazioneSteps) indicatorRow(i data.Indicator) fyne.CanvasObject {
	name := i.Name
	if i.Unit != "" {
		name += " (" + i.Unit + ")"
	}
	label := widget.NewLabel(name)
	label.Truncation = fyne.TextTruncateEllipsis
	value := newShortcutEntry()
	value.SetText(italian.Number(i.Value))
	record := func() {
		x, err := typedNumber(value.Text)
		if err != nil {
			st.s.errs.set(i18n.Explain(err))
			return
		}
		if x == i.Value {
			return
		}
		i := i
		i.Value = x
		st.save(func(string) error { _, err := st.s.ui.store.SaveIndicator(st.s.ui.ctx, i); return err })
	}
	value.onKey[fyne.KeyReturn], value.onKey[fyne.KeyEnter], value.onKey[fyne.KeyEscape] = record, record, st.s.focusFilter
	target := widget.NewLabel(lang.L("attuazione.of_target", map[string]any{"target": italian.Number(i.Target),
		"day": italian.Date(i.MeasuredOn)}))
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		i := i
		i.Deleted = true
		st.save(func(string) error { _, err := st.s.ui.store.SaveIndicator(st.s.ui.ctx, i); return err })
	})
	return container.NewBorder(nil, nil, nil, container.NewHBox(fixedWidth(110, value), target, remove), label)
}

// fixedWidth gives an entry of a line a width of its own: in a row an Entry is otherwise as narrow as its
// placeholder allows.
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// typedNumber reads a measure typed the Italian way: "1.380", "7,5"; blank is 0.
func typedNumber(text string) (float64, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, nil
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", "."), 64)
	if err != nil || x < 0 {
		return 0, data.Errorf(data.EInvalid, "err.indicator.number", "value", t)
	}
	return x, nil
}

// addMilestone records the milestone typed on the line, and empties it for the next.
func (st *attuazioneSteps) addMilestone() {
	due, err := typedDay(st.msDue.Text)
	if err != nil {
		st.s.errs.set(i18n.Explain(err))
		return
	}
	title := strings.TrimSpace(st.msTitle.Text)
	if title == "" {
		st.s.errs.set(i18n.Explain(data.Errorf(data.EInvalid, "err.milestone.title")))
		return
	}
	st.save(func(id string) error {
		_, err := st.s.ui.store.SaveMilestone(st.s.ui.ctx, data.Milestone{ImplementationID: id, Title: title, Due: due})
		return err
	}, func() {
		st.msTitle.SetText("")
		st.msDue.SetText("")
		st.s.ui.win.Canvas().Focus(st.msTitle)
	})
}

// addIndicator records the indicator typed on the line, and empties it for the next.
func (st *attuazioneSteps) addIndicator() {
	name := strings.TrimSpace(st.inName.Text)
	if name == "" {
		st.s.errs.set(i18n.Explain(data.Errorf(data.EInvalid, "err.indicator.name")))
		return
	}
	target, err := typedNumber(st.inTarget.Text)
	if err != nil {
		st.s.errs.set(i18n.Explain(err))
		return
	}
	value, err := typedNumber(st.inValue.Text)
	if err != nil {
		st.s.errs.set(i18n.Explain(err))
		return
	}
	unit := strings.TrimSpace(st.inUnit.Text)
	st.save(func(id string) error {
		_, err := st.s.ui.store.SaveIndicator(st.s.ui.ctx, data.Indicator{ImplementationID: id, Name: name, Unit: unit,
			Target: target, Value: value})
		return err
	}, func() {
		for _, e := range []*shortcutEntry{st.inName, st.inUnit, st.inTarget, st.inValue} {
			e.SetText("")
		}
		st.s.ui.win.Canvas().Focus(st.inName)
	})
}

// save runs a change of the milestones or indicators off the UI goroutine, starting the attuazione first
// when it has none yet (with what the form holds), then reads the list again; done runs after a success.
func (st *attuazioneSteps) save(change func(implementationID string) error, done ...func()) {
	s := st.s
	f := s.form
	if f.saver.pending() {
		f.saver.flushNow() // what was typed in the form first: the attuazione may start with it
	}
	d := f.draft()
	ui := s.ui
	var err error
	ui.run(func() {
		id := d.im.ID
		if id == "" {
			if d.err != nil {
				err = d.err
				return
			}
			var im data.Implementation
			if im, err = ui.store.SaveImplementation(ui.ctx, d.im); err != nil {
				return
			}
			id = im.ID
		}
		err = change(id)
	}, func() {
		if err != nil {
			s.errs.set(i18n.Explain(err))
			s.reload()
			return
		}
		s.errs.set("")
		ui.saved()
		for _, f := range done {
			f()
		}
		s.reload()
	})
}
