package sqlite

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// The bundle package fuzzes the reader (FuzzOpen): no file gets past it unless its checksums and seal
// hold. FuzzMergeBundle fuzzes what comes after: bundles that read perfectly well (a forger's, or a
// buggy Tavoli's) but whose records say anything at all.

// fuzzInstallation opens the fuzz receiver; fuzzSender wrote the seeds' records.
const (
	fuzzInstallation = "f0000000-0000-4000-8000-000000000001"
	fuzzSender       = "f0000000-0000-4000-8000-000000000003"
)

// recordLines extracts the record lines of a plain bundle (without the trailer), each ending in "\n".
func recordLines(t testing.TB, b []byte) []byte {
	t.Helper()
	const magic = "TAVOLI-BUNDLE 1\n"
	if !bytes.HasPrefix(b, []byte(magic)) {
		t.Fatalf("not a plain bundle: %q", b[:min(len(b), 20)])
	}
	br := bufio.NewReader(bytes.NewReader(b[len(magic):]))
	zr, err := gzip.NewReader(br)
	must(t, "gzip header member", err)
	zr.Multistream(false)
	_, err = io.ReadAll(zr)
	must(t, "read header member", err)
	must(t, "gzip records member", zr.Reset(br))
	zr.Multistream(false)
	content, err := io.ReadAll(zr)
	must(t, "read records member", err)
	lines := bytes.SplitAfter(content, []byte("\n"))
	if len(lines) < 2 {
		t.Fatalf("the records member has %d lines", len(lines))
	}
	return bytes.Join(lines[:len(lines)-2], nil) // the trailer, then the empty rest after its "\n"
}

// craftBundle wraps record lines into a plain bundle the way bundle.Write does (see the bundle package's
// doc): the lines are taken as they are, so that any JSON reaches the reader with a valid checksum,
// counts and seal. ok is false when a line is not a JSON object with a kind.
func craftBundle(h bundle.Header, lines []byte) (file []byte, ok bool) {
	counts := map[string]int{}
	sum := sha256.New()
	for _, l := range bytes.SplitAfter(lines, []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		if l[len(l)-1] != '\n' {
			return nil, false
		}
		var env struct {
			Kind *string `json:"kind"`
		}
		if json.Unmarshal(l, &env) != nil || env.Kind == nil {
			return nil, false
		}
		counts[*env.Kind]++
		sum.Write(l)
	}
	h.Format, h.Version = bundle.Format, bundle.Version
	head, err := json.Marshal(h)
	if err != nil {
		return nil, false
	}
	trailer, err := json.Marshal(map[string]any{"end": true, "counts": counts, "sha256": hex.EncodeToString(sum.Sum(nil))})
	if err != nil {
		return nil, false
	}
	var buf bytes.Buffer
	buf.WriteString("TAVOLI-BUNDLE 1\n")
	for _, member := range [][]byte{append(head, '\n'), append(append(bytes.Clone(lines), trailer...), '\n')} {
		zw := gzip.NewWriter(&buf)
		zw.Write(member)
		zw.Close()
	}
	seal := sha256.Sum256(buf.Bytes())
	buf.WriteString("TAVOLI-SEAL " + hex.EncodeToString(seal[:]) + "\n")
	return buf.Bytes(), true
}

// fuzzFixture is a small district's database (the registry of registry_test.go) and, as seeds, the
// records a sender that shares it made: a new person and organisation, edits, a deletion.
type fuzzFixture struct {
	db       []byte
	ambitoID string
	seeds    [][]byte
}

