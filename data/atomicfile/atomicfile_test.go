package atomicfile_test

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/internal/testfs"
)

// leftovers lists the files of dir other than the ones named.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !strings.Contains(strings.Join(keep, "\x00"), e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func key(err error) string {
	if e := data.AsError(err); e != nil {
		return e.Key
	}
	return fmt.Sprintf("not coded: %v", err)
}

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "Verbale dell'1 marzo – Città della Pieve.pdf")
	for _, content := range []string{"prima versione", "seconda, più lunga della prima"} {
		if err := atomicfile.WriteFile(path, []byte(content)); err != nil {
			t.Fatalf("WriteFile(%q) = %v", content, err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("ReadFile = %q, %v; want %q", got, err, content)
		}
	}
	if rest := leftovers(t, dir, filepath.Base(path)); len(rest) != 0 {
		t.Errorf("files left beside the document: %v", rest)
	}
}

func TestWriteFailureKeepsTheOldFile(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "pacchetto.tavoli")
	if err := atomicfile.WriteFile(path, []byte("vecchio")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("the stick was pulled out")
	err := atomicfile.Write(path, func(w io.Writer) error {
		io.WriteString(w, "nuovo a metà")
		return boom
	})
	if key(err) != atomicfile.KeyWrite || !errors.Is(err, boom) {
		t.Fatalf("Write = %v, want %s wrapping the cause", err, atomicfile.KeyWrite)
	}
	if got, _ := os.ReadFile(path); string(got) != "vecchio" {
		t.Errorf("after a failed write the file holds %q, want the old content", got)
	}
	if rest := leftovers(t, dir, "pacchetto.tavoli"); len(rest) != 0 {
		t.Errorf("a failed write left %v", rest)
	}
	coded := data.Errorf(data.EInvalid, "err.some.rule")
	if err := atomicfile.Write(path, func(io.Writer) error { return coded }); err != coded {
		t.Errorf("Write passed on %v, want the coded error itself", err)
	}
}

func TestWriteIntoMissingFolder(t *testing.T) {
	path := filepath.Join(testfs.TempDir(t), "non esiste", "sintesi.pdf")
	err := atomicfile.WriteFile(path, []byte("x"))
	if key(err) != atomicfile.KeyNoFolder {
		t.Fatalf("WriteFile into a missing folder = %v, want %s", err, atomicfile.KeyNoFolder)
	}
}

func TestExplainFullDisk(t *testing.T) {
	err := atomicfile.Explain("E:\\verbale.pdf", &fs.PathError{Op: "write", Path: "x", Err: fullDisk})
	if key(err) != atomicfile.KeyFull {
		t.Errorf("Explain(disk full) = %v, want %s", err, atomicfile.KeyFull)
	}
	if key(atomicfile.Explain("x", syscall.Errno(0x7fff))) != atomicfile.KeyWrite {
		t.Errorf("an unknown failure is not %s", atomicfile.KeyWrite)
	}
}

func TestCreate(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "Tavoli Città", "prova.db")
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("seed failed")
	err := atomicfile.Create(path, func(tmp string) error {
		if err := os.WriteFile(tmp, []byte("half"), 0o644); err != nil {
			return err
		}
		os.WriteFile(tmp+"-wal", []byte("log"), 0o644)
		return boom
	})
	if err != boom {
		t.Fatalf("Create = %v, want build's error", err)
	}
	if rest := leftovers(t, filepath.Dir(path)); len(rest) != 0 {
		t.Fatalf("a failed Create left %v", rest)
	}
	if err := atomicfile.Create(path, func(tmp string) error { return os.WriteFile(tmp, []byte("db"), 0o644) }); err != nil {
		t.Fatalf("Create = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "db" {
		t.Errorf("created file holds %q", got)
	}
	err = atomicfile.Create(path, func(tmp string) error { t.Error("build ran over an existing file"); return nil })
	if key(err) != atomicfile.KeyExists {
		t.Errorf("Create over an existing file = %v, want %s", err, atomicfile.KeyExists)
	}
	if rest := leftovers(t, filepath.Dir(path), "prova.db"); len(rest) != 0 {
		t.Errorf("files left: %v", rest)
	}
}

