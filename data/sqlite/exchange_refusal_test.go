package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/demo"
)

// Every refusal of an exchange leaves the receiving database exactly as it was: the same records, and
// no exchange recorded in its history.

// refusalDay is when the refusal tests' laptops start.
var refusalDay = time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)

// dbState is what a refusal must leave unchanged: the canonical dump of the synchronised records, and
// the local bookkeeping (history of exchanges, change sequence, sync bases, acknowledgements).
type dbState struct {
	dump                      []string
	exchanges, changes, bases int
	lastChange                int64
	acks                      string
}

func dbStateOf(t testing.TB, s *Store) dbState {
	t.Helper()
	st := dbState{dump: syncDump(t, s), exchanges: rowCount(t, s, "exchanges", "1"),
		changes: rowCount(t, s, "changes", "1"), bases: rowCount(t, s, "sync_base", "1")}
	must(t, "last change", s.db.QueryRow(`SELECT COALESCE(MAX(seq), 0) FROM changes`).Scan(&st.lastChange))
	must(t, "acks", s.db.QueryRow(`SELECT COALESCE(MAX(value), '') FROM settings WHERE key = ?`, ackKey).Scan(&st.acks))
	return st
}

// unchanged fails the test when s is not as before.
func unchanged(t testing.TB, what string, s *Store, before dbState) {
	t.Helper()
	after := dbStateOf(t, s)
	if d := diffDumps(before.dump, after.dump); d != "" {
		t.Errorf("%s changed the records: %s", what, d)
	}
	if after.exchanges != before.exchanges || after.changes != before.changes || after.bases != before.bases ||
		after.lastChange != before.lastChange {
		t.Errorf("%s changed the bookkeeping: exchanges %d→%d, changes %d→%d (last %d→%d), sync bases %d→%d", what,
			before.exchanges, after.exchanges, before.changes, after.changes, before.lastChange, after.lastChange,
			before.bases, after.bases)
	}
	if after.acks != before.acks {
		t.Errorf("%s changed the acknowledgements: %s → %s", what, before.acks, after.acks)
	}
}

// importBytes reads a bundle and, when it reads, merges it: the import as the program does it.
func importBytes(s *Store, b []byte, passphrase string, opt bundle.ImportOptions) (data.ImportResult, error) {
	in, err := ReadBundle(bytes.NewReader(b), passphrase)
	if err != nil {
		return data.ImportResult{}, err
	}
	return s.MergeBundle(context.Background(), in, opt)
}

// wantKey fails unless err is a data.Error with one of the keys, and with code unless code is "" (the
// bundle package gives each of its keys its code, and tests that).
func wantKey(t testing.TB, what string, err error, code data.Code, keys ...string) {
	t.Helper()
	e := data.AsError(err)
	if e == nil || (code != "" && e.Code != code) {
		t.Errorf("%s = %v, want code %s and one of %v", what, err, code, keys)
		return
	}
	for _, k := range keys {
		if e.Key == k {
			return
		}
	}
	t.Errorf("%s = %v, want one of %v", what, err, keys)
}

// pair is a sender and a receiver that share a small district (the registry of registry_test.go: the
// demo's thousand records would only slow these tests down) and have since diverged, and a plain
// bundle of the sender's changes for the receiver that merges cleanly and writes: new records,
// updates, a deletion and a conflict.
type pair struct {
	ctx      context.Context
	a, b     *Store
	bundle   []byte
	incoming *bundle.Incoming
}

// refusalDevice is the device id of a refusal test's laptop, in UUID form.
func refusalDevice(n int) string { return fmt.Sprintf("5e1f0000-0000-4000-8000-%012d", n) }

func newPair(t testing.TB) *pair {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	p := &pair{ctx: ctx,
		a: openAt(t, filepath.Join(dir, "a.db"), replicaOptions(refusalDevice(1), refusalDay)),
		b: openAt(t, filepath.Join(dir, "b.db"), replicaOptions(refusalDevice(2), refusalDay.Add(time.Minute)))}
	newRegistryIn(t, p.a)
	exchange(t, p.a, p.b, bundle.ExportOptions{Peer: p.b.Device()})
	acknowledge(t, p.a, p.b)

	// They diverge: on A a new organisation and a person in it, an edit and a deletion; on B an edit of
	// the same person A edits.
	org, err := p.a.SaveOrganisation(ctx, data.Organisation{Name: "Associazione Il Ponte", Category: data.CatAssociazione})
	must(t, "SaveOrganisation", err)
	_, err = p.a.SavePerson(ctx, data.Person{Surname: "Ponti", Name: "Lia", Category: data.CatAssociazione,
		OrganisationID: org.ID})
	must(t, "SavePerson(new)", err)
	people, err := p.a.People(ctx, data.PeopleFilter{})
	must(t, "People", err)
	edited := people[0].Person
	edited.Phone = "075 111 1111"
	_, err = p.a.SavePerson(ctx, edited)
	must(t, "SavePerson(edit on A)", err)
	onB, err := p.b.Person(ctx, edited.ID)
	must(t, "Person on B", err)
	onB.Phone = "075 222 2222"
	_, err = p.b.SavePerson(ctx, onB.Person)
	must(t, "SavePerson(edit on B)", err)
	other := people[1].Person
	other.Notes = "Referente per il trasporto sociale"
	_, err = p.a.SavePerson(ctx, other)
	must(t, "SavePerson(edit on A only)", err)
	orgs, err := p.a.Organisations(ctx, "")
	must(t, "Organisations", err)
	deleted := false
	for _, o := range orgs {
		if o.ID != org.ID && !deleted {
			_, err = p.a.Delete(ctx, data.Ref{Kind: data.KindOrganisation, ID: o.ID})
			deleted = err == nil // one in an approved register stays
		}
	}
	if !deleted {
		t.Fatal("no organisation of the demo could be deleted")
	}

	var buf bytes.Buffer
	_, err = p.a.ExportBundle(ctx, &buf, bundle.ExportOptions{Peer: p.b.Device(), NoEncryption: true})
	must(t, "ExportBundle", err)
	p.bundle = buf.Bytes()
	p.incoming, err = ReadBundle(bytes.NewReader(p.bundle), "")
	must(t, "ReadBundle", err)
	if p.incoming.Header.Since == 0 {
		t.Fatal("the pair's bundle carries everything, want the changes only")
	}
	return p
}

