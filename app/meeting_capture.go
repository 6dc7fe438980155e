// The quick form that records a proposal while the speaker is still talking.

package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// captureForm is the quick form that puts a proposal on record while the speaker is still talking
// (Ctrl+P): kind, title and text first, then who proposed it and the rest, all optional but the title.
// Enter in the title records it.
type captureForm struct {
	m        *meetingScreen
	kind     *keySelect
	title    *shortcutEntry
	text     *textArea
	itemID   string // the agenda item under discussion when the form was opened
	errs     *widget.Label
	proposer *keySelect
	org      *keySelect
	target   *shortcutEntry
	comuni   []*widget.Check
	cost     *keySelect
	duration *keySelect
	area     *keySelect

	people  []data.RegisterLine
	orgs    []data.OrganisationView
	comuneL []data.Comune
	areas   []data.Area
	dlg     *dialog.FormDialog
}

var costBands = []data.CostBand{data.CostUnknown, data.CostUnder5k, data.Cost5to25k, data.CostOver25k}
var timeBands = []data.TimeBand{data.TimeUnknown, data.Time3to6, data.Time6to12, data.TimeOver12}

// captureProposal opens the quick form for the current item.
func (m *meetingScreen) captureProposal() {
	if m.d.Session.ID == "" {
		return
	}
	var orgs []data.OrganisationView
	var comuni []data.Comune
	var areas []data.Area
	var err error
	m.ui.run(func() {
		if orgs, err = m.ui.store.Organisations(m.ui.ctx, ""); err != nil {
			return
		}
		if comuni, err = m.ui.store.Comuni(m.ui.ctx); err != nil {
			return
		}
		areas, err = m.ui.store.Areas(m.ui.ctx)
	}, func() {
		if err != nil {
			m.errs.set(i18n.Explain(err))
			return
		}
		f := newCaptureForm(m, orgs, comuni, areas)
		f.dlg.Show()
		m.ui.win.Canvas().Focus(f.title)
	})
}

func newCaptureForm(m *meetingScreen, orgs []data.OrganisationView, comuni []data.Comune, areas []data.Area) *captureForm {
	f := &captureForm{m: m, orgs: orgs, comuneL: comuni, areas: areas}
	var kinds []string
	for _, k := range data.ProposalKinds {
		kinds = append(kinds, lang.L("pkind."+string(k)))
	}
	f.kind = newKeySelect(kinds, nil)
	f.kind.SetSelectedIndex(0)
	f.title = newShortcutEntry()
	f.title.SetPlaceHolder(lang.L("capture.title_placeholder"))
	f.title.OnSubmitted = func(string) { f.dlg.Submit() }
	f.title.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("err.proposal.title_required"))
		}
		return nil
	}
	f.text = newTextArea()
	f.text.SetMinRowsVisible(3)
	f.itemID = m.shownID()
	f.errs = widget.NewLabel("")
	f.errs.Importance = widget.DangerImportance
	f.errs.Wrapping = fyne.TextWrapWord
	people := []string{lang.L("person.none")}
	for _, l := range m.d.Register {
		if l.PersonID != "" && l.PresentAt(time.Time{}) {
			f.people = append(f.people, l)
			people = append(people, l.PersonName)
		}
	}
	f.proposer = newKeySelect(people, func(string) { f.proposerChanged() })
	f.proposer.SetSelectedIndex(0)
	orgNames := []string{lang.L("organisation.none")}
	for _, o := range orgs {
		orgNames = append(orgNames, o.Name)
	}
	f.org = newKeySelect(orgNames, nil)
	f.org.SetSelectedIndex(0)
	f.target = newShortcutEntry()
	f.target.SetPlaceHolder(lang.L("capture.target_placeholder"))
	f.target.OnSubmitted = func(string) { f.dlg.Submit() }
	checks := container.NewGridWithColumns(3)
	for _, c := range comuni {
		ch := widget.NewCheck(c.Name, nil)
		f.comuni = append(f.comuni, ch)
		checks.Add(ch)
	}
	var costs, times []string
	for _, c := range costBands {
		costs = append(costs, lang.L("cost."+string(orNone(string(c)))))
	}
	for _, t := range timeBands {
		times = append(times, lang.L("tband."+string(orNone(string(t)))))
	}
	f.cost = newKeySelect(costs, nil)
	f.cost.SetSelectedIndex(0)
	f.duration = newKeySelect(times, nil)
	f.duration.SetSelectedIndex(0)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("field.kind"), f.kind),
		widget.NewFormItem(lang.L("field.title"), f.title),
		widget.NewFormItem(lang.L("field.text"), f.text),
		widget.NewFormItem(lang.L("field.proposer"), f.proposer),
		widget.NewFormItem(lang.L("field.organisation"), f.org),
		widget.NewFormItem(lang.L("field.target"), f.target),
		widget.NewFormItem(lang.L("field.comuni"), checks),
		widget.NewFormItem(lang.L("field.cost"), f.cost),
		widget.NewFormItem(lang.L("field.duration"), f.duration),
		widget.NewFormItem("", f.errs),
	}
	if m.d.Body.AreaID == "" {
		var an []string
		for _, a := range areas {
			an = append(an, a.Name)
		}
		f.area = newKeySelect(an, nil)
		if len(an) > 0 {
			f.area.SetSelectedIndex(0) // a body of every area: the first, to be changed when needed
		}
		items = append([]*widget.FormItem{widget.NewFormItem(lang.L("field.area"), f.area)}, items...)
	}
	f.dlg = dialog.NewForm(lang.L("capture.heading", map[string]any{"area": m.areaName()}), lang.L("capture.ok"),
		lang.L("Cancel"), items, func(ok bool) {
			m.capture = nil
			if ok {
				f.save()
			}
		}, m.ui.win)
	formKeys(f.dlg.Submit, f.dlg.Hide, items...)
	m.capture = f
	f.dlg.Resize(fyne.NewSize(760, 600))
	return f
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// areaName is the welfare area proposals of this session go to.
func (m *meetingScreen) areaName() string {
	if m.d.AreaName != "" {
		return m.d.AreaName
	}
	return m.d.Body.Name
}

