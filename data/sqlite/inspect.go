package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
)

// inspect decides whether path may be opened for writing, reading it without changing a byte. A
// missing or empty file is a new database; an existing one must carry our application id (or be an
// empty SQLite database), a schema this version knows, and pass SQLite's quick_check. For reading only,
// the file must exist and need not be writable.
func inspect(ctx context.Context, path string, readOnly bool) error {
	st, err := os.Stat(path)
	switch {
	case readOnly && (errors.Is(err, fs.ErrNotExist) || (err == nil && st.Mode().IsRegular() && st.Size() == 0)):
		return data.Errorf(data.ENotFound, "err.db.missing", "path", path)
	case errors.Is(err, fs.ErrNotExist):
		return writableDir(filepath.Dir(path), true)
	case err != nil:
		return data.Errorf(data.EReadOnly, "err.db.stat", "path", path).Wrap(err)
	case st.IsDir():
		return data.Errorf(data.ENotOurs, "err.db.is_dir", "path", path)
	case st.Size() == 0:
		// An empty file holds nothing to lose: SQLite treats it as a new database.
		return writable(path)
	}

	var h header
	if err := h.read(path, st.Size()); err != nil {
		return err
	}
	if err := known(path, h.appID, h.userVersion); err != nil {
		return err
	}
	if err := check(ctx, path); err != nil {
		return err
	}
	if readOnly {
		return nil
	}
	return writable(path)
}

// known refuses an application id other than ours (0 is SQLite's default: an empty database may have
// it) and a schema version above ours.
func known(path string, appID uint32, userVersion int) error {
	if appID != ApplicationID && appID != 0 {
		return data.Errorf(data.ENotOurs, "err.db.foreign", "path", path)
	}
	if userVersion > len(migrationNames()) {
		return data.Errorf(data.ENewer, "err.db.newer", "path", path,
			"version", userVersion, "known", len(migrationNames()))
	}
	return nil
}

// header is what we read from the 100-byte SQLite file header.
type header struct {
	pageSize    int64
	pages       int64
	userVersion int
	appID       uint32
}

func (h *header) read(path string, size int64) error {
	f, err := os.Open(path)
	if err != nil {
		return data.Errorf(data.EReadOnly, "err.db.unreadable", "path", path).Wrap(err)
	}
	defer f.Close()
	b := make([]byte, 100)
	n, err := io.ReadFull(f, b)
	const magic = "SQLite format 3\x00"
	if n < len(magic) || string(b[:len(magic)]) != magic {
		return data.Errorf(data.ENotOurs, "err.db.not_sqlite", "path", path)
	}
	if err != nil {
		return data.Errorf(data.ECorrupt, "err.db.truncated", "path", path).Wrap(err)
	}
	h.pageSize = int64(binary.BigEndian.Uint16(b[16:18]))
	if h.pageSize == 1 {
		h.pageSize = 65536
	}
	if h.pageSize < 512 || h.pageSize&(h.pageSize-1) != 0 {
		return data.Errorf(data.ECorrupt, "err.db.corrupt_file", "path", path)
	}
	// The in-header page count is valid when the "version-valid-for" number matches the change counter.
	if binary.BigEndian.Uint32(b[92:96]) == binary.BigEndian.Uint32(b[24:28]) {
		h.pages = int64(binary.BigEndian.Uint32(b[28:32]))
	}
	// With a -wal file beside it, the main file may lawfully be shorter than its header says: pages
	// not yet copied back (a full disk, or a process killed during a checkpoint) are in the WAL, and
	// SQLite's quick_check below judges the whole.
	if size%h.pageSize != 0 || (size < h.pages*h.pageSize && !exists(path+"-wal")) {
		return data.Errorf(data.ECorrupt, "err.db.truncated", "path", path)
	}
	h.userVersion = int(int32(binary.BigEndian.Uint32(b[60:64])))
	h.appID = binary.BigEndian.Uint32(b[68:72])
	return nil
}

