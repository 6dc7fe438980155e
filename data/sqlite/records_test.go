package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// kindCase saves one kind of record through its Save method. save creates the record when m is zero,
// or updates the record m is the head of, writing text into column.
type kindCase struct {
	kind   data.Kind
	column string
	texts  [3]string
	save   func(r *registry, m data.Meta, text string) (data.Meta, error)
}

var kindCases = []kindCase{
	{data.KindComune, "office", [3]string{"Piazza Garibaldi 1", "Via Roma 2", "Via Nuova 3"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			c, err := r.s.SaveComune(context.Background(), data.Comune{Meta: m, Name: "Paciano", Population: 950, Office: text})
			return c.Meta, err
		}},
	{data.KindAmbito, "address", [3]string{"Piazza Gramsci 1", "Piazza Gramsci 2", "Piazza Gramsci 3"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			a, err := r.s.SaveAmbito(context.Background(), data.Ambito{Meta: m, Name: "Zona sociale n.5", Address: text})
			return a.Meta, err
		}},
	{data.KindArea, "description", [3]string{"prima", "seconda", "terza"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			a, err := r.s.SaveArea(context.Background(), data.Area{Meta: m, Name: "Salute mentale", Description: text})
			return a.Meta, err
		}},
	{data.KindBody, "notes", [3]string{"prima", "seconda", "terza"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			b, err := r.s.SaveBody(context.Background(), data.Body{Meta: m, Name: "Gruppo di coprogettazione",
				Kind: data.BodyCoprogettazione, Rules: data.DefaultRules(data.BodyCoprogettazione), Notes: text})
			return b.Meta, err
		}},
	{data.KindSeat, "label", [3]string{"Esperto esterno", "Esperta esterna", "Osservatore"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			st, err := r.s.SaveSeat(context.Background(), data.Seat{Meta: m, BodyID: r.tavolo.ID, Label: text})
			return st.Meta, err
		}},
	{data.KindMembership, "role", [3]string{"membro", "segretario", "facilitatore"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			ms, err := r.s.SaveMembership(context.Background(), data.Membership{Meta: m, BodyID: r.tavolo.ID,
				PersonID: r.rossi.ID, Role: data.Role(text)})
			return ms.Meta, err
		}},
	{data.KindPerson, "notes", [3]string{"prima", "seconda", "terza"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			p, err := r.s.SavePerson(context.Background(), data.Person{Meta: m, Surname: "Lupi", Name: "Andrea",
				Category: data.CatComune, Notes: text})
			return p.Meta, err
		}},
	{data.KindOrganisation, "notes", [3]string{"prima", "seconda", "terza"},
		func(r *registry, m data.Meta, text string) (data.Meta, error) {
			o, err := r.s.SaveOrganisation(context.Background(), data.Organisation{Meta: m, Name: "Caritas interparrocchiale",
				Category: data.CatVolontariato, Notes: text})
			return o.Meta, err
		}},
}

// fixtureFor is the registry a kind's records are saved into: the Ambito is one per database, so its
// case starts from an empty one.
func fixtureFor(t *testing.T, kind data.Kind, s *Store) *registry {
	if kind == data.KindAmbito {
		return &registry{s: s}
	}
	return newRegistryIn(t, s)
}

func storedText(t *testing.T, s *Store, kc kindCase, id string) string {
	t.Helper()
	var v string
	if err := s.db.QueryRow(`SELECT `+kc.column+` FROM `+tables[kc.kind]+` WHERE id = ?`, id).Scan(&v); err != nil {
		t.Fatalf("stored %s of %s %s: %v", kc.column, kc.kind, id, err)
	}
	return v
}

