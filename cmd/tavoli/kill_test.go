package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// childEnv makes the test binary run the program itself, with the arguments after it: the tests below
// kill it as a user's power cut or Task Manager would.
const childEnv = "TAVOLI_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, func(window) error {
			return errors.New("no window in a child")
		}))
	}
	code := m.Run()
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
	os.Exit(code)
}

// child is the program started as a process of its own, in the test's folders.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

// killAlong runs the command once to completion to learn how long it takes, then starts it again and
// again, killing it at moments spread over that time, and calls check after each run. It returns how
// many runs were killed before they finished, which must be most of them for the test to mean anything.
func killAlong(t *testing.T, runs int, before func(), args []string, check func(killed bool)) int {
	t.Helper()
	before()
	start := time.Now()
	if out, err := child(t, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	whole := time.Since(start)
	check(false)
	killed := 0
	for i := 0; i < runs; i++ {
		before()
		cmd := child(t, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(whole * time.Duration(i) / time.Duration(runs))
		cmd.Process.Kill()
		err := cmd.Wait()
		var exit *exec.ExitError
		wasKilled := errors.As(err, &exit) && !exit.Exited()
		if wasKilled {
			killed++
		}
		check(wasKilled)
	}
	return killed
}

// TestKilledDemoLeavesNothing: "tavoli demo" killed at any moment leaves no database, or the whole demo;
// never an empty or half-written one that the next demo would refuse. What a killed run leaves beside
// the file is removed by the next.
func TestKilledDemoLeavesNothing(t *testing.T) {
	e := setup(t, "")
	db := e.path("Tavoli Città/l'ambito.db")
	want := len(listJSON(t, mustDemo(t, e.path("riferimento.db")), "people"))
	complete := 0
	killed := killAlong(t, 24, func() { removeDB(t, db) }, []string{"demo", "--db", db}, func(wasKilled bool) {
		if !exists(t, db) {
			return
		}
		got := len(listJSON(t, db, "people"))
		if got != want {
			t.Fatalf("after a killed demo (killed %v) the database holds %d people, want none or %d", wasKilled, got, want)
		}
		complete++
	})
	t.Logf("%d of 24 runs killed before the end; %d complete databases", killed, complete)
	if killed < 12 {
		t.Fatalf("only %d of 24 runs were killed before they finished: the test proves nothing", killed)
	}
	// The last run may have finished, or been killed after its database was in place: start afresh,
	// leaving whatever a killed run left beside the file.
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(db + suffix)
	}
	mustRun(t, "demo", "--db", db)
	entries, err := os.ReadDir(filepath.Dir(db))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != filepath.Base(db) {
		t.Errorf("after a complete demo the folder holds %q, want only %q", names, filepath.Base(db))
	}
}

// TestKilledBundleImportLeavesNothing: the first import of a whole-district bundle, which creates the
// database, killed at any moment leaves no database or the whole district.
func TestKilledBundleImportLeavesNothing(t *testing.T) {
	e := setup(t, "")
	anna, bruno := newLaptop(t, e, "Anna"), newLaptop(t, e, "Bruno")
	anna.demo()
	all := e.path("tutto.tavoli")
	anna.must("bundle", "export", "-o", all, "--no-encryption")
	want := len(anna.people())
	t.Setenv("TAVOLI_CONFIG_DIR", bruno.cfg)
	killed := killAlong(t, 24, func() { removeDB(t, bruno.db) }, []string{"bundle", "import", all, "--db", bruno.db},
		func(wasKilled bool) {
			if !exists(t, bruno.db) {
				return
			}
			if got := len(listJSON(t, bruno.db, "people")); got != want {
				t.Fatalf("after a killed import (killed %v) the database holds %d people, want none or %d",
					wasKilled, got, want)
			}
		})
	t.Logf("%d of 24 runs killed before the end", killed)
	if killed < 12 {
		t.Fatalf("only %d of 24 runs were killed before they finished: the test proves nothing", killed)
	}
}

// mustDemo writes the demo into a new database at path and returns path.
func mustDemo(t *testing.T, path string) string {
	t.Helper()
	mustRun(t, "demo", "--db", path)
	return path
}

// removeDB removes a database and what SQLite keeps beside it.
func removeDB(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}
