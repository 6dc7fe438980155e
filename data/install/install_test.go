package install

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/internal/testfs"
)

func TestLoadCreatesOnceAndKeepsIdentity(t *testing.T) {
	dir := filepath.Join(testfs.TempDir(t), "cfg")
	n := 0
	newID := func() string { n++; return "device-" + string(rune('0'+n)) }

	inst, first, err := Load(dir, newID)
	if err != nil || !first {
		t.Fatalf("Load(new) = %v, first %v; want no error, first", err, first)
	}
	if inst.DeviceID != "device-1" {
		t.Fatalf("DeviceID = %q, want device-1", inst.DeviceID)
	}
	inst.Operator = "Lucia Ferri"
	inst.Language = "en"
	if err := inst.Save(); err != nil {
		t.Fatal(err)
	}

	again, first, err := Load(dir, newID)
	if err != nil {
		t.Fatal(err)
	}
	if first || again.DeviceID != "device-1" || again.Operator != "Lucia Ferri" || again.Language != "en" {
		t.Fatalf("Load(again) = %+v, first %v; want the saved identity", again, first)
	}
	if n != 1 {
		t.Fatalf("newID called %d times, want 1", n)
	}
}

func TestLoadRefusesCorruptFile(t *testing.T) {
	dir := testfs.TempDir(t)
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := Load(dir, func() string { return "x" })
	if data.ErrorCode(err) != data.ECorrupt {
		t.Fatalf("Load(corrupt) = %v, want code %s", err, data.ECorrupt)
	}
	b, _ := os.ReadFile(p)
	if string(b) != "{not json" {
		t.Fatalf("corrupt file was rewritten: %q", b)
	}
}

func TestDirsFollowEnvironment(t *testing.T) {
	cfg, dat := filepath.Join(os.TempDir(), "cfg-x"), filepath.Join(os.TempDir(), "dati x")
	t.Setenv("TAVOLI_CONFIG_DIR", cfg)
	t.Setenv("TAVOLI_DATA_DIR", dat)
	if d, _ := ConfigDir(); d != cfg {
		t.Errorf("ConfigDir() = %q, want %q", d, cfg)
	}
	if p, want := mustDefault(t), filepath.Join(dat, "tavoli.db"); p != want {
		t.Errorf("DefaultDatabase() = %q, want %q", p, want)
	}
}

// TestWindowsDefaults: on Windows the database and the installation file live in %AppData%\Tavoli.
func TestWindowsDefaults(t *testing.T) {
	if runtime.GOOS != "windows" {
		t.Skip("the %AppData% folders exist only on Windows; .ci/windows runs this test there (under Wine)")
	}
	appData := `C:\Users\Anna Rossi\AppData\Roaming`
	t.Setenv("TAVOLI_CONFIG_DIR", "")
	t.Setenv("TAVOLI_DATA_DIR", "")
	t.Setenv("APPDATA", appData)
	if d, _ := ConfigDir(); d != appData+`\Tavoli` {
		t.Errorf("ConfigDir() = %q, want %q", d, appData+`\Tavoli`)
	}
	if p := mustDefault(t); p != appData+`\Tavoli\tavoli.db` {
		t.Errorf("DefaultDatabase() = %q, want %q", p, appData+`\Tavoli\tavoli.db`)
	}
}

func mustDefault(t *testing.T) string {
	t.Helper()
	p, err := DefaultDatabase()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
