// The main window: navigation, sections, opening and switching databases.

package app

import (
	"context"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
)

// UI is the main window and what it works on.
type UI struct {
	app   fyne.App
	win   fyne.Window
	cfg   Config
	run   Runner
	open  Opener
	store Store
	ctx   context.Context

	// saveDelay is how long typing pauses before a form saves itself; tests set 0 to save at once.
	saveDelay time.Duration
	// saveMaxWait is the longest a change waits while typing goes on; retryFirst is the first wait
	// before a failed save is tried again.
	saveMaxWait, retryFirst time.Duration
	// unsaved are the autosavers with a change not stored yet (see track): closing saves them first.
	unsaved []pendingSaver
	closing bool // the window is waiting for its last saves before it closes
	// do runs a function on the UI goroutine from a timer (fyne.Do when nil); tests queue it instead.
	do func(func())
	// filterPause is how long typing in a list's filter pauses before the list asks the store, so that a
	// word typed fast is one query; tests set 0 to filter at once.
	filterPause time.Duration

	ambito   data.Ambito
	devices  map[string]data.Device // who wrote what: device id -> computer and operator
	header   *widget.Label
	search   *shortcutEntry
	nav      *widget.List
	body     *fyne.Container
	status   *statusBar
	sections []*section
	current  int

	// now is the clock the screens read today's date from; tests set a fixed day.
	now func() time.Time

	// tick is how often the meeting screen redraws the time on the current item; tests set 0.
	tick time.Duration

	sessions *sessionsScreen
	votes    *votesScreen
	props    *proposalsScreen
	synth    *synthesisScreen
	attu     *attuazioneScreen
	people   *peopleScreen
	orgs     *organisationsScreen
	terr     *ambitoScreen
	exch     *exchangeScreen
	acts     *actionsScreen
	found    *searchScreen
}

// section is one area of the navigation.
type section struct {
	key     string // translation key of its name
	icon    fyne.Resource
	content fyne.CanvasObject
	show    func() // called when the section is shown: refresh its lists
	// focus puts the cursor where the section expects typing when it is entered; nil for the filter of
	// its list, as Ctrl+F does (none in the meeting and in the search results).
	focus func()
}

// New builds the main window on the database at cfg.DBPath, opened with open. A file that cannot be
// opened is explained in the window, which offers another one.
func New(a fyne.App, cfg Config, run Runner, open Opener) *UI {
	ui := &UI{app: a, cfg: cfg, run: run, open: open, ctx: context.Background(), saveDelay: 600 * time.Millisecond,
		saveMaxWait: saveMaxWait, retryFirst: retryFirst,
		filterPause: 180 * time.Millisecond, tick: time.Second, now: time.Now}
	ui.win = a.NewWindow(title())
	ui.win.Resize(fyne.NewSize(1200, 760))
	ui.win.SetMaster()
	ui.interceptClose()
	ui.openStore(cfg.DBPath)
	return ui
}

// Window is the main window.
func (ui *UI) Window() fyne.Window { return ui.win }

// Close closes the database.
func (ui *UI) Close() {
	if ui.status != nil {
		ui.status.clearUndo()
	}
	if ui.store != nil {
		ui.store.Close()
		ui.store = nil
	}
}

// openStore opens the database at path and shows the registry, or explains why it cannot. The file
// is checked and opened away from the window, which says what it is doing meanwhile: a file locked by
// another program waits up to SQLite's busy timeout, and a large one takes a while to check.
func (ui *UI) openStore(path string) {
	wait := widget.NewProgressBarInfinite()
	ui.win.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabel(lang.L("opening.title", map[string]any{"path": path})), wait)))
	var st Store
	var err error
	ui.run(func() { st, err = ui.open(ui.ctx, path) }, func() {
		wait.Stop()
		ui.opened(path, st, err)
	})
}

// opened shows the database just opened, or the reason it could not be.
func (ui *UI) opened(path string, st Store, err error) {
	if err != nil {
		ui.win.SetMainMenu(ui.menu(false))
		ui.win.SetContent(ui.refusal(path, err))
		return
	}
	ui.Close()
	ui.store = st
	ui.cfg.DBPath = st.Path()
	ui.buildShell()
	ui.registerDevice()
	if c, ok := st.(interface{ Copied() bool }); ok && c.Copied() {
		// A copy of a file that this installation opened elsewhere: it now writes as a new device.
		ui.status.say(lang.L("exchange.copied"))
	}
	ui.loadAmbito(func() { ui.firstRun() })
}

// registerDevice records this computer's and operator's names in the database, and reloads the names
// of every computer that wrote to it.
func (ui *UI) registerDevice() {
	inst := ui.cfg.Installation
	var devices map[string]data.Device
	var err error
	ui.run(func() {
		if err = ui.store.RegisterDevice(ui.ctx, inst.DeviceName, inst.Operator); err == nil {
			devices, err = ui.store.Devices(ui.ctx)
		}
	}, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.devices = devices
	})
}

