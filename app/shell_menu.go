// The menu bar and the window's keyboard shortcuts, made from one list of commands.

package app

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// editor is a screen with a list the commands Nuovo, Elimina and Trova act on.
type editor interface {
	newItem()
	deleteItem()
	focusFilter()
}

// command is an action of the menu bar, with its shortcut.
type command struct {
	key      string // translation key of its label
	shortcut fyne.Shortcut
	action   func()
}

// commands are the window's actions; the menu bar and the canvas shortcuts are made from them.
func (ui *UI) commands() []command {
	cmds := []command{
		{"action.new", ctrl(fyne.KeyN), func() { ui.withEditor(editor.newItem) }},
		{"action.delete", ctrl(fyne.KeyDelete), func() { ui.withEditor(editor.deleteItem) }},
		{"action.find", ctrl(fyne.KeyF), func() { ui.withEditor(editor.focusFilter) }},
		{"action.search", ctrl(fyne.KeyK), func() { ui.win.Canvas().Focus(ui.search) }},
		{"action.import_people", ctrl(fyne.KeyI), ui.importPeople},
		{"action.open_db", ctrl(fyne.KeyO), ui.chooseDatabase},
		{"action.quit", ctrl(fyne.KeyQ), ui.requestClose},
		{"proposals.cmd.merge", ctrl(fyne.KeyM), func() {
			if ui.props != nil && ui.current == sectionProposals && ui.win.Canvas().Overlays().Top() == nil {
				ui.props.askMerge()
			}
		}},
	}
	meeting := func(f func(*meetingScreen)) func() {
		return func() {
			if ui.sessions == nil || !ui.sessions.inMeeting() {
				return
			}
			m := ui.sessions.meeting
			if ui.win.Canvas().Overlays().Top() != nil {
				return // a dialog is open: the meeting behind it does not move
			}
			f(m)
		}
	}
	// Ctrl+Invio moves to the next item, or records the proposal when its form is open.
	next := func() {
		if ui.sessions == nil || !ui.sessions.inMeeting() {
			return
		}
		if m := ui.sessions.meeting; m.capture != nil && ui.win.Canvas().Overlays().Top() != nil {
			m.capture.dlg.Submit()
			return
		}
		meeting((*meetingScreen).nextItem)()
	}
	cmds = append(cmds,
		command{"meeting.cmd.next", ctrl(fyne.KeyReturn), next},
		// Ctrl+Backspace deletes a word in every text field: the previous item is on Ctrl+PagSu.
		command{"meeting.cmd.previous", ctrl(fyne.KeyPageUp), meeting((*meetingScreen).previousItem)},
		command{"meeting.cmd.proposal", ctrl(fyne.KeyP), meeting((*meetingScreen).captureProposal)},
		command{"meeting.cmd.register", ctrl(fyne.KeyR), meeting(func(m *meetingScreen) { ui.win.Canvas().Focus(m.reg.checkin) })},
		command{"meeting.cmd.notes", ctrl(fyne.KeyE), meeting(func(m *meetingScreen) { ui.win.Canvas().Focus(m.notes) })},
		command{"meeting.cmd.reserved", &desktop.CustomShortcut{KeyName: fyne.KeyR,
			Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, meeting((*meetingScreen).markReserved)},
		command{"meeting.cmd.decision", ctrl(fyne.KeyD), meeting(func(m *meetingScreen) { ui.win.Canvas().Focus(m.decision) })},
		command{"meeting.cmd.action", ctrl(fyne.KeyT), meeting(func(m *meetingScreen) { ui.win.Canvas().Focus(m.actWho) })},
		command{"meeting.cmd.vote", &desktop.CustomShortcut{KeyName: fyne.KeyV,
			Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, meeting((*meetingScreen).openVoteForm)},
		// The projector follows the meeting even while a result is shown.
		command{"meeting.cmd.projector", &desktop.CustomShortcut{KeyName: fyne.KeyP,
			Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, func() {
			if ui.sessions != nil && ui.sessions.inMeeting() {
				ui.sessions.meeting.toggleProjector()
			}
		}},
	)
	cmds = append(cmds, ui.synthesisCommands()...)
	cmds = append(cmds, ui.exchangeCommands()...)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i := 0; i < len(keys) && i < len(ui.sections)-1; i++ {
		i := i
		cmds = append(cmds, command{ui.sections[i].key, ctrl(keys[i]), func() { ui.goTo(i) }})
	}
	return cmds
}

// withEditor runs f on the screen shown now, when it has a list.
func (ui *UI) withEditor(f func(editor)) {
	if ui.store == nil || ui.current >= len(ui.sections) {
		return
	}
	var e editor
	switch ui.sections[ui.current].content {
	case ui.sessions.content:
		if !ui.sessions.inMeeting() {
			e = ui.sessions
		}
	case ui.terr.content:
		e = ui.terr.active()
	case ui.props.content:
		e = ui.props
	case ui.attu.content:
		e = ui.attu
	case ui.exch.content:
		e = ui.exch
	default:
		if ui.sections[ui.current].key == "nav.people" {
			e = ui.people
			if ui.orgs.visible() {
				e = ui.orgs
			}
		}
	}
	if e != nil {
		f(e)
	}
}

// menu is the menu bar; without a database only File and Help work.
func (ui *UI) menu(ready bool) *fyne.MainMenu {
	item := func(key string) *fyne.MenuItem {
		for _, c := range ui.commands() {
			if c.key == key {
				it := fyne.NewMenuItem(lang.L(key), c.action)
				it.Shortcut = forMenu(c.shortcut)
				it.Disabled = !ready && key != "action.open_db"
				return it
			}
		}
		return fyne.NewMenuItem(lang.L(key), nil)
	}
	quit := item("action.quit")
	quit.Disabled, quit.IsQuit = false, true // Esci saves what is being typed first, as closing the window does
	file := fyne.NewMenu(lang.L("menu.file"), item("action.open_db"), item("action.import_people"),
		fyne.NewMenuItemSeparator(), quit)
	edit := fyne.NewMenu(lang.L("menu.edit"), item("action.new"), item("action.delete"), fyne.NewMenuItemSeparator(),
		item("action.find"), item("action.search"), fyne.NewMenuItemSeparator(), item("proposals.cmd.merge"))
	var goItems []*fyne.MenuItem
	for i := 0; i < len(ui.sections)-1; i++ {
		goItems = append(goItems, item(ui.sections[i].key))
	}
	goMenu := fyne.NewMenu(lang.L("menu.go"), goItems...)
	inMeeting := ui.sessions != nil && ui.sessions.inMeeting()
	var meetingItems []*fyne.MenuItem
	for _, key := range []string{"meeting.cmd.next", "meeting.cmd.previous", "meeting.cmd.proposal",
		"meeting.cmd.register", "meeting.cmd.notes", "meeting.cmd.decision", "meeting.cmd.action",
		"meeting.cmd.vote", "meeting.cmd.projector"} {
		it := item(key)
		it.Disabled = !inMeeting
		meetingItems = append(meetingItems, it)
	}
	meetingMenu := fyne.NewMenu(lang.L("menu.meeting"), meetingItems...)
	var synthItems []*fyne.MenuItem
	for _, c := range ui.synthesisCommands() {
		synthItems = append(synthItems, item(c.key))
	}
	synthMenu := fyne.NewMenu(lang.L("nav.synthesis"), synthItems...)
	var exchItems []*fyne.MenuItem
	for _, c := range ui.exchangeCommands() {
		exchItems = append(exchItems, item(c.key))
	}
	exchMenu := fyne.NewMenu(lang.L("nav.exchange"), exchItems...)
	settings := fyne.NewMenu(lang.L("menu.settings"),
		fyne.NewMenuItem(lang.L("action.operator"), ui.askOperator),
		fyne.NewMenuItem(lang.L("action.language"), ui.chooseLanguage))
	help := fyne.NewMenu(lang.L("menu.help"),
		fyne.NewMenuItem(lang.L("action.shortcuts"), ui.showShortcuts),
		fyne.NewMenuItem(lang.L("action.about"), ui.showAbout))
	if !ready {
		return fyne.NewMainMenu(file, help)
	}
	return fyne.NewMainMenu(file, edit, goMenu, meetingMenu, synthMenu, exchMenu, settings, help)
}

// showShortcuts lists every key the window answers: the commands of the menus, the meeting's keys
// without Ctrl, the check-in box's, the dialogs' and the lists'. The dialog is as large as the list,
// up to the window, and scrolls beyond.
func (ui *UI) showShortcuts() {
	section := func(title string, rows [][2]string) fyne.CanvasObject {
		grid := container.New(layout.NewFormLayout())
		for _, r := range rows {
			grid.Add(widget.NewLabelWithStyle(r[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
			grid.Add(widget.NewLabel(r[1]))
		}
		return container.NewVBox(heading(title), grid)
	}
	var cmds [][2]string
	for _, c := range ui.commands() {
		if c.shortcut != nil {
			cmds = append(cmds, [2]string{shortcutLabel(c.shortcut), lang.L(c.key)})
		}
	}
	keys := func(ks []plainKey) [][2]string {
		var rows [][2]string
		for _, k := range ks {
			rows = append(rows, [2]string{k.label(), lang.L(k.text)})
		}
		return rows
	}
	lists := widget.NewLabel(strings.TrimSpace(lang.L("help.keys_lists")))
	lists.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(section(lang.L("help.commands"), cmds),
		section(lang.L("help.meeting"), keys(meetingKeys)),
		section(lang.L("help.checkin"), keys(checkinKeys)),
		section(lang.L("help.dialogs"), keys(dialogKeys)))
	want := box.MinSize()
	box.Add(lists)
	win := ui.win.Canvas().Size()
	size := fyne.NewSize(min(want.Width+80, win.Width*0.95), min(want.Height+lists.MinSize().Height+160, win.Height*0.95))
	ui.inform(lang.L("action.shortcuts"), container.NewVScroll(box), size)
}

// plainKey is a key that a box of a screen answers, for the list of shortcuts.
type plainKey struct {
	keys []fyne.KeyName
	text string        // translation key of what it does
	sc   fyne.Shortcut // instead of keys: a shortcut the box answers (Ctrl+Z)
}

// label names the key(s): "F5", "↑ ↓", "Ctrl+Z".
func (k plainKey) label() string {
	if k.sc != nil {
		return shortcutLabel(k.sc)
	}
	var names []string
	for _, n := range k.keys {
		names = append(names, keyLabel(n))
	}
	return strings.Join(names, " ")
}

var (
	// meetingKeys are the meeting screen's own keys.
	meetingKeys = []plainKey{
		{[]fyne.KeyName{fyne.KeyF5}, "help.key.projector", nil},
		{[]fyne.KeyName{fyne.KeyF11}, "help.key.fullscreen", nil},
		{[]fyne.KeyName{fyne.KeyF9}, "help.key.speaker_add", nil},
		{[]fyne.KeyName{fyne.KeyF10}, "help.key.speaker_next", nil},
	}
	// checkinKeys are the check-in box's keys (register.go).
	checkinKeys = []plainKey{
		{[]fyne.KeyName{fyne.KeyReturn}, "help.key.present", nil},
		{[]fyne.KeyName{fyne.KeyUp, fyne.KeyDown}, "help.key.choose", nil},
		{[]fyne.KeyName{fyne.KeyF3}, "help.key.excused", nil},
		{[]fyne.KeyName{fyne.KeyF4}, "help.key.leaves", nil},
		{[]fyne.KeyName{fyne.KeyF6}, "help.key.delegation", nil},
		{[]fyne.KeyName{fyne.KeyF7}, "help.key.walkin", nil},
		{[]fyne.KeyName{fyne.KeyF8}, "help.key.unmark", nil},
		{nil, "help.key.undo_mark", &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}},
		{[]fyne.KeyName{fyne.KeyEscape}, "help.key.clear", nil},
	}
	// dialogKeys are every dialog's keys.
	dialogKeys = []plainKey{
		{[]fyne.KeyName{fyne.KeyReturn}, "help.key.confirm", nil},
		{[]fyne.KeyName{fyne.KeyEscape}, "help.key.cancel", nil},
	}
)

// shortcutLabel writes a shortcut as an Italian keyboard shows it: "Ctrl+N", "Ctrl+Maiusc+V", "Ctrl+Invio".
func shortcutLabel(s fyne.Shortcut) string {
	if m, ok := s.(*menuShortcut); ok {
		s = m.KeyboardShortcut
	}
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok {
		return s.ShortcutName()
	}
	return modLabel(ks.Mod()) + keyLabel(ks.Key())
}

// modLabel names the modifiers in the order keyboards print them: "Ctrl+Maiusc+".
func modLabel(m fyne.KeyModifier) string {
	var b strings.Builder
	for _, x := range []struct {
		mod fyne.KeyModifier
		key string
	}{{fyne.KeyModifierControl, "key.mod.control"}, {fyne.KeyModifierSuper, "key.mod.super"},
		{fyne.KeyModifierAlt, "key.mod.alt"}, {fyne.KeyModifierShift, "key.mod.shift"}} {
		if m&x.mod != 0 {
			b.WriteString(lang.L(x.key) + "+")
		}
	}
	return b.String()
}

// keyLabel names a key as the keyboard prints it: "Invio", "Canc", "PagSu"; letters and F-keys as they are.
func keyLabel(k fyne.KeyName) string {
	if key, ok := namedKeys[k]; ok {
		return lang.L(key)
	}
	return string(k)
}

// namedKeys are the keys whose names are words, with their translation keys (asking lang for a key
// it has not would log an error).
var namedKeys = map[fyne.KeyName]string{
	fyne.KeyReturn: "key.return", fyne.KeyEnter: "key.kp_enter", fyne.KeyEscape: "key.escape",
	fyne.KeyPageUp: "key.prior", fyne.KeyPageDown: "key.next", fyne.KeyBackspace: "key.backspace",
	fyne.KeyInsert: "key.insert", fyne.KeyHome: "key.home", fyne.KeyEnd: "key.end", fyne.KeySpace: "key.space",
	fyne.KeyUp: "key.up", fyne.KeyDown: "key.down", fyne.KeyLeft: "key.left", fyne.KeyRight: "key.right",
	fyne.KeyDelete: "key.delete",
}

// menuShortcut is a shortcut as the menus write it in the interface's language. Fyne draws a menu's
// shortcut from Key and Mod with English names ("Ctrl+Return", "Shift+"): Mod keeps only Ctrl and
// Key carries the rest in our words ("Maiusc+V", "Invio"). Key presses are matched on the name,
// which stays the shortcut's own.
type menuShortcut struct {
	fyne.KeyboardShortcut
	mod   fyne.KeyModifier
	label string
}

// Key is what follows "Ctrl+" in the menu.
func (m *menuShortcut) Key() fyne.KeyName { return fyne.KeyName(m.label) }

// Mod is Ctrl, or nothing.
func (m *menuShortcut) Mod() fyne.KeyModifier { return m.mod }

// forMenu dresses s for a menu item. macOS draws its menus natively from the real key: s stays as it is.
func forMenu(s fyne.Shortcut) fyne.Shortcut {
	ks, ok := s.(fyne.KeyboardShortcut)
	if !ok || runtime.GOOS == "darwin" {
		return s
	}
	mod := ks.Mod() & fyne.KeyModifierControl
	return &menuShortcut{KeyboardShortcut: ks, mod: mod, label: modLabel(ks.Mod()&^mod) + keyLabel(ks.Key())}
}

// showAbout says what this program is and which version.
func (ui *UI) showAbout() {
	text := widget.NewLabel(lang.L("about.text", map[string]any{"version": ui.cfg.Version,
		"path": ui.cfg.DBPath, "device": ui.cfg.Installation.DeviceID}))
	text.Wrapping = fyne.TextWrapWord
	ui.inform(lang.L("action.about"), container.NewGridWrap(fyne.NewSize(480, 200), text), fyne.Size{})
}

// setMeetingMenu enables the Seduta menu while the meeting screen is shown.
func (ui *UI) setMeetingMenu(on bool) {
	ui.win.SetMainMenu(ui.menu(true))
}
