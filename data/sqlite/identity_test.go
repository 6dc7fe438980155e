package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/internal/testfs"
)

// TestFileIdentity: the file's identity on its disk (inode on Unix, file index on Windows) survives a
// rename, and a copy put in the original's place has another one.
func TestFileIdentity(t *testing.T) {
	dir := testfs.TempDir(t)
	a := filepath.Join(dir, "Tavoli Città.db")
	if err := os.WriteFile(a, []byte("uno"), 0o644); err != nil {
		t.Fatal(err)
	}
	id := fileIdentity(a)
	if id == "" {
		t.Fatalf("fileIdentity(%q) is empty on a system that gives one", a)
	}
	b := filepath.Join(dir, "rinominato.db")
	if err := os.Rename(a, b); err != nil {
		t.Fatal(err)
	}
	if got := fileIdentity(b); got != id {
		t.Errorf("after a rename the identity is %q, want %q", got, id)
	}
	if err := os.WriteFile(a, []byte("uno"), 0o644); err != nil { // a copy, where the original was
		t.Fatal(err)
	}
	if got := fileIdentity(a); got == id || got == "" {
		t.Errorf("a copy at the original's path has identity %q, the original %q", got, id)
	}
	if got := fileIdentity(filepath.Join(dir, "assente.db")); got != "" {
		t.Errorf("a missing file has identity %q", got)
	}
}

// TestCopyAtTheSamePath: the original moved away and a byte copy put at its path is a copy, which
// writes as a new device; a database built under a temporary name for its destination
// (Options.Destination) and renamed there is the original, not a copy.
func TestCopyAtTheSamePath(t *testing.T) {
	ctx := context.Background()
	dir := testfs.TempDir(t)
	inst := refusalDevice(31)
	path := filepath.Join(dir, "tavoli.db")

	tmp := filepath.Join(dir, ".tavoli.db.123.tavoli-tmp")
	s, err := Open(ctx, tmp, Options{Verbale: testVerbale, Device: inst, Now: replicaOptions(inst, refusalDay).Now, Destination: path})
	must(t, "Open(temporary)", err)
	if s.Path() != path {
		t.Errorf("Path() of a store built for %q = %q", path, s.Path())
	}
	_, err = s.SaveComune(ctx, data.Comune{Name: "Magione"})
	must(t, "SaveComune", err)
	must(t, "Close", s.Close())
	must(t, "Rename", os.Rename(tmp, path))

	o, err := Open(ctx, path, replicaOptions(inst, refusalDay.Add(time.Hour)))
	must(t, "Open(renamed)", err)
	if o.Device() != inst || o.Copied() {
		t.Errorf("the new database at its destination: device %s, copied %v; want %s, not a copy",
			o.Device(), o.Copied(), inst)
	}
	must(t, "Close", o.Close())

	moved := filepath.Join(dir, "spostato.db")
	must(t, "Rename", os.Rename(path, moved))
	b, err := os.ReadFile(moved)
	must(t, "ReadFile", err)
	must(t, "WriteFile", os.WriteFile(path, b, 0o644))
	c, err := Open(ctx, path, replicaOptions(inst, refusalDay.Add(2*time.Hour)))
	must(t, "Open(copy)", err)
	if c.Device() == inst || !c.Copied() {
		t.Errorf("a byte copy at the original's path: device %s, copied %v; want a new device id", c.Device(),
			c.Copied())
	}
	must(t, "Close", c.Close())

	// The original, renamed, is still the original; on Windows also under another spelling of its path.
	again := moved
	if runtime.GOOS == "windows" {
		again = filepath.Join(strings.ToUpper(filepath.Dir(moved)), "SPOSTATO.DB")
	}
	m, err := Open(ctx, again, replicaOptions(inst, refusalDay.Add(3*time.Hour)))
	must(t, "Open(moved)", err)
	defer m.Close()
	if m.Device() != inst || m.Copied() {
		t.Errorf("the original renamed to %s: device %s, copied %v; want %s, not a copy", again, m.Device(),
			m.Copied(), inst)
	}
}
