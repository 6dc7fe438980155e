package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
	"github.com/tavoli/tavoli/data/merge"
)

// This file holds the property test of issue 6: three laptops that diverge and exchange bundles in
// random orders end with the same records, and nothing anyone wrote is lost.
//
// What "lost" means. Every write made on a laptop makes a version of a record, named by its updated
// time and device. A version is superseded, and may legitimately disappear, when someone made another
// version on top of it: the laptop that wrote the new version held it as the current one, so the new
// version was made by a person who saw it (the next edit on the same laptop, or an edit on a laptop that
// had received it). Every other version, a head of the record's history, was never seen and edited
// over: after the laptops have exchanged until nothing changes it must be the record's current version,
// or be kept as a record version (kind, record id, version updated, version device) with the same
// columns, to be reviewed under Conflitti, or carry the same content (every column but the stamps:
// created, updated, device) as the current version or a version kept aside: the same change made on
// two laptops (both undeleting a record at the same microsecond) is one change, kept once. This is
// stronger than "a version that was current somewhere when a conflicting one arrived is kept": it also
// covers versions that never met a rival directly (a deletion that lost on the third laptop only, a
// version replaced by a later one of its own device). The same holds right after every merge, on the
// receiver: of the version it held and a different one arriving, the one that did not win is an
// ancestor of the winner, or has its content, or is kept aside there.
//
// What "converge" means: the canonical dumps (every column of every synchronised table, tombstones and
// record versions included, by id) of the three databases are the same, byte for byte. Since every edit
// is later than the version it is made on, the current version of every record is also the latest
// version anyone made of it, by (updated, device): the merge rule's "later wins".

// recKey names a record.
type recKey struct {
	kind data.Kind
	id   string
}

// verKey names a version of a record: its updated time (as stored) and device.
type verKey struct{ updated, device string }

func (v verKey) less(o verKey) bool {
	if v.updated != o.updated {
		return v.updated < o.updated
	}
	return v.device < o.device
}

// madeVersion is a version a laptop wrote, with its columns as a record version keeps them.
type madeVersion struct {
	by  string // the replica's name
	row map[string]any
}

// propReplica is one laptop of the property test.
type propReplica struct {
	name  string
	s     *Store
	seq   int64             // the last change of s the test has looked at
	cur   map[recKey]verKey // the current version of every record, as the test last saw it
	dir   string            // where its exported files go
	nexts int               // names of the records it creates
}

// propWorld is the three laptops and the history of every version they made.
type propWorld struct {
	t      *testing.T
	ctx    context.Context
	rng    *rand.Rand
	reps   []*propReplica
	made   map[recKey]map[verKey]madeVersion
	onTop  map[recKey]map[verKey]bool       // versions someone made another version on top of
	parent map[recKey]map[verKey]verKey     // the version each version was made on top of
	bases  map[recKey]map[verKey]merge.Seen // versions a laptop made in a merge, with what they were made on

	// Pools of records the random edits pick from: a few, so that the same record is often edited on
	// two laptops between exchanges.
	people, orgs, proposals []string

	stats map[string]int
}

// TestExchangeProperty: three copies of the demo district make random edits (creations, edits,
// deletions, undeletions, the same record on two sides, deletion on one side and edit on the other,
// restores and dismissals of versions set aside) and exchange bundles (since the previous export, for
// a peer, or everything; through a buffer or a file) between random pairs in random orders; a preview
// must announce exactly what the merge then does and write nothing, and a bundle merged twice changes
// nothing the second time. Then they exchange until a full round changes nothing, and must hold the
// same records with nothing lost (see the top of this file).
func TestExchangeProperty(t *testing.T) {
	seeds := []uint64{1, 2, 3, 20270312}
	rounds := 35
	if testing.Short() || raceBuild() {
		// The race detector makes SQLite some fifteen times slower: one seed, with two laptops behind,
		// and as few rounds as cover every kind of clash.
		seeds, rounds = seeds[3:], 6
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("seed %d (rerun: go test -run 'TestExchangeProperty/seed=%d$' ./data/sqlite)", seed, seed)
			w := newPropWorld(t, seed)
			w.run(rounds)
			w.untilQuiet()
			w.check()
			t.Logf("seed %d: %v", seed, w.stats)
		})
	}
}

// raceBuild reports whether the test binary was built with the race detector.
func raceBuild() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, st := range bi.Settings {
		if st.Key == "-race" {
			return st.Value == "true"
		}
	}
	return false
}

// propDay is when the property test's laptops start.
var propDay = time.Date(2027, 3, 12, 15, 0, 0, 0, time.UTC)

