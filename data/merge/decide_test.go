package merge

import (
	"errors"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

// rec is a version of a record: updated at hour h by device, with its base and columns.
func rec(h int, device, base string, kv ...any) Record {
	row := map[string]any{"created": stampAt(1), "updated": stampAt(h), "device": device, "deleted": int64(0)}
	for i := 0; i < len(kv); i += 2 {
		row[kv[i].(string)] = kv[i+1]
	}
	return Record{Row: row, Base: base}
}

// based is a base that covers the given versions.
func based(vs ...Record) string {
	s := Seen{}
	for _, v := range vs {
		s = s.With(SeenOf(v.Version()))
	}
	return s.String()
}

func with(r Record, base string) *Record {
	r.Base = base
	return &r
}

func stamped(r Record, h int, device string) Record {
	r.Row = maps.Clone(r.Row)
	r.Row["updated"], r.Row["device"] = stampAt(h), device
	return r
}

func deleted(r Record) Record {
	r.Row = maps.Clone(r.Row)
	r.Row["deleted"] = int64(1)
	return r
}

var errAsked = errors.New("asked")

func answer(yes bool) func() (bool, error) { return func() (bool, error) { return yes, nil } }

func TestDecide(t *testing.T) {
	l8 := rec(8, "d1", "", "name", "Rossi")
	i9 := rec(9, "d2", "", "name", "Bianchi")
	i7 := rec(7, "d2", "", "name", "Bianchi")
	onL8 := rec(9, "d2", based(l8), "name", "Bianchi")
	late := *with(i9, based(i7))
	sess := func(h int, device, status string) Record { return rec(h, device, "", "status", status) }
	tests := []struct {
		name    string
		kind    data.Kind
		in      Record
		local   *Record
		locked  func() (bool, error) // nil: must not be asked
		refused func() (bool, error) // nil: must not be asked
		want    Decision
		now     int     // the hour of the clock when the decision's version is written
		written *Record // the version written, when the decision stamps one
	}{
		{name: "new", in: i9, locked: answer(false),
			want: Decision{Rule: RuleNew, Write: &i9, Count: New}},
		{name: "new tombstone", in: deleted(i9), locked: answer(false),
			want: Decision{Rule: RuleNew, Write: ptr(deleted(i9)), Count: Deleted}},
		{name: "new in a locked session", kind: data.KindAttendance, in: late, locked: answer(true),
			want: Decision{Rule: RuleNewLocked, Aside: &late, Reason: data.VersionLocked,
				Write: with(deleted(i9), based(i7, i9)), Stamp: stampAt(9), Count: Locked, AsideCounts: true},
			now: 8, written: ptr(at(with(deleted(i9), based(i7, i9)), "2027-03-01T09:00:00.000001000Z", "me"))},
		{name: "new tombstone in a locked session", kind: data.KindAttendance, in: deleted(i9), locked: answer(true),
			want: Decision{Rule: RuleNew, Write: ptr(deleted(i9)), Count: Deleted}},
		{name: "new verbale of a locked session", kind: data.KindVerbale, in: i9, locked: answer(true),
			want: Decision{Rule: RuleNew, Write: &i9, Count: New}},
		{name: "same row", in: l8, local: &l8,
			want: Decision{Rule: RuleSameRow, Count: Unchanged}},
		{name: "same content, later stamp", in: stamped(l8, 9, "d2"), local: &l8,
			want: Decision{Rule: RuleRestamped, Write: ptr(stamped(l8, 9, "d2")), Count: Updated}},
		{name: "same content, earlier stamp", in: stamped(l8, 7, "d2"), local: &l8,
			want: Decision{Rule: RuleSameContent, Count: Unchanged}},
		{name: "old news: the local base covers it", in: i7, local: with(l8, based(i7)),
			want: Decision{Rule: RuleOldNews, Count: Unchanged}},
		{name: "old news: an earlier version of the same device", in: rec(7, "d1", "", "name", "Verdi"), local: &l8,
			want: Decision{Rule: RuleOldNews, Count: Unchanged}},
		{name: "refused: locked", kind: data.KindSession, in: onL8, local: &l8, locked: answer(true), refused: answer(false),
			want: Decision{Rule: RuleRefused, Aside: &onL8, Reason: data.VersionLocked,
				Write: with(l8, based(l8, onL8)), Stamp: stampAt(9), Count: Locked, AsideCounts: true},
			now: 10, written: with(stamped(l8, 10, "me"), based(l8, onL8))},
		{name: "refused: locked, the clock behind", kind: data.KindSession, in: onL8, local: &l8, locked: answer(true), refused: answer(false),
			want: Decision{Rule: RuleRefused, Aside: &onL8, Reason: data.VersionLocked,
				Write: with(l8, based(l8, onL8)), Stamp: stampAt(9), Count: Locked, AsideCounts: true},
			now: 9, written: ptr(at(with(l8, based(l8, onL8)), "2027-03-01T09:00:00.000001000Z", "me"))},
		{name: "locked: restores the approved version", kind: data.KindSession, in: i9,
			local: with(l8, based(i7)), locked: answer(true), refused: answer(true),
			want: Decision{Rule: RuleRestored, Write: with(i9, based(i7, l8)), Count: Updated}},
		{name: "update", in: onL8, local: &l8, locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: with(onL8, based(l8)), Count: Updated}},
		{name: "update keeps both bases", in: onL8, local: with(l8, based(i7)), locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: with(onL8, based(l8, i7)), Count: Updated}},
		{name: "update from the same device", in: rec(9, "d1", "", "name", "Verdi"), local: &l8, locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: ptr(rec(9, "d1", "", "name", "Verdi")), Count: Updated}},
		{name: "update: the same stamp twice is the same device's", in: rec(8, "d1", based(i7), "name", "Verdi"),
			local: &l8, locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: ptr(rec(8, "d1", based(i7), "name", "Verdi")), Count: Updated}},
		{name: "update that deletes", in: deleted(onL8), local: &l8, locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: with(deleted(onL8), based(l8)), Count: Deleted}},
		{name: "update of a tombstone", in: deleted(onL8), local: ptr(deleted(l8)), locked: answer(false),
			want: Decision{Rule: RuleUpdate, Write: with(deleted(onL8), based(l8)), Count: Updated}},
		{name: "conflict, incoming later wins", in: i9, local: &l8, locked: answer(false),
			want: Decision{Rule: RuleConflictWon, Aside: &l8, Reason: data.VersionConflict,
				Write: with(i9, based(l8)), Count: Conflicts}},
		{name: "conflict, local later wins", in: i7, local: &l8, locked: answer(false),
			want: Decision{Rule: RuleConflictLost, Aside: &i7, Reason: data.VersionConflict, Count: Conflicts, AsideCounts: true}},
		{name: "conflict, the approved session wins though earlier", kind: data.KindSession,
			in: sess(7, "d2", string(data.SessionApprovata)), local: ptr(sess(8, "d1", "chiusa")), locked: answer(false),
			want: Decision{Rule: RuleConflictWon, Aside: ptr(sess(8, "d1", "chiusa")), Reason: data.VersionConflict,
				Write: with(sess(7, "d2", string(data.SessionApprovata)), based(l8)), Count: Conflicts}},
		{name: "conflict, the approved local session stays though earlier", kind: data.KindSession,
			in: sess(9, "d2", "chiusa"), local: ptr(sess(8, "d1", string(data.SessionApprovata))), locked: answer(false),
			want: Decision{Rule: RuleConflictLost, Aside: ptr(sess(9, "d2", "chiusa")), Reason: data.VersionConflict,
				Count: Conflicts, AsideCounts: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind := tt.kind
			if kind == "" {
				kind = data.KindPerson
			}
			checkDecide(t, Facts{Kind: kind, In: tt.in, Local: tt.local, Locked: tt.locked, Refused: tt.refused},
				tt.want, tt.now, tt.written)
		})
	}
}

