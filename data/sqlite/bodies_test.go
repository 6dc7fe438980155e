package sqlite

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestSaveBody(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	custom := data.Rules{
		QuorumPrima:   data.Quorum{Kind: data.QuorumNumber, N: 5},
		QuorumSeconda: data.Quorum{Kind: data.QuorumOneThird},
		Weighting:     data.WeightPopulation,
		MajorityBase:  data.BaseComponenti,
		Threshold:     data.ThresholdTwoThirds,
		TieBreak:      data.TieLot,
		Proxies:       3,
	}
	alto, err := r.s.SaveBody(ctx, data.Body{Name: "Tavolo Alto della Concertazione", Kind: data.BodyTavoloAlto,
		AreaID: r.anziani.ID, Rules: custom, Notes: "ASL, sindacati, terzo settore"})
	must(t, "SaveBody", err)
	if alto.AreaID != "" {
		t.Errorf("SaveBody(Tavolo Alto with an area).AreaID = %q, want none: only a Tavolo tematico has one", alto.AreaID)
	}
	bodies, err := r.s.Bodies(ctx)
	must(t, "Bodies", err)
	i := slices.IndexFunc(bodies, func(b data.Body) bool { return b.ID == alto.ID })
	if i < 0 || bodies[i].Rules != custom || bodies[i].AreaID != "" || bodies[i].Notes != alto.Notes || bodies[i].Kind != data.BodyTavoloAlto {
		t.Errorf("Bodies() holds %+v, want %+v", bodies, alto)
	}

	_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindArea, ID: r.disabilita.ID})
	must(t, "Delete", err)
	for _, tc := range []struct {
		name, area string
	}{
		{"unknown area", "00000000-0000-4000-8000-999999999999"},
		{"deleted area", r.disabilita.ID},
	} {
		_, err := r.s.SaveBody(ctx, data.Body{Name: "Tavolo tematico Disabilità", Kind: data.BodyTavoloTematico,
			AreaID: tc.area, Rules: data.DefaultRules(data.BodyTavoloTematico)})
		wantErr(t, "SaveBody("+tc.name+")", err, data.ENotFound, "err.ref.missing")
	}
}

// TestBodiesOrder lists bodies as the interface shows them: by kind (mayors first), position, the
// position of a table's area, then name.
func TestBodiesOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	anziani, err := s.SaveArea(ctx, data.Area{Name: "Anziani"})
	must(t, "SaveArea", err)
	disabilita, err := s.SaveArea(ctx, data.Area{Name: "Disabilità"})
	must(t, "SaveArea", err)
	for _, b := range []data.Body{
		{Name: "Ufficio di Piano", Kind: data.BodyUfficioDiPiano},
		{Name: "Tavolo tematico Disabilità", Kind: data.BodyTavoloTematico, AreaID: disabilita.ID},
		{Name: "Gruppo B", Kind: data.BodyCoprogettazione},
		{Name: "Tavolo tematico Anziani", Kind: data.BodyTavoloTematico, AreaID: anziani.ID},
		{Name: "gruppo a", Kind: data.BodyCoprogettazione},
		{Name: "Tavolo Alto", Kind: data.BodyTavoloAlto},
		{Name: "Tavolo dei Sindaci", Kind: data.BodySindaci},
	} {
		b.Rules = data.DefaultRules(b.Kind)
		_, err := s.SaveBody(ctx, b)
		must(t, "SaveBody", err)
	}
	order := func() []string {
		bodies, err := s.Bodies(ctx)
		must(t, "Bodies", err)
		var out []string
		for _, b := range bodies {
			out = append(out, b.Name)
		}
		return out
	}
	want := []string{"Tavolo dei Sindaci", "Tavolo Alto", "Tavolo tematico Anziani", "Tavolo tematico Disabilità",
		"gruppo a", "Gruppo B", "Ufficio di Piano"}
	if got := order(); !slices.Equal(got, want) {
		t.Errorf("Bodies() = %q, want %q", got, want)
	}
	must(t, "MoveArea", s.MoveArea(ctx, disabilita.ID, -1))
	want[2], want[3] = want[3], want[2]
	if got := order(); !slices.Equal(got, want) {
		t.Errorf("Bodies() after moving Disabilità up = %q, want %q", got, want)
	}
}

