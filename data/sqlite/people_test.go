package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestSavePerson(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	p, err := r.s.SavePerson(ctx, data.Person{Surname: "  De  Santis ", Name: " Carla\t", Email: " carla@example.org ",
		Phone: " 075 1 ", ComuneText: " Perugia ", Notes: " tiene  gli spazi "})
	must(t, "SavePerson", err)
	got, err := r.s.Person(ctx, p.ID)
	must(t, "Person", err)
	want := data.PersonView{Person: data.Person{Meta: got.Meta, Surname: "De Santis", Name: "Carla", Category: data.CatAltro,
		Email: "carla@example.org", Phone: "075 1", ComuneText: "Perugia", Notes: " tiene  gli spazi "}}
	if got != want {
		t.Errorf("Person(new) = %+v, want %+v", got, want)
	}
	if got.Meta != p.Meta {
		t.Errorf("Person(new).Meta = %+v, want what SavePerson returned, %+v", got.Meta, p.Meta)
	}

	p.ComuneText, p.ComuneID, p.OrganisationID, p.Category = "", r.pieve.ID, r.girasole.ID, data.CatCooperativa
	p, err = r.s.SavePerson(ctx, p)
	must(t, "SavePerson(update)", err)
	got, err = r.s.Person(ctx, p.ID)
	must(t, "Person", err)
	if got.Town() != "Città della Pieve" || got.OrganisationName != "Cooperativa sociale Il Girasole" || got.Category != data.CatCooperativa {
		t.Errorf("Person(updated) = %+v, want in Città della Pieve, of Il Girasole, cooperativa_sociale", got)
	}

	missing := "00000000-0000-4000-8000-999999999999"
	_, err = r.s.SavePerson(ctx, data.Person{Surname: "Lupi", OrganisationID: missing})
	wantErr(t, "SavePerson(unknown organisation)", err, data.ENotFound, "err.ref.missing")
	_, err = r.s.SavePerson(ctx, data.Person{Surname: "Lupi", ComuneID: missing})
	wantErr(t, "SavePerson(unknown comune)", err, data.ENotFound, "err.ref.missing")
	_, err = r.s.Person(ctx, missing)
	wantErr(t, "Person(unknown)", err, data.ENotFound, "err.record.deleted")
}

func TestOrganisations(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	_, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: "  Associazione  Alzheimer ", Email: " info@alzheimer.example.org "})
	must(t, "SaveOrganisation", err)
	_, err = r.s.SavePerson(ctx, data.Person{Surname: "Capaccioni", OrganisationID: r.girasole.ID})
	must(t, "SavePerson", err)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{"Associazione Alzheimer (altro, , 0)", "Cooperativa sociale Il Girasole (cooperativa_sociale, Magione, 2)",
			"USL Umbria 1 (asl, , 1)"}},
		{"coop", []string{"Cooperativa sociale Il Girasole (cooperativa_sociale, Magione, 2)"}},
		{"MAGIONE girasole", []string{"Cooperativa sociale Il Girasole (cooperativa_sociale, Magione, 2)"}},
		{"alzheimer.example", []string{"Associazione Alzheimer (altro, , 0)"}},
		{"umbria coop", nil},
	} {
		list, err := r.s.Organisations(ctx, tc.query)
		must(t, "Organisations", err)
		var got []string
		for _, o := range list {
			got = append(got, fmt.Sprintf("%s (%s, %s, %d)", o.Name, o.Category, o.ComuneName, o.People))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Organisations(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
	_, err = r.s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: r.bianchi.ID})
	must(t, "Delete", err)
	list, err := r.s.Organisations(ctx, "girasole")
	must(t, "Organisations", err)
	if len(list) != 1 || list[0].People != 1 {
		t.Errorf("Organisations(girasole) after deleting a member = %+v, want 1 person", list)
	}
}

