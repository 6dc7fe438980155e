package data_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The layers stay apart: the domain imports neither SQL nor Fyne, and the window sees the store only
// through the domain's interfaces (issue 17). go list reads the same build graph the compiler does.
func TestLayersStayApart(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		// .ci/windows runs this package's tests as a Windows program under Wine, where there is no go
		// command; the Linux run of the README's test command checks the layers.
		t.Skip("no go command to list the packages with (the Windows test program under Wine)")
	}
	deps := func(pkg string) []string {
		t.Helper()
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	for _, d := range deps("github.com/tavoli/tavoli/data") {
		if strings.HasPrefix(d, "database/sql") || strings.HasPrefix(d, "fyne.io/") {
			t.Errorf("package data depends on %s", d)
		}
	}
	app := deps("github.com/tavoli/tavoli/app")
	if len(app) < 10 {
		t.Fatalf("go list found only %d packages under app: %q", len(app), app)
	}
	for _, d := range app {
		if d == "github.com/tavoli/tavoli/data/sqlite" {
			t.Error("package app depends on data/sqlite: the command line wires the store")
		}
	}
}
