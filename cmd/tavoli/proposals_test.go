package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// demoProposals is what the demo command writes: the proposals of the demo district at scale 1.
func demoProposals(t *testing.T) data.Dataset {
	t.Helper()
	ds, err := demo.Trasimeno(1)
	if err != nil {
		t.Fatalf("demo.Trasimeno(1) = %v", err)
	}
	if len(ds.Proposals) == 0 {
		t.Fatal("the demo has no proposals: these tests would prove nothing")
	}
	return ds
}

// listProposalsJSON runs "list proposals --json" with more arguments and decodes the array.
func listProposalsJSON(t *testing.T, db string, args ...string) []map[string]any {
	t.Helper()
	r := mustRun(t, append([]string{"list", "proposals", "--json", "--db", db}, args...)...)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%v printed %q, not a JSON array: %v", r, r.stdout, err)
	}
	return rows
}

func TestListProposalsJSON(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)
	ds := demoProposals(t)

	rows := listJSON(t, db, "proposals")
	if len(rows) != len(ds.Proposals) {
		t.Fatalf("list proposals printed %d objects, want the demo's %d", len(rows), len(ds.Proposals))
	}
	areas := map[string]string{}
	for _, a := range listJSON(t, db, "areas") {
		areas[str(t, a, "id")] = str(t, a, "name")
	}
	want := map[string]data.Proposal{}
	for _, p := range ds.Proposals {
		want[p.ID] = p
	}
	ids := map[string]bool{}
	for _, r := range rows {
		ids[str(t, r, "id")] = true
	}
	for _, r := range rows {
		id, title := str(t, r, "id"), str(t, r, "title")
		if _, err := uuid.Parse(id); err != nil || title == "" {
			t.Errorf("proposal %v: id %q (%v), title %q; want a UUID and a title", r, id, err, title)
		}
		p, ok := want[id]
		if !ok {
			t.Errorf("proposal %q (%s) is not one of the demo's", title, id)
			continue
		}
		if title != p.Title || str(t, r, "text") != p.Text {
			t.Errorf("proposal %s: title %q, text %q; want %q, %q", id, title, r["text"], p.Title, p.Text)
		}
		if str(t, r, "area_id") != p.AreaID || areas[p.AreaID] != str(t, r, "area") || str(t, r, "area") == "" {
			t.Errorf("proposal %q: area %q (%s), want %q (%s)", title, r["area"], r["area_id"], areas[p.AreaID], p.AreaID)
		}
		kind, state := str(t, r, "kind"), str(t, r, "state")
		if kind != string(p.Kind) || state != string(p.State) {
			t.Errorf("proposal %q: kind %q state %q, want codes %q and %q", title, kind, state, p.Kind, p.State)
		}
		if n, ok := r["priority"].(float64); !ok || int(n) != p.Priority {
			t.Errorf("proposal %q: priority %v, want the number %d", title, r["priority"], p.Priority)
		}
		sessionID, date := str(t, r, "session_id"), str(t, r, "session_date")
		if sessionID != p.SessionID || (date == "") != (sessionID == "") {
			t.Errorf("proposal %q: session %q date %q, want session %q with its date", title, sessionID, date, p.SessionID)
		}
		if date != "" {
			when, err := time.Parse(time.RFC3339, date)
			if _, off := when.Zone(); err != nil || off != zoneOffset(when) {
				t.Errorf("proposal %q: session_date %q (%v), want RFC 3339 with the offset of %s", title, date, err, data.Zone)
			}
			if str(t, r, "body") == "" || str(t, r, "body_id") == "" {
				t.Errorf("proposal %q of a session names no body: %v", title, r)
			}
		}
		if (str(t, r, "proposer") == "") != (p.ProposerID == "") || str(t, r, "proposer_id") != p.ProposerID {
			t.Errorf("proposal %q: proposer %q (%s), want the person %s", title, r["proposer"], r["proposer_id"], p.ProposerID)
		}
		if (str(t, r, "organisation") == "") != (p.OrganisationID == "") {
			t.Errorf("proposal %q: organisation %q, want one exactly when the demo has %q", title, r["organisation"], p.OrganisationID)
		}
		merged, split := str(t, r, "merged_into_id"), str(t, r, "split_from_id")
		if merged != p.MergedIntoID || split != p.SplitFromID {
			t.Errorf("proposal %q: merged_into_id %q split_from_id %q, want %q and %q", title, merged, split, p.MergedIntoID, p.SplitFromID)
		}
		if (state == string(data.StateAccorpata)) != (merged != "") || (merged != "" && !ids[merged]) {
			t.Errorf("proposal %q is %s, merged into %q: want a listed proposal exactly when accorpata", title, state, merged)
		}
	}

	// The table, for people: a header in Italian and a line per proposal, states in words.
	r := mustRun(t, "elenca", "proposte", "--db", db)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) != len(rows)+1 {
		t.Errorf("%v printed %d lines, want a header and %d proposals", r, len(lines), len(rows))
	}
	wantContains(t, r, "stdout", lines[0], "Titolo", "Area", "Tipo", "Stato", "Data")
	wantContains(t, r, "stdout", r.stdout, "in valutazione", "Ipotesi progettuale", "Criticità")
	if strings.Contains(r.stdout, "in_valutazione") || strings.Contains(r.stdout, "pstate.") {
		t.Errorf("%v shows codes, want Italian words:\n%s", r, r.stdout)
	}
	wantUntouched(t, r, db, before)
}

