package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data/install"
)

// menuItem runs the menu bar's item menu → label; the test fails when there is none.
func (e *env) menuItem(menu, label string) {
	e.t.Helper()
	for _, m := range e.ui.Window().MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == menu && it.Label == label {
				it.Action()
				return
			}
		}
	}
	e.t.Fatalf("no menu item %s → %s", menu, label)
}

func TestChangeOperator(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.menuItem("Impostazioni", "Chi usa questo computer…")
	o := e.mustOverlay("the operator dialog")
	var name *shortcutEntry
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*shortcutEntry); ok {
			name = x
		}
	})
	if name == nil || name.Text != "Lucia Ferri" {
		t.Fatalf("operator dialog entry = %v, want the current name", name)
	}
	retype(name, "Marta Pieroni")
	test.Tap(button(t, o, "OK"))
	if got := e.storedOperator(); got != "Marta Pieroni" {
		t.Errorf("operator in the installation file = %q, want Marta Pieroni", got)
	}
	if got := e.ui.status.device.Text; got != "pc-ufficio · Marta Pieroni" {
		t.Errorf("status device = %q, want pc-ufficio · Marta Pieroni", got)
	}

	// Cancel keeps the name.
	e.menuItem("Impostazioni", "Chi usa questo computer…")
	o = e.mustOverlay("the operator dialog")
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*shortcutEntry); ok {
			name = x
		}
	})
	retype(name, "Qualcun altro")
	test.Tap(button(t, o, "Annulla"))
	if got := e.storedOperator(); got != "Marta Pieroni" {
		t.Errorf("operator after Annulla = %q, want Marta Pieroni", got)
	}
}

func TestChooseLanguage(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.menuItem("Impostazioni", "Lingua…")
	o := e.mustOverlay("the language dialog")
	var choice *widget.Select
	walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Select); ok {
			choice = x
		}
	})
	if choice == nil || choice.Selected != "Italiano" {
		t.Fatalf("language choice = %v, want Italiano selected", choice)
	}
	choice.SetSelected("English")
	test.Tap(button(t, o, "OK"))
	inst, _, err := install.Load(e.instDir, func() string { return "another-device" })
	if err != nil {
		t.Fatal(err)
	}
	if inst.Language != "en" {
		t.Errorf("language saved = %q, want en", inst.Language)
	}
	if o := e.mustOverlay("the restart notice"); !hasText(o, "La lingua scelta sarà usata dal prossimo avvio di Tavoli.") {
		t.Errorf("notice = %q, want the restart sentence", texts(o))
	}
}

func TestAbout(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	e.menuItem("Aiuto", "Informazioni su Tavoli")
	o := e.mustOverlay("the about box")
	for _, want := range []string{"Tavoli test:", "Database: " + e.path, "Identità di questo computer: " + testDevice} {
		if !hasText(o, want) {
			t.Errorf("about = %q, want %q", texts(o), want)
		}
	}
}

func TestTheme(t *testing.T) {
	th := newTheme()
	tests := []struct {
		name    fyne.ThemeColorName
		variant fyne.ThemeVariant
		want    color.Color
	}{
		{theme.ColorNamePrimary, theme.VariantLight, color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff}},
		{theme.ColorNamePrimary, theme.VariantDark, color.NRGBA{R: 0x4f, G: 0xb3, B: 0xbd, A: 0xff}},
		{theme.ColorNameHyperlink, theme.VariantLight, color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff}},
		{theme.ColorNameBackground, theme.VariantLight, theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)},
		{theme.ColorNameError, theme.VariantDark, theme.DefaultTheme().Color(theme.ColorNameError, theme.VariantDark)},
	}
	for _, tt := range tests {
		if got := th.Color(tt.name, tt.variant); got != tt.want {
			t.Errorf("Color(%s, %d) = %v, want %v", tt.name, tt.variant, got, tt.want)
		}
	}
	if th.Size(theme.SizeNameText) != theme.DefaultTheme().Size(theme.SizeNameText) {
		t.Error("the theme changes the text size; it should only change colours")
	}
}