// author names the installation that made a change: its operator, or its computer.
func (ui *UI) author(device string) string {
	if d, ok := ui.devices[device]; ok && d.Label() != "" {
		return d.Label()
	}
	return shortID(device)
}

// refusal is the screen shown instead of the registry when a file cannot be opened.
func (ui *UI) refusal(path string, err error) fyne.CanvasObject {
	titleText := widget.NewLabelWithStyle(lang.L("refusal.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(i18n.Explain(err))
	msg.Wrapping = fyne.TextWrapWord
	kept := widget.NewLabel(lang.L("refusal.kept", map[string]any{"path": path}))
	kept.Wrapping = fyne.TextWrapWord
	other := widget.NewButtonWithIcon(lang.L("action.open_db"), theme.FolderOpenIcon(), ui.chooseDatabase)
	buttons := container.NewHBox(other)
	switch data.ErrorCode(err).Kind() {
	case data.EConflict, data.EInternal, data.EReadOnly:
		// Busy, full, or a passing error: the same file may open once the cause is gone.
		retry := widget.NewButtonWithIcon(lang.L("action.retry"), theme.ViewRefreshIcon(), func() { ui.openStore(path) })
		retry.Importance = widget.HighImportance
		buttons.Objects = append([]fyne.CanvasObject{retry}, buttons.Objects...)
	default:
		other.Importance = widget.HighImportance
	}
	if def, derr := install.DefaultDatabase(); derr == nil && filepath.Clean(def) != filepath.Clean(path) {
		buttons.Add(widget.NewButton(lang.L("action.default_db"), func() { ui.openStore(def) }))
	}
	buttons.Add(widget.NewButton(lang.L("action.quit"), ui.requestClose))
	box := container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.WarningIcon()), titleText),
		msg, kept, buttons)
	return container.NewPadded(container.NewVScroll(widget.NewCard("", "", box)))
}

// chooseDatabase lets the user pick another database file.
func (ui *UI) chooseDatabase() {
	ui.askOpen([]string{".db", ".sqlite", ".tavoli"}, nil, ui.openStore)
}

// buildShell lays out the window: header with the global search, navigation, content, status line.
func (ui *UI) buildShell() {
	ui.sessions = newSessionsScreen(ui)
	ui.votes = newVotesScreen(ui)
	ui.props = newProposalsScreen(ui)
	ui.synth = newSynthesisScreen(ui)
	ui.attu = newAttuazioneScreen(ui)
	ui.people = newPeopleScreen(ui)
	ui.orgs = newOrganisationsScreen(ui)
	ui.terr = newAmbitoScreen(ui)
	ui.exch = newExchangeScreen(ui)
	ui.acts = newActionsScreen(ui)
	ui.found = newSearchScreen(ui)
	persone := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("tab.people"), theme.AccountIcon(), ui.people.content),
		container.NewTabItemWithIcon(lang.L("tab.organisations"), theme.HomeIcon(), ui.orgs.content))
	persone.OnSelected = func(t *container.TabItem) {
		ui.orgs.shown = t.Content == ui.orgs.content
		if ui.orgs.shown {
			ui.orgs.refresh()
		} else {
			ui.people.refresh()
		}
		if ui.current == sectionPeople {
			ui.focusSection()
		}
	}
	ui.sections = []*section{
		{key: "nav.sessions", icon: theme.GridIcon(), content: ui.sessions.content, show: func() {
			if !ui.sessions.inMeeting() {
				ui.sessions.refresh()
			}
		}},
		{key: "nav.proposals", icon: theme.DocumentIcon(), content: ui.props.content, show: ui.props.refresh},
		{key: "nav.votes", icon: theme.ConfirmIcon(), content: ui.votes.content, show: ui.votes.refresh,
			focus: ui.votes.focusFilter},
		{key: "nav.synthesis", icon: theme.ListIcon(), content: ui.synth.content, show: ui.synth.refresh,
			focus: ui.synth.focus},
		{key: "nav.attuazione", icon: theme.HistoryIcon(), content: ui.attu.content, show: ui.attu.refresh},
		{key: "nav.actions", icon: theme.MediaReplayIcon(), content: ui.acts.content, show: ui.acts.refresh,
			focus: ui.acts.focusFilter},
		{key: "nav.people", icon: theme.AccountIcon(), content: persone, show: func() {
			if persone.Selected() != nil && persone.Selected().Content == ui.orgs.content {
				ui.orgs.refresh()
			} else {
				ui.people.refresh()
			}
		}},
		{key: "nav.ambito", icon: theme.SettingsIcon(), content: ui.terr.content, show: ui.terr.refresh},
		{key: "nav.exchange", icon: theme.MailSendIcon(), content: ui.exch.content, show: ui.exch.refresh,
			focus: ui.exch.focus},
		{key: "nav.search", icon: theme.SearchIcon(), content: ui.found.content},
	}
	widest := "" // the navigation is as wide as its longest name
	for _, s := range ui.sections[:len(ui.sections)-1] {
		if n := lang.L(s.key); len([]rune(n)) > len([]rune(widest)) {
			widest = n
		}
	}
	ui.nav = widget.NewList(func() int { return len(ui.sections) - 1 }, // the search results are not listed
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.GridIcon()), widget.NewLabel(widest))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(ui.sections[id].icon)
			row.Objects[1].(*widget.Label).SetText(lang.L(ui.sections[id].key))
		})
	ui.nav.OnSelected = func(id widget.ListItemID) { ui.show(id) }
	ui.body = container.NewStack()

	ui.header = widget.NewLabelWithStyle(title(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ui.search = newShortcutEntry()
	ui.search.SetPlaceHolder(lang.L("search.everywhere"))
	ui.search.OnChanged = func(q string) {
		if q == "" {
			return
		}
		ui.found.query(q)
		if ui.current != len(ui.sections)-1 {
			ui.nav.UnselectAll()
			ui.show(len(ui.sections) - 1)
		}
	}
	ui.search.onKey[fyne.KeyEscape] = func() { ui.search.SetText(""); ui.win.Canvas().Unfocus() }
	ui.search.OnSubmitted = func(string) { ui.found.openFirst() }
	top := container.NewBorder(nil, nil, ui.header, container.NewGridWrap(fyne.NewSize(340, ui.search.MinSize().Height), ui.search))
	ui.status = newStatusBar(ui)
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), ui.nav)
	ui.win.SetContent(container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), ui.status.content), left, nil, ui.body))
	ui.win.SetMainMenu(ui.menu(true))
	ui.addShortcuts()
	// F5 has no modifier, so Fyne delivers it as a plain key, not a shortcut: the projector listens
	// for it on the window (and in the meeting's own boxes, which would otherwise keep it).
	ui.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyF5 && ui.sessions.inMeeting() {
			ui.sessions.meeting.toggleProjector()
		}
	})
	ui.nav.Select(sectionSessions) // Sedute: the meetings are what the program is opened for
}