func TestSaveCreatesThenUpdates(t *testing.T) {
	for _, kc := range kindCases {
		t.Run(string(kc.kind), func(t *testing.T) {
			r := fixtureFor(t, kc.kind, openTest(t))
			created, err := kc.save(r, data.Meta{}, kc.texts[0])
			must(t, fmt.Sprintf("Save%s(new)", kc.kind), err)
			if created.ID == "" || !created.Created.Equal(created.Updated) || created.Created.IsZero() ||
				created.Device != "device-test" || created.Deleted {
				t.Errorf("Save%s(new) = %+v, want an id, created = updated, device-test, not deleted", kc.kind, created)
			}
			if got := storedText(t, r.s, kc, created.ID); got != kc.texts[0] {
				t.Errorf("stored %s after create = %q, want %q", kc.column, got, kc.texts[0])
			}

			updated, err := kc.save(r, created, kc.texts[1])
			must(t, fmt.Sprintf("Save%s(update)", kc.kind), err)
			if updated.ID != created.ID || !updated.Created.Equal(created.Created) || !updated.Updated.After(created.Updated) {
				t.Errorf("Save%s(update) = %+v, want id %s, created %v, updated after %v",
					kc.kind, updated, created.ID, created.Created, created.Updated)
			}
			if got := storedText(t, r.s, kc, created.ID); got != kc.texts[1] {
				t.Errorf("stored %s after update = %q, want %q", kc.column, got, kc.texts[1])
			}
			if n := rowCount(t, r.s, tables[kc.kind], "id = ?", created.ID); n != 1 {
				t.Errorf("rows with id %s = %d, want 1", created.ID, n)
			}
			if st := storedMeta(t, r.s, kc.kind, created.ID); st.updated != fmtTime(updated.Updated) {
				t.Errorf("stored updated = %s, want %s (the returned one)", st.updated, fmtTime(updated.Updated))
			}

			// An update made from the version before the last one would undo someone else's change.
			before := storedMeta(t, r.s, kc.kind, created.ID)
			_, err = kc.save(r, created, kc.texts[2])
			wantErr(t, fmt.Sprintf("Save%s(stale)", kc.kind), err, data.EChanged, "err.record.changed")
			if got := storedText(t, r.s, kc, created.ID); got != kc.texts[1] {
				t.Errorf("stored %s after a stale update = %q, want %q (unchanged)", kc.column, got, kc.texts[1])
			}
			if after := storedMeta(t, r.s, kc.kind, created.ID); after != before {
				t.Errorf("stored head after a stale update = %+v, want %+v (unchanged)", after, before)
			}
		})
	}
}

func TestSaveDeletedRecord(t *testing.T) {
	for _, kc := range kindCases {
		if kc.kind == data.KindAmbito {
			continue // the Ambito cannot be deleted (TestDeleteRefused)
		}
		t.Run(string(kc.kind), func(t *testing.T) {
			r := fixtureFor(t, kc.kind, openTest(t))
			m, err := kc.save(r, data.Meta{}, kc.texts[0])
			must(t, "Save", err)
			_, err = r.s.Delete(context.Background(), data.Ref{Kind: kc.kind, ID: m.ID})
			must(t, "Delete", err)
			m.Updated = time.Time{} // even without the optimistic check
			_, err = kc.save(r, m, kc.texts[1])
			wantErr(t, fmt.Sprintf("Save%s(deleted)", kc.kind), err, data.ENotFound, "err.record.deleted")
			if got := storedText(t, r.s, kc, m.ID); got != kc.texts[0] {
				t.Errorf("stored %s = %q, want %q (unchanged)", kc.column, got, kc.texts[0])
			}
			if st := storedMeta(t, r.s, kc.kind, m.ID); !st.deleted {
				t.Errorf("stored deleted = false after a refused update, want true")
			}
		})
	}
}

// TestUpdatedIncreasesStrictly changes each kind of record under clocks that do not move forward: every
// version must still be later than the one before, or merges could not tell which is the latest.
func TestUpdatedIncreasesStrictly(t *testing.T) {
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	clocks := []struct {
		name string
		now  func() func() time.Time
	}{
		{"frozen clock", func() func() time.Time { return func() time.Time { return day } }},
		{"clock going back", func() func() time.Time {
			t := day
			return func() time.Time { t = t.Add(-time.Hour); return t }
		}},
	}
	for _, c := range clocks {
		for _, kc := range kindCases {
			t.Run(c.name+"/"+string(kc.kind), func(t *testing.T) {
				ctx := context.Background()
				s := openAt(t, filepath.Join(t.TempDir(), "tavoli.db"), Options{Verbale: testVerbale, Device: "d", Now: c.now(), NewID: testIDs()})
				r := fixtureFor(t, kc.kind, s)
				m, err := kc.save(r, data.Meta{}, kc.texts[0])
				must(t, "Save", err)
				ref := data.Ref{Kind: kc.kind, ID: m.ID}
				versions := []string{storedMeta(t, s, kc.kind, m.ID).updated}
				steps := []func() error{
					func() error { var err error; m, err = kc.save(r, m, kc.texts[1]); return err },
					func() error { var err error; m, err = kc.save(r, m, kc.texts[2]); return err },
				}
				if kc.kind != data.KindAmbito {
					var removed []data.Ref
					steps = append(steps,
						func() error { var err error; removed, err = s.Delete(ctx, ref); return err },
						func() error { return s.Restore(ctx, removed) })
				}
				for i, step := range steps {
					must(t, fmt.Sprintf("step %d", i+1), step())
					v := storedMeta(t, s, kc.kind, m.ID).updated
					if prev := versions[len(versions)-1]; v <= prev {
						t.Errorf("updated after step %d = %s, want later than %s", i+1, v, prev)
					}
					versions = append(versions, v)
				}
			})
		}
	}
}

