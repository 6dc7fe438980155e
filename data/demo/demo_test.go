package demo

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/sqlite"
)

func open(t *testing.T) *sqlite.Store {
	t.Helper()
	n := 0
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), sqlite.Options{
		Device: "test", Now: func() time.Time { return time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC) },
		NewID: func() string { n++; return fmt.Sprintf("id-%d", n) }, Verbale: report.Verbale})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestTrasimenoSeedsTheRealDistrict(t *testing.T) {
	ctx := context.Background()
	ds, err := Trasimeno(1)
	if err != nil {
		t.Fatal(err)
	}
	s := open(t)
	if err := s.Seed(ctx, ds); err != nil {
		t.Fatalf("Seed: %v", err)
	}
	comuni, err := s.Comuni(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	names := map[string]bool{}
	for _, c := range comuni {
		total += c.Population
		names[c.Name] = true
		if !c.PopulationApprox {
			t.Errorf("%s: population not marked approximate", c.Name)
		}
	}
	if len(comuni) != 8 || total < 55000 || total > 57500 || !names["Città della Pieve"] {
		t.Fatalf("comuni = %d, population %d, Città della Pieve %v; want 8, about 56,000, true", len(comuni), total, names["Città della Pieve"])
	}
	people, err := s.People(ctx, data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 60 {
		t.Fatalf("people = %d, want 60", len(people))
	}
	cats := map[data.Category]int{}
	for _, p := range people {
		cats[p.Category]++
	}
	if len(cats) != len(data.Categories) {
		t.Errorf("categories used = %v, want all %d", cats, len(data.Categories))
	}
	bodies, err := s.Bodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 10 || bodies[0].Kind != data.BodySindaci {
		t.Fatalf("bodies = %d (first %s), want 10 starting with the Sindaci", len(bodies), bodies[0].Name)
	}
	seats, err := s.Seats(ctx, bodies[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	pop := 0
	for _, st := range seats {
		pop += st.Population
	}
	if len(seats) != 8 || pop != total {
		t.Errorf("Sindaci seats = %d weighing %d, want 8 weighing %d", len(seats), pop, total)
	}
	members, err := s.Memberships(ctx, bodies[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 11 || members[0].Role != data.RolePresidente {
		t.Errorf("Sindaci members = %d (first %v), want 11 with the presidente first", len(members), members[0].Role)
	}
	a, err := s.Ambito(ctx)
	if err != nil || a.CapofilaID == "" {
		t.Fatalf("Ambito = %+v, %v", a, err)
	}
}

func TestTrasimenoIsReproducibleAndScales(t *testing.T) {
	a, err := Trasimeno(3)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Trasimeno(3)
	if len(a.People) != 180 {
		t.Fatalf("people at scale 3 = %d, want 180", len(a.People))
	}
	if len(a.Comuni) != 8 {
		t.Fatalf("comuni at scale 3 = %d, want 8", len(a.Comuni))
	}
	for i := range a.People {
		if a.People[i] != b.People[i] {
			t.Fatalf("person %d differs between two calls: %+v vs %+v", i, a.People[i], b.People[i])
		}
	}
	if err := open(t).Seed(context.Background(), a); err != nil {
		t.Fatalf("Seed(scale 3): %v", err)
	}
}

func TestSeedRefusesNonEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	if _, err := s.SaveComune(ctx, data.Comune{Name: "Magione"}); err != nil {
		t.Fatal(err)
	}
	ds, _ := Trasimeno(1)
	err := s.Seed(ctx, ds)
	if data.ErrorCode(err) != data.EConflict {
		t.Fatalf("Seed(non-empty) = %v, want %s", err, data.EConflict)
	}
	comuni, _ := s.Comuni(ctx)
	if len(comuni) != 1 {
		t.Fatalf("comuni after refused seed = %d, want 1", len(comuni))
	}
}

func TestEmptyAmbito(t *testing.T) {
	n := 0
	ds := Empty("Ambito di prova", func() string { n++; return fmt.Sprintf("e-%d", n) })
	s := open(t)
	if err := s.Seed(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	bodies, _ := s.Bodies(context.Background())
	areas, _ := s.Areas(context.Background())
	if len(bodies) != 3+len(data.DefaultAreas) || len(areas) != len(data.DefaultAreas) {
		t.Fatalf("empty Ambito: %d bodies, %d areas", len(bodies), len(areas))
	}
}

// The demo's people have genders, and its mayors the title documents name them by: the Tavolo dei
// Sindaci's seat holders are Sindaci and Sindache, stored as such.
func TestTrasimenoTitlesAndGenders(t *testing.T) {
	ctx := context.Background()
	ds, err := Trasimeno(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ds.People {
		if p.Gender == data.GenderUnknown || !p.Gender.Valid() {
			t.Errorf("demo person %s has gender %q, want f or m", p.FullName(), p.Gender)
		}
	}
	s := open(t)
	if err := s.Seed(ctx, ds); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Bellucci Federica": "Sindaca", "Marchetti Luca": "Sindaco", "Santini Elena": "Sindaca",
		"Lupi Andrea": "Sindaco", "Cesarini Paola": "Sindaca"}
	people, err := s.People(ctx, data.PeopleFilter{Category: data.CatComune})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range people {
		if title, ok := want[p.FullName()]; ok {
			found++
			g := data.GenderMaschile
			if title == "Sindaca" {
				g = data.GenderFemminile
			}
			if p.Title != title || p.Gender != g {
				t.Errorf("stored %s: title, gender = %q, %q, want %q, %q", p.FullName(), p.Title, p.Gender, title, g)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d mayors checked", found, len(want))
	}
}

// The demo's 2026 relazione has the Ufficio di Piano's introduction, and its figures agree with it.
func TestDemoRelazione2026(t *testing.T) {
	ds, err := Trasimeno(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Reports) != 1 || ds.Reports[0].Year != 2026 || len(ds.Reports[0].Introduction) < 500 {
		t.Fatalf("the demo's relazioni = %+v, want the 2026 introduction", ds.Reports)
	}
	var planned, spent int64
	realised := 0
	for _, im := range ds.Implementations {
		for _, b := range im.Budget {
			planned, spent = planned+b.Planned, spent+b.Spent
		}
		if im.Progress == 100 {
			realised++
		}
	}
	// "Dei fondi assegnati alle priorità è stato speso circa un terzo"; "L'albo … è realizzato".
	if share := float64(spent) / float64(planned); share < 0.28 || share > 0.38 || realised != 1 {
		t.Errorf("spent %.2f of the money, %d realised: the introduction says about a third and one", share, realised)
	}
}
