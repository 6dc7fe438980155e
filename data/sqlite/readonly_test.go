package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// childEnv names the file the helper process opens (see TestMain).
const childEnv = "TAVOLI_TEST_OPEN_READONLY"

func codeOf(err error) data.Code { return data.ErrorCode(err) }

// TestOpenReadOnly opens files where nothing may be written. Permission bits do not stop root, who runs
// these tests in containers: when a write probe shows that the bits are ignored, the Open runs in a
// helper process without root's overrides (see runUnprivileged).
func TestOpenReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name string
		// prepare makes the files under dir and returns the path to open and a path whose writability
		// proves that the location is read-only (a file is opened for writing, a folder gets a file).
		prepare func(t *testing.T, dir string) (path, probe string)
	}{
		{"read-only database file", func(t *testing.T, dir string) (string, string) {
			path := tavoliFile(t, dir, 1)
			chmod(t, path, 0o444)
			return path, path
		}},
		{"database in a read-only folder", func(t *testing.T, dir string) (string, string) {
			sub := filepath.Join(dir, "condivisa")
			must(t, "Mkdir", os.Mkdir(sub, 0o755))
			path := tavoliFile(t, sub, 1)
			chmod(t, sub, 0o555)
			return path, sub
		}},
		{"new database in a read-only folder", func(t *testing.T, dir string) (string, string) {
			sub := filepath.Join(dir, "condivisa")
			must(t, "Mkdir", os.Mkdir(sub, 0o555))
			t.Cleanup(func() { os.Chmod(sub, 0o755) })
			return filepath.Join(sub, "tavoli.db"), sub
		}},
		{"new folder in a read-only folder", func(t *testing.T, dir string) (string, string) {
			sub := filepath.Join(dir, "condivisa")
			must(t, "Mkdir", os.Mkdir(sub, 0o555))
			t.Cleanup(func() { os.Chmod(sub, 0o755) })
			return filepath.Join(sub, "Tavoli", "tavoli.db"), sub
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, probe := tc.prepare(t, t.TempDir())
			before := stateOf(t, path)
			var beforeProbe fileState
			if probe != path {
				beforeProbe = stateOf(t, filepath.Join(probe, "x"))
			}
			var got data.Code
			if !canWrite(probe) {
				s, err := Open(context.Background(), path, testOptions())
				if s != nil {
					s.Close()
				}
				got = codeOf(err)
			} else {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), childEnv+"="+path)
				out, err := runUnprivileged(cmd)
				if errors.Is(err, errNoUnprivileged) {
					t.Skipf("permission bits do not stop this user (uid %d) from writing %s, and no unprivileged "+
						"process can be started here to open it (%v); run the tests as an ordinary user", os.Geteuid(), probe, err)
				}
				if err != nil {
					t.Fatalf("helper process: %v\n%s", err, out)
				}
				line, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "code=")
				if !ok {
					t.Fatalf("helper process printed %q, want code=...", out)
				}
				got = data.Code(line)
				t.Logf("uid %d writes %s regardless of its mode: opened by an unprivileged helper process", os.Geteuid(), probe)
			}
			if got != data.EReadOnly {
				t.Errorf("Open(%q) = code %q, want code %s", path, got, data.EReadOnly)
			}
			compareState(t, path, before, stateOf(t, path))
			if probe != path {
				compareState(t, probe, beforeProbe, stateOf(t, filepath.Join(probe, "x")))
			}
		})
	}
}

// chmod sets mode on path and gives back write permission when the test ends, so that the temporary
// folder can be removed.
func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	must(t, "Chmod", os.Chmod(path, mode))
	t.Cleanup(func() { os.Chmod(path, 0o755) })
}

// canWrite reports whether this process can write path: open a file for writing (without changing it),
// or create and remove a file in a folder.
func canWrite(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !fi.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return false
		}
		f.Close()
		return true
	}
	f, err := os.CreateTemp(path, ".probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// errNoUnprivileged is returned by runUnprivileged when it cannot start a process without root's
// overrides on this system.
var errNoUnprivileged = errors.New("no unprivileged process")

// Opening for reading only lists what is there, writes nothing (the file stays byte-identical) and
// refuses every change; a missing, empty or not-yet-Tavoli file is not created.
func TestOpenForReadingOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tavoli.db")
	s := openAt(t, path, testOptions())
	if _, err := s.SaveComune(ctx, data.Comune{Name: "Magione", Population: 14700}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := stateOf(t, path)

	opt := testOptions()
	opt.ReadOnly = true
	ro, err := Open(ctx, path, opt)
	if err != nil {
		t.Fatalf("Open(read-only) = %v", err)
	}
	comuni, err := ro.Comuni(ctx)
	if err != nil || len(comuni) != 1 || comuni[0].Name != "Magione" {
		t.Errorf("Comuni(read-only) = %v, %v; want Magione", comuni, err)
	}
	if _, err := ro.SaveComune(ctx, data.Comune{Name: "Paciano"}); data.ErrorCode(err) != data.EReadOnly {
		t.Errorf("SaveComune(read-only) = %v, want code %s", err, data.EReadOnly)
	}
	ro.Close()
	compareState(t, path, before, stateOf(t, path))

	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "missing.db"), empty} {
		if _, err := Open(ctx, p, opt); data.ErrorCode(err) != data.ENotFound {
			t.Errorf("Open(%q, read-only) = %v, want code %s", p, err, data.ENotFound)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(read-only) created the missing file: %v", err)
	}
}