// TestDeviceRecorded changes a record from three installations: each change records its device.
func TestDeviceRecorded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tavoli.db")
	opts := func(device string) Options { o := testOptions(); o.Device = device; return o }

	a, err := Open(ctx, path, opts("portatile-tavolo-anziani"))
	must(t, "Open", err)
	p, err := a.SavePerson(ctx, data.Person{Surname: "Lupi", Name: "Andrea"})
	must(t, "SavePerson", err)
	must(t, "Close", a.Close())
	if p.Device != "portatile-tavolo-anziani" {
		t.Errorf("SavePerson(new).Device = %q, want %q", p.Device, "portatile-tavolo-anziani")
	}

	b := openAt(t, path, opts("ufficio-di-piano"))
	// The second installation's clock is behind the first: the change is still the latest.
	p.Notes = "sindaco di Paciano"
	prev := p.Updated
	p, err = b.SavePerson(ctx, p)
	must(t, "SavePerson(update)", err)
	if !p.Updated.After(prev) {
		t.Errorf("SavePerson(update).Updated = %v, want after %v", p.Updated, prev)
	}
	if st := storedMeta(t, b, data.KindPerson, p.ID); st.device != "ufficio-di-piano" || p.Device != "ufficio-di-piano" {
		t.Errorf("device after update = stored %q, returned %q; want ufficio-di-piano", st.device, p.Device)
	}
	removed, err := b.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
	must(t, "Delete", err)
	must(t, "Close", b.Close())

	c := openAt(t, path, opts("portatile-sindaci"))
	must(t, "Restore", c.Restore(ctx, removed))
	if st := storedMeta(t, c, data.KindPerson, p.ID); st.device != "portatile-sindaci" || st.deleted {
		t.Errorf("after Restore: device %q, deleted %v; want portatile-sindaci, false", st.device, st.deleted)
	}
}

