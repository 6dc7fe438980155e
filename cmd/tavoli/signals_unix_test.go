//go:build unix && !nogui

package main

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// TestQuitSignals sends the program SIGTERM, as a system ending the session does: the window is told to
// save and close (the channel closes) instead of the process dying with what is being typed.
func TestQuitSignals(t *testing.T) {
	quit := quitSignals()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-quit:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM did not reach the window within 5 s")
	}
}
