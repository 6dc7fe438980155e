package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"strings"
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

// MachineID names this computer: its host name and, where the system keeps one, its machine id.
func machineID() string {
	host, _ := os.Hostname()
	for _, p := range []string{"/etc/machine-id", "/var/lib/dbus/machine-id"} {
		if b, err := os.ReadFile(p); err == nil {
			return host + "/" + strings.TrimSpace(string(b))
		}
	}
	return host
}

// readIdentity is adoptIdentity for a store opened read-only: the device id the file recorded for this
// installation here, or the installation's own when it recorded none (nothing is written either way).
func (s *Store) readIdentity(ctx context.Context) {
	var raw string
	if s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'replica'`).Scan(&raw) != nil {
		return
	}
	var was replica
	if json.Unmarshal([]byte(raw), &was) != nil {
		return
	}
	if was.Installation == s.device && was.Host == machineID() && was.Path == s.path && was.File == fileIdentity(s.path) {
		s.device = was.Device
	}
}

// adoptIdentity sets the device id this store writes as. The first installation to open the file
// writes as itself; the same installation opening a copy (another path, computer or file) writes as a
// new device, recorded so that later openings of the copy keep it.
func (s *Store) adoptIdentity(ctx context.Context, installation string) error {
	here := replica{Installation: installation, Device: installation, Host: machineID(), Path: s.path,
		File: fileIdentity(s.path)}
	var raw string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'replica'`).Scan(&raw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return dbError(err)
	}
	var was replica
	if raw != "" {
		_ = json.Unmarshal([]byte(raw), &was) // an unreadable entry is a first opening
	}
	switch {
	case was.Device == "":
		// First opening since the file was made, or since this version of Tavoli.
	case was.Installation != installation:
		// Another installation: it writes as itself (another computer, or the same file on a share).
	case was.Host == here.Host && was.Path == here.Path && was.File == here.File:
		s.device = was.Device
		return nil
	default:
		here.Device = s.newID() // a copy: the original keeps its identity, this file takes a new one
		s.copied = true
	}
	s.device = here.Device
	b, err := json.Marshal(here)
	if err != nil {
		return dbError(err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('replica', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b))
	return dbError(err)
}

// Copied reports whether this file was found to be a copy when it was opened, and so took a device id
// of its own.
func (s *Store) Copied() bool { return s.copied }
