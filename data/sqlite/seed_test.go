package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

func TestIsEmpty(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	empty := func() bool {
		e, err := s.IsEmpty(ctx)
		must(t, "IsEmpty", err)
		return e
	}
	if !empty() {
		t.Fatal("IsEmpty() on a new database = false, want true")
	}
	c, err := s.SaveComune(ctx, data.Comune{Name: "Paciano"})
	must(t, "SaveComune", err)
	if empty() {
		t.Error("IsEmpty() with a comune = true, want false")
	}
	_, err = s.Delete(ctx, data.Ref{Kind: data.KindComune, ID: c.ID})
	must(t, "Delete", err)
	if empty() {
		t.Error("IsEmpty() with a deleted comune = true, want false: the tombstone is data to merge")
	}
}

// TestSeed fills empty databases with the demo district and with a new Ambito's standard bodies.
func TestSeed(t *testing.T) {
	ctx := context.Background()
	trasimeno, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	for _, tc := range []struct {
		name string
		ds   data.Dataset
		want string
	}{
		{"demo district", trasimeno, "comuni 8, areas 6, organisations 29, people 60, bodies 10"},
		{"new Ambito", demo.Empty("Ambito sociale n.9", testIDs()), "comuni 0, areas 6, organisations 0, people 0, bodies 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			must(t, "Seed", s.Seed(ctx, tc.ds))
			comuni, err := s.Comuni(ctx)
			must(t, "Comuni", err)
			areas, err := s.Areas(ctx)
			must(t, "Areas", err)
			orgs, err := s.Organisations(ctx, "")
			must(t, "Organisations", err)
			people, err := s.People(ctx, data.PeopleFilter{})
			must(t, "People", err)
			bodies, err := s.Bodies(ctx)
			must(t, "Bodies", err)
			got := fmt.Sprintf("comuni %d, areas %d, organisations %d, people %d, bodies %d",
				len(comuni), len(areas), len(orgs), len(people), len(bodies))
			if got != tc.want {
				t.Errorf("after Seed(%s): %s, want %s", tc.name, got, tc.want)
			}
			seats, members := 0, 0
			for _, b := range bodies {
				list, err := s.Seats(ctx, b.ID)
				must(t, "Seats", err)
				seats += len(list)
				m, err := s.Memberships(ctx, b.ID)
				must(t, "Memberships", err)
				members += len(m)
			}
			if seats != len(tc.ds.Seats) || members != len(tc.ds.Memberships) {
				t.Errorf("after Seed(%s): %d seats, %d memberships; want %d, %d", tc.name, seats, members,
					len(tc.ds.Seats), len(tc.ds.Memberships))
			}
			a, err := s.Ambito(ctx)
			must(t, "Ambito", err)
			if a.ID != tc.ds.Ambito.ID || a.Name != tc.ds.Ambito.Name || a.CapofilaID != tc.ds.Ambito.CapofilaID {
				t.Errorf("Ambito() after Seed = %+v, want %+v", a, tc.ds.Ambito)
			}
			// Records keep the dataset's ids, so that every computer seeding the demo agrees.
			for _, p := range tc.ds.People[:min(3, len(tc.ds.People))] {
				got, err := s.Person(ctx, p.ID)
				if err != nil || got.FullName() != p.FullName() {
					t.Errorf("Person(%s) = %q, %v; want %q", p.ID, got.FullName(), err, p.FullName())
				}
			}
		})
	}
}

// TestSeedRefusesNonEmpty seeds databases that hold something: each is refused and left as it was,
// down to the bytes of the file.
func TestSeedRefusesNonEmpty(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	for _, tc := range []struct {
		name string
		fill func(t *testing.T, s *Store)
	}{
		{"one comune", func(t *testing.T, s *Store) {
			_, err := s.SaveComune(ctx, data.Comune{Name: "Paciano"})
			must(t, "SaveComune", err)
		}},
		{"only a deleted person", func(t *testing.T, s *Store) {
			p, err := s.SavePerson(ctx, data.Person{Surname: "Lupi"})
			must(t, "SavePerson", err)
			_, err = s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
			must(t, "Delete", err)
		}},
		{"the demo district", func(t *testing.T, s *Store) { seedDemo(t, s, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "tavoli.db")
			s, err := Open(ctx, path, testOptions())
			must(t, "Open", err)
			tc.fill(t, s)
			must(t, "Close", s.Close())
			before := stateOf(t, path)

			s = openAt(t, path, testOptions())
			rows := totalRows(t, s)
			wantErr(t, "Seed(demo)", s.Seed(ctx, ds), data.EConflict, "err.db.not_empty")
			if after := totalRows(t, s); after != rows {
				t.Errorf("records after a refused Seed = %s, want %s", after, rows)
			}
			if !s.LastSaved().IsZero() {
				t.Errorf("LastSaved() after a refused Seed = %v, want zero", s.LastSaved())
			}
			must(t, "Close", s.Close())
			compareState(t, path, before, stateOf(t, path))
		})
	}
}

// TestSeedInvalid seeds a dataset with a record that breaks a rule: nothing is written.
func TestSeedInvalid(t *testing.T) {
	ctx := context.Background()
	ds, err := demo.Trasimeno(1)
	must(t, "demo.Trasimeno", err)
	ds.People[len(ds.People)-1].Email = "non è un indirizzo"
	s := openTest(t)
	wantErr(t, "Seed(bad email)", s.Seed(ctx, ds), data.EInvalid, "err.person.email")
	if empty, err := s.IsEmpty(ctx); err != nil || !empty {
		t.Errorf("IsEmpty() after a refused Seed = %v, %v; want true", empty, err)
	}
}
