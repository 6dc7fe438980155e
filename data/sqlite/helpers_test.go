package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// testClock ticks one second per reading, from a fixed day, so that stored times are reproducible.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// testIDs returns ids "00000000-0000-4000-8000-000000000001", ... in order.
func testIDs() func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
}

// testVerbale renders verbali as the program does, remembering what it rendered: a document is a pure
// function of its dossier (the same dossier gives the same bytes, as the report tests check), and the
// many tests that seed the demo would otherwise render its 14 approved verbali again each time, which
// takes seconds under -race.
func testVerbale(d data.Dossier) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	key := sha256.Sum256(b)
	rendered.mu.Lock()
	pdf, ok := rendered.pdf[key]
	rendered.mu.Unlock()
	if ok {
		return append([]byte(nil), pdf...), nil
	}
	pdf, err = report.Verbale(d)
	if err != nil {
		return nil, err
	}
	rendered.mu.Lock()
	rendered.pdf[key] = pdf
	rendered.mu.Unlock()
	return append([]byte(nil), pdf...), nil
}

// rendered are the verbali testVerbale rendered, by the SHA-256 of their dossier.
var rendered = struct {
	mu  sync.Mutex
	pdf map[[32]byte][]byte
}{pdf: map[[32]byte][]byte{}}

func testOptions() Options {
	c := &testClock{t: time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)}
	return Options{Verbale: testVerbale, Device: "device-test", Now: c.Now, NewID: testIDs()}
}

// openTest opens a new database file in a temporary folder.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "tavoli.db"), testOptions())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openAt opens the database at path with the test options, closing it when the test ends.
func openAt(t testing.TB, path string, opt Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("Open(%q) = %v, want no error", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// wantErr fails the test unless err carries code and, when key is not empty, key. call names the call
// that returned err, as the failure message shows it.
func wantErr(t testing.TB, call string, err error, code data.Code, key string) {
	t.Helper()
	e := data.AsError(err)
	if data.ErrorCode(err) != code || (key != "" && (e == nil || e.Key != key)) {
		t.Errorf("%s = %v, want code %s, key %q", call, err, code, key)
	}
}

// must fails the test at once when err is not nil.
func must(t testing.TB, call string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s = %v, want no error", call, err)
	}
}

// stored is what the database holds in the head of a record, read past the store's own queries (which
// hide tombstones).
type stored struct {
	updated, device string
	deleted         bool
}

func storedMeta(t testing.TB, s *Store, kind data.Kind, id string) stored {
	t.Helper()
	var st stored
	err := s.db.QueryRow(`SELECT updated, device, deleted FROM `+tables[kind]+` WHERE id = ?`, id).
		Scan(&st.updated, &st.device, &st.deleted)
	if err != nil {
		t.Fatalf("stored %s %s: %v", kind, id, err)
	}
	return st
}

// rowCount counts the rows of table, tombstones included, that match where.
func rowCount(t testing.TB, s *Store, table, where string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM `+table+` WHERE `+where, args...).Scan(&n); err != nil {
		t.Fatalf("count %s where %s: %v", table, where, err)
	}
	return n
}

// seedDemo fills s with the demo district, its people multiplied by scale.
func seedDemo(t testing.TB, s *Store, scale int) data.Dataset {
	t.Helper()
	ds, err := demo.Trasimeno(scale)
	must(t, "demo.Trasimeno", err)
	must(t, "Seed(demo)", s.Seed(context.Background(), ds))
	return ds
}

// names lists people's full names, in order.
func names(people []data.PersonView) []string {
	out := []string{}
	for _, p := range people {
		out = append(out, p.FullName())
	}
	return out
}
