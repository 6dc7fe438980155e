// Tavoli's theme: Fyne's with the lake's teal, light or dark as the system says.

package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// tavoliTheme is Fyne's theme with the lake's teal as primary colour; light or dark follows the system.
type tavoliTheme struct {
	fyne.Theme
}

func newTheme() fyne.Theme { return &tavoliTheme{Theme: theme.DefaultTheme()} }

// Color overrides the primary colour and the selection, and leaves everything else to the default.
func (t *tavoliTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x4f, G: 0xb3, B: 0xbd, A: 0xff}
		}
		return color.NRGBA{R: 0x1f, G: 0x6f, B: 0x78, A: 0xff}
	case theme.ColorNameFocus:
		return color.NRGBA{R: 0x2a, G: 0x90, B: 0x9b, A: 0x7f}
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x2a, G: 0x90, B: 0x9b, A: 0x40}
	}
	return t.Theme.Color(n, v)
}
