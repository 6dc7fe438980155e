package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/internal/testfs"
)

// TestFileURI checks the URI the store hands SQLite for the paths users have: the path must come back
// whole (no "?" or "#" read as the URI's query or fragment, no "C:" read as its authority).
func TestFileURI(t *testing.T) {
	cases := []struct{ path, want string }{
		{"/home/anna/tavoli.db", "file:///home/anna/tavoli.db"},
		{"/home/anna/Tavoli Città/l'ambito #2?.db", "file:///home/anna/Tavoli%20Citt%C3%A0/l%27ambito%20%232%3F.db"},
		{"/tmp/100%.db", "file:///tmp/100%25.db"},
	}
	if runtime.GOOS == "windows" {
		cases = append(cases,
			struct{ path, want string }{`C:\Users\Anna Rossi\Documenti\Tavoli Città\tavoli.db`,
				"file:///C:/Users/Anna%20Rossi/Documenti/Tavoli%20Citt%C3%A0/tavoli.db"},
			struct{ path, want string }{`\\server\share\Ufficio di Piano\tavoli.db`,
				"file:////server/share/Ufficio%20di%20Piano/tavoli.db"},
		)
	}
	for _, c := range cases {
		got := fileURI(c.path)
		// url.PathEscape leaves "'" alone and some Go versions escape it: accept either, as SQLite does.
		if strings.ReplaceAll(got, "'", "%27") != c.want {
			t.Errorf("fileURI(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestOpenAwkwardPaths creates, writes, closes and reopens databases in folders and files whose names
// have what Windows users' names have: spaces, accents, apostrophes, and characters URIs reserve. A
// relative path is opened from its folder. The file must land at exactly the path given.
func TestOpenAwkwardPaths(t *testing.T) {
	ctx := context.Background()
	root := testfs.TempDir(t)
	paths := []string{
		filepath.Join(root, "Anna Rossi", "Documenti", "Tavoli Città", "tavoli.db"),
		filepath.Join(root, "L'Aquila", "ambito #3 (prova) 100%.db"),
		filepath.Join(root, "què", "perché?.db"),
	}
	if runtime.GOOS == "windows" { // "?" cannot be in a Windows file name
		paths[2] = filepath.Join(root, "què", "perché & così.db")
	}
	for _, path := range paths {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		s, err := Open(ctx, path, testOptions())
		if err != nil {
			t.Fatalf("Open(%q): %v", path, err)
		}
		if _, err := s.SaveComune(ctx, data.Comune{Name: "Città della Pieve"}); err != nil {
			t.Fatalf("SaveComune in %q: %v", path, err)
		}
		s.Close()
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("after Open(%q) the file is not there: %v", path, err)
		}
		s, err = Open(ctx, path, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("reopen %q read-only: %v", path, err)
		}
		got, err := s.Comuni(ctx)
		s.Close()
		if err != nil || len(got) != 1 || got[0].Name != "Città della Pieve" {
			t.Errorf("reopened %q: comuni %v, %v; want the one saved", path, got, err)
		}
	}

	// A relative path, from the folder the program was started in.
	dir := filepath.Join(root, "Tavoli Città")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	s, err := Open(ctx, filepath.Join("sotto cartella", "..", "relativo è.db"), testOptions())
	if err != nil {
		t.Fatalf("Open(relative): %v", err)
	}
	defer s.Close()
	if want := filepath.Join(dir, "relativo è.db"); s.Path() != want {
		t.Errorf("Path() = %q, want %q", s.Path(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "relativo è.db")); err != nil {
		t.Errorf("relative database not created in the working folder: %v", err)
	}
}
