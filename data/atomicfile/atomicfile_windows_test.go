package atomicfile_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/internal/testfs"
)

// holdOpen opens path as a PDF viewer does on Windows: reading, sharing only reading, so that nobody
// may replace or delete the file while it is shown.
func holdOpen(t *testing.T, path string) {
	t.Helper()
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, syscall.FILE_SHARE_READ, nil, syscall.OPEN_EXISTING,
		syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatalf("CreateFile(%s): %v", path, err)
	}
	t.Cleanup(func() { syscall.CloseHandle(h) })
}

func TestWriteOverFileOpenInViewer(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "verbale-tavolo-anziani-2026-03-12.pdf")
	if err := atomicfile.WriteFile(path, []byte("%PDF approvato")); err != nil {
		t.Fatal(err)
	}
	holdOpen(t, path)
	err := atomicfile.WriteFile(path, []byte("%PDF nuovo"))
	if key(err) != atomicfile.KeyLocked {
		t.Fatalf("WriteFile over a file open in a viewer = %v, want %s", err, atomicfile.KeyLocked)
	}
	if got, _ := os.ReadFile(path); string(got) != "%PDF approvato" {
		t.Errorf("the open file now holds %q", got)
	}
	if rest := leftovers(t, dir, filepath.Base(path)); len(rest) != 0 {
		t.Errorf("a refused write left %v", rest)
	}
}

func TestWriteWindowsPaths(t *testing.T) {
	dir := filepath.Join(testfs.TempDir(t), "Users", "Anna Rossi", "Documenti", "Tavoli Città")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"verbale dell'assemblea.pdf", "Perché sì – àèéìòù.ics"} {
		path := filepath.Join(dir, name)
		if err := atomicfile.WriteFile(path, []byte(name)); err != nil {
			t.Fatalf("WriteFile(%s) = %v", path, err)
		}
		if got, _ := os.ReadFile(path); string(got) != name {
			t.Errorf("%s holds %q", path, got)
		}
	}
}