// TestValidateErrors saves records that break the domain's rules: each is refused with EInvalid and the
// domain's key, and nothing is written.
func TestValidateErrors(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	rules := data.DefaultRules(data.BodyTavoloAlto)
	rules.Proxies = 0
	for _, tc := range []struct {
		name string
		key  string
		save func() error
	}{
		{"comune without a name", "err.comune.name_required", func() error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: "  "})
			return err
		}},
		{"comune with negative population", "err.comune.population_negative", func() error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: "Paciano", Population: -1})
			return err
		}},
		{"comune with a five-digit ISTAT code", "err.comune.istat_format", func() error {
			_, err := r.s.SaveComune(ctx, data.Comune{Name: "Paciano", ISTAT: "54036"})
			return err
		}},
		{"Ambito without a name", "err.ambito.name_required", func() error {
			a := r.ambito
			a.Name = ""
			_, err := r.s.SaveAmbito(ctx, a)
			return err
		}},
		{"area without a name", "err.area.name_required", func() error {
			_, err := r.s.SaveArea(ctx, data.Area{})
			return err
		}},
		{"body without a name", "err.body.name_required", func() error {
			_, err := r.s.SaveBody(ctx, data.Body{Kind: data.BodyTavoloAlto, Rules: data.DefaultRules(data.BodyTavoloAlto)})
			return err
		}},
		{"body of an unknown kind", "err.body.kind", func() error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: "Consiglio", Kind: "consiglio", Rules: data.DefaultRules(data.BodyTavoloAlto)})
			return err
		}},
		{"Tavolo tematico without an area", "err.body.area_required", func() error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: "Tavolo tematico Dipendenze", Kind: data.BodyTavoloTematico,
				Rules: data.DefaultRules(data.BodyTavoloTematico)})
			return err
		}},
		{"body whose rules allow no seat per person", "err.rules.proxies", func() error {
			_, err := r.s.SaveBody(ctx, data.Body{Name: "Tavolo Alto", Kind: data.BodyTavoloAlto, Rules: rules})
			return err
		}},
		{"seat without a body", "err.seat.body_required", func() error {
			_, err := r.s.SaveSeat(ctx, data.Seat{Label: "Esperto"})
			return err
		}},
		{"seat with two holders", "err.seat.one_holder", func() error {
			_, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.tavolo.ID, ComuneID: r.pieve.ID, PersonID: r.dangelo.ID})
			return err
		}},
		{"seat without holder or label", "err.seat.label_required", func() error {
			_, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.tavolo.ID, Label: " "})
			return err
		}},
		{"membership without a body", "err.membership.body_required", func() error {
			_, err := r.s.SaveMembership(ctx, data.Membership{PersonID: r.rossi.ID, Role: data.RoleMembro})
			return err
		}},
		{"membership without a person", "err.membership.person_required", func() error {
			_, err := r.s.SaveMembership(ctx, data.Membership{BodyID: r.tavolo.ID, Role: data.RoleMembro})
			return err
		}},
		{"membership with an unknown role", "err.membership.role", func() error {
			_, err := r.s.SaveMembership(ctx, data.Membership{BodyID: r.tavolo.ID, PersonID: r.rossi.ID, Role: "tesoriere"})
			return err
		}},
		{"delegate without a seat", "err.membership.delegate_seat", func() error {
			_, err := r.s.SaveMembership(ctx, data.Membership{BodyID: r.tavolo.ID, PersonID: r.rossi.ID, Role: data.RoleDelegato})
			return err
		}},
		{"person without names", "err.person.name_required", func() error {
			_, err := r.s.SavePerson(ctx, data.Person{Surname: " ", Email: "x@example.org"})
			return err
		}},
		{"person without a surname", "err.person.surname_required", func() error {
			_, err := r.s.SavePerson(ctx, data.Person{Name: "Luca"})
			return err
		}},
		{"person of an unknown category", "err.person.category", func() error {
			_, err := r.s.SavePerson(ctx, data.Person{Surname: "Lupi", Category: "dirigente"})
			return err
		}},
		{"person with a bad email", "err.person.email", func() error {
			_, err := r.s.SavePerson(ctx, data.Person{Surname: "Lupi", Email: "andrea.lupi@"})
			return err
		}},
		{"person with a comune and a town", "err.person.comune_twice", func() error {
			_, err := r.s.SavePerson(ctx, data.Person{Surname: "Lupi", ComuneID: r.magione.ID, ComuneText: "Perugia"})
			return err
		}},
		{"organisation without a name", "err.organisation.name_required", func() error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Category: data.CatAssociazione})
			return err
		}},
		{"organisation of an unknown category", "err.organisation.category", func() error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: "Pro Loco", Category: "ente"})
			return err
		}},
		{"organisation with a bad email", "err.organisation.email", func() error {
			_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: "Pro Loco", Email: "Pro Loco <info@example.org>"})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, saved := totalRows(t, r.s), r.s.LastSaved()
			wantErr(t, tc.name, tc.save(), data.EInvalid, tc.key)
			if after := totalRows(t, r.s); after != before {
				t.Errorf("rows after a refused save = %s, want %s", after, before)
			}
			if !r.s.LastSaved().Equal(saved) {
				t.Errorf("LastSaved() after a refused save = %v, want %v", r.s.LastSaved(), saved)
			}
		})
	}
}

// totalRows counts the records of every kind, tombstones included, with their last change: equal
// totals mean nothing was written.
func totalRows(t testing.TB, s *Store) string {
	t.Helper()
	out := ""
	for _, k := range []data.Kind{data.KindAmbito, data.KindComune, data.KindArea, data.KindBody, data.KindSeat,
		data.KindMembership, data.KindPerson, data.KindOrganisation} {
		var n int
		var last string
		if err := s.db.QueryRow(`SELECT count(*), coalesce(max(updated), '') FROM `+tables[k]).Scan(&n, &last); err != nil {
			t.Fatalf("count %s: %v", k, err)
		}
		out += fmt.Sprintf("%s=%d@%s ", k, n, last)
	}
	return out
}

// TestLastSaved follows when the store last committed a change.
func TestLastSaved(t *testing.T) {
	ctx := context.Background()
	path := tavoliFile(t, t.TempDir(), 1)
	s := openAt(t, path, testOptions())
	if !s.LastSaved().IsZero() {
		t.Fatalf("LastSaved() after opening = %v, want zero", s.LastSaved())
	}
	c, err := s.SaveComune(ctx, data.Comune{Name: "Perugia"})
	must(t, "SaveComune", err)
	first := s.LastSaved()
	if !first.After(c.Updated) {
		t.Errorf("LastSaved() = %v, want after the change's time %v", first, c.Updated)
	}
	_, err = s.SaveComune(ctx, data.Comune{Name: "perugia"})
	wantErr(t, `SaveComune("perugia")`, err, data.EConflict, "err.comune.duplicate")
	if !s.LastSaved().Equal(first) {
		t.Errorf("LastSaved() after a refused change = %v, want %v", s.LastSaved(), first)
	}
}