// checkDecide checks Decide(f) and, for a decision that stamps a version, the version written at
// hour now by device "me".
func checkDecide(t *testing.T, f Facts, want Decision, now int, written *Record) {
	t.Helper()
	if f.Locked == nil {
		f.Locked = func() (bool, error) { t.Error("Locked was asked"); return false, errAsked }
	}
	if f.Refused == nil {
		f.Refused = func() (bool, error) { t.Error("Refused was asked"); return false, errAsked }
	}
	got, err := Decide(f)
	if err != nil {
		t.Fatalf("Decide: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decide = %s,\nwant %s", show(got), show(want))
	}
	switch {
	case written != nil:
		clock := func() time.Time { return time.Date(2027, 3, 1, now, 0, 0, 0, time.UTC) }
		if w := got.Stamped(clock, "me"); !reflect.DeepEqual(w, *written) {
			t.Errorf("Stamped = %s, want %s", showRec(w), showRec(*written))
		}
	case got.Write != nil:
		clock := func() time.Time { t.Error("Stamped read the clock"); return time.Time{} }
		if w := got.Stamped(clock, "me"); !reflect.DeepEqual(w, *got.Write) {
			t.Errorf("Stamped = %s, want Write %s", showRec(w), showRec(*got.Write))
		}
	}
}

