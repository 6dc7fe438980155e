package sqlite

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestDuplicateNames saves a second record whose name is an existing one's written another way: case,
// accents and spaces do not make a different comune, area, body or organisation.
func TestDuplicateNames(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		kind data.Kind
		name string // folds to the name of a record of the registry
		key  string
		save func(r *registry, name string) error
	}{
		{data.KindComune, "citta della pieve", "err.comune.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: name})
			return err
		}},
		{data.KindComune, "CITTÀ DELLA PIEVE", "err.comune.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: name})
			return err
		}},
		{data.KindComune, " Città  della Pieve ", "err.comune.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: name})
			return err
		}},
		{data.KindArea, "disabilita", "err.area.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveArea(ctx, data.Area{Name: name})
			return err
		}},
		{data.KindArea, "Anziani ", "err.area.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveArea(ctx, data.Area{Name: name})
			return err
		}},
		{data.KindBody, "tavolo dei sindaci", "err.body.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: name, Kind: data.BodyTavoloAlto, Rules: data.DefaultRules(data.BodyTavoloAlto)})
			return err
		}},
		{data.KindBody, "Tavolo  tematico Anziani", "err.body.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: name, Kind: data.BodyTavoloTematico, AreaID: r.anziani.ID,
				Rules: data.DefaultRules(data.BodyTavoloTematico)})
			return err
		}},
		{data.KindOrganisation, "cooperativa sociale il girasole", "err.organisation.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: name, Category: data.CatCooperativa})
			return err
		}},
		{data.KindOrganisation, " Cooperativa  sociale IL GIRASOLE", "err.organisation.duplicate", func(r *registry, name string) error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: name, Category: data.CatCooperativa})
			return err
		}},
	} {
		t.Run(fmt.Sprintf("%s %q", tc.kind, tc.name), func(t *testing.T) {
			r := newRegistry(t)
			before := rowCount(t, r.s, tables[tc.kind], "1")
			wantErr(t, fmt.Sprintf("Save%s(%q)", tc.kind, tc.name), tc.save(r, tc.name), data.EConflict, tc.key)
			if n := rowCount(t, r.s, tables[tc.kind], "1"); n != before {
				t.Errorf("%s rows = %d, want %d", tc.kind, n, before)
			}
		})
	}
}

// TestDuplicateNameOfDeletedRecord reuses the name of a deleted record, which is allowed; restoring the
// deleted one would then make two records with one name, and is refused.
func TestDuplicateNameOfDeletedRecord(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		kind data.Kind
		id   func(r *registry) string
		key  string
		save func(r *registry) error
	}{
		{data.KindComune, func(r *registry) string { return r.pieve.ID }, "err.comune.duplicate", func(r *registry) error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: "Citta della Pieve"})
			return err
		}},
		{data.KindArea, func(r *registry) string { return r.disabilita.ID }, "err.area.duplicate", func(r *registry) error {
			_, err := r.s.SaveArea(ctx, data.Area{Name: "DISABILITÀ"})
			return err
		}},
		{data.KindBody, func(r *registry) string { return r.sindaci.ID }, "err.body.duplicate", func(r *registry) error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: "Tavolo dei sindaci", Kind: data.BodySindaci, Rules: data.DefaultRules(data.BodySindaci)})
			return err
		}},
		{data.KindOrganisation, func(r *registry) string { return r.usl.ID }, "err.organisation.duplicate", func(r *registry) error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: "usl umbria 1"})
			return err
		}},
	} {
		t.Run(string(tc.kind), func(t *testing.T) {
			r := newRegistry(t)
			removed, err := r.s.Delete(ctx, data.Ref{Kind: tc.kind, ID: tc.id(r)})
			must(t, "Delete", err)
			must(t, "Save with the deleted record's name", tc.save(r))
			before := totalRows(t, r.s)
			wantErr(t, fmt.Sprintf("Restore(%v)", removed), r.s.Restore(ctx, removed), data.EConflict, tc.key)
			if after := totalRows(t, r.s); after != before {
				t.Errorf("records after a refused Restore = %s, want %s", after, before)
			}
			if st := storedMeta(t, r.s, tc.kind, tc.id(r)); !st.deleted {
				t.Errorf("%s %s restored, want still deleted", tc.kind, tc.id(r))
			}
		})
	}
}

