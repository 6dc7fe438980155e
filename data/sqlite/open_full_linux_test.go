//go:build linux

package sqlite

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// tinyDisk mounts a 16 MiB tmpfs for the test, or skips it with the reason: mounting needs root (CI
// runs as root; a developer's account usually is not).
func tinyDisk(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("a full disk needs a small tmpfs, and mounting one is not allowed here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes into dir until the disk is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "riempitivo"))
	must(t, "Create", err)
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}

// TestOpenOnFullDisk: a database on a full disk is reported as such, never as damaged, and is left as
// it was; it opens once there is room. Both the quiet file and one a killed Tavoli left with its -wal
// (SQLite must then write a -shm to read it) are tried.
func TestOpenOnFullDisk(t *testing.T) {
	for _, withWAL := range []bool{false, true} {
		name := map[bool]string{false: "closed cleanly", true: "with the -wal of a killed program"}[withWAL]
		t.Run(name, func(t *testing.T) {
			disk := tinyDisk(t)
			src := tavoliFile(t, t.TempDir(), 1)
			path := filepath.Join(disk, "tavoli.db")
			copyFile(t, src, path)
			if withWAL {
				// A second copy of the database, taken while a store had it open with changes in its WAL.
				s := openAt(t, src, testOptions())
				_, err := s.SaveComune(context.Background(), data.Comune{Name: "Chiusi", Population: 8000})
				must(t, "SaveComune", err)
				copyFile(t, src, path)
				copyFile(t, src+"-wal", path+"-wal")
			}
			fill(t, disk)
			before := stateOf(t, path)
			s, err := Open(context.Background(), path, testOptions())
			if s != nil {
				s.Close()
				t.Fatal("Open on a full disk returned a store")
			}
			wantErr(t, "Open(full disk)", err, data.EFull, "err.db.full_open")
			// Reading a -wal makes SQLite create its index (-shm) beside it: an index, no data of its own.
			if withWAL {
				os.Remove(path + "-shm")
			}
			compareState(t, path, before, stateOf(t, path))

			must(t, "make room", os.Remove(filepath.Join(disk, "riempitivo")))
			s, err = Open(context.Background(), path, testOptions())
			must(t, "Open once there is room", err)
			s.Close()
		})
	}
}

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	must(t, "Open", err)
	defer in.Close()
	out, err := os.Create(dst)
	must(t, "Create", err)
	_, err = io.Copy(out, in)
	must(t, "Copy", errors.Join(err, out.Close()))
}
