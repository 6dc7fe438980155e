package sqlite

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// A checkpoint cut short (a full disk, a killed process) leaves a main file shorter than its header
// says, with the missing pages in the -wal file beside it. That database is whole and must open with
// all its data, not be refused as truncated.
func TestOpenAfterInterruptedCheckpoint(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tavoli.db")
	s := openAt(t, path, testOptions())
	// Keep every change in the WAL, then copy the files while the store is open, as the disk saw them.
	s.db.SetMaxOpenConns(1)
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		t.Fatal(err)
	}
	ds, err := demo.Trasimeno(1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(ctx, ds); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copia.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(copyPath+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The checkpoint wrote page 1 first, with the new page count, then ran out of disk.
	f, err := os.OpenFile(copyPath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 100)
	if _, err := f.ReadAt(head, 0); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	pages := uint32(st.Size()/pageSize) + 20
	binary.BigEndian.PutUint32(head[28:32], pages)
	copy(head[92:96], head[24:28])
	if _, err := f.WriteAt(head, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()

	c, err := Open(ctx, copyPath, testOptions())
	if err != nil {
		t.Fatalf("Open(main file short of its header, pages in the WAL) = %v, want no error", err)
	}
	defer c.Close()
	people, err := c.People(ctx, data.PeopleFilter{})
	if err != nil || len(people) != len(ds.People) {
		t.Fatalf("People after opening = %d, %v; want %d", len(people), err, len(ds.People))
	}

	// Without its WAL the same main file really is truncated.
	c.Close()
	os.Remove(copyPath + "-wal")
	os.Remove(copyPath + "-shm")
	os.WriteFile(copyPath, head, 0o600) // header only
	_, err = Open(ctx, copyPath, testOptions())
	wantErr(t, "Open(truncated, no WAL)", err, data.ECorrupt, "err.db.truncated")
}
