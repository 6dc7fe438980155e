package main

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	docs "github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/sqlite"
)

// TestHistoryCommand: a demo person's phone changed in the window reads back as one line of its history,
// in Italian, naming the operator and the computer; --json gives the same entry with its stable fields.
func TestHistoryCommand(t *testing.T) {
	e := setup(t, "")
	db := demoDB(t, e, "trasimeno.db")
	ctx := context.Background()
	// An hour after `tavoli demo` wrote the file (its records are stamped when written), on a whole
	// minute: a change is stamped after the version it replaces, so a fixed day would read back as the
	// demo's own time whenever the test runs later in the day than that.
	at := time.Now().Add(time.Hour).Truncate(time.Minute)
	st, err := sqlite.Open(ctx, db, sqlite.Options{Device: "d7c1a0e2-0000-4000-8000-000000000001",
		Verbale: docs.Verbale, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatalf("sqlite.Open(%q): %v", db, err)
	}
	if err := st.RegisterDevice(ctx, "PC-UDP", "Lucia Ferri"); err != nil {
		t.Fatalf("RegisterDevice: %v", err)
	}
	people, err := st.People(ctx, data.PeopleFilter{Limit: 1})
	if err != nil || len(people) == 0 {
		t.Fatalf("People = %d, %v", len(people), err)
	}
	p := people[0].Person
	old := p.Phone
	p.Phone = "333 2222222"
	if _, err := st.SavePerson(ctx, p); err != nil {
		t.Fatalf("SavePerson: %v", err)
	}
	st.Close()

	r := mustRun(t, "history", "--record", p.ID, "--db", db)
	want := italian.Day(at) + " " + italian.Clock(at) + " · Lucia Ferri (PC-UDP) · modificato · Telefono: " + old + " → 333 2222222\n"
	if old == "" {
		t.Fatalf("the demo's first person %s has no phone: the test would not show an old value", p.ID)
	}
	if r.stdout != want {
		t.Errorf("%s printed %q, want %q", r, r.stdout, want)
	}
	r = mustRun(t, "storia", "--json", "--db", db, "--record", p.ID)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%s: %v\n%s", r, err, r.stdout)
	}
	if len(rows) != 1 || rows[0]["action"] != "changed" || rows[0]["operator"] != "Lucia Ferri" ||
		rows[0]["computer"] != "PC-UDP" || rows[0]["kind"] != "person" || rows[0]["at"] != at.In(data.Zone).Format(time.RFC3339) {
		t.Fatalf("%s = %s", r, r.stdout)
	}
	changes, _ := rows[0]["changes"].([]any)
	if len(changes) != 1 {
		t.Fatalf("%s changes = %v, want the phone alone", r, changes)
	}
	if c := changes[0].(map[string]any); c["field"] != "phone" || c["label"] != "Telefono" || c["old"] != old ||
		c["new"] != "333 2222222" {
		t.Errorf("%s change = %v", r, c)
	}

	// A record with no history yet says so; an unknown id and a missing --record are refused.
	comune, _ := listJSON(t, db, "comuni")[0]["id"].(string)
	r = mustRun(t, "history", "--record", comune, "--db", db)
	wantContains(t, r, "stdout", r.stdout, "Nessuna modifica registrata")
	wantCode(t, runCLI(t, "history", "--record", "nessuno", "--db", db), exitError)
	wantCode(t, runCLI(t, "history", "--db", db), exitUsage)
}