func newPropWorld(t *testing.T, seed uint64) *propWorld {
	ctx := context.Background()
	w := &propWorld{t: t, ctx: ctx, rng: rand.New(rand.NewPCG(seed, seed^0x7461766f6c69)),
		made: map[recKey]map[verKey]madeVersion{}, onTop: map[recKey]map[verKey]bool{},
		bases:  map[recKey]map[verKey]merge.Seen{},
		parent: map[recKey]map[verKey]verKey{}, stats: map[string]int{}}
	dir := t.TempDir()
	// Clocks: A seeds the district at propDay; B and C start behind or at the same time, so that their
	// edits of A's records are stamped just after them (the same microsecond on both when both are
	// behind) or interleave with A's. The skews come from the seed.
	skews := [][2]time.Duration{{-time.Hour, -time.Hour}, {0, 0}, {30 * time.Second, -time.Minute}, {-time.Hour, 0}}
	skew := skews[seed%uint64(len(skews))]
	for i, name := range []string{"A", "B", "C"} {
		start := propDay
		if i > 0 {
			start = propDay.Add(skew[i-1])
		}
		c := &testClock{t: start}
		n := 0
		prefix := fmt.Sprintf("%08x", 0xabc0+i)
		// Device ids in UUID form, as installations have: an export may name a peer met for the first time.
		opt := Options{Verbale: testVerbale, Device: fmt.Sprintf("de51ce00-0000-4000-8000-%012x", 0xa+i), Now: c.Now, NewID: func() string {
			n++
			return fmt.Sprintf("%s-0000-4000-8000-%012d", prefix, n)
		}}
		r := &propReplica{name: name, s: openAt(t, filepath.Join(dir, name+".db"), opt), cur: map[recKey]verKey{},
			dir: filepath.Join(dir, name)}
		must(t, "RegisterDevice "+name, r.s.RegisterDevice(ctx, "pc-"+name, "Operatore "+name))
		w.observe(r, true)
		w.reps = append(w.reps, r)
		t.Logf("%s: device %s, clock from %s", name, r.s.Device(), start.Format(time.TimeOnly))
	}
	a, b, c := w.reps[0], w.reps[1], w.reps[2]
	seedDemo(t, a.s, 1)
	w.observe(a, true)
	// Everyone gets the district from A: A's first bundle for each carries everything.
	w.exchange(a, b, "peer", false)
	w.exchange(a, c, "peer", false)

	pick := func(q string, n int) []string {
		ids := w.ids(a, q)
		w.rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		return ids[:min(n, len(ids))]
	}
	w.people = pick(`SELECT id FROM people WHERE deleted = 0 ORDER BY id`, 10)
	w.orgs = pick(`SELECT id FROM organisations WHERE deleted = 0 ORDER BY id`, 6)
	// Proposals of sessions not approved: those of an approved one are locked, and edits would be refused.
	w.proposals = pick(`SELECT id FROM proposals WHERE deleted = 0 AND (session_id IS NULL OR session_id IN
		(SELECT id FROM sessions WHERE status <> 'approvata')) ORDER BY id`, 8)
	if len(w.people) < 10 || len(w.orgs) < 6 || len(w.proposals) < 8 {
		t.Fatalf("the demo has too few records to pick from: %d people, %d organisations, %d proposals",
			len(w.people), len(w.orgs), len(w.proposals))
	}
	return w
}

func (w *propWorld) ids(r *propReplica, q string, args ...any) []string {
	w.t.Helper()
	rows, err := r.s.db.Query(q, args...)
	must(w.t, "ids", err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		must(w.t, "ids scan", rows.Scan(&id))
		out = append(out, id)
	}
	must(w.t, "ids rows", rows.Err())
	return out
}

// observe reads what changed in r since the test last looked. After a local operation (local), every
// changed record has a new version written by r, made on top of the version r held before.
func (w *propWorld) observe(r *propReplica, local bool) {
	t := w.t
	t.Helper()
	type change struct {
		seq  int64
		kind string
		id   string
	}
	rows, err := r.s.db.Query(`SELECT seq, kind, id FROM changes WHERE seq > ? ORDER BY seq`, r.seq)
	must(t, "changes", err)
	var chs []change
	for rows.Next() {
		var c change
		must(t, "changes scan", rows.Scan(&c.seq, &c.kind, &c.id))
		chs = append(chs, c)
	}
	must(t, "changes rows", rows.Err())
	rows.Close()
	for _, c := range chs {
		r.seq = max(r.seq, c.seq)
		k := recKey{data.Kind(c.kind), c.id}
		row := versionRow(t, r.s, k)
		v := verKey{row["updated"].(string), row["device"].(string)}
		prev, held := r.cur[k]
		r.cur[k] = v
		if !local && v.device == r.s.Device() && (!held || prev != v) {
			// A version the receiver made in a merge (what a deletion removed brought back with its
			// record, a refused change stamped anew): made on top of every version its base says it has
			// seen, which the test reads from the store.
			w.madeInMerge(r, k, v)
			continue
		}
		if !local || (held && prev == v) {
			continue
		}
		if v.device != r.s.Device() {
			t.Fatalf("%s: a local operation wrote %s %s as device %s", r.name, k.kind, k.id, v.device)
		}
		if held {
			if w.onTop[k] == nil {
				w.onTop[k] = map[verKey]bool{}
			}
			w.onTop[k][prev] = true
			if w.parent[k] == nil {
				w.parent[k] = map[verKey]verKey{}
			}
			w.parent[k][v] = prev
		}
		if w.made[k] == nil {
			w.made[k] = map[verKey]madeVersion{}
		}
		if was, ok := w.made[k][v]; ok && !reflect.DeepEqual(was.row, row) {
			t.Fatalf("%s: version %v of %s %s written twice with different columns", r.name, v, k.kind, k.id)
		}
		w.made[k][v] = madeVersion{by: r.name, row: row}
	}
}