// searchRegistry adds to the registry people whose names, addresses and towns test the search.
func searchRegistry(t *testing.T) *registry {
	t.Helper()
	ctx := context.Background()
	r := newRegistry(t)
	for _, p := range []data.Person{
		{Surname: "De Santis", Name: "Carla", Category: data.CatScuola, ComuneID: r.pieve.ID, Email: "carla_desantis@example.org"},
		{Surname: "Ànzani", Name: "Luca", Category: data.CatCittadino, ComuneText: "Perugia", Email: "carlaxdesantis@example.org",
			Phone: "075 100 1234"},
		{Surname: "Conti", Name: "Giuseppina", ComuneText: "Zona 100% Trasimeno"},
		{Surname: "Mencarelli", Name: "Niccolò", Category: data.CatComune},
	} {
		_, err := r.s.SavePerson(ctx, p)
		must(t, "SavePerson", err)
	}
	return r
}

func TestPeopleSearch(t *testing.T) {
	ctx := context.Background()
	r := searchRegistry(t)
	all := []string{"Ànzani Luca", "Bianchi Teresa", "Conti Giuseppina", "D'Angelo Rosa", "De Santis Carla",
		"Mencarelli Niccolò", "Rossi Maria Grazia"}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", all},
		{"   ", all},
		{"citta", []string{"De Santis Carla", "Rossi Maria Grazia"}},
		{"CITTÀ", []string{"De Santis Carla", "Rossi Maria Grazia"}},
		{"Citta della Pieve", []string{"De Santis Carla", "Rossi Maria Grazia"}},
		{"citta ross", []string{"Rossi Maria Grazia"}},
		{"ross citta", []string{"Rossi Maria Grazia"}},
		{"coop girasole", []string{"Bianchi Teresa"}},
		{"girasole coop", []string{"Bianchi Teresa"}},
		{"coop rossi", nil},
		{"umbria", []string{"Rossi Maria Grazia"}},
		{"magione", []string{"Bianchi Teresa"}},
		{"niccolo", []string{"Mencarelli Niccolò"}},
		{"NICCOLÒ", []string{"Mencarelli Niccolò"}},
		{"anzani", []string{"Ànzani Luca"}},
		{"d'angelo", []string{"D'Angelo Rosa"}},
		{"maria.rossi@example", []string{"Rossi Maria Grazia"}},
		{"950 0001", []string{"Rossi Maria Grazia"}},
		{"perugia", []string{"Ànzani Luca"}},
		// LIKE's wildcards are plain characters in a query.
		{"carla_d", []string{"De Santis Carla"}},
		{"_", []string{"De Santis Carla"}},
		{"100%", []string{"Conti Giuseppina"}},
		{"%", []string{"Conti Giuseppina"}},
		{`\`, nil},
		{`\%`, nil},
		{"zzz", nil},
	} {
		people, err := r.s.People(ctx, data.PeopleFilter{Query: tc.query})
		must(t, "People", err)
		if got := names(people); !slices.Equal(got, append([]string{}, tc.want...)) {
			t.Errorf("People(Query %q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestPeopleFilters(t *testing.T) {
	ctx := context.Background()
	r := searchRegistry(t)
	for _, tc := range []struct {
		name string
		f    data.PeopleFilter
		want []string
	}{
		{"category asl", data.PeopleFilter{Category: data.CatASL}, []string{"Rossi Maria Grazia"}},
		{"category comune", data.PeopleFilter{Category: data.CatComune}, []string{"D'Angelo Rosa", "Mencarelli Niccolò"}},
		{"category comune and query", data.PeopleFilter{Category: data.CatComune, Query: "rosa"}, []string{"D'Angelo Rosa"}},
		{"category nobody has", data.PeopleFilter{Category: data.CatSindacato}, []string{}},
		{"comune", data.PeopleFilter{ComuneID: r.pieve.ID}, []string{"De Santis Carla", "Rossi Maria Grazia"}},
		{"organisation", data.PeopleFilter{OrganisationID: r.girasole.ID}, []string{"Bianchi Teresa"}},
		{"organisation and category elsewhere", data.PeopleFilter{OrganisationID: r.girasole.ID, Category: data.CatASL}, []string{}},
		{"limit", data.PeopleFilter{Limit: 2}, []string{"Ànzani Luca", "Bianchi Teresa"}},
		{"limit and comune", data.PeopleFilter{Limit: 1, ComuneID: r.pieve.ID}, []string{"De Santis Carla"}},
		{"limit above the matches", data.PeopleFilter{Limit: 50, Query: "citta"}, []string{"De Santis Carla", "Rossi Maria Grazia"}},
	} {
		people, err := r.s.People(ctx, tc.f)
		must(t, "People", err)
		if got := names(people); !slices.Equal(got, tc.want) {
			t.Errorf("People(%s: %+v) = %q, want %q", tc.name, tc.f, got, tc.want)
		}
	}
}

// TestPeopleOrder lists people the Italian way: case and accents do not move a name away from its
// letter, and an apostrophe comes before letters ("D'Angelo" before "De Santis").
func TestPeopleOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	want := [][2]string{{"Ànzani", "Luca"}, {"Anzi", "Paolo"}, {"bianchi", "Anna"}, {"Bianco", "Anna"},
		{"D'Angelo", "Rosa"}, {"de Rossi", "Marco"}, {"De Santis", "Carla"}, {"Éboli", "Ugo"}, {"Eco", "Ugo"},
		{"Rossi", "Anna"}, {"Rossi", "maria"}, {"Rossi", "Zeno"}, {"Rossini", "Anna"}, {"Zampini", "Lucia"}}
	for _, i := range []int{13, 6, 2, 9, 0, 11, 4, 7, 12, 1, 8, 3, 10, 5} {
		_, err := s.SavePerson(ctx, data.Person{Surname: want[i][0], Name: want[i][1]})
		must(t, "SavePerson", err)
	}
	var wantNames []string
	for _, p := range want {
		wantNames = append(wantNames, p[0]+" "+p[1])
	}
	people, err := s.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	if got := names(people); !slices.Equal(got, wantNames) {
		t.Errorf("People() = %q, want %q", got, wantNames)
	}
}

// TestPeopleSearchDemo searches the demo district and compares with a plain scan of its people: every
// word of the query, folded, must occur in the person's names, email, phone, town, organisation or comune.
func TestPeopleSearchDemo(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ds := seedDemo(t, s, 2)
	orgs := map[string]data.Organisation{}
	for _, o := range ds.Organisations {
		orgs[o.ID] = o
	}
	comuni := map[string]string{}
	for _, c := range ds.Comuni {
		comuni[c.ID] = c.Name
	}
	for _, q := range []string{"citta", "citta ricci", "ross castiglione", "coop girasole", "MAGIONE", "niccolò", "d'angelo", "075 95",
		"usl distretto", "pensionati cisl", "comune di paciano", "example.org", "Città della Pieve istituto"} {
		want := map[string]bool{}
		for _, p := range ds.People {
			text := data.Fold(strings.Join([]string{p.Surname, p.Name, p.Email, p.Phone, p.ComuneText,
				orgs[p.OrganisationID].Name, orgs[p.OrganisationID].Email, comuni[p.ComuneID]}, " "))
			match := true
			for _, w := range data.SearchTerms(q) {
				match = match && strings.Contains(text, w)
			}
			if match {
				want[p.ID] = true
			}
		}
		people, err := s.People(ctx, data.PeopleFilter{Query: q})
		must(t, "People", err)
		got := map[string]bool{}
		for _, p := range people {
			got[p.ID] = true
		}
		if len(want) == 0 || len(got) != len(want) {
			t.Errorf("People(Query %q) = %d people, want %d (and more than none)", q, len(got), len(want))
			continue
		}
		for id := range want {
			if !got[id] {
				t.Errorf("People(Query %q) misses %s", q, id)
			}
		}
	}

	people, err := s.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	if len(people) != len(ds.People) {
		t.Fatalf("People() = %d people, want %d", len(people), len(ds.People))
	}
	c := data.Collator()
	for i := 1; i < len(people); i++ {
		a, b := people[i-1], people[i]
		cmp := c.CompareString(a.Surname, b.Surname)
		if cmp == 0 {
			cmp = c.CompareString(a.Name, b.Name)
		}
		if cmp > 0 {
			t.Errorf("People()[%d:%d] = %q, %q: out of Italian order", i-1, i+1, a.FullName(), b.FullName())
		}
	}
}
