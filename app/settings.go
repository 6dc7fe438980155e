package app

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// askOperator changes the name of who uses this computer, recorded in histories.
func (ui *UI) askOperator() {
	e := widget.NewEntry()
	e.SetText(ui.cfg.Installation.Operator)
	dialog.ShowForm(lang.L("action.operator"), lang.L("OK"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("welcome.operator"), e)}, func(ok bool) {
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
}

// chooseLanguage saves the interface language for the next start (Fyne cannot switch it live).
func (ui *UI) chooseLanguage() {
	names := []string{"Italiano", "English"}
	sel := widget.NewRadioGroup(names, nil)
	sel.SetSelected(names[0])
	if ui.cfg.Installation.Language == "en" {
		sel.SetSelected(names[1])
	}
	dialog.ShowForm(lang.L("action.language"), lang.L("OK"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", sel)}, func(ok bool) {
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
			dialog.ShowInformation(lang.L("action.language"), lang.L("language.restart"), ui.win)
		}, ui.win)
}
