package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A person of the demo who attended sessions: their data exported (art. 15), then erased (art. 17)
// from the command line, after a dry run that changed nothing.
func TestErasePersonAndExportPersona(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	var who map[string]any
	for _, p := range listJSON(t, db, "people") {
		if p["email"] != "" && p["phone"] != "" {
			who = p
			break
		}
	}
	if who == nil {
		t.Fatal("no person of the demo has an email and a phone")
	}
	id, surname, email := who["id"].(string), who["surname"].(string), who["email"].(string)

	// Art. 15: the PDF and the JSON.
	pdf := e.path("persona.pdf")
	mustRun(t, "export", "persona", "--person", id, "-o", pdf, "--db", db)
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s: %v", pdf, err)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (apt-get install poppler-utils)", err)
	}
	for _, want := range []string{"DATI PERSONALI TRATTATI", surname, email, "Titolare del trattamento", "Partecipazione ai tavoli"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the persona PDF lacks %q", want)
		}
	}
	r := mustRun(t, "export", "persona", "--person", id, "--json", "--db", db)
	var rec map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatalf("export persona --json: %v\n%s", err, r.stdout)
	}
	person, _ := rec["person"].(map[string]any)
	if person["email"] != email || rec["privacy_notice"] == nil {
		t.Fatalf("export persona --json = %s", r.stdout)
	}
	sessions, _ := rec["sessions"].([]any)
	wantCode(t, runCLI(t, "export", "persona", "-o", pdf, "--db", db), exitUsage)

	// Art. 17: a dry run changes nothing, then the erasure.
	before := digest(t, db)
	r = mustRun(t, "erase", "person", id, "--dry-run", "--db", db)
	wantContains(t, r, "stdout", r.stdout, "Cancellerebbe i dati personali di", "Non si potrà annullare.")
	if digest(t, db) != before {
		t.Fatal("erase --dry-run changed the database")
	}
	r = mustRun(t, "cancella", "persona", id, "--db", db)
	wantContains(t, r, "stdout", r.stdout, "Dati personali di", "cancellati: ora «"+surname[:1]+".")
	if len(sessions) > 0 {
		wantContains(t, r, "stdout", r.stdout, "restano come sono stati approvati")
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(email)) {
		t.Errorf("the database file still holds %q", email)
	}
	r = mustRun(t, "erase", "person", id, "--db", db)
	wantContains(t, r, "stdout", r.stdout, "sono già stati cancellati")
	wantCode(t, runCLI(t, "erase", "person", "--db", db), exitUsage)
	r = runCLI(t, "erase", "person", "00000000-0000-4000-8000-000000000000", "--db", db)
	wantCode(t, r, exitError)
}