// mergesCleanly checks that the pair's bundle, refused in other forms, is itself good: it merges and
// writes new records, an update, a deletion and a conflict.
func (p *pair) mergesCleanly(t testing.TB) {
	t.Helper()
	res, err := importBytes(p.b, p.bundle, "", bundle.ImportOptions{})
	must(t, "the unaltered bundle", err)
	if tot := res.Total(); tot.New < 2 || tot.Updated < 1 || tot.Deleted < 1 || tot.Conflicts < 1 {
		t.Errorf("the unaltered bundle merged as %+v, want new records, an update, a deletion and a conflict", tot)
	}
}

// encryptCheaply wraps a plain bundle the way an encrypted bundle is wrapped (age, one scrypt
// recipient), at a low scrypt cost so that many reads stay fast; readers accept any cost up to theirs.
func encryptCheaply(t testing.TB, plain []byte, passphrase string) []byte {
	t.Helper()
	r, err := age.NewScryptRecipient(passphrase)
	must(t, "NewScryptRecipient", err)
	r.SetWorkFactor(10)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	must(t, "age.Encrypt", err)
	_, err = w.Write(plain)
	must(t, "age write", err)
	must(t, "age close", w.Close())
	return buf.Bytes()
}

// alteredKeys are the refusals a bundle changed in one byte may meet, depending on the byte: its form's
// first line no longer says what it is, its format version grows, the scrypt salt no longer derives the
// key, or a check fails.
var alteredKeys = []string{bundle.KeyAltered, bundle.KeyTruncated, bundle.KeyNotBundle, bundle.KeyNewerFormat,
	bundle.KeyPassphraseWrong, bundle.KeyNotPassphrase}

// offsets samples the offsets of a file of n bytes: every one of the first and last few, and some in
// between.
func offsets(n, ends, between int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []int
	for i := range min(ends, n) {
		out = append(out, i, n-1-i)
	}
	for range between {
		out = append(out, rng.IntN(n))
	}
	return out
}

// TestExchangeRefusesAlteredBundle: a bundle with one byte changed, anywhere, plain or encrypted, is
// refused and the receiver does not change; the same bundle unaltered then merges.
func TestExchangeRefusesAlteredBundle(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)
	masks := []byte{0x01, 0x80, 0xff, 0x20}
	tries := 0
	for i, off := range offsets(len(p.bundle), 48, 150, 1) {
		c := bytes.Clone(p.bundle)
		c[off] ^= masks[i%len(masks)]
		_, err := importBytes(p.b, c, "", bundle.ImportOptions{})
		wantKey(t, fmt.Sprintf("plain, byte %d of %d ^ %#x", off, len(c), masks[i%len(masks)]), err, "", alteredKeys...)
		tries++
	}
	const pass = "tre tavoli al lago"
	enc := encryptCheaply(t, p.bundle, pass)
	if _, err := ReadBundle(bytes.NewReader(enc), pass); err != nil {
		t.Fatalf("the encrypted bundle, unaltered: %v", err)
	}
	for i, off := range offsets(len(enc), 6, 12, 2) {
		c := bytes.Clone(enc)
		c[off] ^= masks[i%len(masks)]
		_, err := importBytes(p.b, c, pass, bundle.ImportOptions{})
		wantKey(t, fmt.Sprintf("encrypted, byte %d of %d ^ %#x", off, len(c), masks[i%len(masks)]), err, "", alteredKeys...)
		tries++
	}
	unchanged(t, fmt.Sprintf("%d altered bundles", tries), p.b, before)
	p.mergesCleanly(t)
}

// TestExchangeRefusesTruncatedBundle: a bundle cut short, plain or encrypted, is refused.
func TestExchangeRefusesTruncatedBundle(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)
	enc := encryptCheaply(t, p.bundle, "pass")
	for _, f := range []struct {
		name string
		b    []byte
		pass string
	}{{"plain", p.bundle, ""}, {"encrypted", enc, "pass"}} {
		n := len(f.b)
		for _, cut := range []int{1, 15, 16, 40, n / 3, n / 2, n - 65, n - 2, n - 1} {
			_, err := importBytes(p.b, f.b[:cut], f.pass, bundle.ImportOptions{})
			wantKey(t, fmt.Sprintf("%s cut at %d of %d", f.name, cut, n), err, data.ECorrupt,
				bundle.KeyTruncated, bundle.KeyAltered)
		}
		_, err := importBytes(p.b, nil, f.pass, bundle.ImportOptions{})
		wantKey(t, f.name+" cut to nothing", err, data.ECorrupt, bundle.KeyEmpty)
	}
	unchanged(t, "truncated bundles", p.b, before)
	p.mergesCleanly(t)
}

