package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func refStrings(refs []data.Ref) []string {
	out := []string{}
	for _, r := range refs {
		out = append(out, string(r.Kind)+":"+r.ID)
	}
	slices.Sort(out)
	return out
}

// cascades are the records of the registry and what deleting each takes with it.
func cascades(r *registry) []struct {
	name string
	ref  data.Ref
	deps []data.Ref
} {
	seat := func(s data.Seat) data.Ref { return data.Ref{Kind: data.KindSeat, ID: s.ID} }
	member := func(m data.Membership) data.Ref { return data.Ref{Kind: data.KindMembership, ID: m.ID} }
	return []struct {
		name string
		ref  data.Ref
		deps []data.Ref
	}{
		{"body: its seats and members", data.Ref{Kind: data.KindBody, ID: r.sindaci.ID},
			[]data.Ref{seat(r.seatCastiglione), seat(r.seatMag), member(r.mayor), member(r.delegate), member(r.rossiInSindaci)}},
		{"seat: who holds it", seat(r.seatMag), []data.Ref{member(r.delegate)}},
		{"comune: its seats and their holders, not its people", data.Ref{Kind: data.KindComune, ID: r.magione.ID},
			[]data.Ref{seat(r.seatMag), member(r.delegate)}},
		{"organisation: its seats and their holders, not its people", data.Ref{Kind: data.KindOrganisation, ID: r.girasole.ID},
			[]data.Ref{seat(r.seatGirasole), member(r.girasoleRep)}},
		{"person holding a seat: the seat and every membership", data.Ref{Kind: data.KindPerson, ID: r.rossi.ID},
			[]data.Ref{seat(r.seatRossi), member(r.rossiMember), member(r.rossiInSindaci)}},
		{"person holding others' seats: the memberships only", data.Ref{Kind: data.KindPerson, ID: r.dangelo.ID},
			[]data.Ref{member(r.mayor), member(r.delegate), member(r.girasoleRep)}},
		{"membership: nothing else", member(r.rossiInSindaci), nil},
		{"area no body works on: nothing else", data.Ref{Kind: data.KindArea, ID: r.disabilita.ID}, nil},
	}
}

func TestDependents(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	for _, tc := range cascades(r) {
		got, err := r.s.Dependents(ctx, tc.ref)
		must(t, "Dependents", err)
		if !slices.Equal(refStrings(got), refStrings(tc.deps)) {
			t.Errorf("Dependents(%s) = %q, want %q", tc.name, refStrings(got), refStrings(tc.deps))
		}
	}
}

// snapshot is everything the store's lists show, without times: equal snapshots mean the registry looks
// the same to the interface.
func snapshot(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	add := func(kind data.Kind, id string, desc ...any) {
		out = append(out, fmt.Sprintf("%s:%s %v", kind, id, desc))
	}
	comuni, err := s.Comuni(ctx)
	must(t, "Comuni", err)
	for _, c := range comuni {
		add(data.KindComune, c.ID, c.Name)
	}
	areas, err := s.Areas(ctx)
	must(t, "Areas", err)
	for _, a := range areas {
		add(data.KindArea, a.ID, a.Name, a.Position)
	}
	orgs, err := s.Organisations(ctx, "")
	must(t, "Organisations", err)
	for _, o := range orgs {
		add(data.KindOrganisation, o.ID, o.Name, o.ComuneName, o.People)
	}
	people, err := s.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	for _, p := range people {
		add(data.KindPerson, p.ID, p.FullName(), p.OrganisationName, p.ComuneName)
	}
	bodies, err := s.Bodies(ctx)
	must(t, "Bodies", err)
	for _, b := range bodies {
		add(data.KindBody, b.ID, b.Name)
		seats, err := s.Seats(ctx, b.ID)
		must(t, "Seats", err)
		for _, st := range seats {
			add(data.KindSeat, st.ID, st.Name, st.Position)
		}
		members, err := s.Memberships(ctx, b.ID)
		must(t, "Memberships", err)
		for _, m := range members {
			add(data.KindMembership, m.ID, m.PersonName, m.Role, m.SeatName)
		}
	}
	return out
}

