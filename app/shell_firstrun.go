// The first run: who uses this computer, and the demo district or an empty Ambito.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// firstRun asks what a new installation or a new database needs: who uses this computer, and whether
// to start from the demo district or from an empty Ambito.
func (ui *UI) firstRun() {
	var empty bool
	var err error
	ui.run(func() { empty, err = ui.store.IsEmpty(ui.ctx) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		askName := ui.cfg.FirstRun || strings.TrimSpace(ui.cfg.Installation.Operator) == ""
		if askName || empty {
			ui.welcome(askName, empty)
			return
		}
		ui.previewStartBundle()
	})
}

// previewStartBundle shows, once, the import preview of the bundle the program was started with (a
// .tavoli file opened from the file manager). It reports whether there was one.
func (ui *UI) previewStartBundle() bool {
	path := ui.cfg.Bundle
	if path == "" {
		return false
	}
	ui.cfg.Bundle = ""
	ui.exch.showTab(exchangeImportTab)
	ui.exch.imp.choose(path)
	ui.exch.imp.showPreview() // an encrypted bundle asks for its passphrase, with the cursor there
	return true
}

// welcome is the first-run dialog.
func (ui *UI) welcome(askName, askStart bool) *dialog.CustomDialog {
	intro := widget.NewLabel(lang.L("welcome.intro"))
	intro.Wrapping = fyne.TextWrapWord
	operator := widget.NewEntry()
	operator.SetPlaceHolder(lang.L("welcome.operator_hint"))
	operator.SetText(ui.cfg.Installation.Operator)
	ambitoName := widget.NewEntry()
	ambitoName.SetPlaceHolder(lang.L("welcome.ambito_hint"))
	// A laptop that joins an Ambito already at work starts empty and imports the bundle it is given.
	choice := widget.NewRadioGroup([]string{lang.L("welcome.demo"), lang.L("welcome.receive"), lang.L("welcome.empty")}, func(s string) {
		if s == lang.L("welcome.empty") {
			ambitoName.Enable()
		} else {
			ambitoName.Disable()
		}
	})
	choice.Required = true
	choice.SetSelected(lang.L("welcome.demo"))
	if ui.cfg.Bundle != "" { // started by opening a bundle: this laptop is joining an Ambito
		choice.SetSelected(lang.L("welcome.receive"))
	}
	errs := newErrorLine()
	box := container.NewVBox(intro)
	if askName {
		box.Add(heading(lang.L("welcome.operator")))
		box.Add(operator)
		note := widget.NewLabel(lang.L("welcome.operator_note"))
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.LowImportance
		box.Add(note)
	}
	if askStart {
		box.Add(heading(lang.L("welcome.start")))
		box.Add(choice)
		box.Add(ambitoName)
	}
	box.Add(errs.box)
	var d *dialog.CustomDialog
	start := widget.NewButton(lang.L("welcome.go"), nil)
	start.Importance = widget.HighImportance
	start.OnTapped = func() {
		name := strings.TrimSpace(operator.Text)
		if askName && name == "" {
			errs.set(lang.L("welcome.operator_required"))
			ui.win.Canvas().Focus(operator)
			return
		}
		var ds data.Dataset
		receive := askStart && choice.Selected == lang.L("welcome.receive")
		if askStart && !receive {
			if choice.Selected == lang.L("welcome.empty") {
				n := strings.TrimSpace(ambitoName.Text)
				if n == "" {
					errs.set(lang.L("welcome.ambito_required"))
					ui.win.Canvas().Focus(ambitoName)
					return
				}
				ds = demo.Empty(n, uuid.NewString)
			} else {
				var err error
				if ds, err = demo.Trasimeno(1); err != nil {
					errs.set(i18n.Explain(err))
					return
				}
			}
		}
		if askName {
			ui.cfg.Installation.Operator = name
			if err := ui.cfg.Installation.Save(); err != nil {
				errs.set(i18n.Explain(err))
				return
			}
			ui.cfg.FirstRun = false
			ui.registerDevice()
		}
		start.Disable()
		var err error
		ui.run(func() {
			if askStart && !receive {
				err = ui.store.Seed(ui.ctx, ds)
			}
		}, func() {
			start.Enable()
			if err != nil {
				errs.set(i18n.Explain(err))
				return
			}
			d.Hide()
			ui.saved()
			ui.loadAmbito(nil)
			// The bundle the program was opened with goes to its preview unless the user chose, instead
			// of receiving data, the demo or an empty Ambito: it would then belong to another district.
			if (receive || !askStart) && ui.previewStartBundle() {
				return
			}
			if receive {
				ui.exch.showTab(exchangeImportTab) // with the cursor in the file's box
				return
			}
			ui.show(ui.current) // with the cursor in its filter
		})
	}
	operator.OnSubmitted = func(string) { start.OnTapped() }
	ambitoName.OnSubmitted = func(string) { start.OnTapped() }
	d = dialog.NewCustomWithoutButtons(lang.L("welcome.title"), container.NewBorder(nil, container.NewHBox(start), nil, nil, box), ui.win)
	d.Resize(fyne.NewSize(560, 440))
	d.Show()
	if askName {
		ui.win.Canvas().Focus(operator)
	}
	return d
}