func newFuzzFixture(f *testing.F) fuzzFixture {
	ctx := context.Background()
	dir := f.TempDir()
	day := time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)
	path := filepath.Join(dir, "template.db")
	// Every fuzzing process builds this fixture anew: its ids must be the same in each, since the seeds
	// made in one are run in the others.
	opt := replicaOptions(fuzzInstallation, day)
	opt.NewID = testIDs()
	s, err := Open(ctx, path, opt)
	must(f, "Open", err)
	r := newRegistryIn(f, s)
	must(f, "Close", s.Close())
	var fx fuzzFixture
	fx.ambitoID = r.ambito.ID
	fx.db, err = os.ReadFile(path)
	must(f, "ReadFile", err)

	// The sender: the same district on another installation, which then changes it.
	spath := filepath.Join(dir, "sender.db")
	must(f, "WriteFile", os.WriteFile(spath, fx.db, 0o600))
	sopt := replicaOptions(fuzzSender, day.Add(time.Hour))
	n := 0
	sopt.NewID = func() string { n++; return fmt.Sprintf("f3000000-0000-4000-8000-%012d", n) }
	snd, err := Open(ctx, spath, sopt)
	must(f, "Open(sender)", err)
	defer snd.Close()
	var everything bytes.Buffer
	_, err = snd.ExportBundle(ctx, &everything, bundle.ExportOptions{Everything: true, NoEncryption: true})
	must(f, "ExportBundle", err)
	fx.seeds = append(fx.seeds, recordLines(f, everything.Bytes()))

	org, err := snd.SaveOrganisation(ctx, data.Organisation{Name: "Associazione Il Ponte", Category: data.CatAssociazione})
	must(f, "SaveOrganisation", err)
	_, err = snd.SavePerson(ctx, data.Person{Surname: "Ponti", Name: "Lia", Category: data.CatAssociazione,
		OrganisationID: org.ID, Email: "lia@example.org"})
	must(f, "SavePerson", err)
	rossi := r.rossi
	rossi.Phone = "075 999 0000"
	_, err = snd.SavePerson(ctx, rossi)
	must(f, "SavePerson(edit)", err)
	_, err = snd.Delete(ctx, data.Ref{Kind: data.KindPerson, ID: r.dangelo.ID})
	must(f, "Delete", err)
	var changes bytes.Buffer
	_, err = snd.ExportBundle(ctx, &changes, bundle.ExportOptions{NoEncryption: true})
	must(f, "ExportBundle(changes)", err)
	lines := recordLines(f, changes.Bytes())
	fx.seeds = append(fx.seeds, lines,
		// Forgeries a reader lets through.
		[]byte(strings.Replace(string(lines), `"row":{`, `"row":{"iban":"IT60X",`, 1)),
		[]byte(strings.Replace(string(lines), `"kind":"person"`, `"kind":"payment"`, 1)),
		[]byte(strings.Replace(string(lines), `"deleted":0`, `"deleted":true`, 1)),
		[]byte(strings.Replace(string(lines), `"deleted":0`, `"deleted":"no"`, 1)),
		[]byte(strings.Replace(string(lines), `"@base":""`, `"@base":"2099-01-01T00:00:00.000000000Z|x"`, -1)),
		[]byte(strings.ReplaceAll(string(lines), org.ID, "00000000-0000-4000-8000-00000000dead")),
		[]byte(`{"kind":"person","id":"x","row":{}}`+"\n"),
		[]byte(`{"kind":"ambito","id":"`+r.ambito.ID+`","row":{"created":"2027-01-01T00:00:00.000000000Z","updated":"2099-01-01T00:00:00.000000000Z","device":"x","deleted":1,"name":"Altro"}}`+"\n"),
		[]byte(`{"kind":"record_version","id":"v","row":{"created":"2027-01-01T00:00:00.000000000Z","updated":"2027-01-01T00:00:00.000000000Z","device":"x","deleted":0,"kind":"person","record_id":"`+r.rossi.ID+`","version_updated":"bad","version_device":"x","row":"{}","reason":"conflict","resolution":""}}`+"\n"),
		nil)
	return fx
}

// receiverState is a cheap fingerprint of what a merge may write.
func receiverState(t testing.TB, s *Store) [4]int64 {
	t.Helper()
	var st [4]int64
	err := s.db.QueryRow(`SELECT (SELECT COALESCE(MAX(seq), 0) FROM changes), (SELECT count(*) FROM changes),
		(SELECT count(*) FROM exchanges), (SELECT count(*) FROM sync_base)`).Scan(&st[0], &st[1], &st[2], &st[3])
	must(t, "receiverState", err)
	return st
}

// mergeRefusals are the keys a merge may refuse a bundle that reads with.
var mergeRefusals = map[string]data.Code{
	"err.exchange.bad_record":      data.ECorrupt,
	"err.exchange.missing_records": data.EMissingRecords,
	"err.exchange.other_ambito":    data.EOtherAmbito,
	"err.exchange.gap":             data.EGap,
	"err.exchange.gap_named":       data.EGap,
	"err.exchange.gap_dated":       data.EGap,
}

