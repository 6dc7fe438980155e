package install

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestLoadCreatesOnceAndKeepsIdentity(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg")
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
	dir := t.TempDir()
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
	t.Setenv("TAVOLI_CONFIG_DIR", "/tmp/cfg-x")
	t.Setenv("TAVOLI_DATA_DIR", "/tmp/data-x")
	if d, _ := ConfigDir(); d != "/tmp/cfg-x" {
		t.Errorf("ConfigDir() = %q, want /tmp/cfg-x", d)
	}
	if p, _ := DefaultDatabase(); p != "/tmp/data-x/tavoli.db" {
		t.Errorf("DefaultDatabase() = %q, want /tmp/data-x/tavoli.db", p)
	}
}
