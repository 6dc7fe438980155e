package sqlite

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/demo"
)

// The exchange at size: a bundle of every record of a district of more than 10,000 records (the demo
// at benchScale), exported, imported into an empty database, and imported again where it changes
// nothing. Run with:
//
//	go test -run XXX -bench Bundle -benchtime 3x ./data/sqlite

// benchScale multiplies the demo's people (and adds proposals) until the district has 10,000 records.
const benchScale = 115

// benchRecords is the least number of records the benchmarks' bundle must carry.
const benchRecords = 10_000

// benchDistrict is the demo at benchScale, made once for every benchmark: the database file's bytes and
// a plain bundle of all its records.
var benchDistrict = sync.OnceValues(func() (district, error) {
	dir, err := os.MkdirTemp("", "tavoli-bench-")
	if err != nil {
		return district{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "district.db")
	ds, err := demo.Trasimeno(benchScale)
	if err != nil {
		return district{}, err
	}
	s, err := Open(context.Background(), path, replicaOptions(benchSender, time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)))
	if err != nil {
		return district{}, err
	}
	if err := s.Seed(context.Background(), ds); err != nil {
		s.Close()
		return district{}, err
	}
	var d district
	if err := s.db.QueryRow(`SELECT count(*) FROM changes`).Scan(&d.records); err != nil {
		s.Close()
		return d, err
	}
	var buf bytes.Buffer
	if _, err := s.ExportBundle(context.Background(), &buf, bundle.ExportOptions{Everything: true, NoEncryption: true}); err != nil {
		s.Close()
		return d, err
	}
	d.bundle = buf.Bytes()
	if err := s.Close(); err != nil {
		return d, err
	}
	d.db, err = os.ReadFile(path)
	return d, err
})

// benchSender is the installation the benchmarks' district was written by.
const benchSender = "be000000-0000-4000-8000-000000000001"

type district struct {
	db      []byte // the database file, closed (its log checkpointed)
	bundle  []byte // a plain bundle of every record
	records int
}

// getDistrict returns the benchmarks' district, failing b when it could not be made or is too small.
func getDistrict(b *testing.B) district {
	b.Helper()
	d, err := benchDistrict()
	if err != nil {
		b.Fatal(err)
	}
	if d.records < benchRecords {
		b.Fatalf("the demo at scale %d has %d records, want at least %d", benchScale, d.records, benchRecords)
	}
	return d
}

// openDistrict opens a copy of the district's database file as its own installation.
func openDistrict(b *testing.B, d district) *Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "district.db")
	if err := os.WriteFile(path, d.db, 0o600); err != nil {
		b.Fatal(err)
	}
	return openAt(b, path, replicaOptions("be000000-0000-4000-8000-000000000002", time.Date(2027, 3, 13, 9, 0, 0, 0, time.UTC)))
}

// countWriter counts what is written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func benchmarkExport(b *testing.B, opt bundle.ExportOptions) {
	d := getDistrict(b)
	s := openDistrict(b, d)
	ctx := context.Background()
	var w countWriter
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w.n = 0
		ex, err := s.ExportBundle(ctx, &w, opt)
		if err != nil {
			b.Fatal(err)
		}
		if ex.Records < benchRecords {
			b.Fatalf("exported %d records, want at least %d", ex.Records, benchRecords)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(d.records), "records")
	b.ReportMetric(float64(w.n), "bytes")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(d.records), "ns/record")
}

// BenchmarkExportBundle10k: every record of a district of 10,000 records, to a plain bundle.
func BenchmarkExportBundle10k(b *testing.B) {
	benchmarkExport(b, bundle.ExportOptions{Everything: true, NoEncryption: true})
}

// BenchmarkExportBundle10kEncrypted: the same, encrypted with a passphrase at the real scrypt cost.
func BenchmarkExportBundle10kEncrypted(b *testing.B) {
	benchmarkExport(b, bundle.ExportOptions{Everything: true, Passphrase: "una passphrase per il benchmark"})
}

// BenchmarkImportBundle10k: reading and merging that bundle into an empty database (a laptop's first
// import).
func BenchmarkImportBundle10k(b *testing.B) {
	d := getDistrict(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "empty.db"), replicaOptions("be000000-0000-4000-8000-000000000003",
			time.Date(2027, 3, 13, 9, 0, 0, 0, time.UTC)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		in, err := ReadBundle(bytes.NewReader(d.bundle), "")
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.MergeBundle(ctx, in, bundle.ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if tot := res.Total(); tot.New+tot.Deleted != d.records || tot.Writes() != d.records {
			b.Fatalf("import %d into an empty database: %+v, want %d new records", i, tot, d.records)
		}
		s.Close()
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(d.records), "records")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(d.records), "ns/record")
}

// BenchmarkReimportBundle10k: reading and merging the same bundle again, where it changes nothing (the
// receiver already holds every record as the bundle has it).
func BenchmarkReimportBundle10k(b *testing.B) {
	d := getDistrict(b)
	ctx := context.Background()
	s := openAt(b, filepath.Join(b.TempDir(), "receiver.db"), replicaOptions("be000000-0000-4000-8000-000000000004",
		time.Date(2027, 3, 13, 9, 0, 0, 0, time.UTC)))
	merge := func() (int, error) {
		in, err := ReadBundle(bytes.NewReader(d.bundle), "")
		if err != nil {
			return 0, err
		}
		res, err := s.MergeBundle(ctx, in, bundle.ImportOptions{})
		return res.Total().Writes(), err
	}
	if n, err := merge(); err != nil || n != d.records {
		b.Fatalf("first import: %d writes, %v; want %d", n, err, d.records)
	}
	if n, err := merge(); err != nil || n != 0 {
		b.Fatalf("re-import: %d writes, %v; want none", n, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := merge(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(d.records), "records")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(d.records), "ns/record")
}
