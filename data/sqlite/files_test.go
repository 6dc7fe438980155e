package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The files Open is tried on. Each builder writes its file under dir and returns its path; none leaves
// a -wal, -shm or -journal file beside it, so that a test can tell whether Open made one.

// fileState is what a refused Open must leave as it found: the bytes of the file and the names in its
// folder (SQLite's -wal, -shm and -journal files appear there).
type fileState struct {
	sum    [32]byte
	folder []string
}

func stateOf(t testing.TB, path string) fileState {
	t.Helper()
	var st fileState
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		st.sum = sha256.Sum256(b)
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return st
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("list %s: %v", dir, err)
	}
	for _, e := range entries {
		st.folder = append(st.folder, e.Name())
	}
	return st
}

// sidecars lists the files SQLite keeps beside path that exist now.
func sidecars(path string) []string {
	var out []string
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			out = append(out, filepath.Base(path+suffix))
		}
	}
	return out
}

// compareState fails the test when after differs from before.
func compareState(t testing.TB, path string, before, after fileState) {
	t.Helper()
	if before.sum != after.sum {
		t.Errorf("%s: sha256 %x after Open, want %x (unchanged)", filepath.Base(path), after.sum, before.sum)
	}
	if !slices.Equal(before.folder, after.folder) {
		t.Errorf("folder of %s holds %q after Open, want %q (nothing added or removed)",
			filepath.Base(path), after.folder, before.folder)
	}
}

func writeFile(t testing.TB, path string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// textFile is a document someone might pick by mistake.
func textFile(t testing.TB, dir string) string {
	return writeFile(t, filepath.Join(dir, "verbale.txt"),
		[]byte("Verbale della seduta del Tavolo tematico Anziani\nPresenti: 12\nLetto, approvato e sottoscritto.\n"))
}

// pngFile is a real PNG image, longer than a SQLite header.
func pngFile(t testing.TB, dir string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 31)
	}
	img.Set(3, 3, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Join(dir, "logo.png"), b.Bytes())
}

// tavoliFile makes a Tavoli database holding the demo district (people multiplied by scale), closed.
func tavoliFile(t testing.TB, dir string, scale int) string {
	t.Helper()
	path := filepath.Join(dir, "tavoli.db")
	s, err := Open(context.Background(), path, testOptions())
	must(t, "Open", err)
	seedDemo(t, s, scale)
	must(t, "Close", s.Close())
	if sc := sidecars(path); len(sc) > 0 {
		t.Fatalf("after Close, %q beside the database, want none", sc)
	}
	return path
}

// truncate cuts the file at path to n bytes.
func truncate(t testing.TB, path string, n func(size int64) int64) string {
	t.Helper()
	fi, err := os.Stat(path)
	must(t, "Stat", err)
	must(t, "Truncate", os.Truncate(path, n(fi.Size())))
	return path
}

// corruptPage overwrites the page header and cell pointers of the table leaf page nearest the middle
// of the file: the file header stays valid, and only a check of the b-trees finds the damage.
func corruptPage(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, "ReadFile", err)
	pageSize := int(binary.BigEndian.Uint16(b[16:18]))
	pages := len(b) / pageSize
	victim := -1
	for d := 0; d < pages/2 && victim < 0; d++ {
		for _, p := range []int{pages/2 + d, pages/2 - d} {
			if p > 1 && p < pages && b[p*pageSize] == 0x0D { // 0x0D: leaf page of a table b-tree
				victim = p
				break
			}
		}
	}
	if victim < 0 {
		t.Fatalf("%s: no table leaf page among %d pages", path, pages)
	}
	for i := 1; i < 64; i++ {
		b[victim*pageSize+i] = 0xFF
	}
	return writeFile(t, path, b)
}

// rawExec runs statements on the file with a plain connection, as another program would.
func rawExec(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	must(t, "sql.Open", err)
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s on %s: %v", q, path, err)
		}
	}
	must(t, "Close", db.Close())
	if sc := sidecars(path); len(sc) > 0 {
		t.Fatalf("after %q, %q beside %s, want none", stmts, sc, path)
	}
}

// foreignFile is another program's SQLite database: a table, no application id.
func foreignFile(t testing.TB, dir string, stmts ...string) string {
	t.Helper()
	path := filepath.Join(dir, "fatture.sqlite")
	rawExec(t, path, append(stmts,
		`CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer TEXT, total REAL)`,
		`INSERT INTO invoices (customer, total) VALUES ('Rossi', 120.5), ('Bianchi', 80)`)...)
	return path
}

// emptySQLiteFile is a SQLite database with no schema and no application id.
func emptySQLiteFile(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "vuoto.sqlite")
	rawExec(t, path, `CREATE TABLE t (x)`, `DROP TABLE t`, `VACUUM`)
	h := readHeader(t, path)
	if h.appID != 0 || !strings.HasPrefix(h.magic, "SQLite format 3") {
		t.Fatalf("fixture %s: header %+v, want a SQLite file with application id 0", path, h)
	}
	return path
}

// fileHeader is what the tests read from the first 100 bytes of a database file.
type fileHeader struct {
	magic       string
	userVersion int32
	appID       uint32
	writeFormat byte // 2 in WAL mode
	pageSize    int
}

func readHeader(t testing.TB, path string) fileHeader {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, "ReadFile", err)
	if len(b) < 100 {
		t.Fatalf("%s: %d bytes, want a 100-byte header at least", path, len(b))
	}
	return fileHeader{
		magic:       string(b[:16]),
		userVersion: int32(binary.BigEndian.Uint32(b[60:64])),
		appID:       binary.BigEndian.Uint32(b[68:72]),
		writeFormat: b[18],
		pageSize:    int(binary.BigEndian.Uint16(b[16:18])),
	}
}