func TestDecideErrors(t *testing.T) {
	l8 := rec(8, "d1", "", "name", "Rossi")
	i9 := rec(9, "d2", "", "name", "Bianchi")
	no := answer(false)
	tests := []struct {
		name      string
		f         Facts
		baseLocal *bool
		err       error
	}{
		{"a local base that does not parse", Facts{In: i9, Local: with(l8, "{"), Locked: no}, ptr(true), nil},
		{"an incoming base that does not parse", Facts{In: *with(i9, "{"), Local: &l8, Locked: no}, ptr(false), nil},
		{"an incoming base that does not parse, new in a locked session",
			Facts{Kind: data.KindAttendance, In: *with(i9, "["), Locked: answer(true)}, ptr(false), nil},
		{"the lock cannot be looked up", Facts{In: i9, Local: &l8, Locked: func() (bool, error) { return false, errAsked }}, nil, errAsked},
		{"the refusal cannot be looked up", Facts{In: i9, Local: &l8, Locked: answer(true),
			Refused: func() (bool, error) { return false, errAsked }}, nil, errAsked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.f.Kind == "" {
				tt.f.Kind = data.KindPerson
			}
			_, err := Decide(tt.f)
			var bad *BaseError
			switch {
			case tt.baseLocal != nil:
				if !errors.As(err, &bad) || bad.Local != *tt.baseLocal {
					t.Errorf("Decide = %v, want a BaseError with Local %v", err, *tt.baseLocal)
				}
			case !errors.Is(err, tt.err) || errors.As(err, &bad):
				t.Errorf("Decide = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestDecideReview(t *testing.T) {
	rv := func(h int, device, base, res string, kv ...any) Record {
		return rec(h, device, base, append([]any{"kind", "person", "record_id", "p1", "resolution", res}, kv...)...)
	}
	open, restored, dismissed := string(data.VersionOpen), string(data.VersionRestored), string(data.VersionDismissed)
	disputed := string(data.VersionDisputed)
	l8 := rv(8, "d1", "", restored)
	tests := []struct {
		name    string
		in      Record
		local   Record
		want    Decision
		now     int
		written *Record
	}{
		{name: "review: old news", in: rv(7, "d2", "", dismissed), local: *with(l8, based(rv(7, "d2", "", ""))),
			want: Decision{Rule: RuleReviewOld, Count: Unchanged}},
		{name: "review: old news of the same device", in: rv(7, "d1", "", dismissed), local: l8,
			want: Decision{Rule: RuleReviewOld, Count: Unchanged}},
		{name: "review: update", in: rv(9, "d2", based(l8), dismissed), local: l8,
			want: Decision{Rule: RuleReviewUpdate, Write: ptr(rv(9, "d2", based(l8), dismissed)), Count: Updated}},
		{name: "review: update of the same device", in: rv(9, "d1", "", dismissed), local: l8,
			want: Decision{Rule: RuleReviewUpdate, Write: ptr(rv(9, "d1", "", dismissed)), Count: Updated}},
		{name: "review: disputed, made after both", in: rv(9, "d2", "", dismissed), local: l8,
			want: Decision{Rule: RuleDisputed, Write: ptr(rv(9, "d2", based(l8, rv(9, "d2", "", "")), disputed)),
				Stamp: "2027-03-01T09:00:00.000001000Z", Count: Conflicts},
			now: 10, written: ptr(rv(10, "me", based(l8, rv(9, "d2", "", "")), disputed))},
		{name: "review: disputed, the clock behind", in: rv(7, "d2", "", dismissed), local: l8,
			want: Decision{Rule: RuleDisputed, Write: ptr(rv(8, "d1", based(l8, rv(7, "d2", "", "")), disputed)),
				Stamp: stampAt(8), Count: Conflicts},
			now: 6, written: ptr(at(ptr(rv(8, "d1", based(l8, rv(7, "d2", "", "")), disputed)), "2027-03-01T08:00:00.000001000Z", "me"))},
		{name: "review: reviewed beats open", in: rv(7, "d2", "", dismissed), local: rv(8, "d1", "", open),
			want: Decision{Rule: RuleReviewWins, Write: ptr(rv(7, "d2", based(l8), dismissed)), Count: Updated}},
		{name: "review: disputed counts as reviewed", in: rv(7, "d2", "", disputed), local: rv(8, "d1", "", open),
			want: Decision{Rule: RuleReviewWins, Write: ptr(rv(7, "d2", based(l8), disputed)), Count: Updated}},
		{name: "review: open loses to reviewed", in: rv(9, "d2", "", open), local: l8,
			want: Decision{Rule: RuleReviewLoses, Count: Unchanged}},
		{name: "review: the later of two agreeing reviews wins", in: rv(9, "d2", "", restored, "row", "{}"), local: l8,
			want: Decision{Rule: RuleReviewWins, Write: ptr(rv(9, "d2", based(l8), restored, "row", "{}")), Count: Updated}},
		{name: "review: the earlier of two agreeing reviews loses", in: rv(7, "d2", "", restored, "row", "{}"), local: l8,
			want: Decision{Rule: RuleReviewLoses, Count: Unchanged}},
		{name: "review: the later of two open ones wins", in: rv(9, "d2", "", open, "row", "{}"), local: rv(8, "d1", "", open),
			want: Decision{Rule: RuleReviewWins, Write: ptr(rv(9, "d2", based(l8), open, "row", "{}")), Count: Updated}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			local := tt.local
			checkDecide(t, Facts{Kind: data.KindRecordVersion, In: tt.in, Local: &local}, tt.want, tt.now, tt.written)
		})
	}
}

// TestWinsSameStamp covers the last tie-break of a conflict, the canonical form of two versions under
// one stamp (the greater wins): Decide never reaches it, as one stamp is one device's, and a version
// of the same device is an update.
func TestWinsSameStamp(t *testing.T) {
	a, b := rec(8, "d1", "", "name", "Bianchi"), rec(8, "d1", "", "name", "Rossi")
	if !wins(data.KindPerson, b, a) || wins(data.KindPerson, a, b) {
		t.Errorf("wins: incoming %v must beat local %v, and not the reverse", b.Row, a.Row)
	}
}

func ptr[T any](v T) *T { return &v }

// at is r stamped with updated time u and device.
func at(r *Record, u, device string) Record {
	out := *r
	out.Row = maps.Clone(r.Row)
	out.Row["updated"], out.Row["device"] = u, device
	return out
}

// show spells out a decision's pointers.
func show(d Decision) string {
	s := string(d.Rule)
	if d.Aside != nil {
		s += " aside " + showRec(*d.Aside) + " (" + string(d.Reason) + ")"
	}
	if d.Write != nil {
		s += " write " + showRec(*d.Write)
	}
	return s + " stamp " + d.Stamp + " count " + [...]string{"unchanged", "new", "updated", "deleted", "conflicts", "locked"}[d.Count] +
		map[bool]string{true: " aside counts"}[d.AsideCounts]
}

func showRec(r Record) string {
	b := canonical(r.Row)
	return string(b) + " base " + r.Base
}
