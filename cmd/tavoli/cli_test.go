package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data/install"
)

func TestVersion(t *testing.T) {
	text := regexp.MustCompile(`^Tavoli ` + regexp.QuoteMeta(version) + ` \(schema del database [1-9][0-9]*\)\n$`)
	tests := []struct {
		args []string
		json bool
	}{
		{[]string{"version"}, false},
		{[]string{"versione"}, false},
		{[]string{"version", "--json"}, true},
		{[]string{"--json", "version"}, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			e := setup(t, "")
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitOK)
			if r.stderr != "" {
				t.Errorf("%v stderr = %q, want nothing", r, r.stderr)
			}
			if tt.json {
				var v struct {
					Name    string `json:"name"`
					Version string `json:"version"`
					Schema  int    `json:"schema"`
				}
				if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
					t.Fatalf("%v stdout = %q, not JSON: %v", r, r.stdout, err)
				}
				if v.Name != "Tavoli" || v.Version != version || v.Schema < 1 {
					t.Errorf("%v = %+v, want name Tavoli, version %s, schema >= 1", r, v, version)
				}
			} else if !text.MatchString(r.stdout) {
				t.Errorf("%v stdout = %q, want it to match %s", r, r.stdout, text)
			}
			// "tavoli version" is what a support call asks for first: it must not create anything.
			for _, d := range []string{e.dataDir, e.cfgDir} {
				if exists(t, d) {
					t.Errorf("%v created %s", r, d)
				}
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"aiuto"}, {"list", "--help"}, {"help", "list"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			e := setup(t, "")
			r := runCLI(t, args...)
			wantCode(t, r, exitOK)
			wantContains(t, r, "stdout", r.stdout, "Uso: tavoli", "tavoli list TIPO", "tavoli import people FILE.csv")
			if r.stderr != "" {
				t.Errorf("%v stderr = %q, want nothing", r, r.stderr)
			}
			if exists(t, e.dataDir) || exists(t, e.cfgDir) {
				t.Errorf("%v created the data or configuration folder", r)
			}
		})
	}
}

// TestUsageErrors checks that a wrong command line exits 2, says what is wrong in Italian and shows
// the usage on stderr, without touching anything.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // part of the Italian explanation
	}{
		{"unknown command", []string{"ellenca", "comuni"}, "Comando sconosciuto: «ellenca»"},
		{"unknown kind", []string{"list", "delibere", "--db", "x.db"}, "Che cosa elencare?"},
		{"list without kind", []string{"list"}, "Che cosa elencare?"},
		{"list two kinds", []string{"list", "comuni", "people"}, "Che cosa elencare?"},
		{"unknown flag", []string{"list", "comuni", "--verbose"}, "Opzione non valida"},
		{"flag without value", []string{"list", "comuni", "--db"}, "Opzione non valida"},
		{"scale not a number", []string{"demo", "--scale", "tre"}, "Opzione non valida"},
		{"scale zero", []string{"demo", "--scale", "0"}, "--scale vuole un numero intero"},
		{"version extra word", []string{"version", "completa"}, "Parole in più"},
		{"demo extra word", []string{"demo", "trasimeno"}, "Parole in più"},
		{"import without file", []string{"import", "people"}, "tavoli import people FILE.csv"},
		{"import other kind", []string{"import", "comuni", "c.csv"}, "tavoli import people FILE.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t, "")
			r := runCLI(t, tt.args...)
			wantCode(t, r, exitUsage)
			wantContains(t, r, "stderr", r.stderr, tt.want, "Uso: tavoli")
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
			if exists(t, e.dataDir) {
				t.Errorf("%v created %s", r, e.dataDir)
			}
		})
	}
}

