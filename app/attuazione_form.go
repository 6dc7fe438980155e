// The form of an attuazione: responsible, dates, progress, budget by source, notes; saved as typed.

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
	"github.com/tavoli/tavoli/data/italian"
)

// responsibleChoice is a record that may answer for an attuazione, as the responsible box offers it.
type responsibleChoice struct {
	kind  data.Kind
	id    string
	label string // "Comune di Magione", "Ufficio di Piano (organo)"
	fold  string // the label folded, for searching
}

// responsibleChoices reads who may answer for an attuazione: bodies, organisations, comuni, people. It
// runs off the UI goroutine.
func responsibleChoices(ui *UI) ([]responsibleChoice, error) {
	var out []responsibleChoice
	add := func(kind data.Kind, id, label string) {
		out = append(out, responsibleChoice{kind: kind, id: id, label: label, fold: data.Fold(label)})
	}
	bodies, err := ui.store.Bodies(ui.ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		add(data.KindBody, b.ID, lang.L("attuazione.as_body", map[string]any{"name": b.Name}))
	}
	comuni, err := ui.store.Comuni(ui.ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range comuni {
		add(data.KindComune, c.ID, "Comune di "+c.Name)
	}
	orgs, err := ui.store.Organisations(ui.ctx, "")
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		add(data.KindOrganisation, o.ID, lang.L("attuazione.as_organisation", map[string]any{"name": o.Name}))
	}
	people, err := ui.store.People(ui.ctx, data.PeopleFilter{})
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		add(data.KindPerson, p.ID, lang.L("attuazione.as_person", map[string]any{"name": p.Name + " " + p.Surname}))
	}
	return out, nil
}

// attuazioneDraft is what the form holds: the attuazione, or why what was typed cannot be one (a date
// or an amount that cannot be read).
type attuazioneDraft struct {
	im  data.Implementation
	err error
}

// attuazioneForm is the form of the attuazione shown.
type attuazioneForm struct {
	s                    *attuazioneScreen
	form                 *widget.Form
	resp                 *keySelectEntry
	respKind             data.Kind
	respID               string
	start, end, progress *shortcutEntry
	planned, spent       []*shortcutEntry // one per data.FundSources
	notes                *textArea
	saver                *autosaver[attuazioneDraft]
	fields               []fyne.Disableable
}

// maxChoices is how many names the responsible box offers for what was typed.
const maxChoices = 12