func TestDeleteAndRestore(t *testing.T) {
	ctx := context.Background()
	for i := range cascades(&registry{}) {
		r := newRegistry(t)
		tc := cascades(r)[i]
		t.Run(tc.name, func(t *testing.T) {
			before := snapshot(t, r.s)
			rows := rowCounts(t, r.s)
			removed, err := r.s.Delete(ctx, tc.ref)
			must(t, "Delete", err)
			if len(removed) == 0 || removed[0] != tc.ref {
				t.Fatalf("Delete(%v) = %v, want %v first", tc.ref, removed, tc.ref)
			}
			if want := append([]data.Ref{tc.ref}, tc.deps...); !slices.Equal(refStrings(removed), refStrings(want)) {
				t.Errorf("Delete(%s) = %q, want %q", tc.name, refStrings(removed), refStrings(want))
			}
			// Tombstones: every row is still there, marked deleted.
			for _, ref := range removed {
				if st := storedMeta(t, r.s, ref.Kind, ref.ID); !st.deleted || st.device != "device-test" {
					t.Errorf("%s after Delete: deleted %v, device %q; want true, device-test", ref, st.deleted, st.device)
				}
			}
			if got := rowCounts(t, r.s); got != rows {
				t.Errorf("rows after Delete = %s, want %s (tombstones, nothing removed)", got, rows)
			}
			// The lists no longer show them.
			after := snapshot(t, r.s)
			var want []string
			for _, line := range before {
				gone := slices.ContainsFunc(removed, func(ref data.Ref) bool {
					return strings.HasPrefix(line, string(ref.Kind)+":"+ref.ID+" ")
				})
				if !gone {
					want = append(want, line)
				}
			}
			if !slices.Equal(withoutNames(after), withoutNames(want)) {
				t.Errorf("lists after Delete(%s):\n%s\nwant\n%s", tc.name, strings.Join(after, "\n"), strings.Join(want, "\n"))
			}

			must(t, "Restore", r.s.Restore(ctx, removed))
			if got := snapshot(t, r.s); !slices.Equal(got, before) {
				t.Errorf("lists after Restore(%s):\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(before, "\n"))
			}
			for _, ref := range removed {
				if st := storedMeta(t, r.s, ref.Kind, ref.ID); st.deleted {
					t.Errorf("%s after Restore: still deleted", ref)
				}
			}
		})
	}
}

// rowCounts counts the rows of each table, tombstones included.
func rowCounts(t *testing.T, s *Store) string {
	t.Helper()
	out := ""
	for _, table := range []string{"ambito", "comuni", "areas", "bodies", "seats", "memberships", "people", "organisations"} {
		out += fmt.Sprintf("%s=%d ", table, rowCount(t, s, table, "1"))
	}
	return out
}

// withoutNames keeps the record of each list line: a deletion may blank a name shown elsewhere (a
// person's organisation), which TestDeleteKeepsReferences checks.
func withoutNames(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.SplitN(l, " ", 2)[0])
	}
	return out
}

// TestDeleteKeepsReferences deletes the organisation and comune of a person: the person stays, shown
// without them, and finds them again when they are restored.
func TestDeleteKeepsReferences(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	var undo [][]data.Ref
	for _, ref := range []data.Ref{{Kind: data.KindOrganisation, ID: r.girasole.ID}, {Kind: data.KindComune, ID: r.magione.ID}} {
		removed, err := r.s.Delete(ctx, ref)
		must(t, "Delete", err)
		undo = append(undo, removed)
	}
	p, err := r.s.Person(ctx, r.bianchi.ID)
	must(t, "Person", err)
	if p.OrganisationID != r.girasole.ID || p.ComuneID != r.magione.ID || p.OrganisationName != "" || p.ComuneName != "" {
		t.Errorf("Person(Bianchi) after deleting her organisation and comune = %+v, want the ids kept and no names", p)
	}
	orgPeople, err := r.s.People(ctx, data.PeopleFilter{Query: "girasole"})
	must(t, "People", err)
	if len(orgPeople) != 0 {
		t.Errorf("People(girasole) with the organisation deleted = %q, want none", names(orgPeople))
	}
	for _, refs := range undo {
		must(t, "Restore", r.s.Restore(ctx, refs))
	}
	p, err = r.s.Person(ctx, r.bianchi.ID)
	must(t, "Person", err)
	if p.OrganisationName != "Cooperativa sociale Il Girasole" || p.ComuneName != "Magione" {
		t.Errorf("Person(Bianchi) after Restore = organisation %q, comune %q; want them back", p.OrganisationName, p.ComuneName)
	}
}

