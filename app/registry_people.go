// The participant register: people, searched as you type, edited with autosave.

package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
)

// peopleScreen is the participant register: the list with its filter, and the selected person beside it.
type peopleScreen struct {
	ui       *UI
	pane     *listPane[data.PersonView]
	category *widget.Select
	content  fyne.CanvasObject

	form   *personForm
	comuni []data.Comune

	join *joinPicker // the join dialog while it is open, for the keyboard and the tests
}

func newPeopleScreen(ui *UI) *peopleScreen {
	s := &peopleScreen{ui: ui}
	s.pane = newListPane(ui, []string{"col.person", "col.category", "col.organisation", "col.comune"},
		[]float32{3, 2, 3, 2}, func(p data.PersonView, col int) string {
			switch col {
			case 0:
				return p.FullName()
			case 1:
				return lang.L("category." + string(p.Category))
			case 2:
				return p.OrganisationName
			}
			return p.Town()
		})
	s.pane.id = func(p data.PersonView) string { return p.ID }
	s.pane.current = func() string { return s.form.meta.ID }
	s.pane.onSelect = func(p data.PersonView) { s.form.load(p) }
	s.pane.load = func(filter, extra string) ([]data.PersonView, func(), error) {
		st, ctx := ui.store, ui.ctx
		list, err := st.People(ctx, data.PeopleFilter{Query: filter, Category: data.Category(extra)})
		if err != nil {
			return nil, nil, err
		}
		comuni, err := st.Comuni(ctx)
		if err != nil {
			return nil, nil, err
		}
		orgs, err := st.Organisations(ctx, "")
		if err != nil {
			return nil, nil, err
		}
		names := make([]string, len(orgs))
		for i, o := range orgs {
			names[i] = o.Name
		}
		return list, func() { s.comuni = comuni; s.form.setChoices(comuni, names) }, nil
	}
	s.pane.extra = func() string { return string(s.categoryFilter()) }
	s.pane.table.filter.SetPlaceHolder(lang.L("people.filter"))
	s.pane.table.filter.OnSubmitted = func(string) { s.form.focus() }

	labels := []string{lang.L("category.all")}
	for _, c := range data.Categories {
		labels = append(labels, lang.L("category."+string(c)))
	}
	s.category = newSelect(labels, nil)
	s.category.SetSelectedIndex(0)
	s.category.OnChanged = func(string) { s.refresh() }

	s.form = newPersonForm(s)
	newBtn := widget.NewButtonWithIcon(lang.L("people.new"), theme.ContentAddIcon(), s.newItem)
	newBtn.Importance = widget.HighImportance
	importBtn := widget.NewButtonWithIcon(lang.L("action.import_people"), theme.UploadIcon(), ui.importPeople)
	retention := widget.NewButtonWithIcon(lang.L("retention.button"), theme.HistoryIcon(), s.showRetention)
	// The buttons wrap when the pane is narrow, and the category keeps a row of its own, readable.
	tools := container.NewVBox(container.New(&flowLayout{}, newBtn, importBtn, retention), s.category)
	left := container.NewBorder(tools, nil, nil, nil, s.pane.table.content)
	split := container.NewHSplit(left, s.form.content)
	split.Offset = 0.55
	s.content = split
	return s
}

// categoryFilter is the category chosen above the list ("" for all).
func (s *peopleScreen) categoryFilter() data.Category {
	i := s.category.SelectedIndex()
	if i <= 0 {
		return ""
	}
	return data.Categories[i-1]
}

// refresh queries the register again.
func (s *peopleScreen) refresh() { s.pane.refresh() }

// newItem starts a new person in the form.
func (s *peopleScreen) newItem() {
	s.pane.table.list.UnselectAll()
	s.form.load(data.PersonView{Person: data.Person{Category: data.CatCittadino}})
	s.form.focus()
}

// focusFilter puts the cursor in the filter box.
func (s *peopleScreen) focusFilter() { s.ui.win.Canvas().Focus(s.pane.table.filter) }

// deleteItem asks to delete the person in the form.
func (s *peopleScreen) deleteItem() {
	if s.form.meta.ID == "" {
		return
	}
	s.form.saver.flush()
	name := s.form.person().FullName()
	s.ui.confirmDelete(data.Ref{Kind: data.KindPerson, ID: s.form.meta.ID}, name, func() {
		s.form.load(data.PersonView{Person: data.Person{Category: data.CatCittadino}})
		s.refresh()
	}, s.refresh)
}