// TestExchangeRefusesPassphrase: an encrypted bundle needs its passphrase; without one, or with another,
// it is refused and nothing changes. The export encrypts by default (at the real scrypt cost, once).
func TestExchangeRefusesPassphrase(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)

	var real bytes.Buffer
	ex, err := p.a.ExportBundle(p.ctx, &real, bundle.ExportOptions{Everything: true, Passphrase: "la passphrase giusta"})
	must(t, "ExportBundle(encrypted)", err)
	if !ex.Encrypted || !bytes.HasPrefix(real.Bytes(), []byte("age-encryption.org/v1\n-> scrypt ")) {
		t.Fatalf("an export with a passphrase: encrypted %v, starts %q", ex.Encrypted, real.Bytes()[:min(40, real.Len())])
	}
	if bytes.Contains(real.Bytes(), []byte("Trasimeno")) {
		t.Error("the encrypted bundle shows the Ambito's name in clear")
	}
	_, err = importBytes(p.b, real.Bytes(), "", bundle.ImportOptions{})
	wantErr(t, "import without a passphrase", err, data.EPassphrase, bundle.KeyPassphraseRequired)
	sent := rowCount(t, p.a, "exchanges", "1")
	_, err = p.a.ExportBundle(p.ctx, &bytes.Buffer{}, bundle.ExportOptions{})
	wantErr(t, "export with neither a passphrase nor NoEncryption", err, data.EInvalid, bundle.KeyPassphraseChoose)
	if rowCount(t, p.a, "exchanges", "1") != sent {
		t.Error("an export refused for want of a passphrase is in the history")
	}

	enc := encryptCheaply(t, p.bundle, "la passphrase giusta")
	for _, wrong := range []string{"la passphrase sbagliata", "La passphrase giusta", "la passphrase giusta "} {
		_, err = importBytes(p.b, enc, wrong, bundle.ImportOptions{})
		wantErr(t, fmt.Sprintf("import with passphrase %q", wrong), err, data.EPassphrase, bundle.KeyPassphraseWrong)
	}
	_, err = importBytes(p.b, enc, "", bundle.ImportOptions{})
	wantErr(t, "import without a passphrase", err, data.EPassphrase, bundle.KeyPassphraseRequired)
	unchanged(t, "refused passphrases", p.b, before)

	res, err := importBytes(p.b, enc, "la passphrase giusta", bundle.ImportOptions{})
	must(t, "import with the right passphrase", err)
	if !res.Encrypted || res.Total().Writes() == 0 {
		t.Errorf("import with the right passphrase: encrypted %v, %+v", res.Encrypted, res.Total())
	}
}

// TestExchangeRefusesOtherFiles: files that are not bundles (a PDF, a text, the database file itself, an
// empty file) are refused by what they are, and a missing file by its name.
func TestExchangeRefusesOtherFiles(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)
	dir := t.TempDir()
	files := []struct {
		name string
		b    []byte
		code data.Code
		key  string
	}{
		{"verbale.pdf", verbalePDF(), data.ENotOurs, bundle.KeyNotBundle},
		{"note.txt", []byte("Verbale del Tavolo tematico Anziani, 12 marzo 2027.\n"), data.ENotOurs, bundle.KeyNotBundle},
		{"elenco.csv", []byte("cognome;nome\nRossi;Maria\n"), data.ENotOurs, bundle.KeyNotBundle},
		{"vuoto.tavoli", nil, data.ECorrupt, bundle.KeyEmpty},
		{"inizio.tavoli", []byte("TAVOLI-BUN"), data.ECorrupt, bundle.KeyTruncated},
	}
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		must(t, "WriteFile", os.WriteFile(path, f.b, 0o600))
		_, err := ReadBundleFile(path, "una passphrase")
		wantErr(t, "ReadBundleFile("+f.name+")", err, f.code, f.key)
	}
	// The database file itself, the sender's and the receiver's own, open.
	for _, s := range []*Store{p.a, p.b} {
		_, err := ReadBundleFile(s.Path(), "")
		wantErr(t, "ReadBundleFile(the database)", err, data.ENotOurs, bundle.KeyDatabase)
	}
	_, err := ReadBundleFile(filepath.Join(dir, "non-esiste.tavoli"), "")
	wantErr(t, "ReadBundleFile(missing)", err, data.ENotFound, "err.exchange.open")
	unchanged(t, "files that are not bundles", p.b, before)
}

