package sqlite

import (
	"context"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	c, err := s.SaveComune(ctx, data.Comune{Name: "Città della Pieve", Population: 7500})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAmbito(ctx, data.Ambito{Name: "Ambito 5", CapofilaID: c.ID}); err != nil {
		t.Fatal(err)
	}
	for _, n := range [][2]string{{"De Santis", "Paolo"}, {"D'Angelo", "Maria"}, {"Ànzani", "Luca"}, {"Bianchi", "Anna"}} {
		if _, err := s.SavePerson(ctx, data.Person{Surname: n[0], Name: n[1], ComuneID: c.ID, Category: data.CatASL}); err != nil {
			t.Fatal(err)
		}
	}
	people, err := s.People(ctx, data.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		t.Log(p.FullName(), p.ComuneName)
	}
	found, err := s.People(ctx, data.PeopleFilter{Query: "citta anz"})
	if err != nil || len(found) != 1 {
		t.Fatalf("search = %v %v", found, err)
	}
}