func TestSaveSeat(t *testing.T) {
	ctx := context.Background()
	missing := "00000000-0000-4000-8000-999999999999"
	for _, tc := range []struct {
		name string
		seat func(r *registry) data.Seat
		code data.Code // "" when the seat is saved
		key  string
	}{
		{"comune's second seat in a body", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.sindaci.ID, ComuneID: r.magione.ID}
		}, data.EConflict, "err.seat.duplicate"},
		{"person's second seat in a body", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.tavolo.ID, PersonID: r.rossi.ID, Label: "Rossi, di nuovo"}
		}, data.EConflict, "err.seat.duplicate"},
		{"organisation's second seat in a body", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.tavolo.ID, OrganisationID: r.girasole.ID}
		}, data.EConflict, "err.seat.duplicate"},
		{"seat moved onto another holder's", func(r *registry) data.Seat {
			st := r.seatMag
			st.ComuneID = r.castiglione.ID
			return st
		}, data.EConflict, "err.seat.duplicate"},
		{"comune's seat in another body", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.tavolo.ID, ComuneID: r.magione.ID}
		}, "", ""},
		{"person's seat in another body", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.sindaci.ID, PersonID: r.rossi.ID}
		}, "", ""},
		{"seat saved again with its holder", func(r *registry) data.Seat {
			st := r.seatMag
			st.Label = "Sindaco di Magione"
			return st
		}, "", ""},
		{"unknown body", func(r *registry) data.Seat {
			return data.Seat{BodyID: missing, Label: "Esperto"}
		}, data.ENotFound, "err.ref.missing"},
		{"unknown comune", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.sindaci.ID, ComuneID: missing}
		}, data.ENotFound, "err.ref.missing"},
		{"unknown person", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.tavolo.ID, PersonID: missing}
		}, data.ENotFound, "err.ref.missing"},
		{"unknown organisation", func(r *registry) data.Seat {
			return data.Seat{BodyID: r.tavolo.ID, OrganisationID: missing}
		}, data.ENotFound, "err.ref.missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRegistry(t)
			before := totalRows(t, r.s)
			st, err := r.s.SaveSeat(ctx, tc.seat(r))
			if tc.code == "" {
				must(t, "SaveSeat", err)
				views, err := r.s.Seats(ctx, st.BodyID)
				must(t, "Seats", err)
				if !slices.ContainsFunc(views, func(v data.SeatView) bool { return v.Seat == st }) {
					t.Errorf("Seats(%s) = %+v, want it to hold %+v", st.BodyID, views, st)
				}
				return
			}
			wantErr(t, fmt.Sprintf("SaveSeat(%s)", tc.name), err, tc.code, tc.key)
			if after := totalRows(t, r.s); after != before {
				t.Errorf("records after a refused SaveSeat = %s, want %s", after, before)
			}
		})
	}
}

// TestSaveSeatAfterDeletion gives a holder a new seat once the old one is deleted, and numbers new
// seats after the last live one.
func TestSaveSeatAfterDeletion(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	_, err := r.s.Delete(ctx, data.Ref{Kind: data.KindSeat, ID: r.seatMag.ID})
	must(t, "Delete", err)
	st, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.sindaci.ID, ComuneID: r.magione.ID, Position: 7})
	must(t, "SaveSeat(Magione again)", err)
	if st.Position != 2 {
		t.Errorf("SaveSeat(new).Position = %d, want 2 (after Castiglione del Lago, the last live seat)", st.Position)
	}
	_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindBody, ID: r.sindaci.ID})
	must(t, "Delete", err)
	_, err = r.s.SaveSeat(ctx, data.Seat{BodyID: r.sindaci.ID, ComuneID: r.pieve.ID})
	wantErr(t, "SaveSeat(in a deleted body)", err, data.ENotFound, "err.ref.missing")
}

