package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestListSessionsJSON(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	rows := listJSON(t, db, "sessions")
	if len(rows) == 0 {
		t.Fatal("list sessions --json printed no session of the demo")
	}
	bodies := map[string]bool{}
	for _, r := range rows {
		for _, k := range []string{"id", "body", "body_id", "date", "status"} {
			if s, _ := r[k].(string); s == "" {
				t.Errorf("session %v has no %q", r, k)
			}
		}
		if _, err := time.Parse(time.RFC3339, r["date"].(string)); err != nil {
			t.Errorf("date %q is not RFC 3339: %v", r["date"], err)
		}
		bodies[r["body_id"].(string)] = true
	}
	if got := len(listJSON(t, db, "bodies")); len(bodies) < got-1 {
		t.Errorf("sessions cover %d bodies of %d, want (nearly) every body", len(bodies), got)
	}
	// The Italian word works too, and the table form prints a header and a line per session.
	r := mustRun(t, "elenca", "sedute", "--db", db)
	if n := bytes.Count([]byte(r.stdout), []byte("\n")); n != len(rows)+1 {
		t.Errorf("%v printed %d lines, want %d", r, n, len(rows)+1)
	}
}

func TestExportSessionDocuments(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	rows := listJSON(t, db, "sessions")
	if len(rows) == 0 {
		t.Fatal("the demo has no session")
	}
	id := sessionIn(t, rows, "chiusa") // a verbale needs a session that was held
	before := digest(t, db)
	for _, tt := range []struct {
		kind, file, magic string
	}{
		{"convocazione", "c.pdf", "%PDF-"},
		{"presenze", "p.pdf", "%PDF-"},
		{"verbale", "v.pdf", "%PDF-"},
		{"ics", "s.ics", "BEGIN:VCALENDAR"},
	} {
		t.Run(tt.kind, func(t *testing.T) {
			out := e.path(tt.file)
			r := mustRun(t, "export", tt.kind, "--session", id, "-o", out, "--db", db)
			wantContains(t, r, "stdout", r.stdout, out)
			b, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(b, []byte(tt.magic)) {
				t.Fatalf("%s: %d bytes, %v; want a file starting %q", out, len(b), err, tt.magic)
			}
			// The same data gives the same bytes.
			again := e.path("again-" + tt.file)
			mustRun(t, "--db", db, "-o", again, "export", tt.kind, "--session", id)
			if b2, _ := os.ReadFile(again); !bytes.Equal(b, b2) {
				t.Errorf("two exports of the %s differ", tt.kind)
			}
		})
	}
	if digest(t, db) != before {
		t.Error("exporting changed the database file")
	}
}

// sessionIn is the id of the first listed session in status.
func sessionIn(t *testing.T, rows []map[string]any, status string) string {
	t.Helper()
	for _, r := range rows {
		if r["status"] == status {
			return r["id"].(string)
		}
	}
	t.Fatalf("no session is %s among %d", status, len(rows))
	return ""
}

func TestExportRefusals(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	rows := listJSON(t, db, "sessions")
	id, coming := sessionIn(t, rows, "chiusa"), sessionIn(t, rows, "convocata")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no document", []string{"export", "--db", db}, exitUsage, "convocazione, presenze, verbale o ics"},
		{"unknown document", []string{"export", "delibera", "--db", db}, exitUsage, "convocazione, presenze, verbale o ics"},
		{"no session", []string{"export", "verbale", "-o", e.path("x.pdf"), "--db", db}, exitUsage, "--session"},
		{"no output", []string{"export", "verbale", "--session", id, "--db", db}, exitUsage, "-o FILE"},
		{"unknown session", []string{"export", "verbale", "--session", "00000000-0000-4000-8000-000000000000",
			"-o", e.path("x.pdf"), "--db", db}, exitError, "non esiste"},
		{"never held", []string{"export", "verbale", "--session", coming, "-o", e.path("x.pdf"), "--db", db}, exitError,
			"non si è ancora tenuta (stato: convocata): non ha un verbale"},
		{"folder missing", []string{"export", "verbale", "--session", id, "-o", filepath.Join(e.dir, "no", "x.pdf"),
			"--db", db}, exitError, "non esiste: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.args...)
			wantCode(t, r, tt.code)
			wantContains(t, r, "stderr", r.stderr, tt.want)
		})
	}
	if _, err := os.Stat(e.path("x.pdf")); err == nil {
		t.Error("a refused export left a file behind")
	}
}