// TestExchangeRefusesOtherAmbito: a bundle from another Ambito is always refused, with nothing written;
// its preview shows it; a new database takes it, whole.
func TestExchangeRefusesOtherAmbito(t *testing.T) {
	p := newPair(t)
	other := openAt(t, filepath.Join(t.TempDir(), "other.db"), replicaOptions(refusalDevice(9), refusalDay))
	n := 0
	ds := demo.Empty("Ambito Territoriale n.9 della Valnerina", func() string {
		n++
		return fmt.Sprintf("0f4e0000-0000-4000-8000-%012d", n)
	})
	must(t, "Seed(other Ambito)", other.Seed(p.ctx, ds))
	var buf bytes.Buffer
	_, err := other.ExportBundle(p.ctx, &buf, bundle.ExportOptions{NoEncryption: true})
	must(t, "ExportBundle(other Ambito)", err)
	b := buf.Bytes()

	before := dbStateOf(t, p.b)
	_, err = importBytes(p.b, b, "", bundle.ImportOptions{})
	wantErr(t, "import from another Ambito", err, data.EOtherAmbito, "err.exchange.other_ambito")
	if e := data.AsError(err); e == nil || e.Args["name"] != ds.Ambito.Name {
		t.Errorf("the refusal names %v, want the other Ambito %q", e, ds.Ambito.Name)
	}
	unchanged(t, "a bundle from another Ambito", p.b, before)

	preview, err := importBytes(p.b, b, "", bundle.ImportOptions{DryRun: true})
	must(t, "preview of another Ambito", err)
	if !preview.OtherAmbito || preview.Applied || preview.AmbitoName != ds.Ambito.Name || preview.Total().New == 0 {
		t.Errorf("preview of another Ambito: other %v, applied %v, name %q, %+v", preview.OtherAmbito, preview.Applied,
			preview.AmbitoName, preview.Total())
	}
	unchanged(t, "the preview of another Ambito", p.b, before)

	fresh := openAt(t, filepath.Join(t.TempDir(), "nuovo.db"), replicaOptions(refusalDevice(10), refusalDay))
	res, err := importBytes(fresh, b, "", bundle.ImportOptions{})
	must(t, "import from another Ambito into a new database", err)
	if !res.Applied || res.OtherAmbito || res.Total().New != preview.Total().New+1 {
		t.Errorf("into a new database: applied %v, other %v, did %+v; want what the preview showed, and the Ambito",
			res.Applied, res.OtherAmbito, res.Total())
	}
	if amb, err := fresh.Ambito(p.ctx); err != nil || amb.ID != ds.Ambito.ID {
		t.Errorf("the new database's Ambito is %q (%s), %v; want %q", amb.Name, amb.ID, err, ds.Ambito.Name)
	}
}

// reflect2 compares two per-kind counts.
func reflect2(a, b []data.KindChanges) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestExchangeRefusesNewerSchema: a bundle written by a newer Tavoli (a newer database schema) is
// refused before any record is read.
func TestExchangeRefusesNewerSchema(t *testing.T) {
	p := newPair(t)
	h := p.incoming.Header
	h.Schema = SchemaVersion() + 1
	var buf bytes.Buffer
	_, err := bundle.Write(&buf, h, recordsOf(p.incoming.Records), bundle.WriteOptions{NoEncryption: true})
	must(t, "bundle.Write", err)
	before := dbStateOf(t, p.b)
	_, err = importBytes(p.b, buf.Bytes(), "", bundle.ImportOptions{})
	wantErr(t, "import of a newer schema", err, data.ENewer, bundle.KeyNewerSchema)
	if e := data.AsError(err); e == nil || e.Args["version"] != SchemaVersion()+1 || e.Args["known"] != SchemaVersion() {
		t.Errorf("the refusal says %v, want version %d and known %d", e, SchemaVersion()+1, SchemaVersion())
	}
	unchanged(t, "a newer schema", p.b, before)
}