// madeInMerge records a version r made during a merge as made on top of every version of the record
// that its base covers.
func (w *propWorld) madeInMerge(r *propReplica, k recKey, v verKey) {
	// Its columns, like any version's: another laptop may make the same content in its own merge.
	if w.made[k] == nil {
		w.made[k] = map[verKey]madeVersion{}
	}
	w.made[k][v] = madeVersion{by: r.name + " (in a merge)", row: versionRow(w.t, r.s, k)}
	// No base: only the device's own earlier versions are under it.
	base := ""
	_ = r.s.db.QueryRow(`SELECT seen FROM sync_base WHERE kind = ? AND id = ?`, string(k.kind), k.id).Scan(&base)
	covers, err := merge.ParseSeen(base)
	must(w.t, "ParseSeen", err)
	if w.bases[k] == nil {
		w.bases[k] = map[verKey]merge.Seen{}
	}
	w.bases[k][v] = covers
	w.stats["made in merge"]++
	for u := range w.made[k] {
		// The base names the latest of each other device; the device's own earlier versions are under
		// its later ones, as the merge orders them.
		if u != v && (covers.Covers(merge.Version{Device: u.device, Updated: u.updated}) || u.device == v.device && u.less(v)) {
			if w.onTop[k] == nil {
				w.onTop[k] = map[verKey]bool{}
			}
			w.onTop[k][u] = true
		}
	}
}

// versionRow reads a record's columns (all but id) the way a record version keeps them: as JSON,
// read back.
func versionRow(t testing.TB, s *Store, k recKey) map[string]any {
	t.Helper()
	rows, err := s.db.Query(`SELECT * FROM `+tables[k.kind]+` WHERE id = ?`, k.id)
	must(t, "versionRow", err)
	defer rows.Close()
	cols, err := rows.Columns()
	must(t, "versionRow columns", err)
	if !rows.Next() {
		t.Fatalf("versionRow: %s %s is not stored (%v)", k.kind, k.id, rows.Err())
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	must(t, "versionRow scan", rows.Scan(ptrs...))
	m := map[string]any{}
	for i, c := range cols {
		if c != "id" {
			m[c] = vals[i]
		}
	}
	return jsonRow(t, m)
}

// jsonRow is a row through JSON, so that rows read from a table and from a record version compare.
func jsonRow(t testing.TB, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	must(t, "jsonRow marshal", err)
	var out map[string]any
	must(t, "jsonRow unmarshal", json.Unmarshal(b, &out))
	return out
}

// syncDump is the canonical dump of every synchronised table: every column of every row, tombstones
// included, ordered by kind (data.SyncKinds) then id. It reads the tables directly, not through the
// store's own dump.
func syncDump(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	for _, kind := range data.SyncKinds {
		rows, err := s.db.Query(`SELECT * FROM ` + tables[kind] + ` ORDER BY id`)
		must(t, "dump "+string(kind), err)
		cols, err := rows.Columns()
		must(t, "dump columns", err)
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			must(t, "dump scan", rows.Scan(ptrs...))
			var b strings.Builder
			b.WriteString(string(kind))
			for i, c := range cols {
				b.WriteString(" " + c + "=")
				switch v := vals[i].(type) {
				case nil:
					b.WriteString("NULL")
				case []byte:
					b.WriteString("x'" + hex.EncodeToString(v) + "'")
				case string:
					b.WriteString(strconv.Quote(v))
				case int64:
					b.WriteString(strconv.FormatInt(v, 10))
				case float64:
					b.WriteString("r" + strconv.FormatFloat(v, 'g', -1, 64))
				default:
					t.Fatalf("dump %s.%s: a %T", kind, c, v)
				}
			}
			out = append(out, b.String())
		}
		must(t, "dump rows", rows.Err())
		rows.Close()
	}
	return out
}

// diffDumps describes the first differences between two dumps, or "" when they are the same.
func diffDumps(a, b []string) string {
	if slices.Equal(a, b) {
		return ""
	}
	var out []string
	ia, ib := 0, 0
	for (ia < len(a) || ib < len(b)) && len(out) < 8 {
		switch {
		case ia < len(a) && ib < len(b) && a[ia] == b[ib]:
			ia++
			ib++
		case ib >= len(b) || ia < len(a) && a[ia] < b[ib]:
			out = append(out, "- "+a[ia])
			ia++
		case ia >= len(a) || b[ib] < a[ia]:
			out = append(out, "+ "+b[ib])
			ib++
		default:
			out = append(out, "- "+a[ia], "+ "+b[ib])
			ia++
			ib++
		}
	}
	return fmt.Sprintf("%d and %d rows:\n%s", len(a), len(b), strings.Join(out, "\n"))
}

