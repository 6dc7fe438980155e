package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTempDirIsRemoved(t *testing.T) {
	var dir string
	t.Run("uses", func(t *testing.T) {
		dir = TempDir(t)
		deep := filepath.Join(dir, "Tavoli Città", "l'archivio", "2026")
		if err := os.MkdirAll(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{filepath.Join(dir, "a.db"), filepath.Join(deep, "verbale.pdf")} {
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after the test %s is still there (%v)", dir, err)
	}
}
