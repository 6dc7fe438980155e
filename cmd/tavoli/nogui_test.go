package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// quietEnvs are locales under which Fyne's lang, left alone, logs "Error parsing user locale C" at
// start-up: C.UTF-8 is the usual locale of containers, services and cron.
var quietEnvs = [][]string{
	{"LANG=C.UTF-8"},
	{"LC_ALL=C.UTF-8"},
	{"LANG=C"},
	{"LANG=C.UTF-8", "TAVOLI_LANG=en"},
}

// quietRun runs bin with args under a clean locale made of extra, and fails unless it exits 0 with
// nothing on stderr.
func quietRun(t *testing.T, bin string, extra []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "TAVOLI_LANG":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, extra...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if err != nil || errOut.Len() > 0 {
		t.Errorf("%v %v: %v, stderr %q, want exit 0 and nothing on stderr", extra, args, err, errOut.String())
	}
	return out.String()
}

// TestCommandsPrintNoLocaleNoise runs the program as built with the window (the test binary links
// it) under C locales: no command may print Fyne's complaints about the locale.
func TestCommandsPrintNoLocaleNoise(t *testing.T) {
	e := setup(t, "")
	db := e.path("demo.db")
	mustRun(t, "demo", "--db", db)
	for _, extra := range quietEnvs {
		quietRun(t, os.Args[0], append([]string{childEnv + "=1"}, extra...), "version")
		quietRun(t, os.Args[0], append([]string{childEnv + "=1"}, extra...), "list", "comuni", "--db", db)
	}
}

// TestNoGUIBuild builds the command-line-only binary, without cgo, and runs its commands: no Fyne is
// linked, nothing is printed on stderr, and starting the window says this build has none.
func TestNoGUIBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	e := setup(t, "")
	bin := filepath.Join(e.dir, "tavoli")
	build := exec.Command("go", "build", "-tags", "nogui", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build -tags nogui: %v\n%s", err, out)
	}
	mods, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(mods, []byte("fyne.io/")) || bytes.Contains(mods, []byte("go-gl/")) {
		t.Errorf("the nogui binary links Fyne or GL:\n%s", mods)
	}
	db := e.path("demo.db")
	quietRun(t, bin, []string{"LANG=C.UTF-8"}, "demo", "--db", db)
	for _, extra := range quietEnvs {
		if out := quietRun(t, bin, extra, "version"); !strings.Contains(out, version) {
			t.Errorf("%v version = %q, want the version %s", extra, out, version)
		}
		if out := quietRun(t, bin, extra, "list", "comuni", "--db", db); !strings.Contains(out, "Castiglione del Lago") {
			t.Errorf("%v list comuni = %q, want the demo's comuni", extra, out)
		}
	}
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = append(os.Environ(), "TAVOLI_LANG=it")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != exitError || !bytes.Contains(out, []byte("non ha la finestra")) {
		t.Errorf("nogui without a command: exit %d (%v), output %q; want %d and that there is no window", code, err, out, exitError)
	}
}
