//go:build !nogui

package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/tavoli/tavoli/app"
	"github.com/tavoli/tavoli/app/i18n"
	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data/sqlite"
)

// appID identifies Tavoli to the operating system (preferences folder, notifications, packaging).
const appID = "it.tavoli.desktop"

// startGUI opens the main window on the database at dbPath. FyneApp.toml sits at the module root,
// which a plain "go build" binary does not read, so the metadata is set here (fyne package sets the
// same values from the file).
func startGUI(cfg window) error {
	if err := displayAvailable(); err != nil {
		return err
	}
	detachConsole()
	app.SetupLanguage(i18n.Language()) // the widgets speak the language the command line chose
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID:         appID,
		Name:       "Tavoli",
		Version:    version,
		Build:      1,
		Icon:       fyne.NewStaticResource("icon.png", assets.Icon),
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := fyneapp.NewWithID(appID)
	return app.Run(a, app.Config{
		DBPath: cfg.DBPath, Installation: cfg.Installation, FirstRun: cfg.FirstRun, Bundle: cfg.Bundle,
		Version: cfg.Version, Open: windowStore(cfg.Installation.DeviceID),
	}, quitSignals())
}

// windowStore opens the window's databases as this installation's device; the window records the
// computer in each itself.
func windowStore(device string) app.Opener {
	return func(ctx context.Context, path string) (app.Store, error) {
		st, err := sqlite.Open(ctx, path, sqlite.Options{Device: device, Verbale: docs.Verbale})
		if err != nil {
			return nil, err // not a nil *sqlite.Store in a non-nil interface
		}
		return st, nil
	}
}

// quitSignals is closed when the system asks the program to end (SIGTERM, SIGHUP at the end of the
// session, Ctrl+C in a terminal): the window then saves what is being typed before it closes. A second
// signal ends the program at once, as usual.
func quitSignals() <-chan struct{} {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGHUP, os.Interrupt)
	quit := make(chan struct{})
	go func() {
		<-sig
		signal.Stop(sig)
		close(quit)
	}()
	return quit
}
