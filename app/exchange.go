// The Scambio dati section: export, import with preview, conflicts and history of .tavoli bundles.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// exchangeScreen is the Scambio dati section: where the laptops of the tables and the Ufficio di Piano
// hand their data to each other in .tavoli files. Its tabs export a bundle, import one after a preview,
// review the versions the merges set aside (Conflitti), and list every exchange (Storico).
type exchangeScreen struct {
	ui      *UI
	content fyne.CanvasObject
	tabs    *container.AppTabs
	intro   *widget.Label

	exp  *exportPanel
	imp  *importPanel
	conf *conflictsPanel
	hist *historyPanel

	expTab, impTab, confTab, histTab *container.TabItem
}

// The tabs of the section, in order.
const (
	exchangeExportTab = iota
	exchangeImportTab
	exchangeConflictsTab
	exchangeHistoryTab
)

func newExchangeScreen(ui *UI) *exchangeScreen {
	s := &exchangeScreen{ui: ui}
	s.intro = widget.NewLabel("")
	s.intro.Wrapping = fyne.TextWrapWord
	s.exp = newExportPanel(s)
	s.imp = newImportPanel(s)
	s.conf = newConflictsPanel(s)
	s.hist = newHistoryPanel(s)
	s.expTab = container.NewTabItemWithIcon(lang.L("exchange.tab.export"), theme.UploadIcon(), s.exp.content)
	s.impTab = container.NewTabItemWithIcon(lang.L("exchange.tab.import"), theme.DownloadIcon(), s.imp.content)
	s.confTab = container.NewTabItemWithIcon(lang.L("exchange.tab.conflicts"), theme.WarningIcon(), s.conf.content)
	s.histTab = container.NewTabItemWithIcon(lang.L("exchange.tab.history"), theme.HistoryIcon(), s.hist.content)
	s.tabs = container.NewAppTabs(s.expTab, s.impTab, s.confTab, s.histTab)
	s.tabs.OnSelected = func(*container.TabItem) {
		if s.ui.current == sectionExchange {
			s.focus()
		}
	}
	keys := widget.NewLabel(lang.L("exchange.keys"))
	keys.Importance = widget.LowImportance
	keys.Truncation = fyne.TextTruncateEllipsis
	head := container.NewVBox(heading(lang.L("exchange.title")), s.intro)
	s.content = container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), keys), nil, nil, s.tabs)
	return s
}

// refresh reads again what every tab shows: the peers, the history and the versions to review.
func (s *exchangeScreen) refresh() {
	if s.ui.store == nil {
		return
	}
	inst := s.ui.cfg.Installation
	who := inst.DeviceName
	if inst.Operator != "" {
		who = inst.Operator + " (" + inst.DeviceName + ")"
	}
	s.intro.SetText(lang.L("exchange.intro", map[string]any{"who": who}))
	s.exp.refresh()
	s.conf.pane.refresh()
	s.hist.pane.refresh()
}

// focus puts the cursor where the tab shown expects the keyboard.
func (s *exchangeScreen) focus() {
	if s.ui.win.Canvas().Overlays().Top() != nil {
		return
	}
	switch s.tabs.SelectedIndex() {
	case exchangeExportTab:
		s.exp.focus()
	case exchangeImportTab:
		s.imp.focus()
	case exchangeConflictsTab:
		s.ui.win.Canvas().Focus(s.conf.pane.table.filter)
	case exchangeHistoryTab:
		s.ui.win.Canvas().Focus(s.hist.pane.table.filter)
	}
}

// showTab shows the section on tab i, with the cursor in it.
func (s *exchangeScreen) showTab(i int) {
	if s.ui.current != sectionExchange {
		s.ui.goTo(sectionExchange)
	}
	if s.tabs.SelectedIndex() != i {
		s.tabs.SelectIndex(i) // OnSelected puts the cursor in it
		return
	}
	s.focus()
}

// The commands Nuovo and Elimina do nothing here; Trova goes to the filter of the list shown.
func (s *exchangeScreen) newItem()    {}
func (s *exchangeScreen) deleteItem() {}
func (s *exchangeScreen) focusFilter() {
	switch s.tabs.SelectedIndex() {
	case exchangeConflictsTab:
		s.ui.win.Canvas().Focus(s.conf.pane.table.filter)
	case exchangeHistoryTab:
		s.ui.win.Canvas().Focus(s.hist.pane.table.filter)
	default:
		s.focus()
	}
}

// exchangeCommands open the section's tabs from anywhere in the window: they are on the menu bar, so
// they work while the cursor is in a text field.
func (ui *UI) exchangeCommands() []command {
	on := func(tab int) func() {
		return func() {
			if ui.exch == nil || ui.win.Canvas().Overlays().Top() != nil {
				return
			}
			ui.exch.showTab(tab)
		}
	}
	ctrlShift := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	}
	return []command{
		{"exchange.cmd.export", ctrlShift(fyne.KeyE), on(exchangeExportTab)},
		{"exchange.cmd.import", ctrlShift(fyne.KeyI), on(exchangeImportTab)},
		{"exchange.cmd.conflicts", ctrlShift(fyne.KeyC), on(exchangeConflictsTab)},
		{"exchange.cmd.history", ctrlShift(fyne.KeyS), on(exchangeHistoryTab)},
	}
}

// reloadAfterImport brings the rest of the window up to date after a merge changed the database: the
// Ambito in the header, the names of the computers, the status line, and a meeting shown.
func (ui *UI) reloadAfterImport() {
	ui.saved()
	ui.loadAmbito(nil)
	var devices map[string]data.Device
	var err error
	ui.run(func() { devices, err = ui.store.Devices(ui.ctx) }, func() {
		if err == nil {
			ui.devices = devices
		}
	})
	if ui.sessions != nil && ui.sessions.inMeeting() {
		ui.sessions.meeting.reload(nil)
	}
}

// countChanges says in words what a merge does: "3 nuovi · 2 aggiornati · 1 in conflitto", the
// unchanged ones only when asked; "" when there is nothing to say.
func countChanges(k data.KindChanges, unchanged bool) string {
	var parts []string
	add := func(key string, n int) {
		if n > 0 {
			parts = append(parts, lang.N(key, n, map[string]any{"n": italian.Int(n)}))
		}
	}
	add("exchange.count.new", k.New)
	add("exchange.count.updated", k.Updated)
	add("exchange.count.deleted", k.Deleted)
	add("exchange.count.conflicts", k.Conflicts)
	add("exchange.count.locked", k.Locked)
	if unchanged {
		add("exchange.count.unchanged", k.Unchanged)
	}
	return strings.Join(parts, " · ")
}

// kindRecords is "60 persone": how many records of a kind, in the kind's plural form.
func kindRecords(k data.Kind, n int) string {
	return lang.N("kind."+string(k), n, map[string]any{"n": italian.Int(n)})
}

// records is the number of records a merge looked at for one kind.
func records(k data.KindChanges) int { return k.Writes() + k.Unchanged }

// peerName is how a device is shown: its operator or computer, else the start of its id.
func (ui *UI) peerName(device, name string) string {
	if strings.TrimSpace(name) != "" {
		return name
	}
	if device == "" {
		return ""
	}
	return ui.author(device)
}
