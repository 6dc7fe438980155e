// Enter and Esc in every dialog, which Fyne's dialogs do not wire themselves.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs take neither Enter nor Esc, and a focused field keeps both keys: every dialog of
// ours wires them itself, through these helpers.

// inform shows content in a dialog with one button that Enter and Esc both press, at size when it
// is given.
func (ui *UI) inform(title string, content fyne.CanvasObject, size fyne.Size) dialog.Dialog {
	var d dialog.Dialog
	keys := newKeyCatcher(func() { d.Hide() }, func() { d.Hide() })
	d = dialog.NewCustom(title, lang.L("OK"), container.NewStack(content, keys), ui.win)
	if !size.IsZero() {
		d.Resize(size)
	}
	d.Show()
	ui.win.Canvas().Focus(keys)
	return d
}

// informText is inform with a sentence, wrapped.
func (ui *UI) informText(title, text string) dialog.Dialog {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return ui.inform(title, container.NewGridWrap(fyne.NewSize(460, 120), l), fyne.Size{})
}

// formKeys makes Enter confirm and Esc dismiss a dialog from the fields of items (and what they
// hold): a single-line entry with nothing to do on Enter confirms, and a keySelect confirms too;
// each keeps the handlers it already has.
func formKeys(confirm, dismiss func(), items ...*widget.FormItem) {
	var objs []fyne.CanvasObject
	for _, it := range items {
		objs = append(objs, it.Widget)
	}
	wireFieldKeys(confirm, dismiss, objs...)
}

// wireFieldKeys is formKeys for the fields of a custom dialog.
func wireFieldKeys(confirm, dismiss func(), objs ...fyne.CanvasObject) {
	for _, o := range objs {
		switch x := o.(type) {
		case *shortcutEntry:
			if _, ok := x.onKey[fyne.KeyEscape]; !ok {
				x.onKey[fyne.KeyEscape] = dismiss
			}
			if x.OnSubmitted == nil && !x.MultiLine {
				x.OnSubmitted = func(string) { confirm() }
			}
		case *textArea:
			if x.onEscape == nil {
				x.onEscape = dismiss
			}
		case *keySelectEntry:
			if x.onEscape == nil {
				x.onEscape = dismiss
			}
			if x.OnSubmitted == nil {
				x.OnSubmitted = func(string) { confirm() }
			}
		case *keySelect:
			if x.onEnter == nil {
				x.onEnter = confirm
			}
			if x.onEscape == nil {
				x.onEscape = dismiss
			}
		case *fyne.Container:
			wireFieldKeys(confirm, dismiss, x.Objects...)
		case *container.Scroll:
			wireFieldKeys(confirm, dismiss, x.Content)
		}
	}
}

// keySelect is a Select that answers Enter and Esc for the dialog it is in (a Select keeps the keys
// it receives and does nothing with these two).
type keySelect struct {
	widget.Select
	onEnter, onEscape func()
}

func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options = options
	s.OnChanged = changed
	s.PlaceHolder = lang.L("select.placeholder")
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey confirms on Enter, dismisses on Esc, and lets the Select handle the rest.
func (s *keySelect) TypedKey(k *fyne.KeyEvent) {
	switch {
	case (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && s.onEnter != nil:
		s.onEnter()
	case k.Name == fyne.KeyEscape && s.onEscape != nil:
		s.onEscape()
	default:
		s.Select.TypedKey(k)
	}
}

// keySelectEntry is a SelectEntry that answers Esc for the dialog it is in (an Entry keeps the key).
type keySelectEntry struct {
	widget.SelectEntry
	onEscape func()
}

func newKeySelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{}
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	return e
}

// TypedKey dismisses on Esc and lets the SelectEntry handle the rest.
func (e *keySelectEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.SelectEntry.TypedKey(k)
}