// zoneOffset is the offset of data.Zone at t.
func zoneOffset(t time.Time) int {
	_, off := t.In(data.Zone).Zone()
	return off
}

func TestListProposalsFilters(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)
	ds := demoProposals(t)
	area := ds.Areas[0]
	for _, a := range ds.Areas { // an area whose name has an accent, to be typed without it
		if data.Fold(a.Name) != strings.ToLower(a.Name) {
			area = a
		}
	}
	inArea, inState := 0, 0
	for _, p := range ds.Proposals {
		if p.AreaID == area.ID {
			inArea++
		}
		if p.State == data.StateInValutazione {
			inState++
		}
	}
	byID := listProposalsJSON(t, db, "--area", area.ID)
	byName := listProposalsJSON(t, db, "--area", strings.ToUpper(data.Fold(area.Name)))
	if len(byID) != inArea || len(byName) != inArea {
		t.Errorf("--area %s: %d proposals by id, %d by name, want %d", area.Name, len(byID), len(byName), inArea)
	}
	for _, r := range byName {
		if r["area_id"] != area.ID {
			t.Errorf("--area %s listed %q of %v", area.Name, r["title"], r["area"])
		}
	}
	states := listProposalsJSON(t, db, "--state", "in valutazione")
	if len(states) != inState {
		t.Errorf("--state in valutazione: %d proposals, want %d", len(states), inState)
	}
	for _, r := range states {
		if r["state"] != string(data.StateInValutazione) {
			t.Errorf("--state in valutazione listed %q, %v", r["title"], r["state"])
		}
	}
	// A word of a title, in capitals and without its accents, finds it.
	var target data.Proposal
	var word string
	for _, p := range ds.Proposals {
		for _, w := range strings.Fields(p.Title) {
			if len([]rune(w)) >= 6 && data.Fold(w) != strings.ToLower(w) && word == "" {
				target, word = p, w
			}
		}
	}
	if word == "" {
		t.Fatal("no demo title has a long word with an accent")
	}
	found := listProposalsJSON(t, db, "--query", strings.ToUpper(data.Fold(word)))
	if !hasID(found, target.ID) {
		t.Errorf("--query %q did not find %q", strings.ToUpper(data.Fold(word)), target.Title)
	}
	if len(found) == 0 || len(found) >= len(ds.Proposals) {
		t.Errorf("--query %q found %d of %d proposals, want some", word, len(found), len(ds.Proposals))
	}
	if got := listProposalsJSON(t, db, "--query", "parolachenonce"); len(got) != 0 {
		t.Errorf("--query of a word in no proposal found %d", len(got))
	}

	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown area", []string{"--area", "Turismo"}, exitError, "Non c'è un'area «Turismo»"},
		{"unknown state", []string{"--state", "bocciata"}, exitUsage, "«bocciata» non è uno stato di una proposta"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, append([]string{"list", "proposals", "--db", db}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want)
			if r.stdout != "" {
				t.Errorf("%v stdout = %q, want nothing", r, r.stdout)
			}
		})
	}
	wantUntouched(t, result{args: []string{"list", "proposals"}}, db, before)
}

func hasID(rows []map[string]any, id string) bool {
	for _, r := range rows {
		if r["id"] == id {
			return true
		}
	}
	return false
}

