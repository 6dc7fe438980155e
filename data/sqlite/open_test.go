package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	half := func(size int64) int64 { return size / 2 }
	for _, tc := range []struct {
		name string
		file func(t *testing.T, dir string) string
		code data.Code
		key  string
		args map[string]any // arguments the error must carry, besides the path
	}{
		{"text file", func(t *testing.T, dir string) string { return textFile(t, dir) },
			data.ENotOurs, "err.db.not_sqlite", nil},
		{"PNG image", func(t *testing.T, dir string) string { return pngFile(t, dir) },
			data.ENotOurs, "err.db.not_sqlite", nil},
		{"Tavoli database cut in half, inside a page", func(t *testing.T, dir string) string {
			return truncate(t, tavoliFile(t, dir, 3), func(n int64) int64 { return half(n) + 100 })
		}, data.ECorrupt, "err.db.truncated", nil},
		{"Tavoli database cut in half, at a page boundary", func(t *testing.T, dir string) string {
			path := tavoliFile(t, dir, 3)
			page := int64(readHeader(t, path).pageSize)
			return truncate(t, path, func(n int64) int64 { return half(n) / page * page })
		}, data.ECorrupt, "err.db.truncated", nil},
		{"Tavoli database cut to 50 bytes", func(t *testing.T, dir string) string {
			return truncate(t, tavoliFile(t, dir, 1), func(int64) int64 { return 50 })
		}, data.ECorrupt, "err.db.truncated", nil},
		{"Tavoli database with a damaged page", func(t *testing.T, dir string) string {
			return corruptPage(t, tavoliFile(t, dir, 3))
		}, data.ECorrupt, "err.db.corrupt_file", nil},
		{"another program's database", func(t *testing.T, dir string) string {
			return foreignFile(t, dir)
		}, data.ENotOurs, "err.db.foreign", nil},
		{"another program's database in WAL mode", func(t *testing.T, dir string) string {
			return foreignFile(t, dir, `PRAGMA journal_mode = WAL`)
		}, data.ENotOurs, "err.db.foreign", nil},
		{"another program's database with its application id", func(t *testing.T, dir string) string {
			return foreignFile(t, dir, `PRAGMA application_id = 1196444487`) // "GPKG", a GeoPackage
		}, data.ENotOurs, "err.db.foreign", nil},
		{"Tavoli database of a newer schema version", func(t *testing.T, dir string) string {
			path := tavoliFile(t, dir, 1)
			rawExec(t, path, fmt.Sprintf(`PRAGMA user_version = %d`, SchemaVersion()+1))
			return path
		}, data.ENewer, "err.db.newer", map[string]any{"version": SchemaVersion() + 1, "known": SchemaVersion()}},
		{"Tavoli database with a migration this version does not know", func(t *testing.T, dir string) string {
			path := tavoliFile(t, dir, 1)
			rawExec(t, path, `INSERT INTO migrations (name, applied) VALUES ('migrations/9999_future.sql', '2030-01-01T00:00:00.000000000Z')`)
			return path
		}, data.ENewer, "err.db.newer_migration", map[string]any{"migration": "migrations/9999_future.sql"}},
		{"folder", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "cartella.db")
			must(t, "Mkdir", os.Mkdir(path, 0o755))
			return path
		}, data.ENotOurs, "err.db.is_dir", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.file(t, t.TempDir())
			if sc := sidecars(path); len(sc) > 0 {
				t.Fatalf("fixture has %q beside it, want none", sc)
			}
			before := stateOf(t, path)
			s, err := Open(context.Background(), path, testOptions())
			if s != nil {
				s.Close()
				t.Fatalf("Open(%q) returned a store, want none", tc.name)
			}
			wantErr(t, fmt.Sprintf("Open(%q)", filepath.Base(path)), err, tc.code, tc.key)
			if e := data.AsError(err); e != nil {
				abs, _ := filepath.Abs(path)
				if e.Args["path"] != abs {
					t.Errorf("Open(%q) error path = %v, want %q", filepath.Base(path), e.Args["path"], abs)
				}
				for k, v := range tc.args {
					if e.Args[k] != v {
						t.Errorf("Open(%q) error %s = %v, want %v", filepath.Base(path), k, e.Args[k], v)
					}
				}
			}
			compareState(t, path, before, stateOf(t, path))
		})
	}
}

func TestOpenAcceptsNewAndOwnFiles(t *testing.T) {
	for _, tc := range []struct {
		name   string
		file   func(t *testing.T, dir string) string
		people int // people in the register once open
	}{
		{"missing file in a missing folder", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "Tavoli", "dati", "tavoli.db")
		}, 0},
		{"empty file", func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "nuovo.db"), nil)
		}, 0},
		{"SQLite file with no schema", func(t *testing.T, dir string) string {
			return emptySQLiteFile(t, dir)
		}, 0},
		{"Tavoli database", func(t *testing.T, dir string) string {
			return tavoliFile(t, dir, 1)
		}, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := tc.file(t, t.TempDir())
			s, err := Open(ctx, path, testOptions())
			if err != nil {
				t.Fatalf("Open(%q) = %v, want no error", tc.name, err)
			}
			defer s.Close()
			if abs, _ := filepath.Abs(path); s.Path() != abs {
				t.Errorf("Path() = %q, want %q", s.Path(), abs)
			}
			people, err := s.People(ctx, data.PeopleFilter{})
			must(t, "People", err)
			if len(people) != tc.people {
				t.Errorf("People() = %d people, want %d", len(people), tc.people)
			}
			if _, err := s.SaveArea(ctx, data.Area{Name: "Salute mentale"}); err != nil {
				t.Errorf("SaveArea after Open(%q) = %v, want no error", tc.name, err)
			}
			must(t, "Close", s.Close())
			if h := readHeader(t, path); h.appID != ApplicationID || int(h.userVersion) != SchemaVersion() || h.writeFormat != 2 {
				t.Errorf("header of %q = id %#x, version %d, write format %d; want %#x, %d, 2 (WAL)",
					tc.name, h.appID, h.userVersion, h.writeFormat, ApplicationID, SchemaVersion())
			}
			var probes []string
			entries, _ := os.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".tavoli-write-test") {
					probes = append(probes, e.Name())
				}
			}
			if len(probes) > 0 {
				t.Errorf("write probes left beside the database: %q", probes)
			}
		})
	}
}