// recordsOf gives records to bundle.Write.
func recordsOf(recs []bundle.Record) func(func(bundle.Record, error) bool) {
	return func(yield func(bundle.Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// forged rewrites the pair's bundle with its valid records and then rec, with a valid checksum and
// seal: a bundle no Tavoli writes, but that reads.
func (p *pair) forged(t testing.TB, extra ...bundle.Record) *bundle.Incoming {
	t.Helper()
	recs := append(cloneRecords(p.incoming.Records), extra...)
	var buf bytes.Buffer
	_, err := bundle.Write(&buf, p.incoming.Header, recordsOf(recs), bundle.WriteOptions{NoEncryption: true})
	must(t, "bundle.Write", err)
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle(forged)", err)
	return in
}

func cloneRecords(recs []bundle.Record) []bundle.Record {
	out := make([]bundle.Record, len(recs))
	for i, r := range recs {
		row := make(map[string]any, len(r.Row))
		for k, v := range r.Row {
			row[k] = v
		}
		out[i] = bundle.Record{Kind: r.Kind, ID: r.ID, Row: row}
	}
	return out
}

// personRecord is a valid record of a new person, as a bundle carries it, changed by edit.
func personRecord(p *pair, edit func(row map[string]any)) bundle.Record {
	var rec bundle.Record
	for _, r := range p.incoming.Records {
		if r.Kind == string(data.KindPerson) {
			rec = cloneRecords([]bundle.Record{r})[0]
			break
		}
	}
	rec.ID = "b0000000-0000-4000-8000-000000000001"
	rec.Row["surname"], rec.Row["sort_key"], rec.Row["search"] = "Forgiato", []byte("forgiato"), "forgiato"
	edit(rec.Row)
	return rec
}

// TestExchangeRefusesBadRecords: a bundle that reads (valid checksum and seal) but carries a record this
// Tavoli cannot store — a kind or a column it does not have, a value of the wrong kind, a missing stamp —
// is refused whole, even after other records of it merged, and nothing changes; its preview is refused
// too.
func TestExchangeRefusesBadRecords(t *testing.T) {
	p := newPair(t)
	cases := []struct {
		name string
		rec  bundle.Record
	}{
		{"an unknown kind", bundle.Record{Kind: "payment", ID: "b0000000-0000-4000-8000-000000000002",
			Row: map[string]any{"created": "2027-03-12T15:00:00.000000000Z", "updated": "2027-03-12T15:00:00.000000000Z",
				"device": refusalDevice(1), "deleted": int64(0), "amount": int64(100)}}},
		{"an unknown column", personRecord(p, func(r map[string]any) { r["iban"] = "IT60X0542811101000000123456" })},
		{"the id as a column", personRecord(p, func(r map[string]any) { r["id"] = "altro" })},
		{"deleted as text", personRecord(p, func(r map[string]any) { r["deleted"] = "sì" })},
		{"deleted as 2", personRecord(p, func(r map[string]any) { r["deleted"] = int64(2) })},
		{"no updated time", personRecord(p, func(r map[string]any) { delete(r, "updated") })},
		{"an updated time that is not one", personRecord(p, func(r map[string]any) { r["updated"] = "ieri sera" })},
		{"no device", personRecord(p, func(r map[string]any) { r["device"] = "" })},
		{"a base that is not text", personRecord(p, func(r map[string]any) { r[baseKey] = int64(7) })},
		{"a required column missing", personRecord(p, func(r map[string]any) { r["surname"] = nil })},
	}
	before := dbStateOf(t, p.b)
	for _, c := range cases {
		in := p.forged(t, c.rec)
		_, err := p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{DryRun: true})
		wantErr(t, "preview of a bundle with "+c.name, err, data.ECorrupt, "err.exchange.bad_record")
		_, err = p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{})
		wantErr(t, "merge of a bundle with "+c.name, err, data.ECorrupt, "err.exchange.bad_record")
		unchanged(t, "a bundle with "+c.name, p.b, before)
	}
	// The same bundle with a valid forged record merges: the refusals were the bad records'.
	res, err := p.b.MergeBundle(p.ctx, p.forged(t, personRecord(p, func(map[string]any) {})), bundle.ImportOptions{})
	must(t, "the bundle with a valid record added", err)
	if res.Total().New < 3 {
		t.Errorf("the bundle with a valid record added merged as %+v", res.Total())
	}
}

// TestExchangeRefusesMissingRecords: a changes-only bundle whose records refer to records the receiver
// does not have is refused (a forged one: Tavoli's own windows carry every record written since, and
// a bundle after one never read is refused as a gap, also tested here).
func TestExchangeRefusesMissingRecords(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)

	// Forged: the new organisation left out, its new member kept.
	var recs []bundle.Record
	var orgID string
	for _, r := range p.incoming.Records {
		if r.Kind == string(data.KindPerson) && r.Row["organisation_id"] != nil {
			if id, _ := r.Row["organisation_id"].(string); rowCount(t, p.b, "organisations", "id = ?", id) == 0 {
				orgID = id
			}
		}
	}
	for _, r := range p.incoming.Records {
		if r.ID != orgID {
			recs = append(recs, r)
		}
	}
	if orgID == "" || len(recs) != len(p.incoming.Records)-1 {
		t.Fatalf("the pair's bundle has no new organisation with a new member (%q)", orgID)
	}
	var buf bytes.Buffer
	_, err := bundle.Write(&buf, p.incoming.Header, recordsOf(recs), bundle.WriteOptions{NoEncryption: true})
	must(t, "bundle.Write", err)
	in, err := ReadBundle(&buf, "")
	must(t, "ReadBundle", err)
	if in.Header.Since == 0 {
		t.Fatal("the forged bundle is not of changes only")
	}
	_, err = p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{DryRun: true})
	wantErr(t, "preview of a bundle missing a parent", err, data.EMissingRecords, "err.exchange.missing_records")
	_, err = p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{})
	wantErr(t, "merge of a bundle missing a parent", err, data.EMissingRecords, "err.exchange.missing_records")
	if e := data.AsError(err); e == nil || e.Args["table"] != "people" || e.Args["parent"] != "organisations" {
		t.Errorf("the refusal names %v, want people referring to organisations", e)
	}
	unchanged(t, "a bundle missing a parent", p.b, before)

	// The way it happens: A's changes went to C, which acknowledged them, and A's next bundle for C
	// reaches B.
	c := openAt(t, filepath.Join(t.TempDir(), "c.db"), replicaOptions(refusalDevice(3), refusalDay))
	exchange(t, p.a, c, bundle.ExportOptions{Everything: true})
	acknowledge(t, p.a, c)
	_, err = p.a.SavePerson(p.ctx, data.Person{Surname: "Tardi", Name: "Ugo", Category: data.CatCittadino})
	must(t, "SavePerson", err)
	buf.Reset()
	_, err = p.a.ExportBundle(p.ctx, &buf, bundle.ExportOptions{Peer: c.Device(), NoEncryption: true})
	must(t, "ExportBundle(for C)", err)
	_, err = importBytes(p.b, buf.Bytes(), "", bundle.ImportOptions{})
	wantErr(t, "a changes-only bundle after one never read", err, data.EGap, "err.exchange.gap_dated")
	unchanged(t, "a changes-only bundle after one never read", p.b, before)
	p.mergesCleanly(t)
}