// exchange exports from one laptop to another in a mode ("since": since the previous export, "peer":
// for the receiver, "everything") and merges. Sometimes it goes through a file, previews first, or
// merges the same bundle a second time. It returns how many records the merge wrote.
func (w *propWorld) exchange(from, to *propReplica, mode string, extras bool) int {
	t := w.t
	t.Helper()
	opt := bundle.ExportOptions{NoEncryption: true}
	switch mode {
	case "peer":
		opt.Peer = to.s.Device()
	case "everything":
		opt.Everything = true
	}
	var in *bundle.Incoming
	if extras && w.rng.IntN(6) == 0 {
		path := filepath.Join(from.dir+"-out", fmt.Sprintf("%s-%s-%d.tavoli", from.name, to.name, w.stats["exchanges"]))
		must(t, "MkdirAll", os.MkdirAll(filepath.Dir(path), 0o755))
		_, err := from.s.ExportFile(w.ctx, path, opt)
		must(t, "ExportFile "+from.name, err)
		in, err = ReadBundleFile(path, "")
		must(t, "ReadBundleFile", err)
		w.stats["files"]++
	} else {
		var buf bytes.Buffer
		_, err := from.s.ExportBundle(w.ctx, &buf, opt)
		must(t, "ExportBundle "+from.name, err)
		in, err = ReadBundle(&buf, "")
		must(t, "ReadBundle", err)
	}
	w.observe(from, false) // an export writes no record
	if mode == "since" {
		// The default window starts at what the sender's known peers acknowledged: a receiver it does not
		// know yet may not hold that much, and then refuses the bundle, which would leave records out,
		// and nothing changes. A known peer never refuses it.
		_, err := to.s.MergeBundle(w.ctx, in, bundle.ImportOptions{DryRun: true})
		if e := data.AsError(err); e != nil && e.Code == data.EGap {
			peers, perr := from.s.Peers(w.ctx)
			must(t, "Peers", perr)
			for _, p := range peers {
				if p.Device == to.s.Device() {
					t.Fatalf("%s→%s: a bundle for anyone refused by a known peer: %v", from.name, to.name, err)
				}
			}
			have := rowCount(t, to.s, "exchanges", "1")
			before := syncDump(t, to.s)
			_, err := to.s.MergeBundle(w.ctx, in, bundle.ImportOptions{})
			wantErr(t, "MergeBundle(a gap)", err, data.EGap, e.Key)
			if d := diffDumps(before, syncDump(t, to.s)); d != "" || rowCount(t, to.s, "exchanges", "1") != have {
				t.Fatalf("%s→%s refused for a gap, yet changed: %s", from.name, to.name, d)
			}
			w.observe(to, false)
			w.stats["gap refused"]++
			return 0
		}
		must(t, "MergeBundle(dry run)", err)
	}
	var before []string
	var preview data.ImportResult
	if extras && w.rng.IntN(4) == 0 {
		before = syncDump(t, to.s)
		var err error
		preview, err = to.s.MergeBundle(w.ctx, in, bundle.ImportOptions{DryRun: true})
		must(t, "MergeBundle(dry run)", err)
		if preview.Applied {
			t.Errorf("a preview says it was applied")
		}
		if d := diffDumps(before, syncDump(t, to.s)); d != "" {
			t.Fatalf("a preview of %s→%s wrote: %s", from.name, to.name, d)
		}
		w.stats["previews"]++
	}
	held := map[recKey]verKey{}
	for _, rec := range in.Records {
		k := recKey{data.Kind(rec.Kind), rec.ID}
		if v, ok := to.cur[k]; ok {
			held[k] = v
		}
	}
	// A changes-only bundle that starts beyond the sender's own bundles merged here is accepted on what
	// the receiver holds through the other laptop (see acks.go): check that it then holds everything
	// the sender holds.
	throughOthers := false
	if in.Header.Since > 0 {
		must(t, "importedUpto", to.s.read(w.ctx, func(tx *sql.Tx) error {
			chain, err := importedUpto(w.ctx, tx, from.s.Device())
			throughOthers = in.Header.Since > chain
			return err
		}))
	}
	res, err := to.s.MergeBundle(w.ctx, in, bundle.ImportOptions{})
	must(t, fmt.Sprintf("MergeBundle %s→%s (%s)", from.name, to.name, mode), err)

	if before != nil && !reflect.DeepEqual(preview.Kinds, res.Kinds) {
		t.Errorf("%s→%s: the preview announced %+v, the merge did %+v", from.name, to.name, preview.Kinds, res.Kinds)
	}
	w.observe(to, false)
	w.checkMerge(from, to, in, held)
	if throughOthers {
		w.holdsAll(from, to, in.Header.Since)
		w.stats["accepted through others"]++
	}
	tot := res.Total()
	w.stats["exchanges"]++
	w.stats["joined"] += len(res.Joined)
	w.stats["conflicts"] += tot.Conflicts
	w.stats["deleted"] += tot.Deleted
	w.stats["updated"] += tot.Updated
	if extras && w.rng.IntN(5) == 0 {
		after := syncDump(t, to.s)
		again, err := to.s.MergeBundle(w.ctx, in, bundle.ImportOptions{})
		must(t, "MergeBundle (again)", err)
		if again.Total().Writes() != 0 || !again.Seen {
			t.Errorf("%s→%s merged twice: the second time wrote %+v (seen %v)", from.name, to.name, again.Total(), again.Seen)
		}
		if d := diffDumps(after, syncDump(t, to.s)); d != "" {
			t.Errorf("%s→%s merged twice: the second time changed %s", from.name, to.name, d)
		}
		w.observe(to, false)
		w.stats["reimports"]++
	}
	return tot.Writes()
}

