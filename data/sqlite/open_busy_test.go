package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// TestOpenLockedIsNotDamaged: a database another program holds locked is reported as locked, with who
// may hold it, never as damaged (the advice to take a backup would throw away good work); it opens once
// the lock goes.
func TestOpenLockedIsNotDamaged(t *testing.T) {
	ctx := context.Background()
	path := tavoliFile(t, t.TempDir(), 2)
	holder, err := sql.Open("sqlite", fileURI(path)+"?_pragma=locking_mode(EXCLUSIVE)&_pragma=journal_mode(WAL)")
	must(t, "sql.Open", err)
	holder.SetMaxOpenConns(1)
	defer holder.Close()
	// In exclusive locking mode the first write takes the lock and keeps it.
	_, err = holder.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS held (x INTEGER)`)
	must(t, "write while holding the lock", err)

	start := time.Now()
	s, err := Open(ctx, path, testOptions())
	if s != nil {
		s.Close()
		t.Fatal("Open of a locked database returned a store")
	}
	wantErr(t, "Open(locked)", err, data.EBusy, "err.db.busy_open")
	if e := data.AsError(err); e == nil || e.Args["path"] != path {
		t.Errorf("Open(locked) error %v, want it to name %s", err, path)
	}
	t.Logf("refused after %v", time.Since(start).Round(time.Millisecond))

	must(t, "release the lock", holder.Close())
	s, err = Open(ctx, path, testOptions())
	must(t, "Open after the lock went", err)
	s.Close()
}

// TestFailureOfUnknownErrorIsNotDamage: an error SQLite does not call corruption is never reported as a
// damaged file.
func TestFailureOfUnknownErrorIsNotDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tavoli.db")
	err := failure(path, context.DeadlineExceeded)
	if data.ErrorCode(err) == data.ECorrupt {
		t.Errorf("failure(%v) = %v, want anything but damaged", context.DeadlineExceeded, err)
	}
	wantErr(t, "failure(deadline)", err, data.EInternal, "err.db.open_failed")
}

// TestSaveWhileLockedIsBusy: a save while another program holds the write lock is refused, once SQLite's
// wait is over, as EBusy (a passing failure the window retries), not as a conflict the user must settle.
func TestSaveWhileLockedIsBusy(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	holder, err := sql.Open("sqlite", fileURI(s.Path()))
	must(t, "sql.Open", err)
	defer holder.Close()
	conn, err := holder.Conn(ctx)
	must(t, "Conn", err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	must(t, "BEGIN IMMEDIATE", err)
	defer conn.ExecContext(ctx, `ROLLBACK`)

	_, err = s.SaveArea(ctx, data.Area{Name: "Anziani"})
	wantErr(t, "SaveArea(while locked)", err, data.EBusy, "err.db.busy")
	if data.ErrorCode(err).Kind() != data.EConflict {
		t.Errorf("ErrorCode(%v).Kind() = %s, want %s", err, data.ErrorCode(err).Kind(), data.EConflict)
	}
}