func TestSaveComune(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	c, err := s.SaveComune(ctx, data.Comune{Name: "  Tuoro sul  Trasimeno ", Population: 3800, PopulationApprox: true,
		ISTAT: "054055", Office: "Piazza Garibaldi"})
	must(t, "SaveComune", err)
	c.Population = 3790
	c.PopulationApprox = false
	_, err = s.SaveComune(ctx, c)
	must(t, "SaveComune(update)", err)
	comuni, err := s.Comuni(ctx)
	must(t, "Comuni", err)
	want := data.Comune{Meta: comuni[0].Meta, Name: "Tuoro sul Trasimeno", Population: 3790, ISTAT: "054055", Office: "Piazza Garibaldi"}
	if len(comuni) != 1 || comuni[0] != want {
		t.Errorf("Comuni() = %+v, want [%+v]", comuni, want)
	}
}

// TestComuniOrder lists comuni in Italian alphabetical order, whatever order they were saved in.
func TestComuniOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	want := []string{"Castiglione del Lago", "Città della Pieve", "Magione", "Paciano", "Panicale",
		"Passignano sul Trasimeno", "Piegaro", "Tuoro sul Trasimeno"}
	for _, i := range []int{7, 2, 5, 0, 3, 6, 1, 4} {
		_, err := s.SaveComune(ctx, data.Comune{Name: want[i]})
		must(t, "SaveComune", err)
	}
	comuni, err := s.Comuni(ctx)
	must(t, "Comuni", err)
	var got []string
	for _, c := range comuni {
		got = append(got, c.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Comuni() = %q, want %q", got, want)
	}
}

func TestSaveAmbito(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	_, err := s.Ambito(ctx)
	wantErr(t, "Ambito() on an empty database", err, data.ENotFound, "err.ambito.missing")

	c, err := s.SaveComune(ctx, data.Comune{Name: "Castiglione del Lago"})
	must(t, "SaveComune", err)
	a, err := s.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.5", Region: "Umbria", CapofilaID: c.ID})
	must(t, "SaveAmbito", err)
	a.ShortName = "Trasimeno"
	_, err = s.SaveAmbito(ctx, a)
	must(t, "SaveAmbito(update)", err)
	got, err := s.Ambito(ctx)
	must(t, "Ambito", err)
	if got.ID != a.ID || got.Name != "Ambito n.5" || got.ShortName != "Trasimeno" || got.Region != "Umbria" || got.CapofilaID != c.ID {
		t.Errorf("Ambito() = %+v, want %+v with short name Trasimeno", got, a)
	}

	_, err = s.SaveAmbito(ctx, data.Ambito{Name: "Ambito n.6"})
	wantErr(t, "SaveAmbito(a second one)", err, data.EConflict, "err.ambito.exists")
	got.CapofilaID = "00000000-0000-4000-8000-999999999999"
	_, err = s.SaveAmbito(ctx, got)
	wantErr(t, "SaveAmbito(unknown capofila)", err, data.ENotFound, "err.ref.missing")
}

func TestSaveAreaAppendsAtTheEnd(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ids []string
	for _, name := range data.DefaultAreas {
		a, err := s.SaveArea(ctx, data.Area{Name: name, Position: 99})
		must(t, "SaveArea", err)
		ids = append(ids, a.ID)
	}
	areas, err := s.Areas(ctx)
	must(t, "Areas", err)
	for i, a := range areas {
		if a.Name != data.DefaultAreas[i] || a.Position != i+1 || a.ID != ids[i] {
			t.Errorf("Areas()[%d] = %q at %d, want %q at %d", i, a.Name, a.Position, data.DefaultAreas[i], i+1)
		}
	}
	// After a deletion, a new area still goes after the last one.
	_, err = s.Delete(ctx, data.Ref{Kind: data.KindArea, ID: ids[2]})
	must(t, "Delete", err)
	a, err := s.SaveArea(ctx, data.Area{Name: "Dipendenze"})
	must(t, "SaveArea", err)
	if a.Position != len(data.DefaultAreas)+1 {
		t.Errorf("SaveArea(Dipendenze).Position = %d, want %d", a.Position, len(data.DefaultAreas)+1)
	}
}

