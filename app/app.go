// Package app is Tavoli's window: the shell with its navigation, the registry screens (Ambito,
// comuni, areas, bodies, people, organisations), the CSV import and the first run. It calls the store
// through small interfaces and never touches SQL; store work runs off the UI goroutine and its
// results come back through the Runner.
package app

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/install"
)

// Config is what the command line hands to the window.
type Config struct {
	DBPath       string
	Installation *install.Installation
	FirstRun     bool // no operator name yet: ask "Chi usa questo computer?"
	// Bundle is a .tavoli file the program was started with (opened from the file manager): the window
	// opens on its import preview.
	Bundle  string
	Version string
	// Open opens a database file; the command line wires the store here.
	Open Opener
}

// Store is what the window needs from a database: everything data.Store offers, and the exchange of
// bundles.
type Store interface {
	data.Store
	bundle.Exchanger
}

// Runner runs work away from the UI goroutine and then done on it. Tests pass SyncRunner so that a
// test sees the result as soon as the call returns.
type Runner func(work func(), done func())

// AsyncRunner runs work in a goroutine and hands done back to the UI goroutine with fyne.Do.
func AsyncRunner(work func(), done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// SyncRunner runs work and done at once, on the calling goroutine.
func SyncRunner(work func(), done func()) {
	work()
	done()
}

// Opener opens a database file for the window.
type Opener func(ctx context.Context, path string) (Store, error)

// Run opens the main window on the configured database (opened with cfg.Open) and runs the program until it is closed. When
// quit is closed (the program got SIGTERM or SIGINT) the window saves what is being typed and closes.
// Whatever is still pending when the window's loop stops is saved before the database is closed.
func Run(a fyne.App, cfg Config, quit <-chan struct{}) error {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(newTheme())
	ui := New(a, cfg, AsyncRunner, cfg.Open)
	var final sync.Once
	last := func() { final.Do(ui.FlushNow) }
	a.Lifecycle().SetOnStopped(last)
	go func() {
		if quit == nil {
			return
		}
		<-quit
		ui.Leave()
	}()
	ui.Window().ShowAndRun()
	last()
	ui.Close()
	return nil
}

// title is the window's title; the Ambito's name is shown inside the window.
func title() string { return lang.L("app.title") }
