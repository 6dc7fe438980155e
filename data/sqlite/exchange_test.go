package sqlite

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// replicaOptions opens a database as its own device, with its own clock and ids.
func replicaOptions(device string, start time.Time) Options {
	c := &testClock{t: start}
	return Options{Verbale: testVerbale, Device: device, Now: c.Now}
}

// exchange exports from a to b (plain) and merges, failing the test on any error.
func exchange(t testing.TB, from, to *Store, opt bundle.ExportOptions) (data.ImportResult, data.Exchange) {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	opt.NoEncryption = opt.Passphrase == ""
	ex, err := from.ExportBundle(ctx, &buf, opt)
	must(t, "ExportBundle", err)
	in, err := ReadBundle(&buf, opt.Passphrase)
	must(t, "ReadBundle", err)
	res, err := to.MergeBundle(ctx, in, bundle.ImportOptions{})
	must(t, "MergeBundle", err)
	return res, ex
}

// acknowledge sends back to from a bundle of to made for it: from learns what to holds of its changes,
// and its next exports for to (or for anyone, when to is its only peer) carry only what changed since.
func acknowledge(t testing.TB, from, to *Store) data.ImportResult {
	t.Helper()
	res, _ := exchange(t, to, from, bundle.ExportOptions{Peer: from.Device()})
	return res
}

func TestExchangeSmoke(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	seedDemo(t, a, 1)
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	res, ex := exchange(t, a, b, bundle.ExportOptions{})
	if !ex.Everything || res.Total().New == 0 || res.Total().Conflicts != 0 {
		t.Fatalf("first exchange: %+v %+v", ex, res.Total())
	}
	t.Logf("first: %d records, %+v", ex.Records, res.Total())
	res, ex = exchange(t, b, a, bundle.ExportOptions{})
	if res.Total().Writes() != 0 {
		t.Fatalf("echo: %d records %+v", ex.Records, res.Total())
	}
	t.Logf("echo back: %d records, %+v", ex.Records, res.Total())
	// B's bundle acknowledged what it holds of A: A's next bundle carries only what changed since.
	res, ex = exchange(t, a, b, bundle.ExportOptions{})
	if ex.Records != 0 || res.Total().Writes() != 0 {
		t.Fatalf("second: %d records %+v", ex.Records, res.Total())
	}
	// The same person edited on both sides.
	people, err := a.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	p := people[0].Person
	pa := p
	pa.Phone = "111"
	_, err = a.SavePerson(ctx, pa)
	must(t, "SavePerson a", err)
	pv, err := b.Person(ctx, p.ID)
	must(t, "Person b", err)
	pb := pv.Person
	pb.Phone = "222"
	_, err = b.SavePerson(ctx, pb)
	must(t, "SavePerson b", err)
	r1, _ := exchange(t, a, b, bundle.ExportOptions{})
	r2, _ := exchange(t, b, a, bundle.ExportOptions{})
	t.Logf("a->b %+v  b->a %+v", r1.Total(), r2.Total())
	ga, _ := a.Person(ctx, p.ID)
	gb, _ := b.Person(ctx, p.ID)
	if ga.Phone != gb.Phone || ga.Phone != "222" {
		t.Fatalf("phones %q %q", ga.Phone, gb.Phone)
	}
	va, err := a.Versions(ctx, false)
	must(t, "Versions a", err)
	vb, err := b.Versions(ctx, false)
	must(t, "Versions b", err)
	if len(va) != 1 || len(vb) != 1 || va[0].Row["phone"] != "111" {
		t.Fatalf("versions a %+v b %+v", va, vb)
	}
	must(t, "Restore", a.RestoreVersion(ctx, va[0].ID))
	ga, _ = a.Person(ctx, p.ID)
	if ga.Phone != "111" {
		t.Fatalf("restored phone %q", ga.Phone)
	}
	r3, _ := exchange(t, a, b, bundle.ExportOptions{})
	gb, _ = b.Person(ctx, p.ID)
	t.Logf("after restore a->b %+v, b phone %q", r3.Total(), gb.Phone)
	if gb.Phone != "111" {
		t.Fatalf("b phone after restore %q", gb.Phone)
	}
}

// Two laptops that each loaded the demo hold the same records under other stamps: exchanging them sets
// nothing aside, and they end alike.
func TestExchangeSameDataSeededTwice(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions("device-a", day))
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions("device-b", day.Add(time.Hour)))
	seedDemo(t, a, 1)
	seedDemo(t, b, 1)
	r1, _ := exchange(t, a, b, bundle.ExportOptions{})
	r2, _ := exchange(t, b, a, bundle.ExportOptions{})
	if r1.Total().Conflicts+r2.Total().Conflicts != 0 || r1.Total().New != 0 {
		t.Fatalf("a→b %+v, b→a %+v: want no conflict and nothing new", r1.Total(), r2.Total())
	}
	var da, db bytes.Buffer
	must(t, "Dump a", a.Dump(context.Background(), &da))
	must(t, "Dump b", b.Dump(context.Background(), &db))
	if da.String() != db.String() {
		t.Fatal("the two laptops differ after exchanging both ways")
	}
	vs, err := a.Versions(context.Background(), true)
	must(t, "Versions", err)
	if len(vs) != 0 {
		t.Fatalf("%d versions set aside, want none", len(vs))
	}
}