// show displays section i.
func (ui *UI) show(i int) {
	if i < 0 || i >= len(ui.sections) {
		return
	}
	ui.current = i
	s := ui.sections[i]
	ui.body.Objects = []fyne.CanvasObject{s.content}
	ui.body.Refresh()
	if s.show != nil {
		s.show()
	}
	ui.focusSection()
}

// focusSection puts the cursor where the section shown expects typing, so that entering it (Ctrl+2,
// a click in the navigation) lets the user type at once: the filter of its list, as Ctrl+F does. A
// dialog open on top keeps the cursor.
func (ui *UI) focusSection() {
	if ui.current >= len(ui.sections) || ui.win.Canvas().Overlays().Top() != nil {
		return
	}
	if f := ui.sections[ui.current].focus; f != nil {
		f()
		return
	}
	ui.withEditor(editor.focusFilter)
}

// goTo selects section i in the navigation (which shows it). The section already shown gets the
// cursor back in its filter, as the user who pressed its shortcut expects.
func (ui *UI) goTo(i int) {
	if i == len(ui.sections)-1 {
		ui.show(i)
		return
	}
	if i == ui.current {
		ui.focusSection()
	}
	ui.nav.Select(i)
}

// loadAmbito reads the Ambito for the header, then calls next.
func (ui *UI) loadAmbito(next func()) {
	var a data.Ambito
	var err error
	ui.run(func() { a, err = ui.store.Ambito(ui.ctx) }, func() {
		if err == nil {
			ui.ambito = a
			ui.header.SetText(lang.L("app.title") + " · " + a.Title())
		} else {
			ui.header.SetText(lang.L("app.title"))
		}
		if next != nil {
			next()
		}
	})
}

// showError explains err in a dialog.
func (ui *UI) showError(err error) {
	if err == nil {
		return
	}
	msg := widget.NewLabel(i18n.Explain(err))
	msg.Wrapping = fyne.TextWrapWord
	ui.inform(lang.L("Error"), container.NewGridWrap(fyne.NewSize(460, 120), msg), fyne.Size{})
}

// saved is called after every successful write: the status line shows the time.
func (ui *UI) saved() {
	ui.showUnsaved()
}

// addShortcuts registers the window's shortcuts on the canvas too, for when no menu bar is shown
// (the main-menu items carry the same shortcuts and win when there is one).
func (ui *UI) addShortcuts() {
	for _, it := range ui.commands() {
		if it.shortcut == nil {
			continue
		}
		action := it.action
		ui.win.Canvas().AddShortcut(it.shortcut, func(fyne.Shortcut) { action() })
	}
}

// ctrl is Ctrl (Cmd on macOS) plus key.
func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}
