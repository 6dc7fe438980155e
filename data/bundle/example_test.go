package bundle_test

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/tavoli/tavoli/data/bundle"
)

func Example() {
	h := bundle.Header{
		Schema:   5,
		AmbitoID: "0190a6a5-7c1e-7000-8000-000000000001", AmbitoName: "Ambito di Forlì",
		Sender: "0190a6a5-7c1e-7000-8000-0000000000aa", SenderName: "Ufficio di Piano",
		Created: time.Date(2025, 3, 14, 18, 30, 0, 0, time.UTC),
		Upto:    2,
	}
	records := []bundle.Record{
		{Kind: "person", ID: "0190a6a5-7c1e-7000-8000-000000000101", Row: map[string]any{"surname": "Rossi", "seats": int64(2)}},
		{Kind: "comune", ID: "0190a6a5-7c1e-7000-8000-000000000201", Row: map[string]any{"name": "Forlì", "deleted": nil}},
	}
	// A real export encrypts: WriteOptions{Passphrase: "…"}.
	var file bytes.Buffer
	if _, err := bundle.Write(&file, h, func(yield func(bundle.Record, error) bool) {
		for _, r := range records {
			if !yield(r, nil) {
				return
			}
		}
	}, bundle.WriteOptions{NoEncryption: true}); err != nil {
		fmt.Println(err)
		return
	}

	rd, err := bundle.Open(&file, bundle.ReadOptions{MaxSchema: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("from", rd.Header().SenderName, "for", rd.Header().AmbitoName)
	var got []bundle.Record
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break // verified: now the records may be applied
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		got = append(got, rec)
	}
	for _, rec := range got {
		fmt.Println(rec.Kind, rec.Row)
	}
	counts := rd.Header().Counts
	kinds := slices.Sorted(maps.Keys(counts))
	for _, k := range kinds {
		fmt.Println(k, counts[k])
	}
	// Output:
	// from Ufficio di Piano for Ambito di Forlì
	// person map[seats:2 surname:Rossi]
	// comune map[deleted:<nil> name:Forlì]
	// comune 1
	// person 1
}