// check opens path read-only and runs quick_check. A SQLite file without our id is accepted only when it
// holds no schema at all; with our id, its recorded migrations must all be known to this version.
func check(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", readDSN(path))
	if err != nil {
		return failure(path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// The file's own header is stale while another connection has the database open: the latest id
	// and version may still be in the -wal file, which SQLite reads.
	var appID int64
	var userVersion int
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return failure(path, err)
	}
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&userVersion); err != nil {
		return failure(path, err)
	}
	if err := known(path, uint32(appID), userVersion); err != nil {
		return err
	}
	ours := uint32(appID) == ApplicationID

	var objects int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&objects); err != nil {
		return failure(path, err)
	}
	if !ours && objects > 0 {
		return data.Errorf(data.ENotOurs, "err.db.foreign", "path", path)
	}
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return failure(path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return failure(path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return failure(path, err)
	}
	if len(problems) > 0 {
		return data.Errorf(data.ECorrupt, "err.db.corrupt_file", "path", path).Wrap(errors.New(problems[0]))
	}
	if !ours {
		return nil
	}
	known := map[string]bool{}
	for _, n := range migrationNames() {
		known[n] = true
	}
	names, err := db.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return failure(path, err)
	}
	defer names.Close()
	for names.Next() {
		var n string
		if err := names.Scan(&n); err != nil {
			return failure(path, err)
		}
		if !known[n] {
			return data.Errorf(data.ENewer, "err.db.newer_migration", "path", path, "migration", n)
		}
	}
	return names.Err()
}

// readDSN is the read-only connection string for path. A read-only connection to a WAL database creates
// -wal and -shm files beside it and leaves them there. Without a -wal or -journal beside it the file
// alone is the whole database (no one has it open for writing): immutable=1 reads it without creating
// anything.
func readDSN(path string) string {
	ro := dsn(path, true)
	if !exists(path+"-wal") && !exists(path+"-journal") {
		ro += "&immutable=1"
	}
	return ro
}

// exists reports whether something is at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// writable checks that an existing file and its folder (where SQLite keeps its -wal and -shm files) can
// be written, without changing the file.
func writable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return data.Errorf(data.EReadOnly, "err.db.readonly_file", "path", path).Wrap(err)
	}
	f.Close()
	return writableDir(filepath.Dir(path), false)
}

// writableDir checks that dir accepts new files by creating and removing one; create makes the folder
// first (the default database's folder does not exist on first run).
func writableDir(dir string, create bool) error {
	if create {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return data.Errorf(data.EReadOnly, "err.db.readonly_dir", "path", dir).Wrap(err)
		}
	}
	f, err := os.CreateTemp(dir, ".tavoli-write-test-*")
	if err != nil {
		if atomicfile.DiskFull(err) {
			return data.Errorf(data.EFull, "err.db.full_open", "path", dir).Wrap(err)
		}
		return data.Errorf(data.EReadOnly, "err.db.readonly_dir", "path", dir).Wrap(err)
	}
	name := f.Name()
	defer os.Remove(name)
	// Room for the first pages and the journal: a full disk is told now, not as a failed first save.
	_, err = f.Write(make([]byte, probeSize))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil && atomicfile.DiskFull(err) {
		return data.Errorf(data.EFull, "err.db.full_open", "path", dir).Wrap(err)
	}
	return nil
}

// probeSize is what writableDir writes to see that the disk has room.
const probeSize = 64 << 10

// failure says why SQLite could not read a database file that looked like one: another program holds
// it, the disk is full (SQLite must write the -shm file beside a -wal), it cannot be read, or it is
// damaged. Only SQLite's own verdict makes it "danneggiato": the advice to take a backup would make a
// user throw away good work that is only locked.
func failure(path string, err error) error {
	var se *sqlite.Error
	code := 0
	if errors.As(err, &se) {
		code = se.Code() & 0xff
	}
	switch code {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return data.Errorf(data.EBusy, "err.db.busy_open", "path", path).Wrap(err)
	case sqlite3.SQLITE_FULL:
		return data.Errorf(data.EFull, "err.db.full_open", "path", path).Wrap(err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return data.Errorf(data.ECorrupt, "err.db.corrupt_file", "path", path).Wrap(err)
	}
	// SQLite reports a -shm it cannot create as an I/O or open error: a full disk is one cause.
	if full := writableDir(filepath.Dir(path), false); data.ErrorCode(full) == data.EFull {
		return data.Errorf(data.EFull, "err.db.full_open", "path", path).Wrap(err)
	}
	switch code {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return data.Errorf(data.EReadOnly, "err.db.unreadable", "path", path).Wrap(err)
	}
	return data.Errorf(data.EInternal, "err.db.open_failed", "path", path).Wrap(err)
}
