// Personal data in the register: erasing a person's data (GDPR art. 17), exporting what is held on
// them (art. 15), and the retention rule's list of people to erase.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// erasureQuestion is what the dialog asks before erasing a person's data: what the name becomes, what
// is emptied, that approved verbali keep the names they had, which open texts to reread, and that it
// cannot be undone.
func erasureQuestion(pre data.ErasurePreview) string {
	after := pre.Person.Erase(pre.Person.Updated, pre.Traced).FullName()
	lines := []string{lang.L("erase.question", map[string]any{"name": pre.Person.FullName(), "after": after})}
	if len(pre.Approved) > 0 {
		lines = append(lines, lang.L("erase.approved", map[string]any{"count": len(pre.Approved),
			"sessions": strings.Join(pre.Approved, "; ")}))
	}
	if len(pre.OpenTexts) > 0 {
		lines = append(lines, lang.L("erase.open_texts", map[string]any{"sessions": strings.Join(pre.OpenTexts, "; ")}))
	}
	lines = append(lines, lang.L("erase.final"))
	return strings.Join(lines, "\n\n")
}

// eraseItem asks to erase the personal data of the person in the form, and erases them when confirmed.
func (s *peopleScreen) eraseItem() {
	id := s.form.meta.ID
	if id == "" {
		return
	}
	s.form.saver.flush()
	ui := s.ui
	var pre data.ErasurePreview
	var err error
	ui.run(func() { pre, err = ui.store.ErasurePreview(ui.ctx, id) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		d := ui.confirm(lang.L("erase.title"), erasureQuestion(pre), lang.L("erase.confirm"), func() {
			s.eraseNow([]string{id}, pre.Person.FullName())
		})
		d.SetConfirmImportance(widget.DangerImportance)
	})
}

// eraseNow erases the people given and says what was done; name is the one person's, "" for many.
func (s *peopleScreen) eraseNow(ids []string, name string) {
	ui := s.ui
	var res data.Erasure
	var err error
	ui.run(func() { res, err = ui.store.ErasePeople(ui.ctx, ids) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.saved()
		msg := lang.L("erase.done_many", map[string]any{"count": res.People})
		if name != "" {
			msg = lang.L("erase.done", map[string]any{"name": name})
		}
		if res.Pending {
			msg += " " + lang.L("erase.pending")
		}
		ui.status.say(msg)
		s.refresh()
		if len(ids) == 1 && s.form.meta.ID == ids[0] {
			if p, err := ui.store.PersonRecord(ui.ctx, ids[0]); err == nil {
				s.form.load(p.Person)
			}
		}
	})
}

// exportPersonData makes the record of what is held on the person in the form (art. 15) and asks
// where to save it.
func (s *peopleScreen) exportPersonData() {
	id := s.form.meta.ID
	if id == "" {
		return
	}
	s.form.saver.flush()
	ui := s.ui
	var b []byte
	var r data.PersonRecord
	var err error
	ui.run(func() {
		if r, err = ui.store.PersonRecord(ui.ctx, id); err == nil {
			if b, err = report.Persona(r); err != nil {
				err = data.Errorf(data.EInternal, "err.document.render").Wrap(err)
			}
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.saveBytes(personaFileName(r.Person.Person), ".pdf", b)
	})
}

// personaFileName is the name the record of a person is offered under: dati-personali-rossi-maria.pdf.
func personaFileName(p data.Person) string {
	name := "dati-personali"
	if n := slug(p.FullName()); n != "" {
		name += "-" + n
	}
	return name + ".pdf"
}

// showRetention lists the people the retention rule would erase, each with why, and erases them
// after a confirmation.
func (s *peopleScreen) showRetention() {
	ui := s.ui
	var cands []data.RetentionCandidate
	var a data.Ambito
	var err error
	ui.run(func() {
		if cands, err = ui.store.RetentionCandidates(ui.ctx); err == nil {
			a, err = ui.store.Ambito(ui.ctx)
		}
	}, func() {
		if err != nil && data.ErrorCode(err) != data.ENotFound {
			ui.showError(err)
			return
		}
		s.retentionDialog(cands, a.Privacy.Retention())
	})
}

// retentionReason says why the rule would erase someone: took part in nothing, last changed on a
// day, and whether they were removed from the register.
func retentionReason(c data.RetentionCandidate, months int) string {
	key := "retention.reason"
	if c.Deleted {
		key = "retention.reason_deleted"
	}
	return lang.L(key, map[string]any{"day": italian.Day(c.LastChange), "months": months})
}

func (s *peopleScreen) retentionDialog(cands []data.RetentionCandidate, months int) {
	ui := s.ui
	intro := widget.NewLabel(lang.L("retention.intro", map[string]any{"months": months, "count": len(cands)}))
	intro.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(cands) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			why := widget.NewLabel("")
			why.Importance = widget.LowImportance
			return container.NewVBox(name, why)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			c := cands[i]
			box.Objects[0].(*widget.Label).SetText(strings.TrimSuffix(c.Person.FullName()+" · "+contactsOf(c.Person.Person), " · "))
			box.Objects[1].(*widget.Label).SetText(retentionReason(c, months))
		})
	if len(cands) == 0 {
		ui.inform(lang.L("retention.title"), intro, fyne.NewSize(560, 200))
		return
	}
	var d *dialog.ConfirmDialog
	keys := newKeyCatcher(func() { d.Confirm() }, func() { d.Dismiss() })
	content := container.NewBorder(container.NewVBox(intro, keys), nil, nil, nil, list)
	d = dialog.NewCustomConfirm(lang.L("retention.title"), lang.L("retention.erase", map[string]any{"count": len(cands)}),
		lang.L("Cancel"), content, func(ok bool) {
			if !ok {
				return
			}
			ids := make([]string, len(cands))
			for i, c := range cands {
				ids[i] = c.Person.ID
			}
			// The erasure cannot be undone: a second, plain question.
			q := ui.confirm(lang.L("retention.title"), lang.L("retention.really", map[string]any{"count": len(ids)}),
				lang.L("erase.confirm"), func() { s.eraseNow(ids, "") })
			q.SetConfirmImportance(widget.DangerImportance)
		}, ui.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
	ui.win.Canvas().Focus(keys)
}

// contactsOf is what the rule would erase of a person: "email, telefono".
func contactsOf(p data.Person) string {
	var parts []string
	for _, v := range []string{p.Email, p.Phone} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}
