// Settings: the operator's name and the interface language.

package app

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// askOperator changes the name of who uses this computer, recorded in histories.
func (ui *UI) askOperator() {
	e := newShortcutEntry()
	e.SetText(ui.cfg.Installation.Operator)
	items := []*widget.FormItem{widget.NewFormItem(lang.L("welcome.operator"), e)}
	d := dialog.NewForm(lang.L("action.operator"), lang.L("OK"), lang.L("Cancel"), items, func(ok bool) {
		name := strings.TrimSpace(e.Text)
		if !ok || name == "" {
			return
		}
		ui.cfg.Installation.Operator = name
		if err := ui.cfg.Installation.Save(); err != nil {
			ui.showError(err)
			return
		}
		if ui.status != nil {
			ui.status.refresh()
		}
		if ui.store != nil {
			ui.registerDevice()
		}
	}, ui.win)
	formKeys(d.Submit, d.Hide, items...)
	d.Show()
	ui.win.Canvas().Focus(e)
}

// chooseLanguage saves the interface language for the next start (Fyne cannot switch it live).
func (ui *UI) chooseLanguage() {
	names := []string{"Italiano", "English"}
	sel := newKeySelect(names, nil) // ← and → choose, Enter confirms
	sel.SetSelected(names[0])
	if ui.cfg.Installation.Language == "en" {
		sel.SetSelected(names[1])
	}
	items := []*widget.FormItem{widget.NewFormItem("", sel)}
	d := dialog.NewForm(lang.L("action.language"), lang.L("OK"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		ui.cfg.Installation.Language = Languages[0]
		if sel.Selected == names[1] {
			ui.cfg.Installation.Language = Languages[1]
		}
		if err := ui.cfg.Installation.Save(); err != nil {
			ui.showError(err)
			return
		}
		ui.informText(lang.L("action.language"), lang.L("language.restart"))
	}, ui.win)
	formKeys(d.Submit, d.Hide, items...)
	d.Show()
	ui.win.Canvas().Focus(sel)
}