func TestMoveArea(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, s *Store, ids map[string]string) // before the move: gaps, ties
		move  string
		delta int
		want  []string
	}{
		{"up one", nil, "C", -1, []string{"A", "C", "B", "D", "E"}},
		{"down one", nil, "B", 1, []string{"A", "C", "B", "D", "E"}},
		{"first up stays first", nil, "A", -1, []string{"A", "B", "C", "D", "E"}},
		{"last down stays last", nil, "E", 1, []string{"A", "B", "C", "D", "E"}},
		{"to the top", nil, "D", -10, []string{"D", "A", "B", "C", "E"}},
		{"to the bottom", nil, "A", 10, []string{"B", "C", "D", "E", "A"}},
		{"not at all", nil, "C", 0, []string{"A", "B", "C", "D", "E"}},
		{"after a deletion leaves a gap", func(t *testing.T, s *Store, ids map[string]string) {
			_, err := s.Delete(ctx, data.Ref{Kind: data.KindArea, ID: ids["B"]})
			must(t, "Delete", err)
		}, "E", -1, []string{"A", "C", "E", "D"}},
		{"areas sharing a position", func(t *testing.T, s *Store, ids map[string]string) {
			_, err := s.db.Exec(`UPDATE areas SET position = 1`)
			must(t, "UPDATE", err)
		}, "E", -2, []string{"A", "B", "E", "C", "D"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			ids := map[string]string{}
			for _, n := range []string{"A", "B", "C", "D", "E"} {
				a, err := s.SaveArea(ctx, data.Area{Name: n})
				must(t, "SaveArea", err)
				ids[n] = a.ID
			}
			if tc.setup != nil {
				tc.setup(t, s, ids)
			}
			must(t, "MoveArea", s.MoveArea(ctx, ids[tc.move], tc.delta))
			areas, err := s.Areas(ctx)
			must(t, "Areas", err)
			var got []string
			for i, a := range areas {
				got = append(got, a.Name)
				if a.Position != i+1 {
					t.Errorf("after MoveArea(%s, %d): %s at position %d, want %d", tc.move, tc.delta, a.Name, a.Position, i+1)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("after MoveArea(%s, %d): Areas() = %q, want %q", tc.move, tc.delta, got, tc.want)
			}
		})
	}
	t.Run("deleted area", func(t *testing.T) {
		s := openTest(t)
		a, err := s.SaveArea(ctx, data.Area{Name: "Anziani"})
		must(t, "SaveArea", err)
		_, err = s.Delete(ctx, data.Ref{Kind: data.KindArea, ID: a.ID})
		must(t, "Delete", err)
		wantErr(t, "MoveArea(deleted)", s.MoveArea(ctx, a.ID, -1), data.ENotFound, "")
	})
	t.Run("moving records the change", func(t *testing.T) {
		s := openTest(t)
		a, err := s.SaveArea(ctx, data.Area{Name: "A"})
		must(t, "SaveArea", err)
		b, err := s.SaveArea(ctx, data.Area{Name: "B"})
		must(t, "SaveArea", err)
		must(t, "MoveArea", s.MoveArea(ctx, b.ID, -1))
		for _, x := range []data.Area{a, b} {
			if st := storedMeta(t, s, data.KindArea, x.ID); st.updated <= fmtTime(x.Updated) {
				t.Errorf("area %s: updated %s after the move, want later than %s", x.Name, st.updated, fmtTime(x.Updated))
			}
		}
		// The old version can no longer be saved: it would undo the move.
		a.Description = "stale"
		_, err = s.SaveArea(ctx, a)
		wantErr(t, "SaveArea(version before the move)", err, data.EChanged, "err.record.changed")
	})
}