// personForm is the detail of one person; it saves itself as the user types.
type personForm struct {
	form     *widget.Form
	s        *peopleScreen
	meta     data.Meta
	loading  bool
	title    *widget.Label
	surname  *shortcutEntry
	name     *shortcutEntry
	honorary *shortcutEntry // the person's title ("Sindaca"); f.title is the form's heading
	gender   *widget.Select
	category *widget.Select
	// initials asks for initials only in the copies for publication (a private citizen has them anyway).
	initials *widget.Check
	org      *commitEntry
	orgID    string // the organisation stored for this person
	orgName  string
	// orgCommitted is set when the organisation's name is complete (Enter, leaving the field, another
	// record): only then may a name that matches no organisation create one, not at every pause in typing.
	orgCommitted bool
	comune       *widget.SelectEntry
	email        *shortcutEntry
	phone        *shortcutEntry
	notes        *widget.Entry
	hint         *widget.Label
	info         *widget.Label
	errs         *errorLine
	del          *widget.Button
	join         *widget.Button // joins the person with another record of the same person
	history      *widget.Button // the person's history: every change, who made it and when
	erase        *widget.Button // erases the person's personal data (GDPR art. 17)
	export       *widget.Button // what is held on the person (art. 15), as a PDF
	erased       bool           // the person's data were erased: nothing to edit
	saver        *autosaver[personDraft]
	content      fyne.CanvasObject
}

// personDraft is what the form holds: the person, and the organisation and comune as typed.
type personDraft struct {
	data.Person
	OrgTyped    string
	PrevOrgName string
	CommitOrg   bool
	ComuneTyped string
}

func newPersonForm(s *peopleScreen) *personForm {
	f := &personForm{s: s, title: heading(lang.L("people.none")), errs: newErrorLine()}
	f.surname, f.name, f.email, f.phone = newShortcutEntry(), newShortcutEntry(), newShortcutEntry(), newShortcutEntry()
	f.honorary = newShortcutEntry()
	var genders []string
	for _, g := range data.Genders {
		genders = append(genders, genderLabel(g))
	}
	f.gender = newSelect(genders, func(string) { f.changed() })
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetMinRowsVisible(3)
	f.notes.Wrapping = fyne.TextWrapWord
	var cats []string
	for _, c := range data.Categories {
		cats = append(cats, lang.L("category."+string(c)))
	}
	f.category = newSelect(cats, func(string) { f.changed() })
	f.initials = widget.NewCheck(lang.L("people.publish_initials"), func(bool) { f.changed() })
	f.org = newCommitEntry(func() {
		if !f.loading && !f.orgCommitted {
			f.orgCommitted = true
			f.saver.changed()
		}
	})
	f.comune = widget.NewSelectEntry(nil)
	f.hint = widget.NewLabel("")
	f.hint.Wrapping = fyne.TextWrapWord
	f.hint.Importance = widget.WarningImportance
	f.info = widget.NewLabel("")
	f.info.Importance = widget.LowImportance
	for _, e := range []*shortcutEntry{f.surname, f.name, f.honorary, f.email, f.phone} {
		e.OnChanged = func(string) { f.changed() }
		e.onKey[fyne.KeyEscape] = s.focusFilter
	}
	f.notes.OnChanged = func(string) { f.changed() }
	f.org.OnChanged = func(string) {
		if !f.loading {
			f.orgCommitted = false
		}
		f.changed()
	}
	f.org.OnSubmitted = func(string) { f.orgCommitted = true; f.saver.flush() }
	f.comune.OnChanged = func(string) { f.changed() }
	f.surname.SetPlaceHolder(lang.L("people.surname_hint"))
	f.email.SetPlaceHolder(lang.L("people.email_hint"))
	f.honorary.SetPlaceHolder(lang.L("people.title_hint"))

	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("field.surname"), f.surname),
		widget.NewFormItem(lang.L("field.name"), f.name),
		widget.NewFormItem(lang.L("field.title"), f.honorary),
		widget.NewFormItem(lang.L("field.gender"), f.gender),
		widget.NewFormItem(lang.L("field.category"), f.category),
		&widget.FormItem{Widget: f.initials, HintText: lang.L("people.publish_initials_hint")},
		widget.NewFormItem(lang.L("field.organisation"), f.org),
		widget.NewFormItem(lang.L("field.comune"), f.comune),
		widget.NewFormItem(lang.L("field.email"), f.email),
		widget.NewFormItem(lang.L("field.phone"), f.phone),
		widget.NewFormItem(lang.L("field.notes"), f.notes),
	)
	f.del = widget.NewButtonWithIcon(lang.L("action.delete"), theme.DeleteIcon(), s.deleteItem)
	f.del.Importance = widget.DangerImportance
	f.join = widget.NewButtonWithIcon(lang.L("people.join"), theme.ContentCopyIcon(), s.joinItem)
	f.history = s.ui.historyButton(func() string { return f.meta.ID }, func() string { return f.title.Text })
	f.erase = widget.NewButtonWithIcon(lang.L("erase.button"), theme.VisibilityOffIcon(), s.eraseItem)
	f.export = widget.NewButtonWithIcon(lang.L("people.export_data"), theme.DocumentSaveIcon(), s.exportPersonData)
	f.saver = &autosaver[personDraft]{ui: s.ui, get: f.draft, save: f.store,
		meta: func(d personDraft) data.Meta { return d.Meta },
		apply: func(d personDraft) {
			f.meta, f.orgID, f.orgName = d.Meta, d.OrganisationID, d.OrgTyped
			f.showInfo()
		},
		report: func(err error) { f.errs.set(i18n.Explain(err)) },
		after: func(d personDraft, created bool) {
			if created {
				s.refresh()
				return
			}
			f.title.SetText(d.FullName())
			s.pane.update(data.PersonView{Person: d.Person, OrganisationName: d.OrgTyped, ComuneName: d.ComuneTyped})
		}}
	note := widget.NewLabel(lang.L("form.autosave"))
	note.Importance = widget.LowImportance
	f.content = container.NewVScroll(container.NewVBox(f.title, f.form, f.hint, f.errs.box,
		note, container.New(&flowLayout{}, f.history, f.join, f.export, f.erase, f.del), f.info))
	f.setEnabled(false)
	return f
}