func TestDeleteRefused(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	gone, err := r.s.SavePerson(ctx, data.Person{Surname: "Lupi"})
	must(t, "SavePerson", err)
	_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: gone.ID})
	must(t, "Delete", err)
	for _, tc := range []struct {
		name string
		ref  data.Ref
		code data.Code
		key  string
		args map[string]any
	}{
		{"comune capofila", data.Ref{Kind: data.KindComune, ID: r.castiglione.ID}, data.EConflict, "err.comune.capofila", nil},
		{"area of a Tavolo tematico", data.Ref{Kind: data.KindArea, ID: r.anziani.ID}, data.EConflict, "err.area.in_use",
			map[string]any{"body": "Tavolo tematico Anziani"}},
		{"the Ambito", data.Ref{Kind: data.KindAmbito, ID: r.ambito.ID}, data.EInvalid, "err.delete.kind", nil},
		{"a kind the registry does not keep", data.Ref{Kind: data.Kind("scheda"), ID: r.rossi.ID}, data.EInvalid, "err.delete.kind", nil},
		{"a deleted person", data.Ref{Kind: data.KindPerson, ID: gone.ID}, data.ENotFound, "err.record.deleted", nil},
		{"an unknown person", data.Ref{Kind: data.KindPerson, ID: "00000000-0000-4000-8000-999999999999"}, data.ENotFound, "err.record.deleted", nil},
		{"a person by a body's id", data.Ref{Kind: data.KindPerson, ID: r.sindaci.ID}, data.ENotFound, "err.record.deleted", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := totalRows(t, r.s)
			removed, err := r.s.Delete(ctx, tc.ref)
			wantErr(t, fmt.Sprintf("Delete(%s)", tc.name), err, tc.code, tc.key)
			if removed != nil {
				t.Errorf("Delete(%s) removed %v, want nil", tc.name, removed)
			}
			if e := data.AsError(err); e != nil {
				for k, v := range tc.args {
					if e.Args[k] != v {
						t.Errorf("Delete(%s) error %s = %v, want %v", tc.name, k, e.Args[k], v)
					}
				}
			}
			if after := totalRows(t, r.s); after != before {
				t.Errorf("records after a refused Delete = %s, want %s", after, before)
			}
		})
	}

	t.Run("area once its table is deleted", func(t *testing.T) {
		_, err := r.s.Delete(ctx, data.Ref{Kind: data.KindBody, ID: r.tavolo.ID})
		must(t, "Delete(tavolo)", err)
		if _, err := r.s.Delete(ctx, data.Ref{Kind: data.KindArea, ID: r.anziani.ID}); err != nil {
			t.Errorf("Delete(area of a deleted table) = %v, want no error", err)
		}
	})
}

// TestRestoreIsAllOrNothing restores a list that holds something Restore cannot bring back: nothing
// is restored.
func TestRestoreIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	removed, err := r.s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: r.rossi.ID})
	must(t, "Delete", err)
	for _, tc := range []struct {
		name  string
		extra data.Ref
		code  data.Code
		key   string
	}{
		{"unknown record", data.Ref{Kind: data.KindPerson, ID: "00000000-0000-4000-8000-999999999999"}, data.ENotFound, "err.record.deleted"},
		{"unknown kind", data.Ref{Kind: data.Kind("scheda"), ID: r.rossi.ID}, data.EInvalid, "err.delete.kind"},
	} {
		before := totalRows(t, r.s)
		err := r.s.Restore(ctx, append(slices.Clone(removed), tc.extra))
		wantErr(t, fmt.Sprintf("Restore(with an %s)", tc.name), err, tc.code, tc.key)
		if after := totalRows(t, r.s); after != before {
			t.Errorf("records after a refused Restore = %s, want %s", after, before)
		}
		if _, err := r.s.Person(ctx, r.rossi.ID); data.ErrorCode(err) != data.ENotFound {
			t.Errorf("Person(Rossi) after a refused Restore = %v, want code %s", err, data.ENotFound)
		}
	}
}