// TestCreateNeverReplaces: a file that appears at the destination while the new one is built (another
// program creating the same database) is kept, and the new one is dropped; a created file has the usual
// permissions, not the temporary file's private ones.
func TestCreateNeverReplaces(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "l'Ambito.db")
	err := atomicfile.Create(path, func(tmp string) error {
		if err := os.WriteFile(tmp, []byte("nuovo"), 0o644); err != nil {
			return err
		}
		return os.WriteFile(path, []byte("dell'altro programma"), 0o644)
	})
	if key(err) != atomicfile.KeyExists {
		t.Errorf("Create while another program made the file = %v, want %s", err, atomicfile.KeyExists)
	}
	if got, _ := os.ReadFile(path); string(got) != "dell'altro programma" {
		t.Errorf("the other program's file now holds %q", got)
	}
	if rest := leftovers(t, dir, "l'Ambito.db"); len(rest) != 0 {
		t.Errorf("files left: %v", rest)
	}

	shared := filepath.Join(dir, "condiviso.db")
	if err := atomicfile.Create(shared, func(tmp string) error { return os.WriteFile(tmp, []byte("db"), 0o600) }); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(shared)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o644 {
		t.Errorf("a created file has permissions %v, want -rw-r--r--", st.Mode().Perm())
	}
}

// TestKilledWriterLeavesNothing kills, as kill -9 or the Task Manager would, a process in the middle
// of making a new file: nothing appears at the destination, and the next write in that folder removes
// the temporary file the dead process left. A live writer's temporary file is left alone.
func TestKilledWriterLeavesNothing(t *testing.T) {
	dir := testfs.TempDir(t)
	path := filepath.Join(dir, "nuovo distretto.db")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ATOMICFILE_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "ready" {
		t.Fatalf("child said %q, %v", buf, err)
	}
	// While the child lives, another writer in the folder must not take its file away.
	if err := atomicfile.WriteFile(filepath.Join(dir, "other.pdf"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteFile(path+".pdf", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if rest := leftovers(t, dir, "other.pdf", "nuovo distretto.db.pdf"); len(rest) == 0 {
		t.Fatal("the live writer's temporary file is gone")
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after the kill, %s: %v; want no file", path, err)
	}
	if rest := leftovers(t, dir, "other.pdf", "nuovo distretto.db.pdf"); len(rest) == 0 {
		t.Fatal("the killed writer left no temporary file: the test proves nothing")
	}
	// The next write of the same file sweeps what the dead process left.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := atomicfile.Create(path, func(tmp string) error { return os.WriteFile(tmp, []byte("ok"), 0o644) })
		if err != nil {
			t.Fatal(err)
		}
		rest := leftovers(t, dir, "other.pdf", "nuovo distretto.db.pdf", "nuovo distretto.db")
		if len(rest) == 0 {
			break
		}
		// Windows releases a killed process's handles a moment after it is reported dead.
		if time.Now().After(deadline) {
			t.Fatalf("leftovers of the killed writer: %v", rest)
		}
		os.Remove(path)
		time.Sleep(100 * time.Millisecond)
	}
}

// TestMain doubles as the process TestKilledWriterLeavesNothing kills: started with
// ATOMICFILE_CHILD set, it begins a new file at that path, says so, and waits to be killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("ATOMICFILE_CHILD"); path != "" {
		atomicfile.Create(path, func(tmp string) error {
			os.WriteFile(tmp, []byte("SQLite format 3\x00 half a seed"), 0o644)
			os.Stdout.WriteString("ready")
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(3) // not killed: the parent sees the file appear and fails
	}
	os.Exit(m.Run())
}