// setChoices fills the drop-downs of organisations and comuni.
func (f *personForm) setChoices(comuni []data.Comune, orgs []string) {
	names := make([]string, len(comuni))
	for i, c := range comuni {
		names[i] = c.Name
	}
	f.comune.SetOptions(names)
	f.org.SetOptions(orgs)
}

// load shows p in the form without saving anything.
func (f *personForm) load(p data.PersonView) {
	if f.saver.pending() {
		f.orgCommitted = true
		f.saver.flush()
	}
	f.loading = true
	defer func() { f.loading = false }()
	f.meta, f.orgID, f.orgName, f.orgCommitted = p.Meta, p.OrganisationID, p.OrganisationName, true
	f.surname.SetText(p.Surname)
	f.name.SetText(p.Name)
	f.honorary.SetText(p.Title)
	f.gender.SetSelected(genderLabel(p.Gender)) // an unknown code reads as not recorded
	if f.gender.SelectedIndex() < 0 {
		f.gender.SetSelectedIndex(0)
	}
	cat := p.Category
	if !cat.Valid() {
		cat = data.CatAltro
	}
	f.category.SetSelected(lang.L("category." + string(cat)))
	f.initials.SetChecked(p.PublishInitials)
	f.org.SetText(p.OrganisationName)
	f.comune.SetText(p.Town())
	f.email.SetText(p.Email)
	f.phone.SetText(p.Phone)
	f.notes.SetText(p.Notes)
	f.errs.set("")
	f.erased = p.Erased()
	f.setEnabled(!f.erased)
	if p.ID == "" {
		f.title.SetText(lang.L("people.new_title"))
	} else {
		f.title.SetText(p.FullName())
	}
	f.showHint()
	f.showInfo()
}

func (f *personForm) setEnabled(on bool) {
	setEnabled(on, f.surname, f.name, f.honorary, f.gender, f.category, f.initials, f.org, f.comune, f.email, f.phone, f.notes, f.del, f.join,
		f.erase)
	setEnabled(f.meta.ID != "", f.export, f.history)
	if f.meta.ID == "" {
		f.del.Disable()
		f.join.Disable()
		f.erase.Disable()
	}
	f.form.Refresh()
}

// focus puts the cursor in the surname.
func (f *personForm) focus() {
	if !f.surname.Disabled() {
		f.s.ui.win.Canvas().Focus(f.surname)
	}
}

