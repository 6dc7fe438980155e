package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
	"github.com/tavoli/tavoli/data/bundle"
)

// inst is the installation that opens the three copies.
const inst = "0a1b2c3d-0000-4000-8000-0000000000aa"

// copyIDs gives ids in UUID form, distinct for each copy.
func copyIDs(copy int) func() string {
	var mu sync.Mutex
	n := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("00000000-0000-4000-8%03d-%012d", copy, n)
	}
}

// demoCopies writes the demo district once and copies the file twice, as an office copies a database
// onto two more laptops; the three are opened by the same installation, each with its own clock.
func demoCopies(t *testing.T) [3]*Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "distretto.db")
	s, err := Open(ctx, src, Options{Verbale: testVerbale, Device: inst, Now: (&testClock{t: time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)}).Now})
	must(t, "Open", err)
	seedDemo(t, s, 1)
	must(t, "Close", s.Close())
	b, err := os.ReadFile(src)
	must(t, "ReadFile", err)
	var out [3]*Store
	for i, name := range []string{"distretto.db", "castiglione.db", "magione.db"} {
		p := filepath.Join(dir, name)
		if i > 0 {
			must(t, "WriteFile", os.WriteFile(p, b, 0o600))
		}
		// The laptops' clocks are a few seconds apart, and none is in step with another.
		start := time.Date(2027, 3, 12, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * 1700 * time.Millisecond)
		out[i] = openAt(t, p, Options{Verbale: testVerbale, Device: inst, Now: (&testClock{t: start}).Now, NewID: copyIDs(i)})
	}
	return out
}

// dumpOf is a store's canonical dump.
func dumpOf(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	must(t, "Dump", s.Dump(context.Background(), &b))
	return b.String()
}

