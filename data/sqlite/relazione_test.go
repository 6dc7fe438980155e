package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// A year's introduction: one record whatever laptop writes it, refused when stale, travelling in
// bundles; a year out of range is refused with a sentence.
func TestAnnualReportIntroduction(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions(refusalDevice(1), refusalDay))
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions(refusalDevice(2), refusalDay.Add(time.Minute)))
	newRegistryIn(t, a)
	exchange(t, a, b, bundle.ExportOptions{Peer: b.Device()})

	empty, err := a.AnnualReport(ctx, 2026)
	must(t, "AnnualReport(nothing yet)", err)
	if empty.Introduction != "" || empty.Year != 2026 || empty.ID == "" || !empty.Created.IsZero() {
		t.Fatalf("a year with nothing written = %+v", empty)
	}
	r, err := a.SaveAnnualReport(ctx, data.AnnualReport{Year: 2026, Introduction: "Scritta sul portatile A."})
	must(t, "SaveAnnualReport", err)
	if r.ID != empty.ID {
		t.Errorf("the saved record's id %s differs from the year's id %s", r.ID, empty.ID)
	}
	stale := r
	r.Introduction = "Corretta sul portatile A."
	r, err = a.SaveAnnualReport(ctx, r)
	must(t, "SaveAnnualReport(edit)", err)
	stale.Introduction = "Da una finestra rimasta aperta."
	_, err = a.SaveAnnualReport(ctx, stale)
	wantErr(t, "SaveAnnualReport(stale)", err, data.EChanged, "err.record.changed")

	// B writes the same year without having received A's: one record, the later edit kept on both.
	_, err = b.SaveAnnualReport(ctx, data.AnnualReport{Year: 2026, Introduction: "Scritta sul portatile B, più tardi."})
	must(t, "SaveAnnualReport on B", err)
	exchange(t, a, b, bundle.ExportOptions{Peer: b.Device()})
	exchange(t, b, a, bundle.ExportOptions{Peer: a.Device()})
	onA, err := a.AnnualReport(ctx, 2026)
	must(t, "AnnualReport on A", err)
	onB, err := b.AnnualReport(ctx, 2026)
	must(t, "AnnualReport on B", err)
	if onA.Introduction != onB.Introduction || onA.Introduction != "Scritta sul portatile B, più tardi." {
		t.Errorf("after the exchange A has %q, B %q; want B's later text on both", onA.Introduction, onB.Introduction)
	}
	var n int
	must(t, "count", a.db.QueryRowContext(ctx, `SELECT count(*) FROM annual_reports WHERE year = 2026`).Scan(&n))
	if n != 1 {
		t.Errorf("%d records for 2026 on A, want 1", n)
	}
	for _, y := range []int{0, 1999, 2101} {
		_, err := a.SaveAnnualReport(ctx, data.AnnualReport{Year: y})
		wantErr(t, "SaveAnnualReport(year)", err, data.EInvalid, "err.relazione.year")
		_, err = a.Relazione(ctx, y)
		wantErr(t, "Relazione(year)", err, data.EInvalid, "err.relazione.year")
	}
}

// The relazione of a year of the demo counts that year's sessions only; the figures agree with the
// sessions held that year.
func TestRelazioneDemoYear(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	seedDemo(t, s, 1)
	sessions, err := s.Sessions(ctx, data.SessionFilter{})
	must(t, "Sessions", err)
	held := map[int]int{}
	for _, v := range sessions {
		switch v.Status {
		case data.SessionInCorso, data.SessionChiusa, data.SessionApprovata:
			held[v.Date.In(data.Zone).Year()]++
		}
	}
	if len(held) < 2 {
		t.Fatalf("the demo holds sessions in %d years, want at least two to tell them apart", len(held))
	}
	_, err = s.SaveAnnualReport(ctx, data.AnnualReport{Year: 2026, Introduction: "Il secondo anno del Piano."})
	must(t, "SaveAnnualReport", err)
	for year, n := range held {
		r, err := s.Relazione(ctx, year)
		must(t, "Relazione", err)
		if r.Participation.Meetings != n {
			t.Errorf("%d: %d meetings, want the %d sessions held that year", year, r.Participation.Meetings, n)
		}
		days := 0
		for _, h := range r.Held {
			for _, d := range h.Days {
				days++
				if d.In(data.Zone).Year() != year {
					t.Errorf("%d: %s held on %v", year, h.Body.Name, d)
				}
			}
		}
		if days != n || r.Ambito.Name == "" || r.Responsible == "" || r.Changed.IsZero() {
			t.Errorf("%d: %d days listed for %d sessions; ambito %q, responsible %q", year, days, n, r.Ambito.Name, r.Responsible)
		}
		for _, round := range r.Rounds {
			if round.Session.Date.In(data.Zone).Year() != year {
				t.Errorf("%d: a round of %v", year, round.Session.Date)
			}
			for _, id := range round.Vote.Covers {
				if r.Titles[id] == "" {
					t.Errorf("%d: the round covers %s, with no title", year, id)
				}
			}
		}
		if want := map[bool]string{true: "Il secondo anno del Piano.", false: ""}[year == 2026]; r.Introduction != want {
			t.Errorf("%d: introduction %q, want %q", year, r.Introduction, want)
		}
	}
}