func TestSeats(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	_, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.tavolo.ID, Label: "Esperto esterno"})
	must(t, "SaveSeat", err)
	type view struct {
		name       string
		position   int
		population int
	}
	for _, tc := range []struct {
		body string
		want []view
	}{
		{r.sindaci.ID, []view{{"Castiglione del Lago", 1, 15150}, {"Magione", 2, 14700}}},
		{r.tavolo.ID, []view{{"Rossi Maria Grazia", 1, 0}, {"Bianchi Teresa", 2, 0},
			{"Cooperativa sociale Il Girasole", 3, 0}, {"Esperto esterno", 4, 0}}},
		{"00000000-0000-4000-8000-999999999999", nil},
	} {
		views, err := r.s.Seats(ctx, tc.body)
		must(t, "Seats", err)
		var got []view
		for _, v := range views {
			got = append(got, view{v.Name, v.Position, v.Population})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Seats(%s) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

func TestSaveMembership(t *testing.T) {
	ctx := context.Background()
	missing := "00000000-0000-4000-8000-999999999999"
	for _, tc := range []struct {
		name string
		m    func(t *testing.T, r *registry) data.Membership
		code data.Code // "" when the membership is saved
		key  string
		args map[string]any
	}{
		{"member without a seat", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.tavolo.ID, PersonID: r.dangelo.ID, Role: data.RoleFacilitator}
		}, "", "", nil},
		{"another role on a seat the person holds", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.sindaci.ID, PersonID: r.dangelo.ID, Role: data.RoleMembro, SeatID: r.seatMag.ID}
		}, "", "", nil},
		{"second person on a seat", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.sindaci.ID, PersonID: r.bianchi.ID, Role: data.RoleMembro, SeatID: r.seatMag.ID}
		}, "", "", nil},
		{"existing membership with a new role", func(t *testing.T, r *registry) data.Membership {
			m := r.rossiMember
			m.Role = data.RoleFacilitator
			return m
		}, "", "", nil},
		{"seat of another body", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.tavolo.ID, PersonID: r.dangelo.ID, Role: data.RoleDelegato, SeatID: r.seatMag.ID}
		}, data.EInvalid, "err.membership.seat_elsewhere", nil},
		{"deleted seat", func(t *testing.T, r *registry) data.Membership {
			st, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.tavolo.ID, Label: "Esperto"})
			must(t, "SaveSeat", err)
			_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindSeat, ID: st.ID})
			must(t, "Delete", err)
			return data.Membership{BodyID: r.tavolo.ID, PersonID: r.dangelo.ID, Role: data.RoleMembro, SeatID: st.ID}
		}, data.EInvalid, "err.membership.seat_elsewhere", nil},
		{"third seat for a mayor's delegate (two allowed)", func(t *testing.T, r *registry) data.Membership {
			st, err := r.s.SaveSeat(ctx, data.Seat{BodyID: r.sindaci.ID, ComuneID: r.pieve.ID})
			must(t, "SaveSeat", err)
			return data.Membership{BodyID: r.sindaci.ID, PersonID: r.dangelo.ID, Role: data.RoleDelegato, SeatID: st.ID}
		}, data.EInvalid, "err.membership.proxies", map[string]any{"max": 2}},
		{"second seat in a table (one allowed)", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.tavolo.ID, PersonID: r.dangelo.ID, Role: data.RoleDelegato, SeatID: r.seatRossi.ID}
		}, data.EInvalid, "err.membership.proxies", map[string]any{"max": 1}},
		{"same person, role and seat", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.tavolo.ID, PersonID: r.rossi.ID, Role: data.RoleMembro, SeatID: r.seatRossi.ID}
		}, data.EConflict, "err.membership.duplicate", nil},
		{"same person and role without a seat", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.sindaci.ID, PersonID: r.rossi.ID, Role: data.RoleSegretario}
		}, data.EConflict, "err.membership.duplicate", nil},
		{"unknown person", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: r.tavolo.ID, PersonID: missing, Role: data.RoleMembro}
		}, data.ENotFound, "err.ref.missing", nil},
		{"deleted person", func(t *testing.T, r *registry) data.Membership {
			p, err := r.s.SavePerson(ctx, data.Person{Surname: "Lupi"})
			must(t, "SavePerson", err)
			_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID})
			must(t, "Delete", err)
			return data.Membership{BodyID: r.tavolo.ID, PersonID: p.ID, Role: data.RoleMembro}
		}, data.ENotFound, "err.ref.missing", nil},
		{"unknown body", func(t *testing.T, r *registry) data.Membership {
			return data.Membership{BodyID: missing, PersonID: r.rossi.ID, Role: data.RoleMembro}
		}, data.ENotFound, "err.ref.missing", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRegistry(t)
			in := tc.m(t, r)
			before := totalRows(t, r.s)
			m, err := r.s.SaveMembership(ctx, in)
			if tc.code == "" {
				must(t, "SaveMembership", err)
				list, err := r.s.Memberships(ctx, m.BodyID)
				must(t, "Memberships", err)
				if !slices.ContainsFunc(list, func(v data.MembershipView) bool { return v.Membership == m }) {
					t.Errorf("Memberships(%s) = %+v, want it to hold %+v", m.BodyID, list, m)
				}
				return
			}
			wantErr(t, fmt.Sprintf("SaveMembership(%s)", tc.name), err, tc.code, tc.key)
			if e := data.AsError(err); e != nil {
				for k, v := range tc.args {
					if e.Args[k] != v {
						t.Errorf("SaveMembership(%s) error %s = %v, want %v", tc.name, k, e.Args[k], v)
					}
				}
			}
			if after := totalRows(t, r.s); after != before {
				t.Errorf("records after a refused SaveMembership = %s, want %s", after, before)
			}
		})
	}
}

// TestMemberships lists a body's members by role (presidente first), then in Italian order of name,
// with the seat each holds.
func TestMemberships(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	for _, p := range []data.Person{{Surname: "Zampini", Name: "Lucia"}, {Surname: "Ànzani", Name: "Luca"}} {
		p, err := r.s.SavePerson(ctx, p)
		must(t, "SavePerson", err)
		_, err = r.s.SaveMembership(ctx, data.Membership{BodyID: r.tavolo.ID, PersonID: p.ID, Role: data.RoleMembro})
		must(t, "SaveMembership", err)
	}
	for _, tc := range []struct {
		body string
		want []string
	}{
		{r.sindaci.ID, []string{"presidente D'Angelo Rosa (Castiglione del Lago)", "segretario Rossi Maria Grazia ()",
			"delegato D'Angelo Rosa (Magione)"}},
		{r.tavolo.ID, []string{"presidente Bianchi Teresa (Bianchi Teresa)", "membro Ànzani Luca ()",
			"membro Rossi Maria Grazia (Rossi Maria Grazia)", "membro Zampini Lucia ()",
			"delegato D'Angelo Rosa (Cooperativa sociale Il Girasole)"}},
	} {
		list, err := r.s.Memberships(ctx, tc.body)
		must(t, "Memberships", err)
		var got []string
		for _, m := range list {
			got = append(got, fmt.Sprintf("%s %s (%s)", m.Role, m.PersonName, m.SeatName))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Memberships(%s) = %q, want %q", tc.body, got, tc.want)
		}
	}
}