// TestExchangeDryRunWritesNothing: a preview of a bundle that adds, updates, deletes and clashes
// announces all of it, writes nothing (records, history, change sequence, sync bases), and announces
// exactly what the merge then does.
func TestExchangeDryRunWritesNothing(t *testing.T) {
	p := newPair(t)
	before := dbStateOf(t, p.b)
	versions := rowCount(t, p.b, "record_versions", "1")
	preview, err := p.b.MergeBundle(p.ctx, p.incoming, bundle.ImportOptions{DryRun: true})
	must(t, "preview", err)
	tot := preview.Total()
	if preview.Applied || tot.New < 2 || tot.Updated < 1 || tot.Deleted < 1 || tot.Conflicts < 1 || preview.Seen {
		t.Errorf("preview: applied %v, seen %v, %+v; want new records, an update, a deletion and a conflict",
			preview.Applied, preview.Seen, tot)
	}
	unchanged(t, "a preview", p.b, before)
	if rowCount(t, p.b, "record_versions", "1") != versions {
		t.Error("a preview kept a version aside")
	}
	res, err := p.b.MergeBundle(p.ctx, p.incoming, bundle.ImportOptions{})
	must(t, "merge", err)
	if !res.Applied || !reflect2(preview.Kinds, res.Kinds) {
		t.Errorf("merge: applied %v, did %+v, the preview announced %+v", res.Applied, res.Kinds, preview.Kinds)
	}
	after := dbStateOf(t, p.b)
	if after.exchanges != before.exchanges+1 || len(after.dump) <= len(before.dump) {
		t.Errorf("the merge after the preview: %d exchanges (was %d), %d rows (was %d)", after.exchanges,
			before.exchanges, len(after.dump), len(before.dump))
	}
	// A second preview and a second merge of the same bundle: nothing to do, and it says it was seen.
	again, err := p.b.MergeBundle(p.ctx, p.incoming, bundle.ImportOptions{DryRun: true})
	must(t, "preview again", err)
	if !again.Seen || again.Total().Writes() != 0 {
		t.Errorf("preview of a bundle already merged: seen %v, %+v", again.Seen, again.Total())
	}
	res, err = p.b.MergeBundle(p.ctx, p.incoming, bundle.ImportOptions{})
	must(t, "merge again", err)
	if !res.Seen || res.Total().Writes() != 0 {
		t.Errorf("merge of a bundle already merged: seen %v, %+v", res.Seen, res.Total())
	}
	if d := diffDumps(after.dump, syncDump(t, p.b)); d != "" {
		t.Errorf("merging the same bundle twice changed records: %s", d)
	}
}

// TestCopiedDatabaseTakesNewIdentity: a database file copied (bytes, with its write-ahead log, or by
// VACUUM INTO) and opened by the same installation writes as a new device; the original keeps its id,
// and the copy keeps its new one when opened again. The two then exchange like two laptops.
func TestCopiedDatabaseTakesNewIdentity(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	inst := refusalDevice(7)
	orig := filepath.Join(dir, "tavoli.db")
	s, err := Open(ctx, orig, replicaOptions(inst, refusalDay))
	must(t, "Open", err)
	newRegistryIn(t, s)
	if s.Device() != inst || s.Copied() {
		t.Fatalf("the original: device %s, copied %v; want %s, not copied", s.Device(), s.Copied(), inst)
	}
	vacuumed := filepath.Join(dir, "vacuum.db")
	_, err = s.db.Exec(`VACUUM INTO ?`, vacuumed)
	must(t, "VACUUM INTO", err)
	must(t, "Close", s.Close())

	// A byte copy, with the write-ahead log if any.
	copied := filepath.Join(dir, "copia", "tavoli.db")
	must(t, "MkdirAll", os.MkdirAll(filepath.Dir(copied), 0o755))
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(orig + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		must(t, "ReadFile", err)
		must(t, "WriteFile", os.WriteFile(copied+suffix, b, 0o600))
	}

	ids := map[string]string{}
	for _, path := range []string{copied, vacuumed} {
		c, err := Open(ctx, path, replicaOptions(inst, refusalDay.Add(time.Hour)))
		must(t, "Open(copy)", err)
		if c.Device() == inst || !c.Copied() || c.Device() == "" {
			t.Errorf("%s: device %s, copied %v; want a new device id", filepath.Base(path), c.Device(), c.Copied())
		}
		ids[path] = c.Device()
		p, err := c.SavePerson(ctx, data.Person{Surname: "Copia", Name: "Bea", Category: data.CatCittadino})
		must(t, "SavePerson on the copy", err)
		if p.Device != c.Device() {
			t.Errorf("a change on the copy is stamped %s, want %s", p.Device, c.Device())
		}
		must(t, "Close(copy)", c.Close())
	}
	if ids[copied] == ids[vacuumed] {
		t.Errorf("two copies took the same device id %s", ids[copied])
	}
	// Opened again: the original is still itself, each copy keeps the id it took.
	o := openAt(t, orig, replicaOptions(inst, refusalDay.Add(2*time.Hour)))
	if o.Device() != inst || o.Copied() {
		t.Errorf("the original reopened: device %s, copied %v; want %s", o.Device(), o.Copied(), inst)
	}
	for path, id := range ids {
		c := openAt(t, path, replicaOptions(inst, refusalDay.Add(3*time.Hour)))
		if c.Device() != id || c.Copied() {
			t.Errorf("%s reopened: device %s, copied %v; want %s, not a copy again", filepath.Base(path), c.Device(),
				c.Copied(), id)
		}
		// The copy's changes reach the original as another laptop's.
		res, _ := exchange(t, c, o, bundle.ExportOptions{Peer: inst})
		if res.Total().New != recordsPerNewPerson || res.Sender != id {
			t.Errorf("%s → original: sender %s, %+v; want the copy's one new person", filepath.Base(path), res.Sender,
				res.Total())
		}
	}
	if n := rowCount(t, o, "people", "surname = 'Copia'"); n != 2 {
		t.Errorf("the original has %d of the copies' people, want 2", n)
	}
}