// pdfText extracts the text of a PDF with pdftotext, its spaces and line breaks made single spaces
// so that a title wrapped over two lines is still found.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (pdftotext comes with poppler-utils, which .ci/run installs)", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestExportSintesi(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: apt-get install -y poppler-utils (.ci/run installs it)")
	}
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)
	ds := demoProposals(t)

	all := e.path("sintesi.pdf")
	r := mustRun(t, "export", "sintesi", "-o", all, "--db", db)
	wantContains(t, r, "stdout", r.stdout, all)
	b, err := os.ReadFile(all)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s: %d bytes, %v; want a PDF", all, len(b), err)
	}
	text := pdfText(t, all)
	if !strings.Contains(text, "Documento di sintesi") {
		t.Errorf("the synthesis does not say «Documento di sintesi»")
	}
	for _, a := range ds.Areas {
		if !strings.Contains(text, a.Name) {
			t.Errorf("the district's synthesis does not name the area %q", a.Name)
		}
	}
	again := e.path("ancora.pdf")
	mustRun(t, "--db", db, "esporta", "synthesis", "-o", again)
	if b2, _ := os.ReadFile(again); !bytes.Equal(b, b2) {
		t.Error("two exports of the synthesis of the same data differ")
	}

	// One area: its name and its ideas, no other area's.
	area := ds.Areas[0]
	one := e.path("area.pdf")
	mustRun(t, "export", "sintesi", "--area", area.Name, "-o", one, "--db", db)
	text = pdfText(t, one)
	wantContains(t, r, "area synthesis", text, "Documento di sintesi", area.Name)
	for _, a := range ds.Areas[1:] {
		if strings.Contains(text, a.Name) {
			t.Errorf("the synthesis of %q names the area %q", area.Name, a.Name)
		}
	}
	for _, p := range ds.Proposals {
		if p.Kind != data.KindIpotesi || p.State == data.StateAccorpata {
			continue
		}
		title := strings.Join(strings.Fields(p.Title), " ")
		if in := strings.Contains(text, title); in != (p.AreaID == area.ID) {
			t.Errorf("the synthesis of %q shows %q (area %s): %v", area.Name, p.Title, p.AreaID, in)
		}
	}

	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown area", []string{"--area", "Turismo", "-o", e.path("x.pdf")}, exitError, "Non c'è un'area «Turismo»"},
		{"unknown area id", []string{"--area", "00000000-0000-4000-8000-000000000000", "-o", e.path("x.pdf")}, exitError, "Non c'è un'area"},
		{"no output", nil, exitUsage, "-o FILE"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, append([]string{"export", "sintesi", "--db", db}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want)
			if strings.Contains(r.stderr, "err.") {
				t.Errorf("%v stderr = %q, want a sentence, not a key", r, r.stderr)
			}
		})
	}
	if exists(t, e.path("x.pdf")) {
		t.Error("a refused synthesis left a file behind")
	}
	entries, err := os.ReadDir(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range entries {
		if strings.HasSuffix(f.Name(), ".tmp") {
			t.Errorf("an export left the temporary file %s", f.Name())
		}
	}
	wantUntouched(t, r, db, before)
}

// The Esito delle proposte of a table, named as people name it: every proposal made at the table, with
// why a rejected one was rejected; the reasons are in list proposals --json too.
func TestExportEsitoProposte(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)

	var rejected []map[string]any
	for _, p := range listProposalsJSON(t, db, "--state", "respinta") {
		if str(t, p, "reason") == "" {
			t.Errorf("rejected proposal %q has no reason in list proposals --json", str(t, p, "title"))
		}
		rejected = append(rejected, p)
	}
	if len(rejected) == 0 {
		t.Fatal("the demo has no rejected proposal")
	}
	p := rejected[0]
	body := str(t, p, "body")
	out := e.path("esito.pdf")
	r := mustRun(t, "export", "esito-proposte", "--body", body, "-o", out, "--db", db)
	wantContains(t, r, "stdout", r.stdout, out)
	text := pdfText(t, out)
	wantContains(t, r, "esito", text, "ESITO DELLE PROPOSTE", strings.ToUpper(body), "Proposte respinte",
		strings.Join(strings.Fields(str(t, p, "title")), " "),
		"Motivo: "+strings.Join(strings.Fields(str(t, p, "reason")), " "))
	for _, q := range listProposalsJSON(t, db) {
		title := strings.Join(strings.Fields(str(t, q, "title")), " ")
		if str(t, q, "body") == body && !strings.Contains(text, title) {
			t.Errorf("the esito of %s misses its proposal %q", body, title)
		}
	}
	// By the area's name, the same table's document, byte for byte.
	byArea := e.path("per area.pdf")
	mustRun(t, "export", "risposte", "--body", str(t, p, "area"), "-o", byArea, "--db", db)
	if a, b := readFile(t, out), readFile(t, byArea); !bytes.Equal(a, b) {
		t.Errorf("the esito by the area's name differs from the one by the table's name")
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown body", []string{"--body", "Tavolo del turismo", "-o", e.path("x.pdf")}, exitError, "Non c'è un organo «Tavolo del turismo»"},
		{"no body", []string{"-o", e.path("x.pdf")}, exitUsage, "--body"},
		{"no output", []string{"--body", body}, exitUsage, "-o FILE"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, append([]string{"export", "esito-proposte", "--db", db}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want)
		})
	}
	if exists(t, e.path("x.pdf")) {
		t.Error("a refused export left a file behind")
	}
	wantUntouched(t, r, db, before)
}

