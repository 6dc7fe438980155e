package merge

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// TestDecideProperties plays random histories of one record on two or three laptops, each editing
// its copy and sending it to another, and checks at every merge that: old news never changes the
// record; merging twice changes nothing more than merging once; and the outcome does not depend on
// which side merges (a into b gives b what b into a gives a). In the end, after every laptop has
// heard from every other, they all hold the same version.
func TestDecideProperties(t *testing.T) {
	for _, kind := range []data.Kind{data.KindPerson, data.KindRecordVersion} {
		for seed := range uint64(400) {
			t.Run(fmt.Sprintf("%s/%d", kind, seed), func(t *testing.T) {
				w := newWorld(t, kind, seed)
				for range 40 {
					a, b := w.pick(), w.pick()
					if a == b || w.rng.IntN(3) == 0 {
						w.edit(a)
					} else {
						w.sync(a, b)
					}
				}
				w.settle()
			})
		}
	}
}

// replica is one laptop's copy of the record.
type replica struct {
	device string
	cur    *Record
	aside  map[Version]Record // versions kept aside here
}

func (r *replica) clone() *replica {
	out := &replica{device: r.device, cur: r.cur, aside: maps.Clone(r.aside)}
	if r.cur != nil {
		c := *r.cur
		out.cur = &c
	}
	return out
}

type world struct {
	t     *testing.T
	rng   *rand.Rand
	kind  data.Kind
	clock time.Time
	reps  []*replica
}

func newWorld(t *testing.T, kind data.Kind, seed uint64) *world {
	w := &world{t: t, rng: rand.New(rand.NewPCG(seed, 17)), kind: kind,
		clock: time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)}
	for i := range 2 + w.rng.IntN(2) {
		w.reps = append(w.reps, &replica{device: fmt.Sprintf("d%d", i+1), aside: map[Version]Record{}})
	}
	return w
}

func (w *world) pick() *replica { return w.reps[w.rng.IntN(len(w.reps))] }

// now moves the clock on by one or two seconds. A new version is later than every version made
// before it, as with laptops whose clocks agree: with skewed clocks, a version can be stamped before
// a version its base names, and then neither covers the other alone (the table tests cover ties).
func (w *world) now() time.Time {
	w.clock = w.clock.Add(time.Duration(1+w.rng.IntN(2)) * time.Second)
	return w.clock
}

// edit makes a new version on r, on top of its current one, as the store's update triggers do.
func (w *world) edit(r *replica) {
	row := map[string]any{"created": w.clock.Format(TimeFormat), "deleted": int64(0)}
	base := ""
	updated := w.now().Format(TimeFormat)
	if r.cur != nil {
		row = maps.Clone(r.cur.Row)
		s, err := ParseSeen(r.cur.Base)
		if err != nil {
			w.t.Fatal(err)
		}
		base = s.With(SeenOf(r.cur.Version())).String()
		updated = Stamp(parseTime(updated), r.cur.Version().Updated)
	}
	row["updated"], row["device"] = updated, r.device
	if w.kind == data.KindRecordVersion {
		// Kept aside open, then reviewed: a person restores or dismisses it, and nothing opens a
		// reviewed version again (reopening one can leave two laptops each holding a version that
		// names the other's as seen, which the store never does).
		row["resolution"] = string(data.VersionOpen)
		if r.cur != nil {
			row["resolution"] = []string{string(data.VersionRestored), string(data.VersionDismissed)}[w.rng.IntN(2)]
		}
	} else {
		row["name"] = []string{"Rossi", "Bianchi", "Verdi"}[w.rng.IntN(3)]
		row["deleted"] = int64(w.rng.IntN(5) / 4)
	}
	r.cur = &Record{Row: row, Base: base}
}

// merge gives to the current version of from, and reports the decision.
func (w *world) merge(from, to *replica) Decision {
	no := func() (bool, error) { return false, nil }
	d, err := Decide(Facts{Kind: w.kind, In: *from.cur, Local: to.cur, Locked: no, Refused: no})
	if err != nil {
		w.t.Fatalf("Decide: %v", err)
	}
	if d.Aside != nil {
		if _, ok := to.aside[d.Aside.Version()]; !ok {
			to.aside[d.Aside.Version()] = *d.Aside
		}
	}
	if d.Write != nil {
		v := d.Stamped(w.now, to.device)
		to.cur = &v
	}
	return d
}

// sync merges from's version into to, checking the properties.
func (w *world) sync(from, to *replica) {
	t := w.t
	if from.cur == nil {
		return
	}
	in := *from.cur
	if to.cur != nil {
		lseen, _ := ParseSeen(to.cur.Base)
		lv, iv := to.cur.Version(), in.Version()
		oldNews := lseen.Covers(iv) || lv.Device == iv.Device && iv.Less(lv)
		// Commutative: the other way round gives the other side the same record.
		ab, ba := to.clone(), from.clone()
		w.merge(from, ab)
		w.merge(to, ba)
		if !w.same(ab.cur.Row, ba.cur.Row) {
			t.Fatalf("%s into %s gives %v, the other way %v; in %v %s local %v %s", from.device, to.device, ab.cur.Row, ba.cur.Row, in.Row, in.Base, to.cur.Row, to.cur.Base)
		}
		before := to.clone()
		d := w.merge(from, to)
		if oldNews && (d.Write != nil || d.Aside != nil) {
			t.Fatalf("old news %v (base of %v: %s) made %s", iv, lv, before.cur.Base, d.Rule)
		}
	} else {
		w.merge(from, to)
	}
	// Idempotent: merging the same version again changes nothing.
	once := to.clone()
	if d := w.merge(from, to); !reflect.DeepEqual(once, to) {
		t.Fatalf("%s into %s twice: the second time (%s) changed %v into %v", from.device, to.device, d.Rule, once.cur, to.cur)
	}
}

// same compares two outcomes: the same row, or for a version set aside the same content (two
// laptops that find the same dispute each stamp it).
func (w *world) same(a, b map[string]any) bool {
	if w.kind == data.KindRecordVersion {
		return SameContent(a, b) && SameContent(b, a)
	}
	return reflect.DeepEqual(a, b)
}

// settle lets every laptop hear from every other until nothing changes, and checks they agree.
func (w *world) settle() {
	for round := 0; ; round++ {
		if round == 10 {
			w.t.Fatal("the laptops do not settle")
		}
		changed := false
		for _, a := range w.reps {
			for _, b := range w.reps {
				if a == b || a.cur == nil {
					continue
				}
				was := b.clone()
				w.sync(a, b)
				changed = changed || !reflect.DeepEqual(was.cur, b.cur)
			}
		}
		if !changed {
			break
		}
	}
	for _, r := range w.reps[1:] {
		if r.cur == nil || !reflect.DeepEqual(r.cur.Row, w.reps[0].cur.Row) {
			w.t.Fatalf("after settling, %s holds %v and %s %v", w.reps[0].device, w.reps[0].cur, r.device, r.cur)
		}
	}
}
