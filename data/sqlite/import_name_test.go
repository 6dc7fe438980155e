package sqlite

import (
	"context"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// A row and a registered person with the same name are the same person when one of the two has no email
// and nobody else has that name; otherwise the row is a new person.
func TestImportPeopleMatchesByNameWithoutEmail(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, p := range []data.Person{
		{Surname: "Ferri", Name: "Lucia", Email: "lucia.ferri@example.org", Category: data.CatComune},
		{Surname: "Rossi", Name: "Anna", Category: data.CatCittadino},
		{Surname: "Bianchi", Name: "Teresa", Email: "teresa.a@example.org", Category: data.CatAssociazione},
		{Surname: "Bianchi", Name: "Teresa", Email: "teresa.b@example.org", Category: data.CatAssociazione},
	} {
		if _, err := s.SavePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		row  data.PersonImport
		want data.ImportOutcome
	}{
		{data.PersonImport{Line: 2, Surname: "FERRI", Name: "Lucia", Phone: "075 111"}, data.ImportUpdated},               // file has no email
		{data.PersonImport{Line: 3, Surname: "Rossi", Name: "Anna", Email: "anna.rossi@example.org"}, data.ImportUpdated}, // register has none
		{data.PersonImport{Line: 4, Surname: "Ferri", Name: "Lucia", Email: "altra@example.org"}, data.ImportNew},         // two different emails
		{data.PersonImport{Line: 5, Surname: "Bianchi", Name: "Teresa"}, data.ImportNew},                                  // two people of that name
	}
	for _, tt := range tests {
		t.Run(tt.row.Surname+" "+tt.row.Email, func(t *testing.T) {
			rep, err := s.ImportPeople(ctx, []data.PersonImport{tt.row}, data.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Rows[0].Outcome; got != tt.want {
				t.Errorf("ImportPeople(%+v) outcome = %s, want %s", tt.row, got, tt.want)
			}
		})
	}
	rep, err := s.ImportPeople(ctx, []data.PersonImport{tests[0].row, tests[1].row}, data.ImportOptions{Apply: true})
	if err != nil || rep.Updated != 2 {
		t.Fatalf("ImportPeople(apply) = %+v, %v; want 2 updated", rep, err)
	}
	people, _ := s.People(ctx, data.PeopleFilter{Query: "ferri lucia"})
	if len(people) != 1 || people[0].Phone != "075 111" || people[0].Email != "lucia.ferri@example.org" {
		t.Errorf("Ferri after import = %+v, want one person with the new phone and the registered email", people)
	}
	people, _ = s.People(ctx, data.PeopleFilter{Query: "rossi anna"})
	if len(people) != 1 || people[0].Email != "anna.rossi@example.org" {
		t.Errorf("Rossi after import = %+v, want one person with the file's email", people)
	}
}
