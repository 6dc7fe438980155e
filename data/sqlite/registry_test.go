package sqlite

import (
	"context"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// registry is a small Ambito saved through the store's own methods: three comuni, two areas, the
// mayors' table with a seat per comune, a Tavolo tematico with seats held by people, two organisations
// and a few people. Tests change it and look at what the store does.
type registry struct {
	s *Store

	castiglione, magione, pieve data.Comune
	ambito                      data.Ambito
	anziani, disabilita         data.Area
	girasole, usl               data.Organisation
	rossi, bianchi, dangelo     data.Person

	sindaci, tavolo            data.Body
	seatCastiglione, seatMag   data.Seat // the mayors' seats of Castiglione del Lago and Magione
	seatRossi, seatBianchi     data.Seat // seats of the Tavolo tematico Anziani
	mayor, delegate            data.Membership
	rossiMember, bianchiPresid data.Membership
	seatGirasole               data.Seat // a seat of the Tavolo tematico held by the cooperative
	girasoleRep                data.Membership
	rossiInSindaci             data.Membership // Rossi attends the mayors' table without a seat
}

func newRegistry(t testing.TB) *registry {
	t.Helper()
	return newRegistryIn(t, openTest(t))
}

func newRegistryIn(t testing.TB, s *Store) *registry {
	t.Helper()
	ctx := context.Background()
	r := &registry{s: s}
	var err error
	comune := func(name, istat string, pop int) data.Comune {
		c, err := s.SaveComune(ctx, data.Comune{Name: name, ISTAT: istat, Population: pop, PopulationApprox: true})
		must(t, "SaveComune("+name+")", err)
		return c
	}
	r.castiglione = comune("Castiglione del Lago", "054009", 15150)
	r.magione = comune("Magione", "054026", 14700)
	r.pieve = comune("Città della Pieve", "054012", 7500)
	r.ambito, err = s.SaveAmbito(ctx, data.Ambito{Name: "Ambito Territoriale n.5 del Trasimeno", CapofilaID: r.castiglione.ID})
	must(t, "SaveAmbito", err)
	r.anziani, err = s.SaveArea(ctx, data.Area{Name: "Anziani"})
	must(t, "SaveArea", err)
	r.disabilita, err = s.SaveArea(ctx, data.Area{Name: "Disabilità"})
	must(t, "SaveArea", err)
	r.girasole, err = s.SaveOrganisation(ctx, data.Organisation{Name: "Cooperativa sociale Il Girasole",
		Category: data.CatCooperativa, ComuneID: r.magione.ID})
	must(t, "SaveOrganisation", err)
	r.usl, err = s.SaveOrganisation(ctx, data.Organisation{Name: "USL Umbria 1", Category: data.CatASL})
	must(t, "SaveOrganisation", err)
	person := func(p data.Person) data.Person {
		p, err := s.SavePerson(ctx, p)
		must(t, "SavePerson("+p.Surname+")", err)
		return p
	}
	r.rossi = person(data.Person{Surname: "Rossi", Name: "Maria Grazia", Category: data.CatASL,
		OrganisationID: r.usl.ID, ComuneID: r.pieve.ID, Email: "maria.rossi@example.org", Phone: "075 950 0001"})
	r.bianchi = person(data.Person{Surname: "Bianchi", Name: "Teresa", Category: data.CatCooperativa,
		OrganisationID: r.girasole.ID, ComuneID: r.magione.ID, Email: "teresa.bianchi@example.org"})
	r.dangelo = person(data.Person{Surname: "D'Angelo", Name: "Rosa", Category: data.CatComune, ComuneID: r.castiglione.ID})

	r.sindaci, err = s.SaveBody(ctx, data.Body{Name: "Tavolo dei Sindaci", Kind: data.BodySindaci,
		Rules: data.DefaultRules(data.BodySindaci), Position: 1})
	must(t, "SaveBody", err)
	r.tavolo, err = s.SaveBody(ctx, data.Body{Name: "Tavolo tematico Anziani", Kind: data.BodyTavoloTematico,
		AreaID: r.anziani.ID, Rules: data.DefaultRules(data.BodyTavoloTematico), Position: 2})
	must(t, "SaveBody", err)
	seat := func(st data.Seat) data.Seat {
		st, err := s.SaveSeat(ctx, st)
		must(t, "SaveSeat", err)
		return st
	}
	r.seatCastiglione = seat(data.Seat{BodyID: r.sindaci.ID, ComuneID: r.castiglione.ID})
	r.seatMag = seat(data.Seat{BodyID: r.sindaci.ID, ComuneID: r.magione.ID})
	r.seatRossi = seat(data.Seat{BodyID: r.tavolo.ID, PersonID: r.rossi.ID})
	r.seatBianchi = seat(data.Seat{BodyID: r.tavolo.ID, PersonID: r.bianchi.ID})
	r.seatGirasole = seat(data.Seat{BodyID: r.tavolo.ID, OrganisationID: r.girasole.ID})
	member := func(m data.Membership) data.Membership {
		m, err := s.SaveMembership(ctx, m)
		must(t, "SaveMembership", err)
		return m
	}
	r.mayor = member(data.Membership{BodyID: r.sindaci.ID, PersonID: r.dangelo.ID, Role: data.RolePresidente,
		SeatID: r.seatCastiglione.ID})
	r.delegate = member(data.Membership{BodyID: r.sindaci.ID, PersonID: r.dangelo.ID, Role: data.RoleDelegato,
		SeatID: r.seatMag.ID})
	r.rossiInSindaci = member(data.Membership{BodyID: r.sindaci.ID, PersonID: r.rossi.ID, Role: data.RoleSegretario})
	r.rossiMember = member(data.Membership{BodyID: r.tavolo.ID, PersonID: r.rossi.ID, Role: data.RoleMembro,
		SeatID: r.seatRossi.ID})
	r.bianchiPresid = member(data.Membership{BodyID: r.tavolo.ID, PersonID: r.bianchi.ID, Role: data.RolePresidente,
		SeatID: r.seatBianchi.ID})
	r.girasoleRep = member(data.Membership{BodyID: r.tavolo.ID, PersonID: r.dangelo.ID, Role: data.RoleDelegato,
		SeatID: r.seatGirasole.ID})
	return r
}
