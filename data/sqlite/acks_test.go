package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// hub is three laptops: A and B exchange only through H, the Ufficio di Piano.
type hub struct {
	ctx     context.Context
	dir     string
	a, h, b *Store
}

func newHub(t *testing.T) *hub {
	t.Helper()
	dir := t.TempDir()
	x := &hub{ctx: context.Background(), dir: dir,
		a: openAt(t, filepath.Join(dir, "a.db"), replicaOptions(refusalDevice(1), refusalDay)),
		h: openAt(t, filepath.Join(dir, "h.db"), replicaOptions(refusalDevice(8), refusalDay.Add(time.Minute))),
		b: openAt(t, filepath.Join(dir, "b.db"), replicaOptions(refusalDevice(2), refusalDay.Add(2*time.Minute)))}
	newRegistryIn(t, x.a)
	return x
}

// bundleFor exports from one laptop (plain) and reads the bundle back.
func bundleFor(t *testing.T, from *Store, opt bundle.ExportOptions) (*bundle.Incoming, data.Exchange) {
	t.Helper()
	var buf bytes.Buffer
	opt.NoEncryption = true
	ex, err := from.ExportBundle(context.Background(), &buf, opt)
	must(t, "ExportBundle", err)
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle", err)
	return in, ex
}

// A's changes reach B through H; B's acknowledgement reaches A through H. A's next bundle for B, of the
// changes only, is accepted by B, which never imported a bundle of A: it holds A's changes anyway.
func TestChangesOnlyAcceptedThroughHub(t *testing.T) {
	x := newHub(t)
	exchange(t, x.a, x.h, bundle.ExportOptions{Peer: x.h.Device()})
	exchange(t, x.h, x.b, bundle.ExportOptions{Peer: x.b.Device()})
	exchange(t, x.b, x.h, bundle.ExportOptions{Peer: x.h.Device()}) // B's acknowledgements reach H…
	exchange(t, x.h, x.a, bundle.ExportOptions{Peer: x.a.Device()}) // …and, relayed, A

	_, err := x.a.SavePerson(x.ctx, data.Person{Surname: "Nuova", Name: "Persona", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	in, ex := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
	if ex.Everything || ex.Records != recordsPerNewPerson || ex.From.Device != x.b.Device() {
		t.Fatalf("A's bundle for B = %d records since %d (from %q), want the one change, since B's acknowledgement",
			ex.Records, ex.Since, ex.From.Device)
	}
	var chain int64
	err = x.b.read(x.ctx, func(tx *sql.Tx) error {
		var err error
		chain, err = importedUpto(x.ctx, tx, x.a.Device())
		return err
	})
	must(t, "importedUpto", err)
	if chain != 0 {
		t.Fatalf("B imported A's own bundles up to %d, want none: the test is of changes that came through H", chain)
	}
	res, err := x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{})
	must(t, "B merges A's changes-only bundle", err)
	if res.Total().New != recordsPerNewPerson || res.Total().Writes() != recordsPerNewPerson {
		t.Errorf("B merged %+v, want the one new person", res.Total())
	}
	// For anyone, A starts where the peer furthest behind stands: H and B both hold everything but the
	// new person, and B now holds that too, but has not said so.
	in, ex = bundleFor(t, x.a, bundle.ExportOptions{})
	if ex.Records != recordsPerNewPerson || ex.Since != in.Header.Since || ex.Since == 0 {
		t.Errorf("A's bundle for anyone: %d records since %d, want the new person only", ex.Records, ex.Since)
	}
	for _, s := range []*Store{x.h, x.b} {
		if _, err := s.MergeBundle(x.ctx, in, bundle.ImportOptions{DryRun: true}); err != nil {
			t.Errorf("A's bundle for anyone, previewed on %s: %v", s.Device(), err)
		}
	}
}

// Only an acknowledgement moves a starting point: a bundle that was lost, refused, or only previewed
// leaves the next one for the same peer starting where the last acknowledged one ended.
func TestWindowMovesOnlyOnAcknowledgement(t *testing.T) {
	x := newHub(t)
	exchange(t, x.a, x.b, bundle.ExportOptions{Peer: x.b.Device()})
	acknowledge(t, x.a, x.b)
	first, _ := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
	if first.Header.Since == 0 || first.Header.Since != first.Header.Upto {
		t.Fatalf("after B's acknowledgement A's bundle for B starts at %d (up to %d), want at its end",
			first.Header.Since, first.Header.Upto)
	}
	since := first.Header.Since
	for i, what := range []string{"lost", "previewed", "refused"} {
		_, err := x.a.SavePerson(x.ctx, data.Person{Surname: "Persa", Name: what, Category: data.CatCittadino})
		must(t, "SavePerson", err)
		in, ex := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
		if ex.Since != since || ex.Records != (i+1)*recordsPerNewPerson {
			t.Fatalf("bundle %d for B starts at %d with %d records, want %d and every change since", i+1, ex.Since,
				ex.Records, since)
		}
		switch what {
		case "previewed":
			_, err := x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{DryRun: true})
			must(t, "preview", err)
		case "refused":
			// Refused as another Ambito's would be: here, by a forged header naming another sender's
			// window. What matters is that nothing of it is recorded.
			before := dbStateOf(t, x.b)
			in.Header.Since = in.Header.Upto + 1
			in.Header.Upto += 2
			_, err := x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{})
			wantErr(t, "a bundle beyond what B holds", err, data.EGap, "")
			unchanged(t, "a refused bundle", x.b, before)
		}
	}
	// B merges the last one, acknowledges it, and only then A's window moves.
	in, _ := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
	_, err := x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{})
	must(t, "B merges", err)
	_, ex := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
	if ex.Since != since {
		t.Fatalf("before B acknowledges, A's window starts at %d, want still %d", ex.Since, since)
	}
	acknowledge(t, x.a, x.b)
	_, ex = bundleFor(t, x.a, bundle.ExportOptions{Peer: x.b.Device()})
	if ex.Since != in.Header.Upto || ex.Records != 0 {
		t.Fatalf("after B acknowledges, A's window starts at %d with %d records, want at %d and nothing", ex.Since,
			ex.Records, in.Header.Upto)
	}
}