func TestParseAnywhere(t *testing.T) {
	tests := []struct {
		args  []string
		words []string
		db    string
		json  bool
	}{
		{[]string{"list", "comuni", "--db", "x.db", "--json"}, []string{"list", "comuni"}, "x.db", true},
		{[]string{"--db", "x.db", "list", "comuni", "--json"}, []string{"list", "comuni"}, "x.db", true},
		{[]string{"list", "--json", "comuni", "-db=x.db"}, []string{"list", "comuni"}, "x.db", true},
		{[]string{"list", "--", "--json"}, []string{"list", "--json"}, "", false},
		{[]string{"--json", "--", "list", "-db"}, []string{"list", "-db"}, "", true},
		{nil, nil, "", false},
	}
	for _, tt := range tests {
		fset := flag.NewFlagSet("test", flag.ContinueOnError)
		fset.SetOutput(io.Discard)
		db := fset.String("db", "", "")
		asJSON := fset.Bool("json", false, "")
		words, err := parseAnywhere(fset, tt.args)
		if err != nil {
			t.Errorf("parseAnywhere(%q) error %v", tt.args, err)
			continue
		}
		if strings.Join(words, "|") != strings.Join(tt.words, "|") || *db != tt.db || *asJSON != tt.json {
			t.Errorf("parseAnywhere(%q) = %q, db %q, json %v; want %q, db %q, json %v",
				tt.args, words, *db, *asJSON, tt.words, tt.db, tt.json)
		}
	}
	fset := flag.NewFlagSet("test", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	if words, err := parseAnywhere(fset, []string{"list", "--nope"}); err == nil {
		t.Errorf("parseAnywhere(%q) = %q, nil; want an error", []string{"list", "--nope"}, words)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name    string
		env     string // TAVOLI_LANG
		pref    string // language saved in installation.json
		args    []string
		code    int
		wantErr string
		wantNot string
		wantOut string
	}{
		{name: "missing db in English", env: "en", args: []string{"list", "comuni", "--db", "nope.db"}, code: exitError,
			wantErr: "does not exist", wantNot: "non esiste"},
		{name: "missing db in Italian", env: "", args: []string{"list", "comuni", "--db", "nope.db"}, code: exitError,
			wantErr: "non esiste", wantNot: "does not exist"},
		{name: "unknown command in English", env: "EN", args: []string{"frobnicate"}, code: exitUsage,
			wantErr: "Unknown command", wantNot: "Comando sconosciuto"},
		{name: "usage in English", env: "en", args: []string{"--bogus"}, code: exitUsage,
			wantErr: "Usage: tavoli", wantNot: "Uso:"},
		{name: "version in English", env: "en", args: []string{"version"}, code: exitOK,
			wantOut: "(database schema "},
		{name: "preference en", pref: "en", args: []string{"list", "comuni", "--db", "nope.db"}, code: exitError,
			wantErr: "does not exist", wantNot: "non esiste"},
		{name: "TAVOLI_LANG beats preference", env: "it", pref: "en", args: []string{"list", "comuni", "--db", "nope.db"},
			code: exitError, wantErr: "non esiste", wantNot: "does not exist"},
		{name: "unknown TAVOLI_LANG is Italian", env: "fr", args: []string{"list", "comuni", "--db", "nope.db"}, code: exitError,
			wantErr: "non esiste", wantNot: "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t, tt.env)
			if tt.pref != "" {
				writeInstallation(t, e.cfgDir, install.Installation{DeviceID: "device-1", Language: tt.pref})
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				if a == "nope.db" {
					a = e.path(a)
				}
				args[i] = a
			}
			r := runCLI(t, args...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.wantErr)
			wantContains(t, r, "stdout", r.stdout, tt.wantOut)
			if tt.wantNot != "" && strings.Contains(r.stderr, tt.wantNot) {
				t.Errorf("%v stderr = %q, want no %q", r, r.stderr, tt.wantNot)
			}
		})
	}
}