// checkMerge checks, right after a merge, that the receiver lost nothing it held and nothing that
// arrived: for every record of the bundle whose incoming version differs from the one held, the record
// now has one of the two, and the other is either an ancestor of it (the newer was made on top of it,
// directly or not) or kept as a record version on the receiver.
func (w *propWorld) checkMerge(from, to *propReplica, in *bundle.Incoming, held map[recKey]verKey) {
	t := w.t
	t.Helper()
	for _, rec := range in.Records {
		k := recKey{data.Kind(rec.Kind), rec.ID}
		if k.kind == data.KindRecordVersion {
			continue
		}
		local, ok := held[k]
		u, _ := rec.Row["updated"].(string)
		d, _ := rec.Row["device"].(string)
		incoming := verKey{u, d}
		if !ok || local == incoming {
			continue
		}
		now := to.cur[k]
		var other verKey
		switch {
		case now == incoming:
			other = local
		case now == local:
			other = incoming
		case w.bases[k][now] != nil:
			// The receiver made a version of its own in the merge, on top of what it had: both the one
			// held and the one that arrived are under it, or kept aside.
			for _, o := range []verKey{local, incoming} {
				if !w.ancestor(k, o, now) && rowCount(t, to.s, "record_versions", "kind = ? AND record_id = ? AND "+
					"version_updated = ? AND version_device = ?", string(k.kind), k.id, o.updated, o.device) == 0 {
					t.Errorf("%s→%s: %s %s: %v was made here over %v and %v, and %v is neither under it nor kept",
						from.name, to.name, k.kind, k.id, now, local, incoming, o)
				}
			}
			continue
		default:
			t.Errorf("%s→%s: %s %s was %v here, %v arrived, and it is now %v", from.name, to.name, k.kind, k.id,
				local, incoming, now)
			continue
		}
		if w.ancestor(k, other, now) || sameButStamps(versionRow(t, to.s, k), w.rowOf(k, other)) {
			continue
		}
		if rowCount(t, to.s, "record_versions", "kind = ? AND record_id = ? AND version_updated = ? AND version_device = ?",
			string(k.kind), k.id, other.updated, other.device) == 0 {
			t.Errorf("%s→%s: %s %s: %v held and %v arrived, independent of each other; %v won and the other is not kept",
				from.name, to.name, k.kind, k.id, local, incoming, now)
		}
		w.stats["merge checks"]++
	}
}

// sameAsEditedOver reports whether a version has the content of another version of the record that
// someone edited over: two laptops that made the same change (both undeleting a record) made one
// change, which the merge keeps once, and an edit made on top of one is made on top of both.
func (w *propWorld) sameAsEditedOver(k recKey, row map[string]any) bool {
	for v, mv := range w.made[k] {
		if w.onTop[k][v] && sameButStamps(mv.row, row) {
			return true
		}
	}
	return false
}

// holdsAll checks that to holds every record as from has it, after merging a bundle of from that
// left out what from changed up to since: to's version is from's, or was made on top of it (as the
// test saw it made, or as to's sync base says), or keeps it aside, directly or through a version made
// on top of it, or has its content.
func (w *propWorld) holdsAll(from, to *propReplica, since int64) {
	t := w.t
	t.Helper()
	for k, v := range from.cur {
		now, ok := to.cur[k]
		if k.kind == data.KindRecordVersion || ok && (now == v || w.ancestor(k, v, now)) {
			continue
		}
		if ok {
			var base string
			err := to.s.db.QueryRow(`SELECT seen FROM sync_base WHERE kind = ? AND id = ?`, string(k.kind), k.id).Scan(&base)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				t.Fatal(err)
			}
			seen, err := merge.ParseSeen(base)
			must(t, "ParseSeen", err)
			if seen.Covers(merge.Version{Updated: v.updated, Device: v.device}) || now.device == v.device && v.less(now) ||
				sameButStamps(versionRow(t, to.s, k), w.rowOf(k, v)) {
				continue
			}
		}
		rows, err := to.s.db.Query(`SELECT version_updated, version_device FROM record_versions
			WHERE kind = ? AND record_id = ?`, string(k.kind), k.id)
		must(t, "record_versions", err)
		kept := false
		for rows.Next() {
			var u verKey
			must(t, "record_versions scan", rows.Scan(&u.updated, &u.device))
			kept = kept || w.ancestor(k, v, u)
		}
		must(t, "record_versions rows", rows.Err())
		rows.Close()
		if !kept {
			t.Fatalf("%s→%s: accepted from %d on what came through another laptop, yet %s lacks %s %s as %v (it has %v)",
				from.name, to.name, since, to.name, k.kind, k.id, v, now)
		}
	}
}

