// Package atomicfile is the one way Tavoli writes a file that somebody will open: a document, a
// bundle, a ballot file, the installation's identity, a new database. The file is written beside its
// destination under a temporary name, flushed to the disk and only then renamed into place, so that a
// full disk, a pulled-out stick or a killed process leaves the old file (or none), never half of the
// new one. Failures come back as coded errors that say what happened in words a secretary follows:
// the disk is full, the file is open in another program (Windows locks a PDF that Acrobat shows), the
// folder is protected or missing.
package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

// The keys of the errors this package returns, each with the path as "path".
const (
	KeyFull     = "err.file.full"     // the disk is full
	KeyLocked   = "err.file.locked"   // another program holds the destination open
	KeyReadOnly = "err.file.readonly" // the folder or the file may not be written
	KeyNoFolder = "err.file.nofolder" // the folder does not exist
	KeyExists   = "err.file.exists"   // a new file's destination appeared meanwhile
	KeyWrite    = "err.file.write"    // anything else
)

// tmpSuffix ends the name of every temporary file, so that leftovers of a killed process are
// recognised and removed by the next write in the same folder.
const tmpSuffix = ".tavoli-tmp"

// WriteFile writes b to path whole or not at all, with the usual permissions for a shared document
// (or those of the file it replaces).
func WriteFile(path string, b []byte) error {
	return WriteFilePerm(path, b, 0o644)
}

// WriteFilePerm is WriteFile with the permissions a new file gets (0o600: private to the user); a file
// it replaces keeps its own.
func WriteFilePerm(path string, b []byte, perm os.FileMode) error {
	return write(path, perm, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// Write streams a file into path: fill writes the content, and only when it returns nil is the file
// flushed and renamed into place. An error from fill that is already a coded domain error is returned
// as it is; any other failure is explained by Explain.
func Write(path string, fill func(w io.Writer) error) error {
	return write(path, 0o644, fill)
}

func write(path string, mode os.FileMode, fill func(w io.Writer) error) error {
	t, err := begin(path)
	if err != nil {
		return err
	}
	defer t.abort()
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	if err := t.f.Chmod(mode); err != nil {
		return Explain(path, err)
	}
	if err := fill(t.f); err != nil {
		if data.AsError(err) != nil {
			return err
		}
		return Explain(path, err)
	}
	if err := t.f.Sync(); err != nil {
		return Explain(path, err)
	}
	return t.commit(path)
}

// Create makes a new file at path that build fills through its own means (SQLite, for a database):
// build receives the temporary path, must leave nothing open on it when it returns, and the file is
// renamed to path only when it returns nil. Whatever stops it (an error, a killed process), nothing
// appears at path; the next write in the folder removes what a killed one left. A file that appeared
// at path meanwhile is never replaced.
func Create(path string, build func(tmp string) error) error {
	if _, err := os.Lstat(path); err == nil {
		return data.Errorf(data.EConflict, KeyExists, "path", path)
	}
	t, err := begin(path)
	if err != nil {
		return err
	}
	defer t.abort()
	// A new file gets the usual permissions (the temporary one is private): a database in a shared
	// folder is readable as one SQLite made would be.
	if err := t.f.Chmod(0o644); err != nil {
		return Explain(path, err)
	}
	if err := build(t.name); err != nil {
		return err
	}
	// The guard keeps a sweep by another process away while build runs; Windows renames no open file.
	if err := t.f.Close(); err != nil {
		return Explain(path, err)
	}
	t.closed = true
	if err := placeNew(t.name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return data.Errorf(data.EConflict, KeyExists, "path", path)
		}
		return Explain(path, err)
	}
	t.done = true
	for _, s := range sidecars {
		os.Remove(t.name + s) // an orderly close of SQLite leaves none; a journal of nothing is garbage
	}
	return nil
}

// commit closes the temporary file and puts it in place of path.
func (t *temp) commit(path string) error {
	if err := t.f.Close(); err != nil {
		return Explain(path, err)
	}
	t.closed = true
	if err := replace(t.name, path); err != nil {
		if locked(err, path) {
			return data.Errorf(data.EReadOnly, KeyLocked, "path", path).Wrap(err)
		}
		return Explain(path, err)
	}
	t.done = true
	return nil
}

// sidecars are the files SQLite keeps beside a database while it is open.
var sidecars = []string{"-wal", "-shm", "-journal"}

// temp is a temporary file beside its destination.
type temp struct {
	f      *os.File
	name   string
	closed bool
	done   bool
}

// begin creates the temporary file for path, after removing what killed writers left in its folder.
func begin(path string) (*temp, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return nil, data.Errorf(data.EInvalid, KeyWrite, "path", path)
	}
	sweep(dir, base)
	f, err := os.CreateTemp(dir, "."+base+".*"+tmpSuffix)
	if err != nil {
		return nil, Explain(path, err)
	}
	guard(f)
	return &temp{f: f, name: f.Name()}, nil
}

// abort removes the temporary file (and what SQLite left beside it) unless it went into place.
func (t *temp) abort() {
	if t.done {
		return
	}
	if !t.closed {
		t.f.Close()
	}
	os.Remove(t.name)
	for _, s := range sidecars {
		os.Remove(t.name + s)
	}
}

// sweep removes the temporary files of base that no running process is writing: a killed export or
// demo leaves one, and nobody else would ever clean it.
func sweep(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + "."
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, tmpSuffix) || e.IsDir() {
			continue
		}
		p := filepath.Join(dir, name)
		if !abandoned(p) || os.Remove(p) != nil {
			continue // a running writer's: on Windows, its open handle refuses the removal
		}
		for _, s := range sidecars {
			os.Remove(p + s)
		}
	}
}

// replace renames tmp over path. Windows refuses while another program has path open; a virus scanner
// or the search indexer lets go within moments, a PDF viewer does not: a few tries, then the error.
func replace(tmp, path string) error {
	var err error
	for try := 0; try < 8; try++ {
		if err = os.Rename(tmp, path); err == nil || !transient(err) {
			return err
		}
		time.Sleep(time.Duration(50*(try+1)) * time.Millisecond)
	}
	return err
}

// DiskFull reports whether err says the disk (or the user's quota) is full.
func DiskFull(err error) bool { return diskFull(err) }

// Explain turns a failed write of path into a coded error: a full disk, a protected or missing folder,
// or anything else. Coded errors pass through. (A destination held open by another program is told
// apart only where it shows: when the finished file cannot replace it.)
func Explain(path string, err error) error {
	if err == nil || data.AsError(err) != nil {
		return err
	}
	switch {
	case diskFull(err):
		return data.Errorf(data.EInternal, KeyFull, "path", path).Wrap(err)
	case errors.Is(err, fs.ErrNotExist):
		return data.Errorf(data.ENotFound, KeyNoFolder, "path", path, "folder", filepath.Dir(path)).Wrap(err)
	case errors.Is(err, fs.ErrPermission) || readOnly(err):
		return data.Errorf(data.EReadOnly, KeyReadOnly, "path", path).Wrap(err)
	}
	return data.Errorf(data.EInternal, KeyWrite, "path", path).Wrap(err)
}
