package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// excelRows is a list as Excel in Italian saves it: semicolons, and a quoted field with the
// delimiter and doubled quotes in it. "’" and "«»" are in Windows-1252 but not in Latin-1.
var excelRows = []string{
	"Cognome;Nome;Ente;Categoria;Comune;E-mail;Telefono",
	"Bartolucci;Niccolò;Società Cooperativa Sociale «Il Girasole»;Cooperativa sociale;Città della Pieve;n.bartolucci@girasole.coop;0578 298765",
	"D'Angelo;Maria Grazia;Comune di Città della Pieve;Comune;Città della Pieve;m.dangelo@comune.cittadellapieve.pg.it;0578 291111",
	"Sant’Egidio;Lucia;\"Associazione \"\"Il Ponte\"\"; ODV\";Volontariato;Paciano;lucia@ilponte.org;333 1234567",
}

// writeExcelCSV writes rows as Excel for Windows does: Windows-1252, CRLF line ends.
func writeExcelCSV(t *testing.T, path string, rows []string) {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(strings.Join(rows, "\r\n") + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(b) {
		t.Fatalf("%s is valid UTF-8: the test would not exercise Windows-1252", path)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// report is the part of the --json import report the tests check.
type report struct {
	New       int  `json:"new"`
	Updated   int  `json:"updated"`
	Unchanged int  `json:"unchanged"`
	Applied   bool `json:"applied"`
	Rows      []struct {
		Line    int    `json:"line"`
		Outcome string `json:"outcome"`
	} `json:"rows"`
}

// importJSON runs an import that must succeed with --json and decodes its report.
func importJSON(t *testing.T, args ...string) report {
	t.Helper()
	r := mustRun(t, append(args, "--json")...)
	var rep report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v stdout %q: %v", r, r.stdout, err)
	}
	return rep
}

// personNamed finds a person of the list by surname and given name.
func personNamed(t *testing.T, people []map[string]any, surname, given string) map[string]any {
	t.Helper()
	for _, p := range people {
		if p["surname"] == surname && p["given_name"] == given {
			return p
		}
	}
	t.Fatalf("no person %s %s among %d", surname, given, len(people))
	return nil
}

func TestImportPeople(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	csv := e.path("Elenco partecipanti.csv")
	writeExcelCSV(t, csv, excelRows)

	t.Run("dry run writes nothing", func(t *testing.T) {
		before := digest(t, db)
		rep := importJSON(t, "import", "people", csv, "--dry-run", "--db", db)
		if rep.New != 3 || rep.Updated != 0 || rep.Unchanged != 0 || rep.Applied {
			t.Errorf("dry run report %+v, want 3 new, not applied", rep)
		}
		r := mustRun(t, "import", "people", csv, "--db", db, "--dry-run")
		wantContains(t, r, "stdout", r.stdout, "nulla è stato scritto", "Windows-1252", "3 persone nuove")
		wantUntouched(t, r, db, before)
		if n := len(listJSON(t, db, "people")); n != 60 {
			t.Errorf("after a dry run the register has %d people, want 60", n)
		}
	})

	t.Run("import keeps accents", func(t *testing.T) {
		rep := importJSON(t, "import", "people", csv, "--db", db)
		if rep.New != 3 || rep.Updated != 0 || rep.Unchanged != 0 || !rep.Applied {
			t.Errorf("import report %+v, want 3 new, applied", rep)
		}
		people := listJSON(t, db, "people")
		if len(people) != 63 {
			t.Errorf("after the import the register has %d people, want 63", len(people))
		}
		comuneID := map[string]string{}
		for _, c := range listJSON(t, db, "comuni") {
			comuneID[str(t, c, "name")] = str(t, c, "id")
		}
		tests := []struct {
			surname, given, organisation, category, comune, phone string
		}{
			{"Bartolucci", "Niccolò", "Società Cooperativa Sociale «Il Girasole»", "cooperativa_sociale", "Città della Pieve", "0578 298765"},
			{"D'Angelo", "Maria Grazia", "Comune di Città della Pieve", "comune", "Città della Pieve", "0578 291111"},
			{"Sant’Egidio", "Lucia", `Associazione "Il Ponte"; ODV`, "volontariato", "Paciano", "333 1234567"},
		}
		for _, tt := range tests {
			p := personNamed(t, people, tt.surname, tt.given)
			got := []string{str(t, p, "organisation"), str(t, p, "category"), str(t, p, "comune"), str(t, p, "phone")}
			want := []string{tt.organisation, tt.category, tt.comune, tt.phone}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s %s: organisation, category, comune, phone = %q, want %q", tt.surname, tt.given, got, want)
			}
			if p["comune_id"] != comuneID[tt.comune] || p["organisation_id"] == nil {
				t.Errorf("%s %s: comune_id %v (want %q), organisation_id %v", tt.surname, tt.given,
					p["comune_id"], comuneID[tt.comune], p["organisation_id"])
			}
		}
	})

	t.Run("reimport adds no one", func(t *testing.T) {
		rep := importJSON(t, "import", "people", csv, "--db", db)
		if rep.New != 0 || rep.Updated+rep.Unchanged != 3 {
			t.Errorf("second import report %+v, want 0 new and 3 updated or unchanged", rep)
		}
		changed := append([]string(nil), excelRows...)
		changed[2] = strings.Replace(changed[2], "0578 291111", "0578 291112", 1)
		writeExcelCSV(t, csv, changed)
		rep = importJSON(t, "import", "people", csv, "--db", db)
		if rep.New != 0 || rep.Updated != 1 || rep.Unchanged != 2 {
			t.Errorf("import with a new phone number: %+v, want 1 updated, 2 unchanged", rep)
		}
		people := listJSON(t, db, "people")
		if len(people) != 63 {
			t.Errorf("after reimporting the register has %d people, want 63", len(people))
		}
		if p := personNamed(t, people, "D'Angelo", "Maria Grazia"); p["phone"] != "0578 291112" {
			t.Errorf("D'Angelo's phone after the update = %v, want 0578 291112", p["phone"])
		}
	})
}

func TestImportFlagged(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	csv := e.path("fuori.csv")
	writeExcelCSV(t, csv, []string{"Cognome;Nome;Comune", "Proietti;Giuliano;Perugia", "Menichetti;Anna;Città della Pieve"})
	r := mustRun(t, "import", "people", csv, "--db", db)
	wantContains(t, r, "stdout", r.stdout, "Importato", "2 persone nuove",
		"riga 2, Proietti Giuliano: «Perugia» non è un comune dell'Ambito")
	if strings.Contains(r.stdout, "Menichetti") {
		t.Errorf("%v stdout = %q, want no note for a row without problems", r, r.stdout)
	}
}

// TestImportRefused checks that a file that cannot be imported is refused whole, with a sentence
// that says what to do, and that nothing reaches the register.
func TestImportRefused(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	xlsx := copyFile(t, e.dir, "elenco.xlsx")
	zipAsCSV := e.path("elenco.csv") // the bytes decide, not only the name
	if b, err := os.ReadFile(xlsx); err != nil || os.WriteFile(zipAsCSV, b, 0o644) != nil {
		t.Fatalf("copying %s: %v", xlsx, err)
	}
	mixed := e.path("misto.csv") // UTF-8 with one row pasted from a Windows-1252 file
	if err := os.WriteFile(mixed, []byte("Cognome;Nome\r\nRossi;Niccolò\r\nBartolucci;Niccol\xf2\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tooLong := e.path("lungo.csv") // a surname of a megabyte
	if err := os.WriteFile(tooLong, []byte("Cognome;Nome\r\nRossi;Mario\r\n"+strings.Repeat("Verdi", 1<<18)+";Anna\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"surname too long", tooLong, []string{"Riga 3: Il campo «Cognome» supera i 100 caratteri ammessi"}},
		{"mixed encodings", mixed, []string{"La riga 3 del file non è testo UTF-8 valido", "Nulla è stato importato", "«CSV UTF-8»"}},
		{"unclosed quote", copyFile(t, e.dir, "broken_quote.csv"), []string{"riga 3", "virgolette non sono chiuse", "Nulla è stato importato"}},
		{"xlsx", xlsx, []string{"elenco.xlsx è un foglio di calcolo, non un CSV", "salvalo come CSV"}},
		{"zip named csv", zipAsCSV, []string{"è un foglio di calcolo", "CSV"}},
		{"missing file", e.path("assente.csv"), []string{"Non riesco ad aprire", "assente.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := digest(t, db)
			for _, extra := range [][]string{nil, {"--dry-run"}} {
				r := runCLI(t, append([]string{"import", "people", tt.file, "--db", db}, extra...)...)
				wantCode(t, r, exitError)
				wantContains(t, r, "stderr", r.stderr, tt.want...)
				if r.stdout != "" {
					t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
				}
				wantUntouched(t, r, db, before)
			}
			if n := len(listJSON(t, db, "people")); n != 60 {
				t.Errorf("after refusing %s the register has %d people, want 60", tt.file, n)
			}
		})
	}

	t.Run("missing database", func(t *testing.T) {
		csv := e.path("ok.csv")
		writeExcelCSV(t, csv, excelRows)
		nope := e.path("nope.db")
		r := runCLI(t, "import", "people", csv, "--db", nope)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "non esiste")
		if exists(t, nope) {
			t.Errorf("%v created %s", r, nope)
		}
	})
}

func TestImportEnglish(t *testing.T) {
	e := setup(t, "en")
	db := demoDB(t, e, "trasimeno.db")
	r := runCLI(t, "import", "people", copyFile(t, e.dir, "broken_quote.csv"), "--db", db)
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "on line 3 a quote is not closed")
	r = runCLI(t, "import", "people", copyFile(t, e.dir, "elenco.xlsx"), "--db", db)
	wantCode(t, r, exitError)
	wantContains(t, r, "stderr", r.stderr, "is a spreadsheet, not CSV")
}

// TestImportProgress checks that a large file says on stderr how far the import has got, every 5,000
// rows and at the end, while stdout keeps only the report.
func TestImportProgress(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	lines := []string{"Cognome;Nome;Email"}
	for i := range 10500 {
		lines = append(lines, fmt.Sprintf("Cognome%05d;Nome;persona%05d@example.org", i, i))
	}
	csv := e.path("grande.csv")
	if err := os.WriteFile(csv, []byte(strings.Join(lines, "\r\n")+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		extra []string
		verb  string
	}{
		{"dry run", []string{"--dry-run"}, "Esaminate"},
		{"import", nil, "Importate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, append([]string{"import", "people", csv, "--db", db, "--json"}, tt.extra...)...)
			wantCode(t, r, exitOK)
			want := []string{tt.verb + " 5.000 di 10.500 righe…", tt.verb + " 10.000 di 10.500 righe…",
				tt.verb + " 10.500 di 10.500 righe…"}
			if got := strings.Split(strings.TrimSpace(r.stderr), "\n"); !slices.Equal(got, want) {
				t.Errorf("%v stderr = %q, want %q", r, got, want)
			}
			var rep report
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.New != 10500 {
				t.Errorf("%v stdout: %d new, %v; want a report of 10500 new people", r, rep.New, err)
			}
		})
	}
}

// TestImportUnicodeText imports what Excel saves as "Testo Unicode": UTF-16LE with a BOM, tabs, and
// quotes only around a cell that needs them.
func TestImportUnicodeText(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	const text = "Cognome\tNome\tEnte\tCategoria\tComune\r\n" +
		"Bartolucci\tNiccolò\tSocietà Cooperativa Sociale «Il Girasole»\tCooperativa sociale\tCittà della Pieve\r\n" +
		"Sant’Egidio\tLucia\t\"Associazione \"\"Il Ponte\"\"; ODV\"\tVolontariato\tPaciano\r\n"
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	file := e.path("Elenco partecipanti.txt")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, "import", "people", file, "--db", db)
	wantContains(t, r, "stdout", r.stdout, "(UTF-16 LE)", "2 persone nuove")
	people := listJSON(t, db, "people")
	for _, w := range []struct{ surname, given, organisation string }{
		{"Bartolucci", "Niccolò", "Società Cooperativa Sociale «Il Girasole»"},
		{"Sant’Egidio", "Lucia", `Associazione "Il Ponte"; ODV`},
	} {
		if p := personNamed(t, people, w.surname, w.given); p["organisation"] != w.organisation {
			t.Errorf("%s's organisation = %v, want %q", w.surname, p["organisation"], w.organisation)
		}
	}
}
