package main

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	_ "modernc.org/sqlite" // registers "sqlite" (the store links it anyway), to make a foreign database

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/sqlite"
)

// code is what an enum looks like in JSON: a lowercase ASCII code, never a translated label.
var code = regexp.MustCompile(`^[a-z][a-z_]*$`)

func TestDemoComuni(t *testing.T) {
	e := setup(t, "")
	db := e.path("trasimeno.db")
	r := mustRun(t, "demo", "--db", db)
	wantContains(t, r, "stdout", r.stdout, "Ambito Territoriale n.5 del Trasimeno", "8 comuni", "60 persone")

	variants := [][]string{
		{"list", "comuni", "--json", "--db", db},
		{"--db", db, "list", "comuni", "--json"},
		{"list", "--json", "comuni", "--db", db},
		{"list", "comuni", "--db=" + db, "--json"},
		{"elenca", "COMUNI", "-json", "-db", db},
	}
	var first string
	for _, args := range variants {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := mustRun(t, args...)
			if first == "" {
				first = r.stdout
			} else if r.stdout != first {
				t.Errorf("%v stdout differs from %q:\n%s\nwant\n%s", r, variants[0], r.stdout, first)
			}
			var comuni []struct {
				ID         *string `json:"id"`
				Name       *string `json:"name"`
				Population *int    `json:"population"`
				Capofila   bool    `json:"capofila"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &comuni); err != nil {
				t.Fatalf("%v stdout %q: %v", r, r.stdout, err)
			}
			if len(comuni) != 8 {
				t.Fatalf("%v printed %d comuni, want 8", r, len(comuni))
			}
			total, capofila := 0, []string{}
			names := map[string]bool{}
			for _, c := range comuni {
				if c.ID == nil || c.Name == nil || c.Population == nil {
					t.Fatalf("%v comune %+v lacks id, name or population", r, c)
				}
				if _, err := uuid.Parse(*c.ID); err != nil {
					t.Errorf("%v comune %q id %q: %v", r, *c.Name, *c.ID, err)
				}
				names[*c.Name] = true
				total += *c.Population
				if c.Capofila {
					capofila = append(capofila, *c.Name)
				}
			}
			if !names["Città della Pieve"] {
				t.Errorf("%v names %v, want «Città della Pieve» spelled exactly", r, names)
			}
			if total < 55000 || total > 57500 {
				t.Errorf("%v population total %d, want 55,000-57,500", r, total)
			}
			if len(capofila) != 1 || capofila[0] != "Castiglione del Lago" {
				t.Errorf("%v capofila %q, want only Castiglione del Lago", r, capofila)
			}
		})
	}

	t.Run("table", func(t *testing.T) {
		r := mustRun(t, "list", "comuni", "--db", db)
		lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
		if len(lines) != 9 {
			t.Fatalf("%v printed %d lines, want a header and 8 comuni:\n%s", r, len(lines), r.stdout)
		}
		wantContains(t, r, "stdout", r.stdout, "Nome", "Abitanti", "Città della Pieve", "capofila")
	})
}

// TestListKinds checks the JSON of every kind: objects with an id and a name, references given by
// name and id (the id one of the listed records), codes for enums, and RFC 3339 times.
func TestListKinds(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	before := digest(t, db)

	all := map[string][]map[string]any{}
	ids := map[string]map[string]string{} // kind -> id -> name
	for _, kind := range []string{"comuni", "areas", "bodies", "people", "organisations"} {
		all[kind] = listJSON(t, db, kind)
		ids[kind] = map[string]string{}
		for _, obj := range all[kind] {
			ids[kind][str(t, obj, "id")] = str(t, obj, "name")
		}
	}
	if got := digest(t, db); got != before {
		t.Errorf("list changed %s", db)
	}

	// ref checks that obj names a record of kind by name and id, both or neither; refs counts the
	// references found, so that a list without any cannot pass unnoticed.
	refs := map[string]int{}
	ref := func(t *testing.T, obj map[string]any, nameKey, idKey, kind string) bool {
		t.Helper()
		name, _ := obj[nameKey].(string)
		id, _ := obj[idKey].(string)
		if (name == "") != (id == "") {
			t.Errorf("%q: %s %q but %s %q, want both or neither", obj["name"], nameKey, name, idKey, id)
			return false
		}
		if id == "" {
			return false
		}
		if ids[kind][id] != name {
			t.Errorf("%q: %s %q, %s %q; the %s with that id is %q", obj["name"], nameKey, name, idKey, id, kind, ids[kind][id])
		}
		refs[idKey]++
		return true
	}

	tests := []struct {
		kind  string
		count int
		check func(t *testing.T, obj map[string]any)
	}{
		{"comuni", 8, nil},
		{"areas", 6, nil},
		{"bodies", 10, func(t *testing.T, obj map[string]any) {
			kind := str(t, obj, "kind")
			if !code.MatchString(kind) {
				t.Errorf("body %q kind %q, want a lowercase code", obj["name"], kind)
			}
			hasArea := ref(t, obj, "area", "area_id", "areas")
			if kind == "tavolo_tematico" && !hasArea {
				t.Errorf("tavolo tematico %q has no area", obj["name"])
			}
			rules, ok := obj["rules"].(map[string]any)
			if !ok {
				t.Fatalf("body %q rules = %v, want an object", obj["name"], obj["rules"])
			}
			for _, k := range []string{"quorum_prima", "quorum_seconda", "weighting", "majority_base", "threshold", "tie_break"} {
				switch v := rules[k].(type) {
				case string:
					if !code.MatchString(v) {
						t.Errorf("body %q rules.%s = %q, want a lowercase code", obj["name"], k, v)
					}
				case float64: // a fixed quorum is its number
					if !strings.HasPrefix(k, "quorum_") || v < 0 {
						t.Errorf("body %q rules.%s = %v, want a code", obj["name"], k, v)
					}
				default:
					t.Errorf("body %q rules.%s = %v (%T), want a code", obj["name"], k, v, v)
				}
			}
		}},
		{"people", 60, func(t *testing.T, obj map[string]any) {
			if c := str(t, obj, "category"); !code.MatchString(c) {
				t.Errorf("person %q category %q, want a lowercase code", obj["name"], c)
			}
			ref(t, obj, "organisation", "organisation_id", "organisations")
			// A town outside the Ambito is kept as text, without an id.
			if _, ok := obj["comune_id"]; ok {
				ref(t, obj, "comune", "comune_id", "comuni")
			}
			if str(t, obj, "surname") == "" {
				t.Errorf("person %q has no surname", obj["name"])
			}
			// Every demo person has a gender; the mayors carry the title documents name them by.
			if g := str(t, obj, "gender"); g != "f" && g != "m" {
				t.Errorf("person %q gender %q, want f or m", obj["name"], g)
			}
			if obj["name"] == "Bellucci Federica" && (obj["title"] != "Sindaca" || obj["gender"] != "f") {
				t.Errorf("person Bellucci Federica title, gender = %v, %v, want Sindaca, f", obj["title"], obj["gender"])
			}
		}},
		{"organisations", 29, func(t *testing.T, obj map[string]any) {
			if c := str(t, obj, "category"); !code.MatchString(c) {
				t.Errorf("organisation %q category %q, want a lowercase code", obj["name"], c)
			}
			if _, ok := obj["comune_id"]; ok {
				ref(t, obj, "comune", "comune_id", "comuni")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			rows := all[tt.kind]
			if len(rows) != tt.count {
				t.Errorf("list %s printed %d objects, want %d", tt.kind, len(rows), tt.count)
			}
			if len(ids[tt.kind]) != len(rows) {
				t.Errorf("list %s: %d distinct ids among %d objects", tt.kind, len(ids[tt.kind]), len(rows))
			}
			for _, obj := range rows {
				id, name := str(t, obj, "id"), str(t, obj, "name")
				if _, err := uuid.Parse(id); err != nil || name == "" {
					t.Errorf("%s %v: id %q (%v), name %q; want a UUID and a name", tt.kind, obj, id, err, name)
				}
				for _, k := range []string{"created", "updated"} {
					if ts, err := time.Parse(time.RFC3339, str(t, obj, k)); err != nil || ts.IsZero() {
						t.Errorf("%s %q: %s = %q, want an RFC 3339 time (%v)", tt.kind, name, k, obj[k], err)
					}
				}
				if tt.check != nil {
					tt.check(t, obj)
				}
			}
		})
	}

	for _, k := range []string{"area_id", "organisation_id", "comune_id"} {
		if refs[k] == 0 {
			t.Errorf("no object in the lists has a %s", k)
		}
	}

	t.Run("people have categories of the register", func(t *testing.T) {
		known := map[string]bool{"asl": true, "comune": true, "scuola": true, "associazione": true,
			"cooperativa_sociale": true, "volontariato": true, "sindacato": true, "cittadino": true, "altro": true}
		seen := map[string]bool{}
		for _, p := range all["people"] {
			c := str(t, p, "category")
			if !known[c] {
				t.Errorf("person %q category %q is not a known code", p["name"], c)
			}
			seen[c] = true
		}
		if !seen["cooperativa_sociale"] {
			t.Errorf("people categories %v, want cooperativa_sociale among them", seen)
		}
	})
}

func TestDemoScale(t *testing.T) {
	e := setup(t, "")
	db := e.path("grande.db")
	r := mustRun(t, "demo", "--scale", "3", "--db", db, "--json")
	var sum map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil {
		t.Fatalf("%v stdout %q: %v", r, r.stdout, err)
	}
	if sum["people"] != 180.0 || sum["comuni"] != 8.0 {
		t.Errorf("%v summary %v, want 180 people and 8 comuni", r, sum)
	}
	if n := len(listJSON(t, db, "people")); n != 180 {
		t.Errorf("list people after demo --scale 3: %d, want 180", n)
	}
	if n := len(listJSON(t, db, "comuni")); n != 8 {
		t.Errorf("list comuni after demo --scale 3: %d, want 8", n)
	}
}

func TestDemoDefaultDatabase(t *testing.T) {
	e := setup(t, "")
	mustRun(t, "demo")
	db := filepath.Join(e.dataDir, "tavoli.db")
	if !exists(t, db) {
		t.Fatalf("demo without --db did not write %s", db)
	}
	r := mustRun(t, "list", "comuni", "--json")
	var comuni []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &comuni); err != nil || len(comuni) != 8 {
		t.Errorf("%v printed %d comuni (%v), want 8 from the default database", r, len(comuni), err)
	}
}

// -o names the new database as --db does; both at once must agree.
func TestDemoOutputFlag(t *testing.T) {
	e := setup(t, "")
	db := e.path("copia.db")
	mustRun(t, "demo", "-o", db)
	if n := len(listJSON(t, db, "comuni")); n != 8 {
		t.Errorf("list comuni after demo -o: %d, want 8", n)
	}
	if exists(t, filepath.Join(e.dataDir, "tavoli.db")) {
		t.Error("demo -o also wrote the default database")
	}
	r := runCLI(t, "demo", "-o", e.path("a.db"), "--db", e.path("b.db"))
	wantCode(t, r, exitUsage)
	wantContains(t, r, "stderr", r.stderr, "una volta sola")
	if exists(t, e.path("a.db")) || exists(t, e.path("b.db")) {
		t.Error("a refused demo wrote a file")
	}
}

func TestDemoRefusesData(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	before := digest(t, db)
	for _, args := range [][]string{{"demo", "--db", db}, {"demo", "--scale", "2", "--db", db}} {
		r := runCLI(t, args...)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "tavoli: ", "contiene già dei dati", "non sovrascrivo nulla")
		wantUntouched(t, r, db, before)
	}
}

func TestListMissingDatabase(t *testing.T) {
	tests := []struct {
		name string
		db   func(e env) string // "" for the default database
	}{
		{"file", func(e env) string { return e.path("nope.db") }},
		{"file in a missing folder", func(e env) string { return e.path(filepath.Join("archivio", "2027", "nope.db")) }},
		{"default database", func(e env) string { return "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t, "")
			db := tt.db(e)
			args := []string{"list", "people"}
			want := filepath.Join(e.dataDir, "tavoli.db")
			if db != "" {
				args = append(args, "--db", db)
				want = db
			}
			r := runCLI(t, args...)
			wantCode(t, r, exitError)
			wantContains(t, r, "stderr", r.stderr, "Il database "+want+" non esiste",
				"tavoli bundle import FILE.tavoli --db "+want)
			if strings.Contains(r.stderr, "demo") {
				t.Errorf("%v advises the demo, another district: %q", r, r.stderr)
			}
			if exists(t, want) {
				t.Errorf("%v created %s", r, want)
			}
			if dir := filepath.Dir(want); dir != e.dir && exists(t, dir) {
				t.Errorf("%v created the folder %s", r, dir)
			}
		})
	}
}

// badFiles are files that are not Tavoli databases, each with the sentence that refuses it.
func badFiles(t *testing.T, e env) []struct{ name, path, want string } {
	t.Helper()
	text := copyFile(t, e.dir, "notes.txt")

	foreign := e.path("rubrica.sqlite")
	fdb, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.ExecContext(context.Background(),
		`CREATE TABLE contatti (nome TEXT); INSERT INTO contatti VALUES ('Città della Pieve')`); err != nil {
		t.Fatal(err)
	}
	if err := fdb.Close(); err != nil {
		t.Fatal(err)
	}

	// A Tavoli database cut short, as a copy interrupted on a USB stick would leave it.
	full := demoDB(t, e, "intero.db")
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	truncated := e.path("troncato.db")
	if err := os.WriteFile(truncated, b[:len(b)/2+100], 0o644); err != nil {
		t.Fatal(err)
	}
	// A Tavoli database from a future version: user_version (bytes 60-63 of the header) far ahead.
	binary.BigEndian.PutUint32(b[60:64], 99)
	newer := e.path("futuro.db")
	if err := os.WriteFile(newer, b, 0o644); err != nil {
		t.Fatal(err)
	}

	folder := e.path("cartella.db")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	return []struct{ name, path, want string }{
		{"text file", text, "non è un database di Tavoli (non è nemmeno un database SQLite)"},
		{"foreign SQLite", foreign, "è un database SQLite di un altro programma, non di Tavoli: non lo tocco"},
		{"truncated", truncated, "è incompleto (troncato)"},
		{"newer schema", newer, "versione più recente di Tavoli"},
		{"folder", folder, "è una cartella, non un database"},
	}
}

// TestBadFiles checks that every command that opens a database refuses a file that is not one of
// ours with a sentence, and leaves it byte for byte as it was.
func TestBadFiles(t *testing.T) {
	e := setup(t, "")
	csv := e.path("persone.csv")
	if err := os.WriteFile(csv, []byte("Cognome;Nome\nRossi;Mario\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range badFiles(t, e) {
		for _, cmd := range [][]string{{"list", "comuni"}, {"list", "people", "--json"}, {"demo"}, {"import", "people", csv}} {
			t.Run(f.name+"/"+cmd[0], func(t *testing.T) {
				var before [32]byte
				isDir := f.name == "folder"
				if !isDir {
					before = digest(t, f.path)
				}
				r := runCLI(t, append(cmd, "--db", f.path)...)
				wantCode(t, r, exitError)
				wantContains(t, r, "stderr", r.stderr, "tavoli: "+f.path, f.want)
				if strings.Contains(r.stderr, "err.") || strings.Contains(r.stderr, "not_ours") {
					t.Errorf("%v stderr = %q, want a sentence, not an error code", r, r.stderr)
				}
				if r.stdout != "" {
					t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
				}
				if !isDir {
					wantUntouched(t, r, f.path, before)
				}
			})
		}
	}
	if n := len(listJSON(t, e.path("intero.db"), "people")); n != 60 {
		t.Errorf("the intact demo database lists %d people, want 60", n)
	}
}

// TestListWhileWindowOpen runs the commands on a database that the window holds open, its last change
// still in the WAL file: the terminal must see it and must not be refused.
func TestListWhileWindowOpen(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.Options{Device: "window", Verbale: docs.Verbale})
	if err != nil {
		t.Fatalf("sqlite.Open(%q): %v", db, err)
	}
	defer st.Close()
	if _, err := st.SavePerson(ctx, data.Person{Surname: "Zampolini", Name: "Irene", Category: data.CatCittadino}); err != nil {
		t.Fatalf("SavePerson: %v", err)
	}
	if !exists(t, db+"-wal") {
		t.Fatalf("no -wal beside %s while the store is open: the test would not exercise it", db)
	}
	people := listJSON(t, db, "people")
	if len(people) != 61 {
		t.Errorf("list people with the window open: %d, want 61", len(people))
	}
	personNamed(t, people, "Zampolini", "Irene")

	csv := e.path("persone.csv")
	writeExcelCSV(t, csv, excelRows)
	if rep := importJSON(t, "import", "people", csv, "--db", db); rep.New != 3 {
		t.Errorf("import with the window open: %+v, want 3 new", rep)
	}
	if got, err := st.People(ctx, data.PeopleFilter{}); err != nil || len(got) != 64 {
		t.Errorf("the window's store sees %d people after the import (%v), want 64", len(got), err)
	}
}
