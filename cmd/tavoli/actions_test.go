package main

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestListActions: the register of actions of the demo, overdue first, with its stable fields; --overdue
// keeps the overdue ones only.
func TestListActions(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	all := listJSON(t, db, "actions")
	if len(all) == 0 {
		t.Fatal("list actions: no actions in the demo")
	}
	var keys []string
	for k := range all[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range []string{"id", "who", "what", "done", "body", "body_id", "session_id", "session_date", "overdue"} {
		if _, ok := all[0][k]; !ok {
			t.Errorf("list actions --json: no %q in %v", k, keys)
		}
	}
	today := time.Now().Format(time.DateOnly)
	seenOpen, overdue := false, 0
	for _, a := range all {
		late, _ := a["overdue"].(bool)
		done, _ := a["done"].(bool)
		due, _ := a["due"].(string)
		if late {
			overdue++
			if seenOpen || done || due == "" || due >= today {
				t.Errorf("overdue action out of place or not overdue: %v", a)
			}
		} else {
			seenOpen = true
		}
		if on, _ := a["done_on"].(string); on != "" && !done {
			t.Errorf("done_on without done: %v", a)
		}
	}
	if overdue == 0 {
		t.Error("list actions: the demo has no overdue action")
	}
	r := mustRun(t, "list", "actions", "--overdue", "--json", "--db", db)
	var only []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &only); err != nil {
		t.Fatalf("list actions --overdue --json: %v\n%s", err, r.stdout)
	}
	if !reflect.DeepEqual(only, all[:overdue]) {
		t.Errorf("list actions --overdue = %d actions, want the %d overdue ones first in the full list", len(only), overdue)
	}
	text := mustRun(t, "list", "azioni", "--db", db)
	wantContains(t, text, "list azioni", text.stdout, "scaduta", "Entro il")
}

// TestExportConvocazioneChecksActions: the demo's next Tavolo dei Sindaci has a "Verifica delle azioni"
// whose convocation lists the body's open action, marked scaduta.
func TestExportConvocazioneChecksActions(t *testing.T) {
	e := setup(t, "it")
	db := demoDB(t, e, "demo.db")
	id := sessionIn(t, listJSON(t, db, "sessions"), "convocata")
	out := e.path("convocazione.pdf")
	mustRun(t, "export", "convocazione", "--session", id, "-o", out, "--db", db)
	text := pdfText(t, out)
	want := "2. Verifica delle azioni – Giunte degli otto Comuni: Recepire il nuovo Regolamento del SAL con delibera " +
		"di Giunta, entro il 30/09/2025 (seduta del 10 luglio 2025) – scaduta 3. Relazione annuale consuntiva"
	if !strings.Contains(text, want) {
		t.Errorf("convocazione text lacks %q:\n%s", want, text)
	}
}
