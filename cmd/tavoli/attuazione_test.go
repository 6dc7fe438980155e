package main

import (
	"strings"
	"testing"
)

func TestListAttuazioneJSON(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	rows := listJSON(t, db, "attuazione")
	if len(rows) != 5 {
		t.Fatalf("list attuazione = %d rows, want the five priorities the Sindaci approved", len(rows))
	}
	first := rows[0]
	p := first["proposal"].(map[string]any)
	// The tirocini missed a milestone of June 2026: late whatever day the test runs.
	if first["late"] != true || !strings.HasPrefix(p["title"].(string), "Tirocini") {
		t.Errorf("first row = %v late %v, want the late tirocini first", p["title"], first["late"])
	}
	var trasporto map[string]any
	for _, r := range rows {
		for _, k := range []string{"id", "proposal", "responsible", "responsible_kind", "responsible_id", "start", "end",
			"progress", "budget", "planned", "spent", "milestones", "indicators", "notes", "late"} {
			if _, ok := r[k]; !ok {
				t.Errorf("row %v has no %q", r["proposal"], k)
			}
		}
		pr := r["proposal"].(map[string]any)
		for _, k := range []string{"id", "title", "area", "area_id", "state", "priority"} {
			if _, ok := pr[k]; !ok {
				t.Errorf("proposal %v has no %q", pr["title"], k)
			}
		}
		if strings.HasPrefix(pr["title"].(string), "Trasporto sociale") {
			trasporto = r
		}
		if pr["state"] == "realizzata" && (r["progress"] != 100.0 || r["late"] != false) {
			t.Errorf("realizzata %v at %v%%, late %v", pr["title"], r["progress"], r["late"])
		}
	}
	if trasporto == nil {
		t.Fatal("no trasporto sociale in the list")
	}
	if trasporto["responsible"] != "Comune di Castiglione del Lago" || trasporto["start"] != "2026-03-02" ||
		trasporto["end"] != "2027-12-31" {
		t.Errorf("trasporto: %v from %v to %v", trasporto["responsible"], trasporto["start"], trasporto["end"])
	}
	fnps := trasporto["budget"].([]any)[0].(map[string]any)
	if fnps["source"] != "fnps" || fnps["planned"] != 38000.0 || fnps["spent"] != 17650.0 {
		t.Errorf("trasporto FNPS = %v, want 38000 planned and 17650 spent, in euro", fnps)
	}
	ms := trasporto["milestones"].([]any)
	if len(ms) != 4 || ms[0].(map[string]any)["done_on"] != "2026-04-22" {
		t.Errorf("trasporto milestones = %v", ms)
	}
}

func TestListAttuazioneTable(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	r := mustRun(t, "list", "attuazione", "--db", db)
	for _, want := range []string{"in ritardo", "Comune di Castiglione del Lago", "54.500,00", "23.380,50", "100%"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list attuazione printed\n%s\nwant %q in it", r.stdout, want)
		}
	}
}
