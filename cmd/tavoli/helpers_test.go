package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// env is the folders one test gives the program: its own configuration and data folders (absent until
// the program makes them) and a work folder for databases and files.
type env struct {
	cfgDir, dataDir, dir string
}

// setup points the program at folders under t.TempDir, in Italian unless lang says otherwise. The
// program sets LANGUAGE and LC_* for itself, so their values are restored when the test ends.
func setup(t *testing.T, lang string) env {
	t.Helper()
	root := t.TempDir()
	e := env{cfgDir: filepath.Join(root, "config"), dataDir: filepath.Join(root, "data"), dir: filepath.Join(root, "work")}
	if err := os.Mkdir(e.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TAVOLI_CONFIG_DIR", e.cfgDir)
	t.Setenv("TAVOLI_DATA_DIR", e.dataDir)
	t.Setenv("TAVOLI_LANG", lang)
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, os.Getenv(v))
	}
	return e
}

// path is name inside the work folder.
func (e env) path(name string) string { return filepath.Join(e.dir, name) }

// result is what one run of the program did.
type result struct {
	args           []string
	code           int
	stdout, stderr string
}

// String describes the run for failure messages.
func (r result) String() string {
	return "run(" + strings.Join(quoteAll(r.args), " ") + ")"
}

func quoteAll(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		b, _ := json.Marshal(s)
		q[i] = string(b)
	}
	return q
}

// noGUI fails the test if a command opens the window.
func noGUI(t *testing.T) func(window) error {
	return func(cfg window) error {
		t.Errorf("the window was started (DBPath %q) by a command that must not start it", cfg.DBPath)
		return nil
	}
}

// runWith runs the program in-process with gui as the window starter.
func runWith(gui func(window) error, args ...string) result {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut, gui)
	return result{args: args, code: code, stdout: out.String(), stderr: errOut.String()}
}

// runCLI runs a command that must not open the window.
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	return runWith(noGUI(t), args...)
}

// mustRun runs a command that must succeed, silently on stderr.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := runCLI(t, args...)
	if r.code != exitOK {
		t.Fatalf("%v exit = %d, want %d; stderr %q", r, r.code, exitOK, r.stderr)
	}
	if r.stderr != "" {
		t.Errorf("%v succeeded with stderr %q, want nothing", r, r.stderr)
	}
	return r
}

// wantCode fails the test unless r exited with code.
func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("%v exit = %d, want %d; stdout %q; stderr %q", r, r.code, code, r.stdout, r.stderr)
	}
}

// wantContains fails the test unless s, the named output of r, holds every fragment.
func wantContains(t *testing.T, r result, name, s string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(s, f) {
			t.Errorf("%v %s = %q, want it to contain %q", r, name, s, f)
		}
	}
}

// listJSON runs "list kind --json --db db" and decodes the array it prints.
func listJSON(t *testing.T, db, kind string) []map[string]any {
	t.Helper()
	r := mustRun(t, "list", kind, "--json", "--db", db)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%v printed %q, not a JSON array: %v", r, r.stdout, err)
	}
	return rows
}

// demoDB writes the demo district into a new database in the work folder and returns its path.
func demoDB(t *testing.T, e env, name string) string {
	t.Helper()
	db := e.path(name)
	demoTemplate.once.Do(func() {
		// Made once by an installation of its own, so that no test's installation takes its copy for a
		// copy of a file it opened elsewhere; each test gets a fresh copy, as `tavoli demo` writes it.
		demoTemplate.dir, demoTemplate.err = os.MkdirTemp("", "tavoli-cli-demo-")
		if demoTemplate.err != nil {
			return
		}
		restore := map[string]string{}
		for _, v := range []string{"TAVOLI_CONFIG_DIR", "TAVOLI_DATA_DIR"} {
			restore[v] = os.Getenv(v)
			os.Setenv(v, filepath.Join(demoTemplate.dir, strings.ToLower(v)))
		}
		defer func() {
			for v, old := range restore {
				os.Setenv(v, old)
			}
		}()
		demoTemplate.path = filepath.Join(demoTemplate.dir, "demo.db")
		if r := runCLI(t, "demo", "--db", demoTemplate.path); r.code != 0 {
			demoTemplate.err = fmt.Errorf("tavoli demo: %s", r)
		}
	})
	if demoTemplate.err != nil {
		t.Fatalf("making the demo: %v", demoTemplate.err)
	}
	b, err := os.ReadFile(demoTemplate.path)
	if err == nil {
		err = os.WriteFile(db, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	// The test's installation opens its copy once, as it had opened the file it made itself: the
	// computer is recorded in it (here by a demo refused on a database that is not empty).
	if r := runCLI(t, "demo", "--db", db); r.code == 0 {
		t.Fatalf("demo over the demo's copy was not refused: %s", r)
	}
	return db
}

// demoTemplate is the demo database made once per test process (it renders its approved verbali, which
// takes seconds under -race); TestMain removes it.
var demoTemplate struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// digest is the SHA-256 of the file at path.
func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// exists reports whether anything is at path.
func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// wantUntouched fails the test unless the file at path still has the digest before and SQLite left no
// journal beside it.
func wantUntouched(t *testing.T, r result, path string, before [32]byte) {
	t.Helper()
	if digest(t, path) != before {
		t.Errorf("%v changed %s", r, path)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if exists(t, path+side) {
			t.Errorf("%v left %s beside %s", r, filepath.Base(path+side), path)
		}
	}
}

// copyFile copies testdata/name into dir and returns the copy's path, so that a test that must leave
// a file alone cannot damage the fixture.
func copyFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// str returns the string field key of a JSON object, failing the test when it is not a string.
func str(t *testing.T, obj map[string]any, key string) string {
	t.Helper()
	v, ok := obj[key]
	if !ok {
		t.Fatalf("object %v has no %q", obj, key)
	}
	s, ok := v.(string)
	if !ok {
		t.Fatalf("object %v: %q = %v (%T), want a string", obj, key, v, v)
	}
	return s
}