// writeInstallation saves inst as the installation file in dir.
func writeInstallation(t *testing.T, dir string, inst install.Installation) {
	t.Helper()
	b, err := json.Marshal(inst)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, install.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// guiRecorder stands in for the window: it records the configurations it is started with.
type guiRecorder struct {
	calls []window
	err   error
}

func (g *guiRecorder) start(cfg window) error {
	g.calls = append(g.calls, cfg)
	return g.err
}

// setupIn is setup with the test's folder as the working directory, which it returns as the system
// spells it (a relative path resolves against that).
func setupIn(t *testing.T) (env, string) {
	t.Helper()
	e := setup(t, "")
	t.Chdir(e.dir)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return e, wd
}

func TestGUI(t *testing.T) {
	t.Run("relative --db made absolute", func(t *testing.T) {
		e, wd := setupIn(t)
		var g guiRecorder
		r := runWith(g.start, "--db", filepath.Join("archivio", "trasimeno.db"))
		wantCode(t, r, exitOK)
		if len(g.calls) != 1 {
			t.Fatalf("%v started the window %d times, want 1", r, len(g.calls))
		}
		cfg := g.calls[0]
		if want := filepath.Join(wd, "archivio", "trasimeno.db"); cfg.DBPath != want {
			t.Errorf("%v DBPath = %q, want %q", r, cfg.DBPath, want)
		}
		if cfg.Installation == nil || cfg.Installation.DeviceID == "" {
			t.Fatalf("%v Installation = %+v, want one with a device id", r, cfg.Installation)
		}
		if !cfg.FirstRun || cfg.Version != version {
			t.Errorf("%v FirstRun %v, Version %q; want true, %q", r, cfg.FirstRun, cfg.Version, version)
		}
		// The identity handed to the window is the one saved for the next start.
		saved, first, err := install.Load(e.cfgDir, func() string { return "not-this-one" })
		if err != nil || saved.DeviceID != cfg.Installation.DeviceID || !first {
			t.Errorf("installation file after %v: %+v, first %v, err %v; want device %q", r, saved, first, err, cfg.Installation.DeviceID)
		}
	})

	t.Run("default database and saved installation", func(t *testing.T) {
		e := setup(t, "")
		writeInstallation(t, e.cfgDir, install.Installation{DeviceID: "device-42", Operator: "Maria Rossi"})
		var g guiRecorder
		r := runWith(g.start)
		wantCode(t, r, exitOK)
		if len(g.calls) != 1 {
			t.Fatalf("%v started the window %d times, want 1", r, len(g.calls))
		}
		cfg := g.calls[0]
		if want := filepath.Join(e.dataDir, "tavoli.db"); cfg.DBPath != want {
			t.Errorf("%v DBPath = %q, want %q", r, cfg.DBPath, want)
		}
		if cfg.Installation == nil || cfg.Installation.DeviceID != "device-42" || cfg.Installation.Operator != "Maria Rossi" {
			t.Errorf("%v Installation = %+v, want device-42 of Maria Rossi", r, cfg.Installation)
		}
		if cfg.FirstRun {
			t.Errorf("%v FirstRun = true with an operator saved, want false", r)
		}
	})

	t.Run("flags only still open the window", func(t *testing.T) {
		e := setup(t, "")
		var g guiRecorder
		db := e.path("t.db")
		r := runWith(g.start, "--json", "--db", db)
		wantCode(t, r, exitOK)
		if len(g.calls) != 1 || g.calls[0].DBPath != db {
			t.Errorf("%v window calls %+v, want one on %q", r, g.calls, db)
		}
	})

	t.Run("a bundle opened from the file manager", func(t *testing.T) {
		e, wd := setupIn(t)
		var g guiRecorder
		r := runWith(g.start, filepath.Join("Scaricati", "Scambio Città.TAVOLI"))
		wantCode(t, r, exitOK)
		if len(g.calls) != 1 {
			t.Fatalf("%v started the window %d times, want 1", r, len(g.calls))
		}
		cfg := g.calls[0]
		if want := filepath.Join(wd, "Scaricati", "Scambio Città.TAVOLI"); cfg.Bundle != want {
			t.Errorf("%v Bundle = %q, want %q", r, cfg.Bundle, want)
		}
		if want := filepath.Join(e.dataDir, "tavoli.db"); cfg.DBPath != want {
			t.Errorf("%v DBPath = %q, want the default %q", r, cfg.DBPath, want)
		}
		// Any other lone word is still a mistake, not a file.
		r = runCLI(t, "scambio.pdf")
		wantCode(t, r, exitUsage)
	})

	t.Run("window error", func(t *testing.T) {
		setup(t, "")
		g := guiRecorder{err: errors.New("no display")}
		r := runWith(g.start)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "tavoli: ", "errore imprevisto", "no display")
	})

	t.Run("damaged installation", func(t *testing.T) {
		e := setup(t, "")
		if err := os.MkdirAll(e.cfgDir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(e.cfgDir, install.FileName), []byte("{not json"), 0o600); err != nil {
			t.Fatal(err)
		}
		var g guiRecorder
		r := runWith(g.start)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "sono danneggiate")
		if len(g.calls) != 0 {
			t.Errorf("%v started the window with a damaged installation", r)
		}
	})
}
