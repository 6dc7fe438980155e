package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/demo"
)

// demoFiles keeps the bytes of the demo databases the benchmarks start from, made once per run:
// seeding 6,000 people takes a while, and the testing package calls a benchmark more than once.
var demoFiles = struct {
	sync.Mutex
	bytes map[int][]byte
}{bytes: map[int][]byte{}}

// demoDB writes a closed demo database with the demo's people multiplied by scale (60 each) into a
// temporary folder and returns its path.
func demoDB(b *testing.B, scale int) string {
	b.Helper()
	demoFiles.Lock()
	defer demoFiles.Unlock()
	if demoFiles.bytes[scale] == nil {
		raw, err := os.ReadFile(tavoliFile(b, b.TempDir(), scale))
		must(b, "ReadFile", err)
		demoFiles.bytes[scale] = raw
	}
	return writeFile(b, filepath.Join(b.TempDir(), "tavoli.db"), demoFiles.bytes[scale])
}

func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	for _, scale := range []int{1, 100} {
		b.Run(fmt.Sprintf("people=%d", 60*scale), func(b *testing.B) {
			path := demoDB(b, scale)
			b.ResetTimer()
			for range b.N {
				s, err := Open(ctx, path, testOptions())
				if err != nil {
					b.Fatalf("Open(%q) = %v", path, err)
				}
				s.Close()
			}
		})
	}
}

func BenchmarkPeopleList(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, demoDB(b, 100), testOptions())
	for _, f := range []data.PeopleFilter{{}, {Limit: 50}} {
		b.Run(fmt.Sprintf("limit=%d", f.Limit), func(b *testing.B) {
			want := 6000
			if f.Limit > 0 {
				want = f.Limit
			}
			b.ResetTimer()
			for range b.N {
				people, err := s.People(ctx, f)
				if err != nil || len(people) != want {
					b.Fatalf("People(%+v) = %d people, %v; want %d", f, len(people), err, want)
				}
			}
		})
	}
}

func BenchmarkPeopleSearch(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, demoDB(b, 100), testOptions())
	for _, q := range []string{"citta ross", "niccolò", "coop girasole magione", "nessuno"} {
		b.Run(q, func(b *testing.B) {
			var found int
			b.ResetTimer()
			for range b.N {
				people, err := s.People(ctx, data.PeopleFilter{Query: q})
				if err != nil {
					b.Fatalf("People(%q) = %v", q, err)
				}
				found = len(people)
			}
			b.ReportMetric(float64(found), "found")
		})
	}
}

// importRows is a file of n people for the demo district: one in five already registered (with a new
// note), the others new, some with accents in their names, one in eleven without an email, their
// comuni written in the ways offices write them, their organisations known or new.
func importRows(b *testing.B, n int) []data.PersonImport {
	ds, err := demo.Trasimeno(1)
	must(b, "demo.Trasimeno", err)
	var rows []data.PersonImport
	for i := range n {
		c := ds.Comuni[i%len(ds.Comuni)]
		comune := []string{c.Name, "Comune di " + c.Name, c.ISTAT, data.Fold(c.Name)}[i%4]
		row := data.PersonImport{Line: i + 2, Surname: fmt.Sprintf("Cognome%04d", i),
			Name:     []string{"Niccolò", "Maria Grazia", "Zoè", "Andrea", "Lucia", "Federico", "Agnese"}[i%7],
			Category: []string{"ASL", "Cooperativa sociale", "associazione", "cittadino", ""}[i%5], Comune: comune,
			Email: fmt.Sprintf("persona%04d@example.org", i), Phone: fmt.Sprintf("075 %07d", i)}
		if i%3 == 0 {
			row.Organisation = ds.Organisations[i%len(ds.Organisations)].Name
		} else if i%7 == 0 {
			row.Organisation = fmt.Sprintf("Associazione nuova %d", i%20)
		}
		if i%11 == 0 {
			row.Email = "" // offices' lists without addresses: matched by name only
		}
		if i%5 == 0 {
			p := ds.People[(i/5)%len(ds.People)]
			row = data.PersonImport{Line: i + 2, Surname: p.Surname, Name: p.Name, Email: p.Email, Notes: "importato"}
		}
		rows = append(rows, row)
	}
	return rows
}

// BenchmarkImportPeople previews a file of 1,000 rows and imports files of 1,000, 20,000 and 100,000
// rows into the demo database. Matching a row must cost the same whatever the register's size:
// 100,000 rows are to be imported in under 10 s (issue 16).
func BenchmarkImportPeople(b *testing.B) {
	ctx := context.Background()
	b.Run("preview", func(b *testing.B) {
		rows := importRows(b, 1000)
		s := openAt(b, demoDB(b, 1), testOptions())
		b.ResetTimer()
		for range b.N {
			rep, err := s.ImportPeople(ctx, rows, data.ImportOptions{})
			if err != nil || len(rep.Rows) != len(rows) {
				b.Fatalf("ImportPeople(preview) = %d rows, %v", len(rep.Rows), err)
			}
		}
	})
	for _, n := range []int{1000, 20000, 100000} {
		b.Run(fmt.Sprintf("apply/rows=%d", n), func(b *testing.B) {
			rows := importRows(b, n)
			path := demoDB(b, 1)
			raw, err := os.ReadFile(path)
			must(b, "ReadFile", err)
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				p := writeFile(b, filepath.Join(b.TempDir(), fmt.Sprintf("import%d.db", i)), raw)
				s, err := Open(ctx, p, testOptions())
				must(b, "Open", err)
				b.StartTimer()
				rep, err := s.ImportPeople(ctx, rows, data.ImportOptions{Apply: true})
				b.StopTimer()
				if err != nil || rep.New+rep.Updated+rep.Unchanged+rep.Duplicates != len(rows) {
					b.Fatalf("ImportPeople(apply) = %+v, %v", rep, err)
				}
				s.Close()
				b.StartTimer()
			}
		})
	}
}
