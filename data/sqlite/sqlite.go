// Package sqlite is Tavoli's store: one SQLite file per Ambito, written with modernc.org/sqlite (no
// cgo). It refuses files that are not its own before touching them, applies embedded append-only
// migrations, and runs every operation in one transaction.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/merge"
)

// ApplicationID marks a SQLite file as a Tavoli database ("TAVO" in ASCII), in the header field that
// SQLite reserves for this.
const ApplicationID = 0x5441564F

// Options are what a store takes from outside: who is writing and what time it is. Tests pass a fixed
// clock and predictable ids so that results are reproducible.
type Options struct {
	Device string           // the installation's device id, recorded on every change
	Now    func() time.Time // the clock; time.Now when nil
	NewID  func() string    // new record ids; random UUIDs when nil
	// ReadOnly opens an existing database for reading only (listing a copy on a read-only share):
	// nothing is created, migrated or written, and every write is refused.
	ReadOnly bool
	// Destination is the path the file will have when it is a new database built under a temporary
	// name (see atomicfile.Create): messages name it, and the file remembers it as where it lives, so
	// that opening it there after the rename is not taken for opening a copy.
	Destination string
	// Verbale renders a verbale from its dossier: the store renders the approved act itself, from the
	// data it approves (see ApproveVerbale). Without it approval is refused.
	Verbale func(data.Dossier) ([]byte, error)
}

// Store is an open Tavoli database.
type Store struct {
	db     *sql.DB
	path   string // the path the user knows the file by (Options.Destination, when given)
	file   string // the path it is open at now
	device string
	now    func() time.Time
	newID  func() string
	render func(data.Dossier) ([]byte, error)

	readOnly bool
	copied   bool // the file was found to be a copy and took a device id of its own

	mu        sync.Mutex
	lastSaved time.Time
	// author is this device's computer and operator as the devices table names them, read once for the
	// history's entries; RegisterDevice forgets it.
	author *data.Device

	secret secretCounts // the counts of open secret votes, never written before closing
}

// Open opens the Tavoli database at path, creating it (and its folder) when it does not exist. A file
// that is not a Tavoli database, is damaged, was written by a newer Tavoli, or cannot be written is
// refused with a coded error and left exactly as it was.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, data.Errorf(data.EInvalid, "err.db.path", "path", path).Wrap(err)
	}
	if err := inspect(ctx, abs, opt.ReadOnly); err != nil {
		return nil, err
	}
	conn := dsn(abs, false)
	if opt.ReadOnly {
		conn = readDSN(abs)
	}
	db, err := sql.Open("sqlite", conn)
	if err != nil {
		return nil, data.Errorf(data.EInternal, "err.db.open", "path", abs).Wrap(err)
	}
	s := &Store{db: db, path: abs, file: abs, device: opt.Device, now: opt.Now, newID: opt.NewID, readOnly: opt.ReadOnly,
		render: opt.Verbale}
	if opt.Destination != "" {
		if dest, err := filepath.Abs(opt.Destination); err == nil {
			s.path = dest
		}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() string { return uuid.NewString() }
	}
	if s.device == "" {
		s.device = "unknown"
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, dbError(err)
	}
	if opt.ReadOnly {
		if err := s.current(ctx); err != nil {
			db.Close()
			return nil, err
		}
		s.readIdentity(ctx)
		return s, nil
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	s.vacuumSecret(ctx)
	if err := s.rekey(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.adoptIdentity(ctx, s.device); err != nil {
		db.Close()
		return nil, err
	}
	s.lastSaved = time.Time{} // setting the file up is not the user's work

	return s, nil
}

// dsn is the connection string for path: read-only for inspection (no pragma that writes), or the
// working connection with foreign keys, WAL, a busy timeout and writes that take the lock at BEGIN.
// Temporary storage stays in memory: every insert into a table with triggers keeps a statement
// journal, which otherwise spills to a temporary file and costs a write per page (an eighth of a
// 100,000-row import); what SQLite keeps there is small next to the memory of the window. The page
// cache may grow to 32 MB (SQLite's default is 2): a large import otherwise writes pages to the WAL
// before it commits and reads them back, a third of its time; a register of a few MB never fills it.
// What is deleted or replaced is overwritten with zeros (secure_delete), so that freed pages keep no
// trace of it.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "busy_timeout(5000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-32000)")
		q.Add("_pragma", "secure_delete(1)")
		q.Set("_txlock", "immediate")
	}
	return fileURI(path) + "?" + q.Encode()
}

// fileURI is an absolute path as a SQLite URI, with every character that URIs reserve (spaces, accents,
// "?", "#", "%") percent-escaped: file:///home/anna/tavoli.db on Unix; on Windows file:///C:/Users/...
// for a drive letter (file:C:/... would make "C:" the URI's authority, which SQLite refuses) and
// file:////server/share/... for a UNC path, whose empty authority SQLite accepts and whose path Windows
// reads as \\server\share\....
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p} // a path that starts with "/" is written after "file://"
	return u.String()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Schema is the newest schema this program knows: what a bundle it reads may have been written for.
func (s *Store) Schema() int { return SchemaVersion() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Device is the device id this store records on changes.
func (s *Store) Device() string { return s.device }

// LastSaved is when this store last committed a change (zero before the first).
func (s *Store) LastSaved() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastSaved
}

// current checks, for reading only, that the database is a Tavoli database of this version's schema: an
// older one must first be opened for writing, which updates it.
func (s *Store) current(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return dbError(err)
	}
	switch {
	case v == 0:
		return data.Errorf(data.ENotFound, "err.db.missing", "path", s.path)
	case v < SchemaVersion():
		return data.Errorf(data.EReadOnly, "err.db.needs_upgrade", "path", s.path)
	}
	return nil
}

// write runs fn in a write transaction and commits it; any error rolls everything back.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return data.Errorf(data.EReadOnly, "err.db.readonly")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return dbError(err)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err)
	}
	s.mu.Lock()
	s.lastSaved = s.now()
	s.mu.Unlock()
	return nil
}

// read runs fn in a read-only transaction, so it sees one consistent state.
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return dbError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return dbError(err)
	}
	return nil
}

// dbError turns a SQLite error into a coded domain error; domain errors pass through.
func dbError(err error) error {
	if err == nil || data.AsError(err) != nil {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return data.Errorf(data.EFull, "err.db.full").Wrap(err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			return data.Errorf(data.EReadOnly, "err.db.readonly").Wrap(err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return data.Errorf(data.EBusy, "err.db.busy").Wrap(err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return data.Errorf(data.ECorrupt, "err.db.corrupt").Wrap(err)
		case sqlite3.SQLITE_IOERR:
			return data.Errorf(data.EInternal, "err.db.io").Wrap(err)
		}
	}
	return data.Errorf(data.EInternal, "err.db.internal").Wrap(err)
}

// timeFormat is how times are stored: UTC, fixed width, so that text order is time order (which the
// merge relies on to compare versions).
const timeFormat = merge.TimeFormat

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// nullable stores "" as NULL, for optional references.
func nullable(id string) any {
	if id == "" {
		return nil
	}
	return id
}
