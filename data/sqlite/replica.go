package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"runtime"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// replica is where this database file was last opened for writing, and the device id it writes as
// there. Offices copy database files: to a new laptop, to a stick, next to the original "just in
// case". A copy that went on writing under the same device id as the original would make two
// histories look like one, and a merge would take one's edits for the other's later versions. So the
// file remembers where it lives; opened anywhere else by the same installation, it is a copy and gets
// an identity of its own.
type replica struct {
	Installation string `json:"installation"` // the installation's device id that opened it
	Device       string `json:"device"`       // the device id it writes as
	Host         string `json:"host"`         // the computer
	Path         string `json:"path"`         // the file
	File         string `json:"file"`         // the file's identity on its disk, where the system gives one
}

// machineID names this computer where the system keeps a stable id for it (Linux and BSD), or is
// empty. The host name is not used: laptops rename themselves from one network to the next, and each
// new name would make the file look like a copy. The file's path and identity on its disk tell most
// copies anyway.
func machineID() string {
	for _, p := range []string{"/etc/machine-id", "/var/lib/dbus/machine-id"} {
		if b, err := os.ReadFile(p); err == nil {
			return strings.TrimSpace(string(b))
		}
	}
	return ""
}

// replicas reads, per installation, where this file was last opened by it.
func (s *Store) replicas(ctx context.Context) (map[string]replica, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'replicas'`).Scan(&raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, dbError(err)
	}
	out := map[string]replica{}
	if raw != "" {
		_ = json.Unmarshal([]byte(raw), &out) // an unreadable entry is a first opening
	}
	return out, nil
}

// readIdentity is adoptIdentity for a store opened read-only: the device id the file recorded for this
// installation here, or the installation's own when it recorded none (nothing is written either way).
func (s *Store) readIdentity(ctx context.Context) {
	all, err := s.replicas(ctx)
	if err != nil {
		return
	}
	if was, ok := all[s.device]; ok && was.same(s.here(s.device)) {
		s.device = was.Device
	}
}

// here is this file as installation sees it now.
func (s *Store) here(installation string) replica {
	return replica{Installation: installation, Device: installation, Host: machineID(), Path: s.path,
		File: fileIdentity(s.file)}
}

// same reports whether two entries describe the same file on the same computer. Where the system tells
// files apart (device and inode, volume and file index) that decides: the same file under another
// spelling of its path (c:\dati against C:\Dati, a mapped drive against its \\server\share name) or
// renamed is the same, and a copy put at the original's path is not. Elsewhere the path decides, in
// the system's own case rules.
func (r replica) same(o replica) bool {
	if r.Host != o.Host {
		return false
	}
	if r.File != "" && o.File != "" {
		return r.File == o.File
	}
	if r.File != o.File {
		return false
	}
	return samePath(r.Path, o.Path)
}

// samePath compares two paths as the system does: without regard to case on Windows.
func samePath(a, b string) bool {
	if runtime.GOOS == "windows" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// adoptIdentity sets the device id this store writes as. The file keeps, for each installation that
// opened it, where it was and the device id it wrote as there. An installation opening the file for
// the first time writes as itself; opening it again where it was, it keeps its id; opening it
// anywhere else (another path, computer or file: a copy, even one that travelled to another laptop
// and came back), it writes as a new device, so that the original and the copy never share an id.
func (s *Store) adoptIdentity(ctx context.Context, installation string) error {
	all, err := s.replicas(ctx)
	if err != nil {
		return err
	}
	here := s.here(installation)
	was, known := all[installation]
	switch {
	case !known:
		// Opened by this installation for the first time: it writes as itself, unless records of this
		// installation reached the file already (a bundle merged elsewhere): another file of its own
		// writes as that id, and this one must not.
		mine, err := s.wroteAs(ctx, installation)
		if err != nil {
			return err
		}
		if mine {
			here.Device = s.newID()
			s.copied = true
		}
	case was.same(here):
		s.device = was.Device
		return nil
	default:
		here.Device = s.newID() // a copy: the original keeps its identity, this file takes a new one
		s.copied = true
	}
	s.device = here.Device
	all[installation] = here
	b, err := json.Marshal(all)
	if err != nil {
		return dbError(err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('replicas', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b))
	return dbError(err)
}

// wroteAs reports whether any record of the file carries device as its author.
func (s *Store) wroteAs(ctx context.Context, device string) (bool, error) {
	for _, kind := range data.SyncKinds {
		var yes bool
		if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+tables[kind]+` WHERE device = ?)`,
			device).Scan(&yes); err != nil {
			return false, dbError(err)
		}
		if yes {
			return true, nil
		}
	}
	return false, nil
}

// Copied reports whether this file was found to be a copy when it was opened, and so took a device id
// of its own.
func (s *Store) Copied() bool { return s.copied }