// approvedElsewhere is March's session approved on A while B, which has not heard of the approval,
// edits it: A is closedMarch's store, B received everything from A just before the approval.
type approvedElsewhere struct {
	*closedMarch
	a, b     *Store
	v        data.Verbale
	approved string // A's snapshot of March just after the approval
	sessA    data.SessionView
}

func newApprovedElsewhere(t *testing.T) *approvedElsewhere {
	t.Helper()
	c := newClosedMarch(t)
	x := &approvedElsewhere{closedMarch: c, a: c.s,
		b: openAt(t, filepath.Join(t.TempDir(), "b.db"), replicaOptions(refusalDevice(20), meetDay(4, 9, 9, 0)))}
	exchange(t, x.a, x.b, bundle.ExportOptions{Peer: x.b.Device()})
	x.v = c.approve(t)
	x.approved = c.snapshot(t, c.march.ID)
	var err error
	x.sessA, err = x.a.Session(c.ctx, c.march.ID)
	must(t, "Session on A", err)
	if x.sessA.Status != data.SessionApprovata {
		t.Fatalf("March on A is %s after the approval", x.sessA.Status)
	}
	return x
}

// exchangeBothWays exchanges A→B and B→A, for each other, three times, and checks they then agree.
func (x *approvedElsewhere) exchangeBothWays(t *testing.T) {
	t.Helper()
	for round := range 3 {
		r1, _ := exchange(t, x.a, x.b, bundle.ExportOptions{Peer: x.b.Device()})
		r2, _ := exchange(t, x.b, x.a, bundle.ExportOptions{Peer: x.a.Device()})
		t.Logf("round %d: A→B %+v, B→A %+v", round+1, r1.Total(), r2.Total())
	}
	if d := diffDumps(syncDump(t, x.a), syncDump(t, x.b)); d != "" {
		t.Errorf("A and B differ after exchanging both ways: %s", d)
	}
}

// keptAside finds, on s, the version of record made by device, set aside by the lock or as a conflict.
func keptAside(t *testing.T, s *Store, kind data.Kind, id, device string) (data.RecordVersion, bool) {
	t.Helper()
	vs, err := s.Versions(context.Background(), true)
	must(t, "Versions", err)
	for _, rv := range vs {
		if rv.Kind == kind && rv.RecordID == id && rv.Device == device &&
			(rv.Reason == data.VersionLocked || rv.Reason == data.VersionConflict) {
			return rv, true
		}
	}
	return data.RecordVersion{}, false
}

// TestExchangeApprovedSessionLocked: A approves the verbale of March's session while B, which has not
// heard of it, edits that session. After exchanging both ways, A's approved session and its verbale are
// exactly as A approved them; B has come round to A's approved version; and B's edit is not lost: it is
// kept as a version set aside (refused by the lock, or lost to the approval), the same on both, and
// restoring it over the approved session is refused.
func TestExchangeApprovedSessionLocked(t *testing.T) {
	x := newApprovedElsewhere(t)
	ctx := x.ctx
	sessB, err := x.b.Session(ctx, x.march.ID)
	must(t, "Session on B", err)
	edit := sessB.Session
	edit.Place = "Sala del Consiglio, Comune di Castiglione del Lago"
	edit, err = x.b.SaveSession(ctx, edit)
	must(t, "SaveSession on B", err)

	x.exchangeBothWays(t)

	if got := x.snapshot(t, x.march.ID); got != x.approved {
		t.Errorf("A's approved session changed through the exchange:\n%s\nwant\n%s", got, x.approved)
	}
	got, err := x.a.Verbale(ctx, x.march.ID)
	must(t, "Verbale on A", err)
	if got.ID != x.v.ID || got.SHA256 != x.v.SHA256 || !bytes.Equal(got.PDF, x.v.PDF) {
		t.Errorf("A's verbale changed: %s %s", got.ID, got.SHA256)
	}
	onB, err := x.b.Session(ctx, x.march.ID)
	must(t, "Session on B", err)
	if onB.Status != data.SessionApprovata || onB.Place != x.sessA.Place || !onB.Updated.Equal(x.sessA.Updated) ||
		onB.Device != x.sessA.Device {
		t.Errorf("B's March: %s at %q (%s %s), want A's approved version: %s at %q (%s %s)", onB.Status, onB.Place,
			onB.Updated, onB.Device, x.sessA.Status, x.sessA.Place, x.sessA.Updated, x.sessA.Device)
	}
	vb, err := x.b.Verbale(ctx, x.march.ID)
	must(t, "Verbale on B", err)
	if vb.ID != x.v.ID || !bytes.Equal(vb.PDF, x.v.PDF) {
		t.Errorf("B's verbale %s, want A's %s", vb.ID, x.v.ID)
	}
	for _, s := range []*Store{x.a, x.b} {
		rv, ok := keptAside(t, s, data.KindSession, x.march.ID, x.b.Device())
		if !ok || rv.Row["place"] != edit.Place || !rv.Updated.Equal(edit.Updated) {
			t.Errorf("on %s, B's edit of the session is not kept aside: %+v", s.Device(), rv)
			continue
		}
		if s == x.a {
			wantErr(t, "RestoreVersion(B's edit over the approved session)", s.RestoreVersion(ctx, rv.ID),
				data.EReadOnly, "err.exchange.restore_locked")
		}
	}
}