// rowOf is a version's columns as the test saw them made, or nil for one it did not see made.
func (w *propWorld) rowOf(k recKey, v verKey) map[string]any {
	if mv, ok := w.made[k][v]; ok {
		return mv.row
	}
	return nil
}

// sameButStamps reports whether two versions of a record have the same columns but for their stamps
// (created, updated, device).
func sameButStamps(a, b map[string]any) bool {
	if a == nil || b == nil || len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if k != "created" && k != "updated" && k != "device" && !reflect.DeepEqual(v, b[k]) {
			return false
		}
	}
	return true
}

// ancestor reports whether version a is v or one of the versions v was made on top of, directly or not.
func (w *propWorld) ancestor(k recKey, a, v verKey) bool {
	for {
		if a == v {
			return true
		}
		if base, ok := w.bases[k][v]; ok && (base.Covers(merge.Version{Device: a.device, Updated: a.updated}) ||
			a.device == v.device && a.less(v)) {
			return true // v was made in a merge on top of what its base covers
		}
		p, ok := w.parent[k][v]
		if !ok {
			return false
		}
		v = p
	}
}

// refused accepts the coded refusals a random edit may meet (a record deleted meanwhile, an approved
// session's lock, a rule) and fails on anything else.
func (w *propWorld) refused(r *propReplica, what string, err error) bool {
	w.t.Helper()
	if err == nil {
		return false
	}
	switch data.ErrorCode(err).Kind() {
	case data.ENotFound, data.ELocked, data.EConflict, data.EInvalid:
		w.stats["refused"]++
		return true
	}
	w.t.Fatalf("%s on %s: %v", what, r.name, err)
	return true
}

func (w *propWorld) word() string {
	words := []string{"alfa", "bravo", "casa", "delta", "eco", "foxtrot", "golf", "hotel", "india", "lima"}
	return words[w.rng.IntN(len(words))] + strconv.Itoa(w.rng.IntN(1000))
}

func (w *propWorld) pickFrom(ids []string) string { return ids[w.rng.IntN(len(ids))] }

// edit changes a record of kind on r, through the store's own calls. It reports whether it wrote.
func (w *propWorld) edit(r *propReplica, kind data.Kind, id string) bool {
	ctx := w.ctx
	switch kind {
	case data.KindPerson:
		pv, err := r.s.Person(ctx, id)
		if w.refused(r, "Person", err) {
			return false
		}
		p := pv.Person
		p.Phone, p.Notes = "075 "+strconv.Itoa(w.rng.IntN(10000000)), "nota "+w.word()
		_, err = r.s.SavePerson(ctx, p)
		return !w.refused(r, "SavePerson", err)
	case data.KindOrganisation:
		orgs, err := r.s.Organisations(ctx, "")
		must(w.t, "Organisations", err)
		for _, o := range orgs {
			if o.ID == id {
				org := o.Organisation
				org.Notes, org.Email = "nota "+w.word(), w.word()+"@example.org"
				_, err = r.s.SaveOrganisation(ctx, org)
				return !w.refused(r, "SaveOrganisation", err)
			}
		}
		return false // deleted here, or not arrived yet
	case data.KindProposal:
		d, err := r.s.ProposalDetail(ctx, id)
		if w.refused(r, "ProposalDetail", err) {
			return false
		}
		p := d.Proposal
		p.Text, p.TargetGroup = "testo "+w.word(), w.word()
		_, err = r.s.SaveProposal(ctx, p)
		return !w.refused(r, "SaveProposal", err)
	}
	w.t.Fatalf("edit: kind %s", kind)
	return false
}