func newAttuazioneForm(s *attuazioneScreen) *attuazioneForm {
	f := &attuazioneForm{s: s}
	ui := s.ui
	f.resp = newKeySelectEntry(nil)
	f.resp.SetPlaceHolder(lang.L("attuazione.responsible_hint"))
	f.resp.OnChanged = f.typedResponsible
	f.resp.onEscape = s.focusFilter
	f.start, f.end, f.progress = newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	f.start.SetPlaceHolder(lang.L("attuazione.day_hint"))
	f.end.SetPlaceHolder(lang.L("attuazione.day_hint"))
	f.progress.SetPlaceHolder("0–100")
	order := []fyne.Focusable{f.resp, f.start, f.end, f.progress}
	budget := container.NewGridWithColumns(3, widget.NewLabel(""),
		widget.NewLabelWithStyle(lang.L("attuazione.planned"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(lang.L("attuazione.spent"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, src := range data.FundSources {
		p, sp := newShortcutEntry(), newShortcutEntry()
		p.SetPlaceHolder("0,00")
		sp.SetPlaceHolder("0,00")
		f.planned, f.spent = append(f.planned, p), append(f.spent, sp)
		budget.Add(widget.NewLabel(italian.Source(src)))
		budget.Add(p)
		budget.Add(sp)
		order = append(order, p, sp)
	}
	f.notes = newTextArea()
	f.notes.SetMinRowsVisible(3)
	f.notes.onEscape = s.focusFilter
	f.notes.OnChanged = func(string) { f.changed() }
	order = append(order, f.notes)
	// Enter moves on to the next field, Esc goes back to the list; every change is saved.
	for i, w := range order {
		e, ok := w.(*shortcutEntry)
		if !ok {
			continue
		}
		next := order[i+1]
		e.onKey[fyne.KeyReturn] = func() { ui.win.Canvas().Focus(next) }
		e.onKey[fyne.KeyEnter] = e.onKey[fyne.KeyReturn]
		e.onKey[fyne.KeyEscape] = s.focusFilter
		e.OnChanged = func(string) { f.changed() }
	}
	f.resp.OnSubmitted = func(string) {
		f.pickOnly()
		ui.win.Canvas().Focus(f.start)
	}
	f.saver = &autosaver[attuazioneDraft]{ui: ui, get: f.draft,
		save: func(d attuazioneDraft) (attuazioneDraft, error) {
			if d.err != nil {
				return d, d.err
			}
			im, err := ui.store.SaveImplementation(ui.ctx, d.im)
			return attuazioneDraft{im: im}, err
		},
		meta:   func(d attuazioneDraft) data.Meta { return d.im.Meta },
		apply:  func(d attuazioneDraft) { s.cur.Meta = d.im.Meta },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after:  func(attuazioneDraft, bool) { s.reload() }}
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("attuazione.responsible"), f.resp),
		widget.NewFormItem(lang.L("attuazione.start"), f.start),
		widget.NewFormItem(lang.L("attuazione.end"), f.end),
		widget.NewFormItem(lang.L("attuazione.progress_pct"), f.progress),
		widget.NewFormItem(lang.L("attuazione.budget"), budget),
		widget.NewFormItem(lang.L("field.notes"), f.notes),
	)
	f.fields = []fyne.Disableable{f.resp, f.start, f.end, f.progress, f.notes}
	for i := range f.planned {
		f.fields = append(f.fields, f.planned[i], f.spent[i])
	}
	return f
}

func (f *attuazioneForm) enable(on bool) {
	setEnabled(on, f.fields...)
	f.form.Refresh()
}

func (f *attuazioneForm) changed() {
	if !f.s.loading {
		f.saver.changed()
	}
}

// fill shows an attuazione in the form.
func (f *attuazioneForm) fill(v data.ImplementationView) {
	f.respKind, f.respID = v.ResponsibleKind, v.ResponsibleID
	f.resp.SetText(f.label(v.ResponsibleKind, v.ResponsibleID, v.ResponsibleName))
	f.resp.SetOptions(nil)
	f.start.SetText(italian.Date(v.Start))
	f.end.SetText(italian.Date(v.End))
	f.progress.SetText(strconv.Itoa(v.Progress))
	budget := data.FullBudget(v.Budget)
	for i := range budget {
		f.planned[i].SetText(amount(budget[i].Planned))
		f.spent[i].SetText(amount(budget[i].Spent))
	}
	f.notes.SetText(v.Notes)
}

// amount writes money for a field: blank for none.
func amount(cents int64) string {
	if cents == 0 {
		return ""
	}
	return italian.Euro(cents)
}

// label is how the responsible box writes a responsible: as it offers them, or the name the store gave.
func (f *attuazioneForm) label(kind data.Kind, id, name string) string {
	for _, c := range f.s.cands {
		if c.kind == kind && c.id == id {
			return c.label
		}
	}
	return name
}

// typedResponsible offers the names that match what was typed, and takes the one written in full. A
// blank box means nobody.
func (f *attuazioneForm) typedResponsible(text string) {
	if f.s.loading {
		return
	}
	text = strings.TrimSpace(text)
	terms := data.SearchTerms(text)
	var opts []string
	kind, id := data.Kind(""), ""
	for _, c := range f.s.cands {
		if c.label == text {
			kind, id = c.kind, c.id
		}
		if text != "" && len(opts) < maxChoices && matches(c.fold, terms) {
			opts = append(opts, c.label)
		}
	}
	f.resp.SetOptions(opts)
	if text != "" && id == "" {
		return // still typing: nothing to save yet
	}
	if kind != f.respKind || id != f.respID {
		f.respKind, f.respID = kind, id
		f.changed()
	}
}

// pickOnly takes the only name that matches what was typed, on Enter.
func (f *attuazioneForm) pickOnly() {
	if f.respID != "" || strings.TrimSpace(f.resp.Text) == "" {
		return
	}
	terms := data.SearchTerms(f.resp.Text)
	var only *responsibleChoice
	for i, c := range f.s.cands {
		if matches(c.fold, terms) {
			if only != nil {
				return
			}
			only = &f.s.cands[i]
		}
	}
	if only != nil {
		f.resp.SetText(only.label) // typedResponsible takes it
	}
}

// draft reads the form.
func (f *attuazioneForm) draft() attuazioneDraft {
	cur := f.s.cur
	im := data.Implementation{Meta: cur.Meta, ProposalID: cur.ProposalID, ResponsibleKind: f.respKind,
		ResponsibleID: f.respID, Notes: f.notes.Text}
	var errs []error
	var err error
	im.Start, err = typedDay(f.start.Text)
	errs = append(errs, err)
	im.End, err = typedDay(f.end.Text)
	errs = append(errs, err)
	p := strings.TrimSuffix(strings.TrimSpace(f.progress.Text), "%")
	if p != "" {
		if im.Progress, err = strconv.Atoi(strings.TrimSpace(p)); err != nil {
			errs = append(errs, data.Errorf(data.EInvalid, "err.attuazione.progress", "value", p))
		}
	}
	for i, src := range data.FundSources {
		b := data.Budget{Source: src}
		b.Planned, err = italian.ParseEuro(f.planned[i].Text)
		errs = append(errs, err)
		b.Spent, err = italian.ParseEuro(f.spent[i].Text)
		errs = append(errs, err)
		im.Budget = append(im.Budget, b)
	}
	d := attuazioneDraft{im: im}
	for _, e := range errs {
		if e != nil {
			d.err = e
			break
		}
	}
	return d
}

// typedDay reads a day typed as 12/03/2027; blank is no day.
func typedDay(text string) (time.Time, error) {
	if strings.TrimSpace(text) == "" {
		return time.Time{}, nil
	}
	return parseDateTime(text, "")
}