// The relazione annuale of a year, as a document and as figures for a spreadsheet; without a year, or
// with one out of range, a sentence says what is needed and no file is left.
func TestExportRelazione(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)
	pdf, csvFile := e.path("relazione 2026.pdf"), e.path("relazione 2026.csv")
	r := mustRun(t, "export", "relazione", "--anno", "2026", "-o", pdf, "--db", db)
	wantContains(t, r, "stdout", r.stdout, pdf)
	wantContains(t, r, "relazione", pdfText(t, pdf), "Relazione annuale consuntiva", "Anno 2026",
		"Nel 2026 gli organi del Piano hanno tenuto", "Tavolo dei Sindaci", "La Responsabile dell'Ufficio di Piano")
	mustRun(t, "export", "relazione-annuale", "--year", "2026", "-o", csvFile, "--db", db)
	b := readFile(t, csvFile)
	if !bytes.HasPrefix(b, []byte("\uFEFFSezione;Voce;Dettaglio;Valore\r\n")) || !bytes.Contains(b, []byte("Sedute;Totale;sedute;")) {
		t.Errorf("the figures start %q", b[:min(len(b), 80)])
	}
	again := e.path("ancora.pdf")
	mustRun(t, "export", "relazione", "--anno", "2026", "-o", again, "--db", db)
	if !bytes.Equal(readFile(t, pdf), readFile(t, again)) {
		t.Error("two exports of the same year's relazione differ")
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no year", []string{"-o", e.path("x.pdf")}, exitUsage, "--anno"},
		{"year out of range", []string{"--anno", "26", "-o", e.path("x.pdf")}, exitError, "L'anno 26 non va bene"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, append([]string{"export", "relazione", "--db", db}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want)
		})
	}
	if exists(t, e.path("x.pdf")) {
		t.Error("a refused export left a file behind")
	}
	wantUntouched(t, r, db, before)
}

func TestExportProposalsCSV(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	before := digest(t, db)
	ds := demoProposals(t)

	out := e.path("proposte.csv")
	r := mustRun(t, "export", "proposte", "-o", out, "--db", db)
	wantContains(t, r, "stdout", r.stdout, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFTitolo;Testo;Area;")) {
		t.Fatalf("%s starts %q, want the UTF-8 BOM and a header separated by ';'", out, b[:min(len(b), 40)])
	}
	if !bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("%s has no CRLF line ends", out)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	cr.Comma = ';'
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s is not CSV with ';': %v", out, err)
	}
	header := records[0]
	if header[5] != "Priorità" {
		t.Errorf("header %q, want «Priorità» spelled with its accent", header)
	}
	if len(records)-1 != len(ds.Proposals) {
		t.Fatalf("%s has %d rows, want one per proposal (%d)", out, len(records)-1, len(ds.Proposals))
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	pos := map[string]int{}
	for _, a := range ds.Areas {
		pos[a.Name] = a.Position
	}
	want := map[string]data.Proposal{}
	for _, p := range ds.Proposals {
		want[p.ID] = p
	}
	accented := 0
	for i, rec := range records[1:] {
		p, ok := want[rec[col["Id"]]]
		if !ok {
			t.Errorf("row %d: id %q is not a demo proposal", i+1, rec[col["Id"]])
			continue
		}
		delete(want, p.ID)
		if rec[col["Titolo"]] != p.Title {
			t.Errorf("row %d: title %q, want %q exactly", i+1, rec[col["Titolo"]], p.Title)
		}
		if data.Fold(p.Title+p.Text) != strings.ToLower(p.Title+p.Text) {
			accented++
		}
		if i > 0 && pos[rec[col["Area"]]] < pos[records[i][col["Area"]]] {
			t.Errorf("row %d: area %q after %q, want the areas in order", i+1, rec[col["Area"]], records[i][col["Area"]])
		}
	}
	if len(want) != 0 || accented == 0 {
		t.Errorf("%d demo proposals missing from the file; %d rows with accents (want some)", len(want), accented)
	}

	// The filters of list apply; a wrong state is refused before anything is written.
	some := e.path("in-valutazione.csv")
	mustRun(t, "export", "proposals", "--state", "in_valutazione", "-o", some, "--db", db)
	if b, _ := os.ReadFile(some); !bytes.Contains(b, []byte(";in valutazione;")) || bytes.Contains(b, []byte(";proposta;")) {
		t.Errorf("export --state in_valutazione wrote %q", b)
	}
	r = runCLI(t, "export", "proposte", "--state", "bocciata", "-o", e.path("x.csv"), "--db", db)
	wantCode(t, r, exitUsage)
	if exists(t, e.path("x.csv")) {
		t.Errorf("%v wrote a file", r)
	}
	wantUntouched(t, r, db, before)
}

// readFile is a file's bytes; the test fails when it cannot be read.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