// proposerChanged fills in the proposer's organisation when none was chosen.
func (f *captureForm) proposerChanged() {
	i := f.proposer.SelectedIndex()
	if i <= 0 || i-1 >= len(f.people) || f.org.SelectedIndex() > 0 {
		return
	}
	for j, o := range f.orgs {
		if o.Name == f.people[i-1].Organisation && o.Name != "" {
			f.org.SetSelectedIndex(j + 1)
		}
	}
}

// proposal is what the form holds.
func (f *captureForm) proposal() data.Proposal {
	m := f.m
	p := data.Proposal{SessionID: m.d.Session.ID, AgendaItemID: f.itemID, AreaID: m.d.Body.AreaID,
		Title: f.title.Text, Text: f.text.Text, TargetGroup: f.target.Text, State: data.StateProposta}
	if i := f.kind.SelectedIndex(); i >= 0 {
		p.Kind = data.ProposalKinds[i]
	}
	if f.area != nil {
		if i := f.area.SelectedIndex(); i >= 0 {
			p.AreaID = f.areas[i].ID
		}
	}
	if i := f.proposer.SelectedIndex(); i > 0 {
		p.ProposerID = f.people[i-1].PersonID
	}
	if i := f.org.SelectedIndex(); i > 0 {
		p.OrganisationID = f.orgs[i-1].ID
	}
	for i, c := range f.comuneL {
		if f.comuni[i].Checked {
			p.ComuneIDs = append(p.ComuneIDs, c.ID)
		}
	}
	p.Cost = costBands[max(f.cost.SelectedIndex(), 0)]
	p.Duration = timeBands[max(f.duration.SelectedIndex(), 0)]
	return p
}

// save records the proposal; when it cannot (no title), the form comes back with what was typed and
// the reason.
func (f *captureForm) save() {
	p := f.proposal()
	m := f.m
	var err error
	m.ui.run(func() { _, err = m.ui.store.SaveProposal(m.ui.ctx, p) }, func() {
		if err != nil {
			// The form comes back with what was typed and, inside it, the reason.
			f.errs.SetText(i18n.Explain(err))
			m.capture = f
			f.dlg.Show()
			m.ui.win.Canvas().Focus(f.title)
			return
		}
		m.ui.saved()
		m.ui.status.say(lang.L("capture.saved", map[string]any{"title": p.Title}))
		m.reload(nil)
	})
}