// TestExportResults: every vote of the demo gives its results PDF from the command line, numbered within
// its session; two votes of one session get different titles.
func TestExportResults(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	votes := listJSON(t, db, "votes")
	if len(votes) < 7 {
		t.Fatalf("the demo lists %d votes, want one of every method", len(votes))
	}
	bySession := map[string][]string{} // the PDFs' titles, per session
	for i, v := range votes {
		out := e.path(fmt.Sprintf("risultati %d – Città.pdf", i))
		mustRun(t, "export", "risultati", "--vote", v["id"].(string), "-o", out, "--db", db)
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s: %d bytes, %v", out, len(b), err)
		}
		title := regexp.MustCompile(`ESITO DELLA VOTAZIONE N\. \d+`).FindString(pdfText(t, out))
		if title == "" || !strings.HasPrefix(pdfTitle(t, out), "Esito della votazione n. "+title[len("ESITO DELLA VOTAZIONE N. "):]) {
			t.Errorf("%s: heading %q, document title %q", out, title, pdfTitle(t, out))
		}
		sid := v["session_id"].(string)
		bySession[sid] = append(bySession[sid], title)
	}
	twice := 0
	for sid, titles := range bySession {
		seen := map[string]bool{}
		for _, ti := range titles {
			if seen[ti] {
				t.Errorf("session %s: two results PDFs titled %q", sid, ti)
			}
			seen[ti] = true
		}
		if len(titles) > 1 {
			twice++
		}
	}
	if twice == 0 {
		t.Error("no session of the demo has two votes: the numbering is not exercised")
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no vote", []string{"export", "risultati", "-o", e.path("x.pdf"), "--db", db}, exitUsage, "--vote ID"},
		{"unknown vote", []string{"export", "risultati", "--vote", "00000000-0000-4000-8000-000000000000", "-o",
			e.path("x.pdf"), "--db", db}, exitError, "Non c'è una votazione con id"},
	} {
		r := runCLI(t, tt.args...)
		wantCode(t, r, tt.code)
		wantContains(t, r, "stderr", r.stderr, tt.want)
	}
	if exists(t, e.path("x.pdf")) {
		t.Error("a refused export left a file")
	}
}

// pdfTitle is the Title pdfinfo reads from a PDF.
func pdfTitle(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v (install poppler-utils)", path, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Title:"); ok {
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("%s has no title", path)
	return ""
}

func TestExportBallotsRecounts(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	votes := listJSON(t, db, "votes")
	if len(votes) < 7 {
		t.Fatalf("the demo lists %d votes, want one of every method", len(votes))
	}
	methods := map[string]bool{}
	for _, v := range votes {
		methods[v["method"].(string)] = true
		out := e.path(v["id"].(string) + ".json")
		mustRun(t, "export", "schede", "--vote", v["id"].(string), "-o", out, "--db", db)
		r := mustRun(t, "tally", out)
		var res map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatalf("tally of %s printed %q: %v", out, r.stdout, err)
		}
		if res["method"] != v["method"] {
			t.Errorf("recount of %s: method %v, want %v", v["id"], res["method"], v["method"])
		}
	}
	if len(methods) != 7 {
		t.Errorf("methods in the demo = %v, want all seven", methods)
	}
	r := runCLI(t, "export", "schede", "-o", e.path("x.json"), "--db", db)
	wantCode(t, r, exitUsage)
	wantContains(t, r, "stderr", r.stderr, "--vote ID")
}

// TestExportVerbaleNamesValidatedProposals checks that the verbale of a Tavolo Alto session states which
// proposals its validation vote decided on, by title: the demo's session of 5 November 2026 validated
// three of the priority list.
func TestExportVerbaleNamesValidatedProposals(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	var id string
	for _, r := range listJSON(t, db, "sessions") {
		if r["body"] == "Tavolo Alto della Concertazione" && strings.HasPrefix(r["date"].(string), "2026-11-05") {
			id = r["id"].(string)
		}
	}
	if id == "" {
		t.Fatal("the demo has no Tavolo Alto session on 5 November 2026")
	}
	out := e.path("v.pdf")
	mustRun(t, "export", "verbale", "--session", id, "-o", out, "--db", db)
	text := pdfText(t, out)
	for _, want := range []string{"oggetto della votazione", "Gruppo appartamento per l'autonomia",
		"«Sportello informativo di Ambito “Immigrati in Rete 2”»", "Caffè Alzheimer itinerante nei comuni del lago"} {
		if !strings.Contains(text, want) {
			t.Errorf("the verbale does not name %q:\n%s", want, text)
		}
	}
}