// step is one random local operation on r.
func (w *propWorld) step(r *propReplica) {
	ctx := w.ctx
	t := w.t
	var did string
	switch n := w.rng.IntN(100); {
	case n < 8:
		r.nexts++
		p, err := r.s.SavePerson(ctx, data.Person{Surname: fmt.Sprintf("Prova%s%d", r.name, r.nexts), Name: "Anna",
			Category: data.CatCittadino, Phone: "075 " + strconv.Itoa(w.rng.IntN(1000))})
		must(t, "SavePerson(new)", err)
		w.people = append(w.people, p.ID)
		did = "create person"
	case n < 10:
		// The same person entered on two laptops between exchanges (the importer's rule: same name and
		// email, written differently): the merge makes them one record.
		o := w.reps[(slices.Index(w.reps, r)+1+w.rng.IntN(2))%3]
		r.nexts++
		email := fmt.Sprintf("doppio%s%d@example.it", r.name, r.nexts)
		p, err := r.s.SavePerson(ctx, data.Person{Surname: "Niccolò", Name: "Doppio" + r.name + strconv.Itoa(r.nexts),
			Email: email, Category: data.CatCittadino})
		must(t, "SavePerson(twin)", err)
		w.observe(r, true)
		q, err := o.s.SavePerson(ctx, data.Person{Surname: "NICCOLO", Name: "doppio" + r.name + strconv.Itoa(r.nexts),
			Email: email, Category: data.CatCittadino, Phone: "075 " + strconv.Itoa(w.rng.IntN(1000))})
		must(t, "SavePerson(twin)", err)
		w.observe(o, true)
		w.people = append(w.people, p.ID, q.ID)
		did = "create twins"
	case n < 12:
		r.nexts++
		o, err := r.s.SaveOrganisation(ctx, data.Organisation{Name: fmt.Sprintf("Associazione %s%d", r.name, r.nexts),
			Category: data.CatAssociazione})
		must(t, "SaveOrganisation(new)", err)
		w.orgs = append(w.orgs, o.ID)
		did = "create organisation"
	case n < 32:
		if w.edit(r, data.KindPerson, w.pickFrom(w.people)) {
			did = "edit person"
		}
	case n < 43:
		if w.edit(r, data.KindOrganisation, w.pickFrom(w.orgs)) {
			did = "edit organisation"
		}
	case n < 60:
		if w.edit(r, data.KindProposal, w.pickFrom(w.proposals)) {
			did = "edit proposal"
		}
	case n < 68:
		kind, id := data.KindPerson, w.pickFrom(w.people)
		switch w.rng.IntN(3) {
		case 1:
			kind, id = data.KindOrganisation, w.pickFrom(w.orgs)
		case 2:
			kind, id = data.KindProposal, w.pickFrom(w.proposals)
		}
		_, err := r.s.Delete(ctx, data.Ref{Kind: kind, ID: id})
		if !w.refused(r, "Delete", err) {
			did = "delete " + string(kind)
		}
	case n < 73:
		// Undelete: a person or organisation deleted here comes back.
		ids := w.ids(r, `SELECT id FROM people WHERE deleted = 1 UNION ALL SELECT id FROM organisations WHERE deleted = 1 ORDER BY id`)
		if len(ids) == 0 {
			break
		}
		id := w.pickFrom(ids)
		kind := data.KindPerson
		if slices.Contains(w.ids(r, `SELECT id FROM organisations WHERE id = ?`, id), id) {
			kind = data.KindOrganisation
		}
		if !w.refused(r, "Restore", r.s.Restore(ctx, []data.Ref{{Kind: kind, ID: id}})) {
			did = "undelete " + string(kind)
		}
	case n < 90:
		// The same record on two laptops between exchanges: edited on both, or deleted on one.
		o := w.reps[(slices.Index(w.reps, r)+1+w.rng.IntN(2))%3]
		kind, id := data.KindPerson, w.pickFrom(w.people)
		switch w.rng.IntN(3) {
		case 1:
			kind, id = data.KindOrganisation, w.pickFrom(w.orgs)
		case 2:
			kind, id = data.KindProposal, w.pickFrom(w.proposals)
		}
		if !w.edit(r, kind, id) {
			break
		}
		w.observe(r, true)
		if w.rng.IntN(2) == 0 {
			_, err := o.s.Delete(ctx, data.Ref{Kind: kind, ID: id})
			if !w.refused(o, "Delete", err) {
				did = "edit and delete " + string(kind)
			}
		} else if w.edit(o, kind, id) {
			did = "edit on two sides " + string(kind)
		}
		w.observe(o, true)
	default:
		// Review a version set aside: restore it, or dismiss it.
		vs, err := r.s.Versions(ctx, false)
		must(t, "Versions", err)
		if len(vs) == 0 {
			break
		}
		v := vs[w.rng.IntN(len(vs))]
		if w.rng.IntN(2) == 0 {
			if !w.refused(r, "RestoreVersion", r.s.RestoreVersion(ctx, v.ID)) {
				did = "restore version"
			}
		} else {
			must(t, "DismissVersion", r.s.DismissVersion(ctx, v.ID))
			did = "dismiss version"
		}
		// Now and then another laptop settles the same version the other way before they exchange.
		o := w.reps[(slices.Index(w.reps, r)+1+w.rng.IntN(2))%3]
		if ov, err := o.s.Version(ctx, v.ID); did != "" && err == nil && ov.Resolution.ToReview() && w.rng.IntN(2) == 0 {
			w.observe(r, true)
			if did == "restore version" {
				must(t, "DismissVersion", o.s.DismissVersion(ctx, v.ID))
				did = "settled two ways"
			} else if !w.refused(o, "RestoreVersion", o.s.RestoreVersion(ctx, v.ID)) {
				did = "settled two ways"
			}
			w.observe(o, true)
		}
	}
	w.observe(r, true)
	if did != "" {
		w.stats[did]++
		for _, c := range []string{"two sides", "edit and delete"} {
			if strings.Contains(did, c) {
				w.stats[c]++
			}
		}
	}
}

// covers lists what a run must have done, at least once, to prove something: laptops that clashed.
var covers = []string{"create person", "edit person", "edit organisation", "edit proposal", "two sides",
	"edit and delete", "conflicts", "settled two ways", "made in merge", "create twins", "joined"}

