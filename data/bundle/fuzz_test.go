package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"testing"

	"filippo.io/age"
)

// FuzzOpen reads anything. Whatever the input, reading does not panic; a failure is one of the coded
// refusals; a success is a bundle whose seal, checksum and counts hold when recomputed apart from the
// reader, and whose records write and read back the same.
func FuzzOpen(f *testing.F) {
	f.Add(writeBundle(f, testHeader(), sampleRecords(), plainOpt()))
	f.Add(writeBundle(f, testHeader(), sampleRecords(), encryptedOpt()))
	f.Add(writeBundle(f, testHeader(), nil, plainOpt()))
	f.Add(writeBundle(f, testHeader(), sampleRecords()[:1], encryptedOpt()))
	f.Add([]byte{})
	f.Add([]byte("TAVOLI-BUNDLE 1\n"))
	f.Add([]byte("age-encryption.org/v1\n-> scrypt "))
	f.Add([]byte("SQLite format 3\x00"))

	f.Fuzz(func(t *testing.T, b []byte) {
		h, recs, err := readAll(bytes.NewReader(b), readOpt(testPass))
		if err != nil {
			checkRefused(t, "fuzzed input", err, keysOf(readRefusals)...)
			return
		}

		plain := b
		if bytes.HasPrefix(b, []byte(ageMagic)) {
			id, _ := age.NewScryptIdentity(testPass)
			r, err := age.Decrypt(bytes.NewReader(b), id)
			if err != nil {
				t.Fatalf("read, yet age refuses it: %v", err)
			}
			if plain, err = io.ReadAll(r); err != nil {
				t.Fatalf("read, yet age refuses it: %v", err)
			}
		}
		cut := len(plain) - len(sealPrefix) - 2*sha256.Size - 1
		if cut < 0 || string(plain[cut:]) != string(sealed(bytes.Clone(plain[:cut]))[cut:]) {
			t.Fatalf("read, yet its seal is not the hash of what precedes it")
		}
		lines := bytes.SplitAfter(gunzip(t, plain), []byte("\n"))
		if len(lines) < 3 || len(lines[len(lines)-1]) != 0 {
			t.Fatalf("read, yet the content has %d lines", len(lines))
		}
		sum := sha256.New()
		for _, l := range lines[1 : len(lines)-2] {
			sum.Write(l)
		}
		if got := hex.EncodeToString(sum.Sum(nil)); got != h.SHA256 {
			t.Fatalf("read with checksum %s, the record lines hash to %s", h.SHA256, got)
		}
		counts := map[string]int{}
		for _, r := range recs {
			counts[r.Kind]++
		}
		if !maps.Equal(counts, h.Counts) {
			t.Fatalf("counts %v, the records are %v", h.Counts, counts)
		}

		h2, again, err := readAll(bytes.NewReader(writeBundle(t, h, recs, plainOpt())), readOpt(""))
		if err != nil {
			t.Fatalf("records read do not write back: %v", err)
		}
		if h2.AmbitoID != h.AmbitoID || !h2.Created.Equal(h.Created) || len(again) != len(recs) {
			t.Fatalf("written back, the bundle reads differently")
		}
		for i := range recs {
			for col, v := range recs[i].Row {
				if !sameValue(again[i].Row[col], v) {
					t.Fatalf("record %d column %s: %#v, then %#v", i, col, v, again[i].Row[col])
				}
			}
		}
	})
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
