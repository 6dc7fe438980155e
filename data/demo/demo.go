// Package demo builds the datasets a new database can start from: the Trasimeno district (real comuni,
// invented people) for trying the program, and an empty Ambito with the standard bodies and areas.
// Ids are derived from names, so the same call gives the same records on every computer.
package demo

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
)

// namespace makes the demo's name-based UUIDs (version 5).
var namespace = uuid.MustParse("6f1d8f3e-5b7a-4c1e-9d8a-7a3e1c2b5d40")

func id(parts ...string) string {
	return uuid.NewSHA1(namespace, []byte(strings.Join(parts, "/"))).String()
}

// source is the shape of assets/demo/trasimeno.json.
type source struct {
	Ambito struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		Region    string `json:"region"`
		Capofila  string `json:"capofila"`
		Address   string `json:"address"`
	} `json:"ambito"`
	Comuni []struct {
		Name       string `json:"name"`
		Population int    `json:"population"`
		ISTAT      string `json:"istat"`
		Office     string `json:"office"`
	} `json:"comuni"`
	Areas         []string `json:"areas"`
	Organisations []struct {
		Name     string `json:"name"`
		Category string `json:"category"`
		Comune   string `json:"comune"`
	} `json:"organisations"`
	People []struct {
		Surname  string `json:"surname"`
		Name     string `json:"name"`
		Title    string `json:"title"`
		Gender   string `json:"gender"`
		Category string `json:"category"`
		Org      string `json:"org"`
		Comune   string `json:"comune"`
		Notes    string `json:"notes"`
	} `json:"people"`
	Bodies []struct {
		Name  string `json:"name"`
		Kind  string `json:"kind"`
		Area  string `json:"area"`
		Notes string `json:"notes"`
		Seats []struct {
			Label        string `json:"label"`
			Comune       string `json:"comune"`
			Organisation string `json:"organisation"`
		} `json:"seats"`
		Members []struct {
			Person string `json:"person"`
			Role   string `json:"role"`
			Seat   string `json:"seat"`
		} `json:"members"`
		SeatedMembers []string `json:"seated_members"`
	} `json:"bodies"`
}

// Trasimeno returns the demo district. scale (at least 1) multiplies the people: the 60 of the demo,
// plus scale-1 generated copies of each with other names, for measuring the program at size; and it
// adds 12 generated proposals per step beyond the first, two for each area (see addGenerated). The
// district comes with the meetings its bodies held in 2025 and 2026 (assets/demo/meetings.json), the
// votes taken in them (assets/demo/votes.json), one convened for January 2027, and the history of its
// proposals up to the priority list the Tavolo Alto validated; they involve the 60 only, whatever the
// scale.
func Trasimeno(scale int) (data.Dataset, error) {
	var src source
	if err := json.Unmarshal(assets.Trasimeno, &src); err != nil {
		return data.Dataset{}, fmt.Errorf("demo data: %w", err)
	}
	if scale < 1 {
		scale = 1
	}
	var ds data.Dataset
	comuni := map[string]string{}
	for _, c := range src.Comuni {
		cid := id("comune", c.Name)
		comuni[c.Name] = cid
		ds.Comuni = append(ds.Comuni, data.Comune{Meta: data.Meta{ID: cid}, Name: c.Name, Population: c.Population,
			PopulationApprox: true, ISTAT: c.ISTAT, Office: c.Office})
	}
	ds.Ambito = data.Ambito{Meta: data.Meta{ID: id("ambito")}, Name: src.Ambito.Name, ShortName: src.Ambito.ShortName,
		Region: src.Ambito.Region, CapofilaID: comuni[src.Ambito.Capofila], Address: src.Ambito.Address}
	areas := map[string]string{}
	for i, a := range src.Areas {
		areas[a] = id("area", a)
		ds.Areas = append(ds.Areas, data.Area{Meta: data.Meta{ID: areas[a]}, Name: a, Position: i + 1})
	}
	orgs := map[string]string{}
	for _, o := range src.Organisations {
		orgs[o.Name] = id("organisation", o.Name)
		ds.Organisations = append(ds.Organisations, data.Organisation{Meta: data.Meta{ID: orgs[o.Name]}, Name: o.Name,
			Category: data.Category(o.Category), ComuneID: comuni[o.Comune]})
	}
	people := map[string]string{}
	for i, p := range src.People {
		full := p.Surname + " " + p.Name
		people[full] = id("person", full)
		ds.People = append(ds.People, data.Person{Meta: data.Meta{ID: people[full]}, Surname: p.Surname, Name: p.Name,
			Category: data.Category(p.Category), OrganisationID: orgs[p.Org], ComuneID: comuni[p.Comune],
			Email: email(p.Name, p.Surname, 0), Phone: phone(i), Notes: p.Notes, Title: p.Title, Gender: data.Gender(p.Gender)})
	}
	for k := 2; k <= scale; k++ {
		for i, p := range src.People {
			q := src.People[(i*7+k)%len(src.People)]
			named := src.People[(i*3+k*5)%len(src.People)] // the copy takes this person's given name and gender
			surname, name := q.Surname, named.Name
			ds.People = append(ds.People, data.Person{Meta: data.Meta{ID: id("person", fmt.Sprint(k), fmt.Sprint(i))},
				Surname: surname, Name: name, Category: data.Category(p.Category), OrganisationID: orgs[p.Org],
				ComuneID: comuni[src.Comuni[(i+k)%len(src.Comuni)].Name], Email: email(name, surname, k*1000+i),
				Phone: phone(k*1000 + i), Gender: data.Gender(named.Gender)})
		}
	}
	reg := registry{people: people, names: map[string]string{}, comuni: comuni, orgs: orgs,
		personOrg: map[string]string{}, bodies: map[string]data.Body{}, seats: map[string]map[string]string{}}
	for _, p := range ds.People[:len(src.People)] {
		reg.names[p.ID] = p.FullName()
		reg.personOrg[p.ID] = p.OrganisationID
	}
	for bi, b := range src.Bodies {
		body := data.Body{Meta: data.Meta{ID: id("body", b.Name)}, Name: b.Name, Kind: data.BodyKind(b.Kind),
			AreaID: areas[b.Area], Rules: data.DefaultRules(data.BodyKind(b.Kind)), Position: bi + 1, Notes: b.Notes}
		ds.Bodies = append(ds.Bodies, body)
		seats := map[string]string{}
		reg.bodies[b.Name], reg.seats[b.Name] = body, seats
		addSeat := func(s data.Seat, name string) {
			s.ID, s.BodyID, s.Position = id("seat", b.Name, name), body.ID, len(seats)+1
			seats[name] = s.ID
			ds.Seats = append(ds.Seats, s)
		}
		for _, s := range b.Seats {
			name := s.Label
			if name == "" {
				name = s.Comune + s.Organisation
			}
			addSeat(data.Seat{Label: s.Label, ComuneID: comuni[s.Comune], OrganisationID: orgs[s.Organisation]}, name)
		}
		for _, m := range b.Members {
			ds.Memberships = append(ds.Memberships, data.Membership{Meta: data.Meta{ID: id("membership", b.Name, m.Person, m.Role)},
				BodyID: body.ID, PersonID: people[m.Person], Role: data.Role(m.Role), SeatID: seats[m.Seat]})
		}
		for _, p := range b.SeatedMembers {
			addSeat(data.Seat{PersonID: people[p]}, p)
			role := data.RoleMembro
			for _, m := range b.Members {
				if m.Person == p {
					role = data.Role(m.Role)
				}
			}
			mid := id("membership", b.Name, p, "seat")
			if role != data.RoleMembro {
				// The member already listed with a role (the Ufficio di Piano's coordinator) takes the seat.
				for i := range ds.Memberships {
					if ds.Memberships[i].BodyID == body.ID && ds.Memberships[i].PersonID == people[p] {
						ds.Memberships[i].SeatID = seats[p]
					}
				}
				continue
			}
			ds.Memberships = append(ds.Memberships, data.Membership{Meta: data.Meta{ID: mid}, BodyID: body.ID,
				PersonID: people[p], Role: data.RoleMembro, SeatID: seats[p]})
		}
	}
	steps, err := addMeetings(&ds, reg)
	if err != nil {
		return data.Dataset{}, err
	}
	if err := addVotes(&ds, reg); err != nil {
		return data.Dataset{}, err
	}
	if err := addApprovals(&ds); err != nil {
		return data.Dataset{}, err
	}
	if err := addGenerated(&ds, scale); err != nil {
		return data.Dataset{}, err
	}
	if err := addHistory(&ds, steps); err != nil {
		return data.Dataset{}, err
	}
	if err := addAttuazione(&ds); err != nil {
		return data.Dataset{}, err
	}
	ds.Reports = append(ds.Reports, data.AnnualReport{Meta: data.Meta{Created: relazione2026At, Updated: relazione2026At},
		Year: 2026, Introduction: relazione2026})
	return ds, check(ds)
}