// run makes rounds of random edits and exchanges: at least rounds, and more until the run covers every
// kind of clash (up to six times as many).
func (w *propWorld) run(rounds int) {
	modes := []string{"since", "since", "since", "peer", "peer", "everything"}
	if raceBuild() {
		modes = modes[:5] // a bundle of everything costs a thousand records' merge
	}
	covered := func() bool {
		for _, c := range covers {
			if w.stats[c] == 0 {
				return false
			}
		}
		return true
	}
	for round := 0; round < rounds || !covered() && round < 6*rounds; round++ {
		w.stats["rounds"]++
		for range 1 + w.rng.IntN(4) {
			w.step(w.reps[w.rng.IntN(3)])
		}
		for range w.rng.IntN(3) {
			i := w.rng.IntN(3)
			j := (i + 1 + w.rng.IntN(2)) % 3
			w.exchange(w.reps[i], w.reps[j], modes[w.rng.IntN(len(modes))], true)
		}
	}
}

// untilQuiet exchanges between every ordered pair, in a random order each round, for the receiver,
// until a whole round writes nothing.
func (w *propWorld) untilQuiet() {
	pairs := [][2]int{{0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 0}, {2, 1}}
	for round := 1; ; round++ {
		if round > 8 {
			w.t.Fatalf("still changing after %d rounds of exchanges between every pair", round-1)
		}
		w.rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		writes := 0
		for _, p := range pairs {
			writes += w.exchange(w.reps[p[0]], w.reps[p[1]], "peer", false)
		}
		if writes == 0 {
			w.stats["quiet after rounds"] = round
			return
		}
	}
}

// check compares the three databases and looks for every version ever made.
func (w *propWorld) check() {
	t := w.t
	dumps := make([][]string, 3)
	for i, r := range w.reps {
		dumps[i] = syncDump(t, r.s)
	}
	for i := 1; i < 3; i++ {
		if d := diffDumps(dumps[0], dumps[i]); d != "" {
			t.Fatalf("after exchanging until quiet, A and %s differ: %s", w.reps[i].name, d)
		}
	}

	// The final state, read from A (the same everywhere): current versions, and versions kept aside.
	a := w.reps[0]
	// One person, one record: the twins entered on two laptops ended as one live record each.
	if n := rowCount(t, a.s, "people p", "p.deleted = 0 AND p.email LIKE 'doppio%' AND EXISTS (SELECT 1 FROM people q "+
		"WHERE q.deleted = 0 AND q.id <> p.id AND q.match_key = p.match_key)"); n != 0 {
		t.Errorf("%d live people still have a live twin after the exchanges", n)
	}
	kept := map[recKey]map[verKey]map[string]any{}
	rows, err := a.s.db.Query(`SELECT kind, record_id, version_updated, version_device, row FROM record_versions`)
	must(t, "record_versions", err)
	for rows.Next() {
		var kind, id, u, d, row string
		must(t, "record_versions scan", rows.Scan(&kind, &id, &u, &d, &row))
		k := recKey{data.Kind(kind), id}
		var m map[string]any
		must(t, "record_versions row", json.Unmarshal([]byte(row), &m))
		if kept[k] == nil {
			kept[k] = map[verKey]map[string]any{}
		}
		kept[k][verKey{u, d}] = m
	}
	must(t, "record_versions rows", rows.Err())
	rows.Close()
	w.stats["versions kept"] = rowCount(t, a.s, "record_versions", "1")

	var versions, superseded, current, asideN int
	for k, vs := range w.made {
		if k.kind == data.KindRecordVersion {
			continue // a version set aside changes only by its review: the later review wins
		}
		final := versionRow(t, a.s, k)
		fv := verKey{final["updated"].(string), final["device"].(string)}
		latest := fv
		for v, mv := range vs {
			versions++
			if latest.less(v) {
				latest = v
			}
			switch {
			case w.onTop[k][v]:
				superseded++
			case v == fv:
				current++
				if !reflect.DeepEqual(mv.row, final) {
					t.Errorf("%s %s: the current version %v has other columns than %s wrote:\n%v\nwant\n%v",
						k.kind, k.id, v, mv.by, final, mv.row)
				}
			case kept[k][v] != nil:
				asideN++
				if !reflect.DeepEqual(kept[k][v], mv.row) {
					t.Errorf("%s %s: the version %v kept aside has other columns than %s wrote:\n%v\nwant\n%v",
						k.kind, k.id, v, mv.by, kept[k][v], mv.row)
				}
			case sameButStamps(final, mv.row) || slices.ContainsFunc(slices.Collect(maps.Values(kept[k])),
				func(row map[string]any) bool { return sameButStamps(row, mv.row) }) || w.sameAsEditedOver(k, mv.row):
				w.stats["same content"]++
			default:
				t.Errorf("LOST: %s %s version %v written on %s (never edited over) is neither current (%v) nor kept aside; columns %v",
					k.kind, k.id, v, mv.by, fv, mv.row)
			}
		}
		if latest != fv && k.kind != data.KindSession && k.kind != data.KindVerbale {
			t.Errorf("%s %s: the current version is %v, yet %v was made later", k.kind, k.id, fv, latest)
		}
	}
	w.stats["versions made"], w.stats["superseded"], w.stats["current"], w.stats["aside"] = versions, superseded, current, asideN
	// The test proves something only if the laptops did clash.
	for _, need := range append(covers, "aside") {
		if w.stats[need] == 0 {
			t.Errorf("no %q in this run: the random operations did not exercise the merge (%v)", need, w.stats)
		}
	}
}