// dataDump is the dump without the versions set aside, whose own stamps say which laptop noticed a
// conflict first: it depends on the order of the exchanges, the data does not.
func dataDump(t *testing.T, s *Store) string {
	var keep []string
	for _, l := range strings.SplitAfter(dumpOf(t, s), "\n") {
		if !strings.HasPrefix(l, `{"kind":"record_version"`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// diverge makes the three copies differ: a people import, edits, deletions, the same person changed on
// two laptops, and a person deleted on one and changed on another.
func diverge(t *testing.T, st [3]*Store) {
	t.Helper()
	ctx := context.Background()
	a, b, c := st[0], st[1], st[2]
	people, err := a.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	x := people[3].Person

	rep, err := a.ImportPeople(ctx, []data.PersonImport{
		{Line: 2, Surname: "Bellucci", Name: "Marta", Category: "cittadino", Comune: "Magione"},
		{Line: 3, Surname: "Orsini", Name: "Pietro", Category: "cittadino", Comune: "Passignano sul Trasimeno"},
	}, data.ImportOptions{Apply: true})
	must(t, "ImportPeople", err)
	if rep.New != 2 {
		t.Fatalf("import: %+v", rep)
	}
	edit := func(s *Store, p data.Person, f func(*data.Person)) {
		t.Helper()
		v, err := s.Person(ctx, p.ID)
		must(t, "Person", err)
		q := v.Person
		f(&q)
		_, err = s.SavePerson(ctx, q)
		must(t, "SavePerson", err)
	}
	edit(a, x, func(p *data.Person) { p.Phone = "075 111111" })
	edit(b, x, func(p *data.Person) { p.Phone = "075 222222" })
	// Someone who sat in no approved session can be deleted; the first such person from i on.
	deletable := func(s *Store, from int, not string) data.Person {
		t.Helper()
		for _, p := range people[from:] {
			if p.ID == not || p.ID == x.ID {
				continue
			}
			if _, err := s.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: p.ID}); err == nil {
				return p.Person
			} else if data.ErrorCode(err) != data.ELocked {
				t.Fatalf("Delete %s: %v", p.FullName(), err)
			}
		}
		t.Fatal("nobody can be deleted")
		return data.Person{}
	}
	y := deletable(a, 7, "")
	edit(c, y, func(p *data.Person) { p.Notes = "Referente per il Tavolo Anziani" })
	deletable(b, 11, y.ID)

	props, err := b.Proposals(ctx, data.ProposalFilter{})
	must(t, "Proposals", err)
	p := props[0].Proposal
	p.Title += " (rivista al Tavolo)"
	_, err = b.SaveProposal(ctx, p)
	must(t, "SaveProposal", err)
	o := data.Organisation{Name: "Pro Loco di Castiglione del Lago", Category: data.CatAssociazione}
	_, err = c.SaveOrganisation(ctx, o)
	must(t, "SaveOrganisation", err)
}

// untilQuiet exchanges between every pair, in the given order, until a whole round writes nothing.
func untilQuiet(t *testing.T, st [3]*Store, order [][2]int) {
	t.Helper()
	for round := 0; ; round++ {
		if round == 6 {
			t.Fatalf("still changing after %d rounds", round)
		}
		writes := 0
		for _, p := range order {
			// Bundles are made for their receiver: a bundle of changes since the previous export to
			// anyone would leave out what this receiver did not get (the merge refuses it).
			res, _ := exchange(t, st[p[0]], st[p[1]], bundle.ExportOptions{Peer: st[p[1]].Device()})
			writes += res.Total().Writes()
		}
		if writes == 0 {
			return
		}
	}
}

func TestDemoCopiesConvergeInAnyOrder(t *testing.T) {
	ctx := context.Background()
	orders := [][][2]int{
		{{0, 1}, {1, 2}, {2, 0}, {0, 2}, {2, 1}, {1, 0}},
		{{2, 1}, {1, 0}, {0, 2}, {1, 2}, {0, 1}, {2, 0}},
		{{1, 0}, {2, 0}, {0, 1}, {0, 2}, {1, 2}, {2, 1}},
	}
	var first string
	for i, order := range orders {
		st := demoCopies(t)
		ids := map[string]bool{}
		for _, s := range st {
			ids[s.Device()] = true
		}
		if len(ids) != 3 || st[0].Device() != inst || st[0].Copied() || !st[1].Copied() || !st[2].Copied() {
			t.Fatalf("devices %q %q %q: each copy must write as its own device", st[0].Device(), st[1].Device(), st[2].Device())
		}
		diverge(t, st)
		untilQuiet(t, st, order)
		d0 := dumpOf(t, st[0])
		for j := 1; j < 3; j++ {
			if d := dumpOf(t, st[j]); d != d0 {
				t.Fatalf("order %d: copy %d differs from copy 0:\n%s", i, j, firstDiff(d0, d))
			}
		}
		if i == 0 {
			first = dataDump(t, st[0])
		} else if d := dataDump(t, st[0]); d != first {
			t.Fatalf("order %d ends with other data than order 0:\n%s", i, firstDiff(first, d))
		}
		// Nothing lost: the phone that lost is kept aside on every laptop, and so is the edit of the
		// person deleted elsewhere (or the deletion, if the edit came later).
		for j, s := range st {
			vs, err := s.Versions(ctx, false)
			must(t, "Versions", err)
			var phone, yNotes bool
			for _, v := range vs {
				if a, b := v.Row["phone"], v.Current["phone"]; a == "075 111111" && b == "075 222222" ||
					a == "075 222222" && b == "075 111111" {
					phone = true
				}
				if v.Row["notes"] == "Referente per il Tavolo Anziani" || v.Row["deleted"] == float64(1) {
					yNotes = true
				}
			}
			if !phone || !yNotes || len(vs) != 2 {
				t.Fatalf("order %d, copy %d: versions set aside %+v", i, j, vs)
			}
		}
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + fmt.Sprint(i+1) + ":\n- " + la[i] + "\n+ " + lb[i]
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

func TestChangesOnlyBundleWithAGapIsRefused(t *testing.T) {
	ctx := context.Background()
	st := demoCopies(t)
	a, b, c := st[0], st[1], st[2]
	diverge(t, st)
	exchange(t, a, b, bundle.ExportOptions{}) // a's first export: everything
	acknowledge(t, a, b)                      // b, a's only known peer, says it holds it
	_, err := a.SavePerson(ctx, data.Person{Surname: "Nuova", Name: "Persona", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	var buf bytes.Buffer
	ex, err := a.ExportBundle(ctx, &buf, bundle.ExportOptions{NoEncryption: true}) // only what b does not hold
	must(t, "ExportBundle", err)
	if ex.Everything || ex.Records == 0 {
		t.Fatalf("second export: %+v", ex)
	}
	in, err := ReadBundle(bytes.NewReader(buf.Bytes()), "")
	must(t, "ReadBundle", err)
	before := dumpOf(t, c)
	_, err = c.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true})
	wantErr(t, "MergeBundle(gap, dry run)", err, data.EGap, "err.exchange.gap_dated")
	_, err = c.MergeBundle(ctx, in, bundle.ImportOptions{})
	wantErr(t, "MergeBundle(gap)", err, data.EGap, "err.exchange.gap_dated")
	if dumpOf(t, c) != before || rowCount(t, c, "exchanges", "1") != 0 {
		t.Fatal("a refused bundle changed the database")
	}
	// b has everything a sent before: the same bundle fits there.
	res, err := b.MergeBundle(ctx, in, bundle.ImportOptions{})
	must(t, "MergeBundle on b", err)
	if res.Total().New != recordsPerNewPerson {
		t.Fatalf("b: %+v", res.Total())
	}
	// A bundle made for c starts from c's own window: everything, the first time.
	r, ex := exchange(t, a, c, bundle.ExportOptions{Peer: c.Device()})
	if !ex.Everything || r.Total().New == 0 {
		t.Fatalf("for c: %+v %+v", ex, r.Total())
	}
}

// A file that travelled to another laptop and came back, or that holds this installation's records
// through a merge, never writes as this installation's own device.
func TestCopyBackTakesNewIdentity(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const instA, instB = "0a1b2c3d-0000-4000-8000-00000000000a", "0a1b2c3d-0000-4000-8000-00000000000b"
	clock := func() func() time.Time { return (&testClock{t: time.Date(2027, 3, 12, 9, 0, 0, 0, time.UTC)}).Now }
	cp := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(from)
		must(t, "ReadFile", err)
		must(t, "WriteFile", os.WriteFile(to, b, 0o600))
	}
	orig := filepath.Join(dir, "ufficio.db")
	s, err := Open(ctx, orig, Options{Verbale: testVerbale, Device: instA, Now: clock()})
	must(t, "Open", err)
	seedDemo(t, s, 1)
	if s.Device() != instA || s.Copied() {
		t.Fatalf("first opening writes as %q (copied %v)", s.Device(), s.Copied())
	}
	must(t, "Close", s.Close())

	// To laptop B: another installation writes as itself.
	onB := filepath.Join(dir, "portatile.db")
	cp(orig, onB)
	b, err := Open(ctx, onB, Options{Verbale: testVerbale, Device: instB, Now: clock()})
	must(t, "Open on B", err)
	if b.Device() != instB || b.Copied() {
		t.Fatalf("B writes as %q (copied %v), want %q", b.Device(), b.Copied(), instB)
	}
	must(t, "Close", b.Close())

	// Back to A's computer, next to the original: a copy.
	back := filepath.Join(dir, "ritorno.db")
	cp(onB, back)
	r, err := Open(ctx, back, Options{Verbale: testVerbale, Device: instA, Now: clock(), NewID: copyIDs(7)})
	must(t, "Open back on A", err)
	if r.Device() == instA || !r.Copied() {
		t.Fatalf("the file back on A writes as %q (copied %v), want a new device", r.Device(), r.Copied())
	}
	must(t, "Close", r.Close())

	// B's own new database, which merged A's records, opened on A for the first time: a new device too.
	fresh := filepath.Join(dir, "nuovo.db")
	n, err := Open(ctx, fresh, Options{Verbale: testVerbale, Device: instB, Now: clock()})
	must(t, "Open fresh", err)
	a := openAt(t, orig, Options{Verbale: testVerbale, Device: instA, Now: clock()})
	exchange(t, a, n, bundle.ExportOptions{Everything: true})
	must(t, "Close", n.Close())
	m, err := Open(ctx, fresh, Options{Verbale: testVerbale, Device: instA, Now: clock(), NewID: copyIDs(8)})
	must(t, "Open fresh on A", err)
	defer m.Close()
	if m.Device() == instA || !m.Copied() {
		t.Fatalf("a file holding A's records, opened by A, writes as %q (copied %v)", m.Device(), m.Copied())
	}
}

// An export that cannot be put in place (the name of a folder, here) writes no file and is not recorded:
// the next export still carries what the failed one would have.
func TestFailedExportIsNotRecorded(t *testing.T) {
	ctx := context.Background()
	st := demoCopies(t)
	a := st[0]
	dir := t.TempDir()
	_, err := a.ExportFile(ctx, filepath.Join(dir, "tutto.tavoli"), bundle.ExportOptions{NoEncryption: true})
	must(t, "ExportFile", err)
	_, err = a.SavePerson(ctx, data.Person{Surname: "Nuova", Name: "Persona", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	folder := filepath.Join(dir, "cartella")
	must(t, "Mkdir", os.Mkdir(folder, 0o755))
	_, err = a.ExportFile(ctx, folder, bundle.ExportOptions{NoEncryption: true})
	wantErr(t, "ExportFile(a folder)", err, data.EInternal, atomicfile.KeyWrite)
	if n := rowCount(t, a, "exchanges", "direction = 'export'"); n != 1 {
		t.Fatalf("%d exports recorded, want the one that succeeded", n)
	}
	entries, err := os.ReadDir(dir)
	must(t, "ReadDir", err)
	if len(entries) != 2 {
		t.Fatalf("the folder holds %d entries, want the first bundle and the folder: no temporary file left", len(entries))
	}
	ex, err := a.ExportFile(ctx, filepath.Join(dir, "modifiche.tavoli"), bundle.ExportOptions{NoEncryption: true})
	must(t, "ExportFile", err)
	if ex.Records == 0 || rowCount(t, a, "exchanges", "direction = 'export'") != 2 {
		t.Fatalf("the next export: %+v, want the records the failed one missed, and recorded", ex)
	}
}

// An edit relayed through two other laptops that each changed the record on top of the one before is
// an update where it started, not a conflict: the versions carry what they were made on top of.
func TestRelayedEditsAreNoConflict(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openAt(t, filepath.Join(dir, "a.db"), replicaOptions(refusalDevice(1), refusalDay))
	b := openAt(t, filepath.Join(dir, "b.db"), replicaOptions(refusalDevice(2), refusalDay.Add(time.Minute)))
	c := openAt(t, filepath.Join(dir, "c.db"), replicaOptions(refusalDevice(3), refusalDay.Add(2*time.Minute)))
	newRegistryIn(t, a)
	exchange(t, a, b, bundle.ExportOptions{Peer: b.Device()})
	exchange(t, a, c, bundle.ExportOptions{Peer: c.Device()})
	people, err := a.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	id := people[0].ID
	edit := func(s *Store, phone string) {
		t.Helper()
		p, err := s.Person(ctx, id)
		must(t, "Person", err)
		p.Phone = phone
		_, err = s.SavePerson(ctx, p.Person)
		must(t, "SavePerson", err)
	}
	edit(b, "075 100")
	exchange(t, b, c, bundle.ExportOptions{Peer: c.Device()})
	edit(c, "075 200")
	exchange(t, c, b, bundle.ExportOptions{Peer: b.Device()})
	edit(b, "075 300") // B again, on top of C's
	r, _ := exchange(t, b, a, bundle.ExportOptions{Peer: a.Device()})
	if r.Total().Conflicts != 0 {
		t.Errorf("B→A: %+v, want an update and no conflict", r.Total())
	}
	got, err := a.Person(ctx, id)
	must(t, "Person", err)
	if got.Phone != "075 300" {
		t.Errorf("A's phone %q, want the last edit", got.Phone)
	}
	r, _ = exchange(t, c, a, bundle.ExportOptions{Peer: a.Device()}) // C's older version arrives late: old news
	if r.Total().Writes() != 0 {
		t.Errorf("C→A after B→A: %+v, want nothing written", r.Total())
	}
	for _, s := range []*Store{a, b, c} {
		vs, err := s.Versions(ctx, true)
		must(t, "Versions", err)
		if len(vs) != 0 {
			t.Errorf("%s keeps %d versions aside, want none: nothing was in conflict", s.Device(), len(vs))
		}
	}
}
