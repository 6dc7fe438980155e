package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
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

func testOptions() Options {
	c := &testClock{t: time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)}
	return Options{Device: "device-test", Now: c.Now, NewID: testIDs()}
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