// TestOpenStampsHeader reads the header fields SQLite reserves for the application, where Open marks the
// file as Tavoli's: application_id at offset 68, user_version (the schema version) at offset 60.
func TestOpenStampsHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tavoli.db")
	s, err := Open(context.Background(), path, testOptions())
	must(t, "Open", err)
	must(t, "Close", s.Close())
	b, err := os.ReadFile(path)
	must(t, "ReadFile", err)
	if got := string(b[68:72]); got != "TAVO" {
		t.Errorf("application_id bytes = %q, want %q", got, "TAVO")
	}
	if got, want := b[60:64], []byte{0, 0, 0, byte(SchemaVersion())}; !slices.Equal(got, want) {
		t.Errorf("user_version bytes = % x, want % x", got, want)
	}
	if SchemaVersion() != len(migrationNames()) || SchemaVersion() < 1 {
		t.Errorf("SchemaVersion() = %d, want the %d embedded migrations", SchemaVersion(), len(migrationNames()))
	}
}

// TestOpenAppliesMigrationsOnce reopens a database: the migrations recorded the first time stay as they
// were (same rows, same times) and the data is still there.
func TestOpenAppliesMigrationsOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tavoli.db")
	applied := func(s *Store) []string {
		rows, err := s.db.Query(`SELECT name || ' ' || applied FROM migrations ORDER BY name`)
		must(t, "SELECT migrations", err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var r string
			must(t, "Scan", rows.Scan(&r))
			out = append(out, r)
		}
		must(t, "rows", rows.Err())
		return out
	}
	s, err := Open(ctx, path, testOptions())
	must(t, "Open", err)
	first := applied(s)
	_, err = s.SaveComune(ctx, data.Comune{Name: "Paciano", Population: 950})
	must(t, "SaveComune", err)
	must(t, "Close", s.Close())
	if len(first) != SchemaVersion() {
		t.Fatalf("migrations after the first Open = %q, want %d rows", first, SchemaVersion())
	}

	for i := range 3 {
		s, err := Open(ctx, path, Options{Verbale: testVerbale, Device: "other", Now: (&testClock{}).Now})
		must(t, "Open again", err)
		if again := applied(s); !slices.Equal(again, first) {
			t.Errorf("migrations after Open number %d = %q, want %q", i+2, again, first)
		}
		comuni, err := s.Comuni(ctx)
		must(t, "Comuni", err)
		if len(comuni) != 1 || comuni[0].Name != "Paciano" {
			t.Errorf("Comuni() after Open number %d = %+v, want Paciano only", i+2, comuni)
		}
		must(t, "Close", s.Close())
	}
}

// TestOpenWhileOpen opens a database that another store has open (its -wal file is there): both see
// each other's writes.
func TestOpenWhileOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tavoli.db")
	a := openAt(t, path, testOptions())
	_, err := a.SaveComune(ctx, data.Comune{Name: "Magione"})
	must(t, "SaveComune", err)
	if sc := sidecars(path); !slices.Contains(sc, "tavoli.db-wal") {
		t.Fatalf("sidecars of an open database = %q, want a -wal file", sc)
	}
	b := openAt(t, path, Options{Verbale: testVerbale, Device: "b", Now: (&testClock{}).Now})
	_, err = b.SaveComune(ctx, data.Comune{Name: "Piegaro"})
	must(t, "SaveComune", err)
	for name, s := range map[string]*Store{"first": a, "second": b} {
		comuni, err := s.Comuni(ctx)
		must(t, "Comuni", err)
		var got []string
		for _, c := range comuni {
			got = append(got, c.Name)
		}
		if want := []string{"Magione", "Piegaro"}; !slices.Equal(got, want) {
			t.Errorf("%s store: Comuni() = %q, want %q", name, got, want)
		}
	}
}

// TestOpenDefaults opens a store without options: device "unknown", random UUIDs, the real clock.
func TestOpenDefaults(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "tavoli.db"), Options{})
	if s.Device() != "unknown" {
		t.Errorf("Device() = %q, want %q", s.Device(), "unknown")
	}
	a, err := s.SaveComune(ctx, data.Comune{Name: "Panicale"})
	must(t, "SaveComune", err)
	b, err := s.SaveComune(ctx, data.Comune{Name: "Piegaro"})
	must(t, "SaveComune", err)
	if len(a.ID) != 36 || a.ID[14] != '4' || a.ID == b.ID {
		t.Errorf("ids = %q, %q; want two different random (version 4) UUIDs", a.ID, b.ID)
	}
	if a.Device != "unknown" || a.Created.Year() < 2025 || s.LastSaved().Before(a.Created) {
		t.Errorf("SaveComune = device %q, created %v, LastSaved %v; want unknown, now, not before created",
			a.Device, a.Created, s.LastSaved())
	}
}