// changed is called on every edit.
func (f *personForm) changed() {
	if f.loading {
		return
	}
	f.showHint()
	f.saver.changed()
}

// person is the person as the form shows it (organisation and comune not yet resolved).
func (f *personForm) person() data.Person {
	p := data.Person{Meta: f.meta, OrganisationID: f.orgID, Surname: f.surname.Text, Name: f.name.Text, Email: f.email.Text,
		Phone: f.phone.Text, Notes: f.notes.Text, Category: data.CatAltro, Title: f.honorary.Text,
		PublishInitials: f.initials.Checked}
	if i := f.category.SelectedIndex(); i >= 0 {
		p.Category = data.Categories[i]
	}
	if i := f.gender.SelectedIndex(); i >= 0 {
		p.Gender = data.Genders[i]
	}
	return p
}

func (f *personForm) draft() personDraft {
	return personDraft{Person: f.person(), OrgTyped: strings.TrimSpace(f.org.Text), PrevOrgName: f.orgName,
		CommitOrg: f.orgCommitted, ComuneTyped: strings.TrimSpace(f.comune.Text)}
}

// store saves a draft: the comune is matched among the Ambito's (or kept as text), the organisation among
// the registered ones, or created once its name is committed (until then the stored one stays). It runs
// off the UI goroutine.
func (f *personForm) store(d personDraft) (personDraft, error) {
	st, ctx := f.s.ui.store, f.s.ui.ctx
	d.ComuneID, d.Person.ComuneText = "", ""
	if d.ComuneTyped != "" {
		comuni, err := st.Comuni(ctx)
		if err != nil {
			return d, err
		}
		for _, c := range comuni {
			if data.Fold(c.Name) == data.Fold(d.ComuneTyped) {
				d.ComuneID, d.ComuneTyped = c.ID, c.Name
			}
		}
		if d.ComuneID == "" {
			d.Person.ComuneText = d.ComuneTyped
		}
	}
	if err := d.Person.Validate(); err != nil {
		return d, err
	}
	if d.OrgTyped == "" {
		d.OrganisationID = ""
	} else {
		orgs, err := st.Organisations(ctx, "")
		if err != nil {
			return d, err
		}
		found := false
		for _, o := range orgs {
			if data.Fold(o.Name) == data.Fold(d.OrgTyped) {
				d.OrganisationID, d.OrgTyped, found = o.ID, o.Name, true
			}
		}
		switch {
		case found:
		case d.CommitOrg:
			o, err := st.SaveOrganisation(ctx, data.Organisation{Name: d.OrgTyped, Category: d.Category, ComuneID: d.ComuneID})
			if err != nil {
				return d, err
			}
			d.OrganisationID = o.ID
		default:
			d.OrgTyped = d.PrevOrgName // still being typed: the stored organisation stays
		}
	}
	p, err := st.SavePerson(ctx, d.Person)
	d.Person = p
	return d, err
}

// showHint warns about a comune that is not one of the Ambito's.
func (f *personForm) showHint() {
	t := strings.TrimSpace(f.comune.Text)
	known := t == ""
	for _, c := range f.s.comuni {
		known = known || data.Fold(c.Name) == data.Fold(t)
	}
	if known {
		f.hint.SetText("")
		f.hint.Hide()
		return
	}
	f.hint.SetText(lang.L("people.comune_outside", map[string]any{"comune": t}))
	f.hint.Show()
}

// showInfo says when the person was last changed, and where.
func (f *personForm) showInfo() {
	if f.meta.ID == "" {
		f.info.SetText(lang.L("form.not_saved_yet"))
		f.del.Disable()
		f.join.Disable()
		f.erase.Disable()
		f.export.Disable()
		f.history.Disable()
		return
	}
	f.export.Enable()
	f.history.Enable()
	if f.erased {
		f.info.SetText(lang.L("erase.info"))
		return
	}
	f.del.Enable()
	f.join.Enable()
	f.erase.Enable()
	f.s.ui.showLastChange(f.info, f.meta)
}

// genderLabel names a gender in the form's drop-down: "non indicato", "femminile", "maschile".
func genderLabel(g data.Gender) string {
	if !g.Valid() || g == data.GenderUnknown {
		return lang.L("gender.unknown")
	}
	return lang.L("gender." + string(g))
}

// shortID is the first part of a UUID, enough to tell devices apart on screen.
func shortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return fmt.Sprint(id)
}
