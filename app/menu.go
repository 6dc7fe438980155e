package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
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
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
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
				it.Shortcut = c.shortcut
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

// showShortcuts lists the keyboard shortcuts.
func (ui *UI) showShortcuts() {
	var b strings.Builder
	for _, c := range ui.commands() {
		if c.shortcut != nil {
			fmt.Fprintf(&b, "%-14s %s\n", shortcutLabel(c.shortcut), lang.L(c.key))
		}
	}
	b.WriteString(lang.L("help.keys_lists"))
	text := widget.NewLabel(b.String())
	dialog.NewCustom(lang.L("action.shortcuts"), lang.L("OK"), container.NewVScroll(text), ui.win).Show()
}

// shortcutLabel writes a shortcut as the keyboard shows it: "Ctrl+N".
func shortcutLabel(s fyne.Shortcut) string {
	name := s.ShortcutName()
	name = strings.TrimPrefix(name, "CustomDesktop:")
	name = strings.ReplaceAll(name, "Control", "Ctrl")
	name = strings.ReplaceAll(name, "Super", "Cmd")
	name = strings.ReplaceAll(name, "Delete", lang.L("key.delete"))
	return name
}

// showAbout says what this program is and which version.
func (ui *UI) showAbout() {
	text := widget.NewLabel(lang.L("about.text", map[string]any{"version": ui.cfg.Version,
		"path": ui.cfg.DBPath, "device": ui.cfg.Installation.DeviceID}))
	text.Wrapping = fyne.TextWrapWord
	dialog.NewCustom(lang.L("action.about"), lang.L("OK"), container.NewGridWrap(fyne.NewSize(480, 200), text), ui.win).Show()
}

// setMeetingMenu enables the Seduta menu while the meeting screen is shown.
func (ui *UI) setMeetingMenu(on bool) {
	ui.win.SetMainMenu(ui.menu(true))
}
