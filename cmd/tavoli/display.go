//go:build !nogui

package main

import (
	"os"
	"runtime"

	"github.com/tavoli/tavoli/data"
)

// displayAvailable tells, before GLFW fails with a stack trace, that there is no screen to open the
// window on: on Linux and the BSDs the window needs an X11 or Wayland session.
func displayAvailable() error {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return data.Errorf(data.EUnsupported, "err.gui.no_display")
	}
	return nil
}
