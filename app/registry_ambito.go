// The Ambito section: its tabs (the Ambito itself, comuni, areas, bodies) and the Ambito's own form.

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

// ambitoScreen holds the district's settings in tabs: the Ambito itself, its comuni, its welfare areas,
// and its bodies.
type ambitoScreen struct {
	ui       *UI
	tabs     *container.AppTabs
	settings *ambitoSettings
	comuni   *comuniScreen
	areas    *areasScreen
	bodies   *bodiesScreen
	content  fyne.CanvasObject
}

func newAmbitoScreen(ui *UI) *ambitoScreen {
	s := &ambitoScreen{ui: ui}
	s.settings = newAmbitoSettings(ui)
	s.comuni = newComuniScreen(ui)
	s.areas = newAreasScreen(ui)
	s.bodies = newBodiesScreen(ui)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("tab.ambito"), theme.HomeIcon(), s.settings.content),
		container.NewTabItemWithIcon(lang.L("tab.comuni"), theme.StorageIcon(), s.comuni.content),
		container.NewTabItemWithIcon(lang.L("tab.areas"), theme.ListIcon(), s.areas.content),
		container.NewTabItemWithIcon(lang.L("tab.bodies"), theme.AccountIcon(), s.bodies.content),
	)
	s.tabs.OnSelected = func(*container.TabItem) {
		s.refresh()
		if ui.current == sectionAmbito {
			ui.focusSection() // the filter of the tab's list
		}
	}
	s.content = s.tabs
	return s
}

// refresh reloads the tab shown.
func (s *ambitoScreen) refresh() {
	switch s.tabs.SelectedIndex() {
	case 0:
		s.settings.refresh()
	case 1:
		s.comuni.refresh()
	case 2:
		s.areas.refresh()
	case 3:
		s.bodies.refresh()
	}
}

// active is the editor of the tab shown, for Nuovo, Elimina and Trova.
func (s *ambitoScreen) active() editor {
	switch s.tabs.SelectedIndex() {
	case 1:
		return s.comuni
	case 2:
		return s.areas
	case 3:
		return s.bodies
	}
	return nil
}

// ambitoSettings is the form of the Ambito itself.
type ambitoSettings struct {
	ui        *UI
	meta      data.Meta
	loading   bool
	comuni    []data.Comune
	name      *widget.Entry
	shortName *widget.Entry
	region    *widget.Entry
	capofila  *widget.Select
	address   *widget.Entry
	// The privacy notice and the retention term (GDPR): empty fields take the defaults shown as hints.
	controller *widget.Entry
	contact    *widget.Entry
	dpo        *widget.Entry
	retention  *widget.Entry
	base       data.Ambito // the Ambito as loaded: what the form does not show is saved as it was
	summary    *widget.Label
	errs       *errorLine
	saver      *autosaver[data.Ambito]
	content    fyne.CanvasObject
}

func newAmbitoSettings(ui *UI) *ambitoSettings {
	s := &ambitoSettings{ui: ui, errs: newErrorLine()}
	s.name, s.shortName, s.region, s.address = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.controller, s.contact, s.dpo, s.retention = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.capofila = newSelect(nil, func(string) { s.changed() })
	for _, e := range []*widget.Entry{s.name, s.shortName, s.region, s.address, s.controller, s.contact, s.dpo, s.retention} {
		e.OnChanged = func(string) { s.changed() }
	}
	s.shortName.SetPlaceHolder(lang.L("ambito.short_hint"))
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.saver = &autosaver[data.Ambito]{ui: ui, get: s.ambito,
		save:   func(a data.Ambito) (data.Ambito, error) { return ui.store.SaveAmbito(ui.ctx, a) },
		meta:   func(a data.Ambito) data.Meta { return a.Meta },
		apply:  func(a data.Ambito) { s.meta = a.Meta },
		report: func(err error) { s.errs.set(i18n.Explain(err)) },
		after:  func(data.Ambito, bool) { ui.loadAmbito(nil) }}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("field.ambito_name"), s.name),
		widget.NewFormItem(lang.L("field.short_name"), s.shortName),
		widget.NewFormItem(lang.L("field.region"), s.region),
		widget.NewFormItem(lang.L("field.capofila"), s.capofila),
		widget.NewFormItem(lang.L("field.address"), s.address),
	)
	s.dpo.SetPlaceHolder(lang.L("privacy.dpo_hint"))
	s.retention.SetPlaceHolder(lang.L("privacy.retention_hint", map[string]any{"months": data.DefaultRetentionMonths}))
	privacy := widget.NewForm(
		widget.NewFormItem(lang.L("field.privacy_controller"), s.controller),
		widget.NewFormItem(lang.L("field.privacy_contact"), s.contact),
		widget.NewFormItem(lang.L("field.privacy_dpo"), s.dpo),
		widget.NewFormItem(lang.L("field.retention_months"), s.retention),
	)
	privacyNote := widget.NewLabel(lang.L("privacy.note"))
	privacyNote.Wrapping = fyne.TextWrapWord
	privacyNote.Importance = widget.LowImportance
	note := widget.NewLabel(lang.L("form.autosave"))
	note.Importance = widget.LowImportance
	s.content = container.NewVScroll(container.NewVBox(heading(lang.L("ambito.title")), form,
		heading(lang.L("privacy.title")), privacy, privacyNote, s.errs.box, note,
		widget.NewSeparator(), s.summary))
	return s
}

