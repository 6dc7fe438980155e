// The small widgets the screens share: entries that answer every key, error lines, selects, flows.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcutEntry is an Entry that also answers keys an Entry ignores (Esc, arrows, F-keys): a focused
// Entry would otherwise swallow them, and the list below a filter box could not be reached by keyboard.
type shortcutEntry struct {
	widget.Entry
	onKey      map[fyne.KeyName]func()
	onShortcut map[string]func() // by ShortcutName: Ctrl+Z in the check-in box undoes the last mark
}

func newShortcutEntry() *shortcutEntry {
	e := &shortcutEntry{onKey: map[fyne.KeyName]func(){}, onShortcut: map[string]func(){}}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs the handler registered for the key, or lets the Entry handle it.
func (e *shortcutEntry) TypedKey(k *fyne.KeyEvent) {
	if f, ok := e.onKey[k.Name]; ok {
		f()
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut runs the handler registered for the shortcut, or lets the Entry handle it.
func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	if f, ok := e.onShortcut[s.ShortcutName()]; ok {
		f()
		return
	}
	e.Entry.TypedShortcut(s)
}

// heading is a bold label for the top of a panel.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// errorLine is a red line under a form that says why the last change was not saved.
type errorLine struct {
	box  *fyne.Container
	wrap *widget.Label
}

func newErrorLine() *errorLine {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return &errorLine{wrap: l, box: container.NewStack(l)}
}

// set shows msg, or hides the line when msg is empty.
func (e *errorLine) set(msg string) {
	e.wrap.SetText(msg)
	if msg == "" {
		e.wrap.Hide()
	} else {
		e.wrap.Show()
	}
}

// newSelect is a Select whose placeholder speaks the interface's language (Fyne's is English only).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = lang.L("select.placeholder")
	return s
}

// commitEntry is a SelectEntry that also says when the user leaves it, so that what was typed there can
// be taken as final.
type commitEntry struct {
	widget.SelectEntry
	onLeave func()
}

func newCommitEntry(onLeave func()) *commitEntry {
	e := &commitEntry{onLeave: onLeave}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// FocusLost commits the text, then lets the entry lose focus.
func (e *commitEntry) FocusLost() {
	if e.onLeave != nil {
		e.onLeave()
	}
	e.SelectEntry.FocusLost()
}

// newRemovableList is a list of lines, each with a button that removes it: a body's seats and members.
func newRemovableList(length func() int, text func(i int) string, remove func(i int)) *widget.List {
	return widget.NewList(length, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), l)
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		c.Objects[0].(*widget.Label).SetText(text(id))
		c.Objects[1].(*widget.Button).OnTapped = func() { remove(id) }
	})
}

// setEnabled enables or disables every widget.
func setEnabled(on bool, ws ...fyne.Disableable) {
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// textArea is a multi-line Entry that gives Tab back to the form: in a form filled by keyboard, Tab
// goes to the next field instead of writing a tab into the text.
type textArea struct {
	widget.Entry
	onEscape func() // Esc in a dialog's text: the dialog's Cancel
}

func newTextArea() *textArea {
	e := &textArea{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves the focus on.
func (e *textArea) AcceptsTab() bool { return false }

// TypedKey runs onEscape on Esc, and lets the Entry handle the rest.
func (e *textArea) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// keyCatcher is an invisible focusable widget inside a dialog: Enter confirms and Esc dismisses, so
// a question can be answered from the keyboard (Fyne's dialogs take neither key).
type keyCatcher struct {
	widget.BaseWidget
	onEnter, onEscape func()
}

func newKeyCatcher(onEnter, onEscape func()) *keyCatcher {
	k := &keyCatcher{onEnter: onEnter, onEscape: onEscape}
	k.ExtendBaseWidget(k)
	return k
}

// CreateRenderer draws nothing.
func (k *keyCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// FocusGained does nothing: there is nothing to show.
func (k *keyCatcher) FocusGained() {}

// FocusLost does nothing.
func (k *keyCatcher) FocusLost() {}

// TypedRune ignores text.
func (k *keyCatcher) TypedRune(rune) {}

// TypedKey answers Enter and Esc.
func (k *keyCatcher) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		k.onEnter()
	case fyne.KeyEscape:
		k.onEscape()
	}
}

// confirm asks a question that Enter confirms and Esc dismisses; ok runs on confirmation.
func (ui *UI) confirm(title, msg, confirmText string, ok func()) *dialog.ConfirmDialog {
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	keys := newKeyCatcher(func() { d.Confirm() }, func() { d.Dismiss() })
	d = dialog.NewCustomConfirm(title, confirmText, lang.L("Cancel"), container.NewVBox(label, keys), func(yes bool) {
		if yes {
			ok()
		}
	}, ui.win)
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
	ui.win.Canvas().Focus(keys)
	return d
}

// flowLayout sets buttons side by side and wraps them onto more lines when the width runs short, so
// that a row of buttons does not make its pane wider than its widest button. The height is that of
// the lines at the width it was last given.
type flowLayout struct{ width float32 }

// lines counts the lines the visible objects take at width w, and the height of one line.
func (f *flowLayout) lines(objs []fyne.CanvasObject, w float32) (n int, lineH float32) {
	gap := theme.Padding()
	x := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		lineH = max(lineH, s.Height)
		switch {
		case n == 0:
			n, x = 1, s.Width
		case w <= 0 || x+gap+s.Width > w:
			n, x = n+1, s.Width
		default:
			x += gap + s.Width
		}
	}
	return n, lineH
}

// MinSize is the widest object by the height of the lines.
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	n, lineH := f.lines(objs, max(f.width, w))
	if n == 0 {
		return fyne.Size{}
	}
	return fyne.NewSize(w, float32(n)*lineH+float32(n-1)*theme.Padding())
}

// Layout places the objects at their minimum size, line after line.
func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	_, lineH := f.lines(objs, size.Width)
	gap := theme.Padding()
	pos := fyne.NewPos(0, 0)
	first := true
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if !first && pos.X+s.Width > size.Width {
			pos = fyne.NewPos(0, pos.Y+lineH+gap)
		}
		first = false
		o.Resize(fyne.NewSize(s.Width, lineH))
		o.Move(pos)
		pos.X += s.Width + gap
	}
}
