// The status line: database file, last save, operator, and the undo offer.

package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/tavoli/tavoli/data/italian"
)

// statusBar is the line at the bottom: the database file, when it was last saved, and who works here.
type statusBar struct {
	ui      *UI
	undo    *widget.Button
	undoMsg *statusMessage
	undoFn  func()
	undoEnd *time.Timer
	db      *widget.Label
	saved   *widget.Label
	device  *widget.Label
	content fyne.CanvasObject
}

func newStatusBar(ui *UI) *statusBar {
	s := &statusBar{ui: ui, db: widget.NewLabel(""), saved: widget.NewLabel(""), device: widget.NewLabel(""),
		undoMsg: newStatusMessage(ui)}
	s.db.Truncation = fyne.TextTruncateEllipsis
	s.undo = widget.NewButtonWithIcon(lang.L("action.undo_delete"), theme.ContentUndoIcon(), func() {
		f := s.undoFn
		s.clearUndo()
		if f != nil {
			f()
		}
	})
	s.undo.Importance = widget.WarningImportance
	s.clearUndo()
	// The message and the file share the free width and are cut short there (a click on the message
	// shows it whole): however long, they never make the window wider than the screen.
	s.content = container.NewBorder(nil, nil, nil, container.NewHBox(s.undo, s.saved, s.device),
		container.NewGridWithColumns(2, s.undoMsg, s.db))
	s.refresh()
	return s
}

// refresh rereads the file, the last save and the operator.
func (s *statusBar) refresh() {
	s.db.SetText(lang.L("status.db", map[string]any{"path": s.ui.cfg.DBPath}))
	if t := s.ui.store.LastSaved(); !t.IsZero() {
		s.saved.SetText(lang.L("status.saved", map[string]any{"time": italian.ClockSeconds(t)}))
	} else {
		s.saved.SetText(lang.L("status.nothing_saved"))
	}
	inst := s.ui.cfg.Installation
	if inst.Operator == "" {
		s.device.SetText(inst.DeviceName)
	} else {
		s.device.SetText(lang.L("status.device", map[string]any{"device": inst.DeviceName, "operator": inst.Operator}))
	}
}

// offerUndo shows msg with an undo button for a while; undo runs if the user presses it in time.
func (s *statusBar) offerUndo(msg string, undo func()) {
	s.undo.SetText(lang.L("action.undo_delete"))
	s.undoMsg.set(msg)
	s.undoMsg.Show()
	s.undo.Show()
	s.undoFn = undo
	if s.undoEnd != nil {
		s.undoEnd.Stop()
	}
	var end *time.Timer
	end = time.AfterFunc(undoWindow, func() {
		fyne.Do(func() {
			if s.undoEnd == end {
				s.clearUndo()
			}
		})
	})
	s.undoEnd = end
}

// offerUndoAs is offerUndo with the button's own words for what it undoes: "Annulla accorpamento".
func (s *statusBar) offerUndoAs(label, msg string, undo func()) {
	s.offerUndo(msg, undo)
	s.undo.SetText(label)
}

// clearUndo hides the undo offer.
func (s *statusBar) clearUndo() {
	s.undoFn = nil
	if s.undoEnd != nil {
		s.undoEnd.Stop()
		s.undoEnd = nil
	}
	s.undoMsg.Hide()
	s.undo.Hide()
}

// say shows a message in the status line (where the undo offer goes) until the next one.
func (s *statusBar) say(msg string) {
	s.clearUndo()
	s.undoMsg.set(msg)
	s.undoMsg.Show()
}

// statusMessage is the status line's message on one line, cut short with an ellipsis where the line
// ends; a click (or Enter when it has the focus) shows the whole text in a dialog.
type statusMessage struct {
	widget.Label
	ui   *UI
	full string // the message as it was given
}

func newStatusMessage(ui *UI) *statusMessage {
	m := &statusMessage{ui: ui}
	m.Truncation = fyne.TextTruncateEllipsis
	m.ExtendBaseWidget(m)
	return m
}

// set shows msg on one line.
func (m *statusMessage) set(msg string) {
	m.full = msg
	m.SetText(strings.Join(strings.Fields(msg), " "))
}

// Tapped shows the whole message.
func (m *statusMessage) Tapped(*fyne.PointEvent) { m.showFull() }

// showFull shows the whole message in a dialog that Enter and Esc close.
func (m *statusMessage) showFull() {
	if m.full == "" {
		return
	}
	text := widget.NewLabel(m.full)
	text.Wrapping = fyne.TextWrapWord
	m.ui.inform(lang.L("status.message_title"), container.NewVScroll(text), fyne.NewSize(560, 300))
}
