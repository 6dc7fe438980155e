//go:build nogui

package main

import "github.com/tavoli/tavoli/data"

// startGUI refuses: this build is for servers and scripts, made without Fyne and without cgo
// (CGO_ENABLED=0 go build -tags nogui ./cmd/tavoli), and has only the commands.
func startGUI(window) error {
	return data.Errorf(data.EUnsupported, "err.gui.no_window")
}