// check makes sure every name in the demo file resolved to a record: a typo there must fail the tests,
// not produce a seat for nobody.
func check(ds data.Dataset) error {
	for _, m := range ds.Memberships {
		if m.PersonID == "" || m.BodyID == "" {
			return fmt.Errorf("demo data: membership %s names an unknown person", m.ID)
		}
	}
	for _, p := range ds.People {
		if p.ComuneID == "" {
			return fmt.Errorf("demo data: %s has an unknown comune", p.FullName())
		}
	}
	if ds.Ambito.CapofilaID == "" {
		return fmt.Errorf("demo data: unknown comune capofila")
	}
	return nil
}

// email makes a demo address on the reserved example.org domain; n > 0 keeps generated copies distinct.
func email(name, surname string, n int) string {
	local := strings.NewReplacer(" ", "", "'", "").Replace(data.Fold(name + "." + surname))
	if n > 0 {
		local += fmt.Sprint(n)
	}
	return local + "@example.org"
}

// phone makes a demo number in the Trasimeno's 075 district.
func phone(n int) string {
	return fmt.Sprintf("075 %03d %04d", 950+n%50, (n*7919+1234)%10000)
}

// Empty returns a new Ambito with the given name: no comuni or people yet, the standard welfare areas,
// and the standard bodies (Tavolo dei Sindaci, Tavolo Alto, Ufficio di Piano, one Tavolo tematico per
// area), each with the default rules of its kind. newID makes the ids.
func Empty(name string, newID func() string) data.Dataset {
	ds := data.Dataset{Ambito: data.Ambito{Meta: data.Meta{ID: newID()}, Name: name}}
	pos := 0
	addBody := func(name string, kind data.BodyKind, area string) {
		pos++
		ds.Bodies = append(ds.Bodies, data.Body{Meta: data.Meta{ID: newID()}, Name: name, Kind: kind, AreaID: area,
			Rules: data.DefaultRules(kind), Position: pos})
	}
	addBody("Tavolo dei Sindaci", data.BodySindaci, "")
	addBody("Tavolo Alto della Concertazione", data.BodyTavoloAlto, "")
	addBody("Ufficio di Piano", data.BodyUfficioDiPiano, "")
	for i, a := range data.DefaultAreas {
		area := data.Area{Meta: data.Meta{ID: newID()}, Name: a, Position: i + 1}
		ds.Areas = append(ds.Areas, area)
		addBody("Tavolo tematico "+a, data.BodyTavoloTematico, area.ID)
	}
	return ds
}