// FuzzMergeBundle merges bundles whose records say anything, into a small district. Whatever the
// records: no panic; a preview writes nothing and agrees with the merge (the same refusal, or the same
// counts); a refusal is one of the merge's coded refusals and writes nothing; a bundle that merged
// leaves the database the same Ambito, and changes nothing when merged again.
func FuzzMergeBundle(f *testing.F) {
	fx := newFuzzFixture(f)
	for _, s := range fx.seeds {
		f.Add(s)
	}
	day := time.Date(2027, 3, 13, 9, 0, 0, 0, time.UTC)
	h := bundle.Header{Schema: SchemaVersion(), AmbitoID: fx.ambitoID, AmbitoName: "Ambito", Sender: fuzzSender,
		SenderName: "Mittente", Created: day, Since: 0, Upto: 1}

	f.Fuzz(func(t *testing.T, lines []byte) {
		file, ok := craftBundle(h, lines)
		if !ok {
			return // not record lines: the reader's business (FuzzOpen)
		}
		in, err := ReadBundle(bytes.NewReader(file), "")
		if err != nil {
			e := data.AsError(err)
			if e == nil || !strings.HasPrefix(e.Key, "err.bundle.") {
				t.Fatalf("a crafted bundle is refused by the reader without a coded refusal: %v", err)
			}
			return
		}
		path := filepath.Join(t.TempDir(), "receiver.db")
		must(t, "WriteFile", os.WriteFile(path, fx.db, 0o600))
		n := 0
		opt := Options{Verbale: testVerbale, Device: "f0000000-0000-4000-8000-000000000002", Now: (&testClock{t: day}).Now,
			NewID: func() string { n++; return fmt.Sprintf("f1000000-0000-4000-8000-%012d", n) }}
		s := openAt(t, path, opt)
		ctx := context.Background()
		before := receiverState(t, s)
		dump := syncDump(t, s)

		preview, perr := s.MergeBundle(ctx, in, bundle.ImportOptions{DryRun: true})
		if st := receiverState(t, s); st != before {
			t.Fatalf("a preview wrote: %v → %v", before, st)
		}
		res, err := s.MergeBundle(ctx, in, bundle.ImportOptions{})
		if (perr == nil) != (err == nil) || (err != nil && data.AsError(perr).Key != data.AsError(err).Key) {
			t.Fatalf("the preview says %v, the merge %v", perr, err)
		}
		if err != nil {
			e := data.AsError(err)
			if e == nil || mergeRefusals[e.Key] != e.Code {
				t.Fatalf("a merge refused a bundle with %v, want one of the merge's coded refusals", err)
			}
			if st := receiverState(t, s); st != before {
				t.Fatalf("a refused merge (%v) wrote: %v → %v", err, before, st)
			}
			if d := diffDumps(dump, syncDump(t, s)); d != "" {
				t.Fatalf("a refused merge (%v) changed records: %s", err, d)
			}
			return
		}
		if !reflect.DeepEqual(preview.Kinds, res.Kinds) {
			t.Fatalf("the preview announced %+v, the merge did %+v", preview.Kinds, res.Kinds)
		}
		if amb, err := s.Ambito(ctx); err != nil || amb.ID != fx.ambitoID {
			t.Fatalf("after the merge the database's Ambito is %s (%v), want %s still (TestMergeKeepsTheAmbito)", amb.ID,
				err, fx.ambitoID)
		}
		merged := syncDump(t, s)
		again, err := s.MergeBundle(ctx, in, bundle.ImportOptions{})
		if err != nil {
			t.Fatalf("a bundle that merged is refused the second time: %v", err)
		}
		if again.Total().Writes() != 0 || !again.Seen {
			t.Fatalf("merged again, the bundle wrote %+v (seen %v)", again.Total(), again.Seen)
		}
		if d := diffDumps(merged, syncDump(t, s)); d != "" {
			t.Fatalf("merged again, the bundle changed records: %s", d)
		}
	})
}

