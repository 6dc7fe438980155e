package bundle

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"testing"
)

// benchRecords yields n records shaped like a person of the registry: a dozen columns of every kind.
func benchRecords(n int) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for i := range n {
			rec := Record{Kind: "person", ID: fmt.Sprintf("0190a6a5-7c1e-7000-8000-%012d", i), Row: map[string]any{
				"surname":    fmt.Sprintf("Rossi %d", i),
				"name":       "Maria Grazia",
				"email":      fmt.Sprintf("maria.rossi%d@comune.forli.fc.it", i),
				"phone":      "+39 0543 712345",
				"comune_id":  "0190a6a5-7c1e-7000-8000-000000000007",
				"notes":      "Referente per il tavolo anziani; preferisce essere contattata di mattina.",
				"seats":      int64(i % 7),
				"weight":     float64(i%100) / 3,
				"active":     i%2 == 0,
				"deleted_at": nil,
				"created_at": int64(1741973405000 + i),
				"updated_at": int64(1741973405000 + 2*i),
				"device_id":  "0190a6a5-7c1e-7000-8000-0000000000aa",
				"sort_key":   []byte{byte(i), byte(i >> 8), 0x2c, 0x01},
			}}
			if !yield(rec, nil) {
				return
			}
		}
	}
}

const benchN = 10000

// benchForms are the two forms at the cost they have in use: the encrypted one at age's real scrypt
// cost, which is most of its time (about a second for any size of bundle).
var benchForms = []struct {
	name string
	opt  WriteOptions
}{
	{"plain", WriteOptions{NoEncryption: true}},
	{"encrypted", WriteOptions{Passphrase: testPass}},
	{"encrypted_cheap_scrypt", WriteOptions{Passphrase: testPass, workFactor: testWork}},
}

func BenchmarkWrite(b *testing.B) {
	for _, f := range benchForms {
		b.Run(f.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if _, err := Write(&buf, testHeader(), benchRecords(benchN), f.opt); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes/bundle")
		})
	}
}

func BenchmarkRead(b *testing.B) {
	for _, f := range benchForms {
		b.Run(f.name, func(b *testing.B) {
			var buf bytes.Buffer
			if _, err := Write(&buf, testHeader(), benchRecords(benchN), f.opt); err != nil {
				b.Fatal(err)
			}
			opt := ReadOptions{Passphrase: testPass, MaxSchema: testSchema}
			for b.Loop() {
				rd, err := Open(bytes.NewReader(buf.Bytes()), opt)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for {
					_, err := rd.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != benchN {
					b.Fatalf("read %d records, want %d", n, benchN)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/bundle")
		})
	}
}
