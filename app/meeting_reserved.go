// Passages riservati: the secretary marks what the copy for publication leaves out.

package app

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
)

// markReserved puts the text selected in the meeting's notes (or in the decision being typed) between
// the marks of a passage riservato (data.MarkReserved), which the copy for publication
// prints as "[omissis]". With nothing selected it writes the two marks and leaves the cursor between
// them. Typed by hand, the marks work the same.
func (m *meetingScreen) markReserved() {
	box := m.notes
	// Only texts the verbale alone prints: an action also goes to the register of actions, which has
	// no copy for publication.
	if m.ui.win.Canvas().Focused() == m.decision {
		box = m.decision
	}
	if box.Disabled() {
		return
	}
	sel := box.SelectedText()
	marked, _ := data.MarkReserved(sel, 0, len(sel))
	// The entry's own paste replaces the selection as one step to undo, and places the cursor; a
	// clipboard of our own leaves the user's untouched.
	box.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &textClipboard{text: marked}})
	if sel == "" {
		for range utf8.RuneCountInString(data.ReservedClose) {
			box.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
		}
	}
	m.ui.win.Canvas().Focus(box)
}

// textClipboard is a clipboard holding one text, to paste into an entry.
type textClipboard struct{ text string }

func (c *textClipboard) Content() string        { return c.text }
func (c *textClipboard) SetContent(text string) { c.text = text }

// reservedButton is the button beside the notes that marks the selection riservata.
func (m *meetingScreen) reservedButton() *widget.Button {
	b := widget.NewButton(lang.L("meeting.reserved"), m.markReserved)
	b.Importance = widget.LowImportance
	return b
}