// refresh loads the Ambito and its comuni.
func (s *ambitoSettings) refresh() {
	var a data.Ambito
	var comuni []data.Comune
	var err error
	s.ui.run(func() {
		a, err = s.ui.store.Ambito(s.ui.ctx)
		if data.ErrorCode(err) == data.ENotFound {
			err = nil
		}
		if err == nil {
			comuni, err = s.ui.store.Comuni(s.ui.ctx)
		}
	}, func() {
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.loading = true
		defer func() { s.loading = false }()
		s.meta, s.comuni, s.base = a.Meta, comuni, a
		s.name.SetText(a.Name)
		s.shortName.SetText(a.ShortName)
		s.region.SetText(a.Region)
		s.address.SetText(a.Address)
		s.controller.SetText(a.Privacy.Controller)
		s.contact.SetText(a.Privacy.Contact)
		s.dpo.SetText(a.Privacy.DPO)
		s.retention.SetText("")
		if a.Privacy.RetentionMonths > 0 {
			s.retention.SetText(strconv.Itoa(a.Privacy.RetentionMonths))
		}
		opts := []string{lang.L("comune.none")}
		total, approx := 0, false
		for _, c := range comuni {
			opts = append(opts, c.Name)
			total += c.Population
			approx = approx || c.PopulationApprox
		}
		s.capofila.SetOptions(opts)
		s.capofila.SetSelectedIndex(0)
		for i, c := range comuni {
			if c.ID == a.CapofilaID {
				s.capofila.SetSelectedIndex(i + 1)
			}
		}
		key := "ambito.summary"
		if approx {
			key = "ambito.summary_approx"
		}
		s.summary.SetText(lang.L(key, map[string]any{"comuni": len(comuni), "population": italian.Int(total)}))
		s.showDefaults()
	})
}

// showDefaults shows, in the empty fields of the notice, what the documents print instead.
func (s *ambitoSettings) showDefaults() {
	n := s.ambito()
	capofila := ""
	for _, c := range s.comuni {
		if c.ID == n.CapofilaID {
			capofila = c.Name
		}
	}
	n.Privacy = data.Privacy{}
	d := n.Notice(capofila)
	s.controller.SetPlaceHolder(d.Controller)
	s.contact.SetPlaceHolder(d.Contact)
}

func (s *ambitoSettings) ambito() data.Ambito {
	a := s.base
	a.Meta, a.Name, a.ShortName, a.Region, a.Address = s.meta, s.name.Text, s.shortName.Text, s.region.Text, s.address.Text
	a.CapofilaID = ""
	if i := s.capofila.SelectedIndex(); i > 0 && i-1 < len(s.comuni) {
		a.CapofilaID = s.comuni[i-1].ID
	}
	a.Privacy = data.Privacy{Controller: s.controller.Text, Contact: s.contact.Text, DPO: s.dpo.Text}
	if t := strings.TrimSpace(s.retention.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			n = -1 // not a number: refused by the Ambito's rules, in words
		}
		a.Privacy.RetentionMonths = n
	}
	return a
}

func (s *ambitoSettings) changed() {
	if !s.loading {
		s.showDefaults()
		s.saver.changed()
	}
}