// TestMergeOlderBundleTwiceChangesNothing (found by FuzzMergeBundle): a bundle whose records lack a
// column this schema has — what a Tavoli with an older schema writes, which the merge accepts (the
// column keeps what is held) — merges once; merged a second time it must change nothing, like any
// bundle.
func TestMergeOlderBundleTwiceChangesNothing(t *testing.T) {
	p := newPair(t)
	var recs []bundle.Record
	for _, r := range cloneRecords(p.incoming.Records) {
		if r.Kind == string(data.KindPerson) {
			delete(r.Row, "match_key") // as if the sender's schema had no match_key yet
		}
		recs = append(recs, r)
	}
	var buf bytes.Buffer
	_, err := bundle.Write(&buf, p.incoming.Header, recordsOf(recs), bundle.WriteOptions{NoEncryption: true})
	must(t, "bundle.Write", err)
	older := buf.Bytes()
	first, err := importBytes(p.b, older, "", bundle.ImportOptions{})
	must(t, "first merge", err)
	merged := syncDump(t, p.b)
	for i := 2; i <= 3; i++ {
		again, err := importBytes(p.b, older, "", bundle.ImportOptions{})
		must(t, "merge again", err)
		if again.Total().Writes() != 0 {
			t.Errorf("merge %d of a bundle without a column: %+v (the first did %+v)", i, again.Total(), first.Total())
		}
		if d := diffDumps(merged, syncDump(t, p.b)); d != "" {
			t.Errorf("merge %d of a bundle without a column changed records: %s", i, d)
		}
	}
}

// TestMergeKeepsTheAmbito (found by FuzzMergeBundle): a bundle whose header names this database's
// Ambito but whose records change what the Ambito is — the record of another Ambito, or a deletion of
// this one, which the store itself refuses (err.delete.kind) — comes from a forger or a buggy Tavoli. It
// must not change which Ambito the database is: either it is refused and nothing changes, or the
// database stays what it was, merging the bundle again changes nothing, and the district's next bundle
// merges.
func TestMergeKeepsTheAmbito(t *testing.T) {
	for _, tc := range []struct {
		name  string
		forge func(r *bundle.Record)
	}{
		{"another Ambito's record", func(r *bundle.Record) {
			r.ID = "00000000-0000-4000-8000-0000000000a0"
			r.Row["name"] = "Ambito Territoriale n.9 della Valnerina"
			r.Row["created"] = "2020-01-01T00:00:00.000000000Z"
			r.Row["updated"] = "2020-01-01T00:00:00.000000000Z"
		}},
		{"the Ambito deleted", func(r *bundle.Record) {
			r.Row["deleted"] = int64(1)
			r.Row["updated"] = "2099-01-01T00:00:00.000000000Z"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPair(t)
			var all bytes.Buffer
			_, err := p.a.ExportBundle(p.ctx, &all, bundle.ExportOptions{Everything: true, NoEncryption: true})
			must(t, "ExportBundle(everything)", err)
			everything, err := ReadBundle(&all, "")
			must(t, "ReadBundle", err)
			var forged bundle.Record
			for _, r := range everything.Records {
				if r.Kind == string(data.KindAmbito) {
					forged = cloneRecords([]bundle.Record{r})[0]
				}
			}
			if forged.ID == "" {
				t.Fatal("A's bundle of everything has no Ambito")
			}
			tc.forge(&forged)

			amb, err := p.b.Ambito(p.ctx)
			must(t, "Ambito", err)
			before := dbStateOf(t, p.b)
			in := p.forged(t, forged)
			_, err = p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{})
			if err != nil {
				wantKey(t, "merge of a bundle with "+tc.name, err, "", "err.exchange.bad_record", "err.exchange.other_ambito")
				unchanged(t, "a refused bundle with "+tc.name, p.b, before)
				return
			}
			after, err := p.b.Ambito(p.ctx)
			if err != nil || after.ID != amb.ID || after.Name != amb.Name {
				t.Errorf("after a bundle with %s the database's Ambito is %q (%s), %v; was %q (%s)", tc.name, after.Name,
					after.ID, err, amb.Name, amb.ID)
			}
			again, err := p.b.MergeBundle(p.ctx, in, bundle.ImportOptions{})
			if err != nil || again.Total().Writes() != 0 {
				t.Errorf("the same bundle merged again: %v, %+v; want nothing to do", err, again.Total())
			}
			var next bytes.Buffer
			_, err = p.a.ExportBundle(p.ctx, &next, bundle.ExportOptions{Peer: p.b.Device(), NoEncryption: true})
			must(t, "ExportBundle(next)", err)
			if _, err = importBytes(p.b, next.Bytes(), "", bundle.ImportOptions{}); err != nil {
				t.Errorf("A's next bundle for B: %v", err)
			}
			if _, err := p.b.ExportBundle(p.ctx, &bytes.Buffer{}, bundle.ExportOptions{Peer: p.a.Device(), NoEncryption: true}); err != nil {
				t.Errorf("B's next bundle for A: %v", err)
			}
		})
	}
}