// A bundle for anyone carries everything while a known peer never acknowledged anything, and starts at
// the least acknowledgement otherwise.
func TestWindowForAnyone(t *testing.T) {
	x := newHub(t)
	exchange(t, x.a, x.h, bundle.ExportOptions{})
	acknowledge(t, x.a, x.h)
	_, ex := bundleFor(t, x.a, bundle.ExportOptions{})
	if ex.Everything || ex.From.Device != x.h.Device() {
		t.Fatalf("A's only peer acknowledged everything: %+v, want nothing since H's acknowledgement", ex)
	}
	exchange(t, x.a, x.b, bundle.ExportOptions{Peer: x.b.Device()}) // B is known now, and never acknowledged
	_, ex = bundleFor(t, x.a, bundle.ExportOptions{})
	if !ex.Everything || ex.From.Device != x.b.Device() || ex.From.Received.Acknowledged() {
		t.Fatalf("with B never acknowledging: %+v, want everything, held back by B", ex)
	}
	acknowledge(t, x.a, x.b)
	_, err := x.a.SavePerson(x.ctx, data.Person{Surname: "Nuova", Name: "Persona", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	_, ex = bundleFor(t, x.a, bundle.ExportOptions{})
	if ex.Everything || ex.Records != recordsPerNewPerson {
		t.Fatalf("both acknowledged: %d records (everything %v), want the one change", ex.Records, ex.Everything)
	}
}

// A gap refusal names the sender's bundle that starts where this database stands; importing that one
// first, as advised, makes the refused one go in.
func TestGapRefusalNamesMissingBundle(t *testing.T) {
	x := newHub(t)
	dir := t.TempDir()
	exchange(t, x.a, x.b, bundle.ExportOptions{Peer: x.b.Device()})
	exchange(t, x.a, x.h, bundle.ExportOptions{Peer: x.h.Device()})
	acknowledge(t, x.a, x.b)
	acknowledge(t, x.a, x.h)
	_, err := x.a.SavePerson(x.ctx, data.Person{Surname: "Prima", Name: "Modifica", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	missed := filepath.Join(dir, "per-h.tavoli")
	_, err = x.a.ExportFile(x.ctx, missed, bundle.ExportOptions{Peer: x.h.Device(), NoEncryption: true})
	must(t, "ExportFile for H", err)
	in, err := ReadBundleFile(missed, "")
	must(t, "ReadBundleFile", err)
	_, err = x.h.MergeBundle(x.ctx, in, bundle.ImportOptions{File: missed})
	must(t, "H merges", err)
	acknowledge(t, x.a, x.h)
	_, err = x.a.SavePerson(x.ctx, data.Person{Surname: "Seconda", Name: "Modifica", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	later := filepath.Join(dir, "per-h-2.tavoli")
	_, err = x.a.ExportFile(x.ctx, later, bundle.ExportOptions{Peer: x.h.Device(), NoEncryption: true})
	must(t, "ExportFile for H", err)

	// The second bundle for H reaches B, which never got the first.
	in, err = ReadBundleFile(later, "")
	must(t, "ReadBundleFile", err)
	before := dbStateOf(t, x.b)
	_, err = x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{File: later})
	wantErr(t, "the second bundle on B", err, data.EGap, "err.exchange.gap_named")
	if e := data.AsError(err); e == nil || e.Args["file"] != "per-h.tavoli" || e.Args["device"] != x.b.Device() {
		t.Errorf("the refusal names %v, want per-h.tavoli and B's device", e)
	} else if at, _ := e.Args["date"].(time.Time); at.IsZero() {
		t.Errorf("the refusal dates the missing bundle %v, want its day", e.Args["date"])
	}
	unchanged(t, "a refused bundle", x.b, before)

	// As advised: the missing one first, then this one again.
	first, err := ReadBundleFile(missed, "")
	must(t, "ReadBundleFile", err)
	_, err = x.b.MergeBundle(x.ctx, first, bundle.ImportOptions{File: missed})
	must(t, "B merges the missing bundle", err)
	res, err := x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{File: later})
	must(t, "B merges the refused bundle again", err)
	if res.Total().New != recordsPerNewPerson {
		t.Errorf("the refused bundle then merged %+v, want the second new person", res.Total())
	}
	// Or, as advised too: a bundle made for B, which starts where B stands.
	y := newHub(t)
	exchange(t, y.a, y.b, bundle.ExportOptions{Peer: y.b.Device()})
	acknowledge(t, y.a, y.b)
	exchange(t, y.a, y.h, bundle.ExportOptions{Peer: y.h.Device()})
	acknowledge(t, y.a, y.h)
	_, err = y.a.SavePerson(y.ctx, data.Person{Surname: "Terza", Name: "Modifica", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	exchange(t, y.a, y.h, bundle.ExportOptions{Peer: y.h.Device()})
	acknowledge(t, y.a, y.h)
	in, _ = bundleFor(t, y.a, bundle.ExportOptions{Peer: y.h.Device()})
	_, err = y.b.MergeBundle(y.ctx, in, bundle.ImportOptions{})
	wantKey(t, "H's next bundle on B", err, data.EGap, "err.exchange.gap_dated")
	for i := range 2 { // the same advice twice: never a loop
		res, _ := exchange(t, y.a, y.b, bundle.ExportOptions{Peer: y.b.Device()})
		if want := (1 - i) * recordsPerNewPerson; res.Total().New != want {
			t.Errorf("A's bundle for B, round %d: %+v, want %d new", i+1, res.Total(), want)
		}
	}
}

// The sender's acknowledgement of this database's sequence shows as what the peer received, with the
// bundle that took it there; a claim beyond this sequence's end (another file that wrote as this
// device) counts as none.
func TestPeersShowWhatTheyReceived(t *testing.T) {
	x := newHub(t)
	file := filepath.Join(t.TempDir(), "tutto.tavoli")
	ex, err := x.a.ExportFile(x.ctx, file, bundle.ExportOptions{Peer: x.b.Device(), NoEncryption: true})
	must(t, "ExportFile", err)
	in, err := ReadBundleFile(file, "")
	must(t, "ReadBundleFile", err)
	_, err = x.b.MergeBundle(x.ctx, in, bundle.ImportOptions{File: file})
	must(t, "MergeBundle", err)
	peers, err := x.a.Peers(x.ctx)
	must(t, "Peers", err)
	if len(peers) != 1 || peers[0].Received.Acknowledged() {
		t.Fatalf("before B answers, A's peers = %+v, want B with nothing acknowledged", peers)
	}
	acknowledge(t, x.a, x.b)
	peers, err = x.a.Peers(x.ctx)
	must(t, "Peers", err)
	r := peers[0].Received
	if r.Upto != ex.Upto || r.File != "tutto.tavoli" || !r.Sent.Equal(ex.At) || r.At.IsZero() {
		t.Errorf("after B answers, A's peer B received %+v, want up to %d by tutto.tavoli of %v", r, ex.Upto, ex.At)
	}

	// B relays a claim that A holds more than A ever wrote: A's window for B starts at the beginning.
	forged, _ := bundleFor(t, x.b, bundle.ExportOptions{Peer: x.a.Device()})
	forged.Header.Acks = append(forged.Header.Acks, bundle.Ack{Holder: refusalDevice(9), Device: x.a.Device(),
		Upto: 1 << 40, At: refusalDay})
	_, err = x.a.MergeBundle(x.ctx, forged, bundle.ImportOptions{})
	must(t, "MergeBundle", err)
	peers, err = x.a.Peers(x.ctx)
	must(t, "Peers", err)
	for _, p := range peers {
		if p.Device == refusalDevice(9) && p.Received.Acknowledged() {
			t.Errorf("a claim beyond A's sequence shows as received: %+v", p)
		}
	}
	_, ex = bundleFor(t, x.a, bundle.ExportOptions{Peer: refusalDevice(9)})
	if !ex.Everything {
		t.Errorf("A's bundle for the device with a claim beyond its sequence starts at %d, want everything", ex.Since)
	}
}

// A's bundle of changes made for H, carried to B, which got A's earlier changes from H only: B holds
// what the bundle leaves out, and accepts it, though it never heard from A.
func TestChangesForHubAcceptedByAnother(t *testing.T) {
	x := newHub(t)
	exchange(t, x.a, x.h, bundle.ExportOptions{Peer: x.h.Device()})
	acknowledge(t, x.a, x.h)
	exchange(t, x.h, x.b, bundle.ExportOptions{Peer: x.b.Device()})
	_, err := x.a.SavePerson(x.ctx, data.Person{Surname: "Nuova", Name: "Persona", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	in, ex := bundleFor(t, x.a, bundle.ExportOptions{Peer: x.h.Device()})
	if ex.Everything || ex.Records != recordsPerNewPerson {
		t.Fatalf("A's bundle for H = %d records since %d, want the one change", ex.Records, ex.Since)
	}
	for _, s := range []*Store{x.b, x.h} {
		res, err := s.MergeBundle(x.ctx, in, bundle.ImportOptions{})
		must(t, "MergeBundle on "+s.Device(), err)
		if res.Total().New != recordsPerNewPerson {
			t.Errorf("%s merged %+v, want the new person", s.Device(), res.Total())
		}
	}
	if d := diffDumps(syncDump(t, x.b), syncDump(t, x.h)); d != "" {
		t.Errorf("B and H differ after A's bundle: %s", d)
	}
}

// A header carries at most maxAcks acknowledgements, this database's own first, then the latest heard,
// and stays well under the readers' 64 KiB.
func TestHeaderAcksBounded(t *testing.T) {
	book := ackBook{Own: map[string]ackEntry{}, Others: map[string]map[string]ackEntry{}}
	self := refusalDevice(1)
	for i := range 40 {
		book.Own[refusalDevice(100+i)] = ackEntry{Upto: int64(i + 1), At: refusalDay}
		m := map[string]ackEntry{}
		for j := range 40 {
			m[refusalDevice(100+j)] = ackEntry{Upto: int64(j + 1), At: refusalDay.Add(time.Duration(i*40+j) * time.Second)}
		}
		book.Others[refusalDevice(200+i)] = m
	}
	acks := headerAcks(book, self)
	if len(acks) != maxAcks {
		t.Fatalf("headerAcks = %d acknowledgements, want %d", len(acks), maxAcks)
	}
	own, newest := 0, false
	for _, a := range acks {
		if a.Holder == self {
			own++
		}
		if a.Holder == refusalDevice(239) && a.Device == refusalDevice(139) {
			newest = true
		}
	}
	if own != 40 || !newest {
		t.Errorf("headerAcks keeps %d of this database's own 40, newest heard kept %v", own, newest)
	}
	h := bundle.Header{Schema: SchemaVersion(), AmbitoID: "a", Sender: self, SenderName: strings.Repeat("n", 200),
		Created: refusalDay, Acks: acks}
	for i := range maxSent {
		h.Sent = append(h.Sent, bundle.Sent{File: strings.Repeat("f", 250), Created: refusalDay, Upto: int64(i + 1)})
	}
	var buf bytes.Buffer
	if _, err := bundle.Write(&buf, h, func(func(bundle.Record, error) bool) {}, bundle.WriteOptions{NoEncryption: true}); err != nil {
		t.Fatalf("bundle.Write: %v", err)
	}
	if _, err := ReadBundle(&buf, ""); err != nil {
		t.Fatalf("a header with the most acknowledgements and previous bundles does not read back: %v", err)
	}
}