// approvedContent is what an approved session says: its live records and their columns, without their
// stamps (a merge may stamp the approved version anew on top of a change made elsewhere, so that it
// travels back and every laptop returns to it).
func approvedContent(t testing.TB, s *Store, sessionID string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id || deleted || status || started || ended || approved_in_id FROM sessions WHERE id = ?`,
		`SELECT id || position || title || notes || spent_ms || done FROM agenda_items WHERE session_id = ? AND deleted = 0 ORDER BY id`,
		`SELECT id || presence || arrived || left_at FROM attendance WHERE session_id = ? AND deleted = 0 ORDER BY id`,
		`SELECT id || text FROM decisions WHERE session_id = ? AND deleted = 0 ORDER BY id`,
		`SELECT id || who || what || done FROM action_items WHERE session_id = ? AND deleted = 0 ORDER BY id`,
		`SELECT id || title || text || state FROM proposals WHERE session_id = ? AND deleted = 0 ORDER BY id`,
		`SELECT id || sha256 || hex(pdf) FROM verbali WHERE session_id = ? AND deleted = 0 ORDER BY id`,
	} {
		rows, err := s.db.Query(q, sessionID)
		must(t, "approvedContent", err)
		for rows.Next() {
			var line string
			must(t, "approvedContent scan", rows.Scan(&line))
			b.WriteString(line + "\n")
		}
		must(t, "approvedContent rows", rows.Err())
		rows.Close()
	}
	return b.String()
}

// TestExchangeApprovedSessionRecordsLocked: the same, for the records of the approved session that B
// edits (a decision, an agenda item, an action item) or adds (a decision): they are part of what was
// approved, and the store refuses to change them on A (err.session.locked); a merge must not change
// what the approved session says either, on A or, once they have exchanged, on B, and B's edits must be
// kept aside.
func TestExchangeApprovedSessionRecordsLocked(t *testing.T) {
	x := newApprovedElsewhere(t)
	ctx := x.ctx
	content := approvedContent(t, x.a, x.march.ID)
	// On A the store itself refuses such an edit.
	dec := x.decision
	dec.Text = "Approvato con una modifica."
	_, err := x.a.SaveDecision(ctx, dec)
	wantErr(t, "SaveDecision in the approved session, on A", err, data.ELocked, "err.session.locked")

	dec, err = x.b.SaveDecision(ctx, dec)
	must(t, "SaveDecision on B", err)
	item := x.item
	item.Title = "Piano di Zona 2027-2029"
	item, err = x.b.SaveAgendaItem(ctx, item)
	must(t, "SaveAgendaItem on B", err)
	act := x.action
	act.What = "Mappa dei servizi e dei trasporti"
	act, err = x.b.SaveActionItem(ctx, act)
	must(t, "SaveActionItem on B", err)
	added, err := x.b.SaveDecision(ctx, data.Decision{SessionID: x.march.ID, AgendaItemID: x.item.ID,
		Text: "Si rinvia la mappa dei trasporti."})
	must(t, "SaveDecision(new) on B", err)

	x.exchangeBothWays(t)

	for _, s := range []*Store{x.a, x.b} {
		if got := approvedContent(t, s, x.march.ID); got != content {
			t.Errorf("on %s the approved session says, after the exchange:\n%s\nwant what A approved:\n%s", s.Device(),
				got, content)
		}
	}
	for _, e := range []struct {
		kind data.Kind
		id   string
	}{{data.KindDecision, dec.ID}, {data.KindAgendaItem, item.ID}, {data.KindActionItem, act.ID}, {data.KindDecision, added.ID}} {
		if _, ok := keptAside(t, x.a, e.kind, e.id, x.b.Device()); !ok {
			t.Errorf("B's edit of the approved session's %s %s is not kept aside on A", e.kind, e.id)
		}
		if rowCount(t, x.a, tables[e.kind], "id = ? AND device = ? AND deleted = 0", e.id, x.b.Device()) != 0 {
			t.Errorf("the approved session's %s %s on A is now B's version", e.kind, e.id)
		}
	}
}

// A bundle for a device nobody here has met, named by a name rather than an id, is refused with
// EUnknownPeer: the command line answers it with the list of peers.
func TestExportUnknownPeer(t *testing.T) {
	s := openTest(t)
	seedDemo(t, s, 1)
	_, err := s.ExportFile(context.Background(), filepath.Join(t.TempDir(), "b.tavoli"),
		bundle.ExportOptions{Peer: "Nessuno", NoEncryption: true})
	wantErr(t, "ExportFile(for Nessuno)", err, data.EUnknownPeer, "err.exchange.peer_unknown")
	if data.ErrorCode(err).Kind() != data.ENotFound {
		t.Errorf("ErrorCode(%v).Kind() = %s, want %s", err, data.ErrorCode(err).Kind(), data.ENotFound)
	}
}
