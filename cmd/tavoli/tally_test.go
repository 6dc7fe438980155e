package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestTallyFiles recounts every ballot file of testdata/tally and compares what it prints with the
// file's .golden twin (rewritten with -update, to be reviewed before committing). The fragments are
// the facts each result must state, checked apart from the golden files so that a careless -update
// cannot hide a wrong count.
func TestTallyFiles(t *testing.T) {
	facts := map[string][]string{
		"esempio.json": {`"winner": "A"`, `"ballot": 1`, `"count": 5`, `"reason": "la scheda non indica a chi vanno i bollini"`},
		"mozione_sindaci.json": {`"favorevoli": 4`, `"astenuti": 2`, `"presenti": 7`, `"quorum_met": true`, `"approved": false`,
			`"favorevoli": 20600`, `"presenti": 55950`, `"reason": "il votante «paciano» risulta assente"`,
			`"reason": "il votante «tuoro» ha già votato: vale la prima scheda"`},
		"mozione_schede.json": {`"favorevoli": 8`, `"contrari": 3`, `"presenti": 14`, `"approved": true`,
			`"reason": "«sì» non è un voto valido: si vota favorevole, contrario o astenuto"`},
		// The same box with a scheda bianca, under the rule that counts bianche and nulle among the
		// votanti: 8 of 13 votanti fall short of two thirds.
		"mozione_bianche.json": {`"blank_votanti": true`, `"favorevoli": 8`, `"votanti": 13`, `"presenti": 15`,
			`"approved": false`, `"reason": "manca il voto: favorevole, contrario o astenuto"`},
		"bollini.json": {`"winner": "trasporto"`, `"label": "Trasporto sociale & accompagnamento"`,
			`"reason": "assegna a «sportello» un numero non intero di bollini"`, `"reason": "supera i 5 bollini a disposizione"`},
		"punti.json":             {`"tie": true`, `"rule": "lot"`, `"seed": 2027`, `"reason": "supera i 100 punti a disposizione"`},
		"borda_tennessee.json":   {`"winner": "nashville"`, `"score": 194`, `"valid": 100`},
		"schulze_wikipedia.json": {`"winner": "E"`, `"valid": 45`},
		"punteggio.json": {`"winner": "A"`, `"score": 3.5`, `"rule": "chair"`,
			`"reason": "il punteggio di «A» per «urgenza» è fuori dalla scala da 1 a 5"`},
		"approvazione.json": {`"winner": "A"`, `"order": [`, `"reason": "l'opzione «A» è approvata più volte"`},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "tally", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "broken_") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			setup(t, "it")
			r := mustRun(t, "tally", path)
			var out map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatalf("%v printed %q, not JSON: %v", r, r.stdout, err)
			}
			wantContains(t, r, "stdout", r.stdout, facts[name]...)
			if facts[name] == nil {
				t.Errorf("%s has no facts to check: add them to the table", name)
			}
			golden := strings.TrimSuffix(path, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v: %v (run go test -update and review the file)", r, err)
			}
			if r.stdout != string(want) {
				t.Errorf("%v stdout =\n%s\nwant (%s)\n%s", r, r.stdout, golden, want)
			}
		})
	}
}

// TestTallyBrokenFiles: a file that cannot be counted prints nothing on stdout, a sentence on stderr
// in the user's language, and exits 1.
func TestTallyBrokenFiles(t *testing.T) {
	tests := []struct {
		file, lang, sentence string
	}{
		{"broken_json.json", "it", "non è JSON valido: c'è un errore alla riga 3"},
		{"broken_method.json", "it", "Il metodo di voto «sorteggio» non esiste"},
		{"broken_options.json", "it", "L'opzione «A» compare due volte nel file"},
		{"broken_seed.json", "it", "Il sorteggio (\"tie_break\": \"lot\") ha bisogno di un seme"},
		{"broken_rule.json", "it", "La regola «threshold» del file ha un valore che Tavoli non conosce: «unanimity»."},
		{"broken_criteria.json", "it", "Un voto a punteggio sui criteri ha bisogno dei criteri"},
		{"broken_count.json", "it", "La scheda n. 1 del file vale per «0» schede"},
		{"broken_key.json", "it", "La chiave «treshold» in rules non esiste"},
		{"broken_utf8.json", "it", "salvalo come UTF-8"},
		{"broken_anonymous.json", "it", "i totali anonimi non si possono pesare"},
		{"broken_json.json", "en", "is not valid JSON: there is an error on line 3"},
		{"broken_key.json", "en", "The key «treshold» in rules does not exist"},
		{"broken_rule.json", "en", "The file's rule «threshold» has a value Tavoli does not know: «unanimity»."},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.file, func(t *testing.T) {
			setup(t, tt.lang)
			r := runCLI(t, "tally", filepath.Join("testdata", "tally", tt.file))
			wantCode(t, r, exitError)
			wantContains(t, r, "stderr", r.stderr, tt.sentence)
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
		})
	}
}

func TestTallyCommandLine(t *testing.T) {
	e := setup(t, "it")
	example := filepath.Join("testdata", "tally", "esempio.json")
	t.Run("the Italian word, flags anywhere", func(t *testing.T) {
		r := mustRun(t, "scrutinio", "--json", example)
		wantContains(t, r, "stdout", r.stdout, `"method": "dots"`)
	})
	t.Run("a missing file", func(t *testing.T) {
		r := runCLI(t, "tally", e.path("schede.json"))
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "Non riesco ad aprire", "schede.json")
	})
	t.Run("a folder", func(t *testing.T) {
		r := runCLI(t, "tally", e.dir)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "Non riesco a leggere")
	})
	t.Run("an empty file", func(t *testing.T) {
		empty := e.path("vuoto.json")
		if err := os.WriteFile(empty, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, "tally", empty)
		wantCode(t, r, exitError)
		wantContains(t, r, "stderr", r.stderr, "Il file delle schede è vuoto.")
	})
	for _, args := range [][]string{{"tally"}, {"tally", example, example}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, args...)
			wantCode(t, r, exitUsage)
			wantContains(t, r, "stderr", r.stderr, "Scrivi: tavoli tally FILE.json")
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
		})
	}
	t.Run("the usage names it", func(t *testing.T) {
		r := mustRun(t, "help")
		wantContains(t, r, "stdout", r.stdout, "tavoli tally FILE.json")
	})
}
