package merge

import (
	"bytes"
	"maps"
	"time"

	"github.com/tavoli/tavoli/data"
)

// Facts is what the store knows of one incoming record when it asks what to do with it.
type Facts struct {
	Kind  data.Kind
	In    Record  // the incoming version, with the base it carried
	Local *Record // the version held here, with its stored base; nil when the record is not held

	// Locked reports whether the record may not change through this merge (an approved verbale, a
	// record of a session approved here), judged from the local version, or the incoming one when
	// the record is not held. It is asked only when a rule needs it: the store may have to look it up.
	Locked func() (bool, error)
	// Refused reports whether this laptop also keeps the local version aside, as one the approved
	// session's laptop refused: the incoming version then restores the approved one. It is asked only
	// of a locked record.
	Refused func() (bool, error)
}

// Rule names the rule that decided.
type Rule string

// The rules, as the package comment states them.
const (
	RuleNew          Rule = "new"                                   // not held: added
	RuleNewLocked    Rule = "new in a locked session"               // not held, added to a session approved here: set aside, stored deleted
	RuleSameRow      Rule = "same row"                              // nothing new
	RuleRestamped    Rule = "same content, later stamp"             // the later stamp is kept
	RuleSameContent  Rule = "same content, earlier stamp"           // nothing new
	RuleOldNews      Rule = "old news"                              // the local version has seen the incoming one
	RuleRefused      Rule = "refused: locked"                       // set aside, the local version stamped anew on top of it
	RuleRestored     Rule = "locked: restores the approved version" // the local version is one the approved session's laptop refused
	RuleUpdate       Rule = "update"                                // the incoming version has seen the local one
	RuleConflictWon  Rule = "conflict, incoming wins"               // the local version is set aside
	RuleConflictLost Rule = "conflict, local wins"                  // the incoming version is set aside
	RuleErasedHere   Rule = "erased here"                           // the local version is erased, the incoming one is not: unchanged
	RuleErasure      Rule = "erasure"                               // the incoming version is erased: it wins, nothing aside
	RuleReviewOld    Rule = "review: old news"
	RuleReviewUpdate Rule = "review: update"
	RuleDisputed     Rule = "review: disputed"    // two settled reviews disagree: back to review
	RuleReviewWins   Rule = "review: wins"        // reviewed beats open, then the later review
	RuleReviewLoses  Rule = "review: local stays" // the local review beats the incoming one
)

// Counter is the count of data.KindChanges that a decision adds to.
type Counter int

// The counters of data.KindChanges.
const (
	Unchanged Counter = iota
	New
	Updated
	Deleted
	Conflicts
	Locked
)

// Of is the counter's field in c.
func (n Counter) Of(c *data.KindChanges) *int {
	switch n {
	case New:
		return &c.New
	case Updated:
		return &c.Updated
	case Deleted:
		return &c.Deleted
	case Conflicts:
		return &c.Conflicts
	case Locked:
		return &c.Locked
	}
	return &c.Unchanged
}

// Decision is what to do with an incoming record. The store keeps Aside first, when set, then writes
// Write, when set, then counts.
type Decision struct {
	Rule Rule
	// Aside is a version to keep as a record version (resolution open), for Reason.
	Aside  *Record
	Reason data.VersionReason
	// Write is the record's new current version with the base to store: inserted when the record is
	// not held, written over the local version otherwise.
	Write *Record
	// Stamp, when set, makes Write a new version of this laptop, made after the version updated at
	// Stamp: the store stamps it when it writes it (see Stamped), after keeping Aside, so that the
	// clock is read in the order the versions are made.
	Stamp string
	// Count is the counter the record adds to. With AsideCounts, a version Aside that was already
	// kept (the same bundle read twice) counts as Unchanged instead.
	Count       Counter
	AsideCounts bool
}

// Stamped is Write as it is to be written: when Stamp is set, stamped as a version of device made
// now (or just after Stamp when the clock has not passed it); now is called only then.
func (d Decision) Stamped(now func() time.Time, device string) Record {
	w := *d.Write
	if d.Stamp == "" {
		return w
	}
	w.Row = maps.Clone(w.Row)
	w.Row["updated"] = Stamp(now(), d.Stamp)
	w.Row["device"] = device
	return w
}

// BaseError is a sync base that does not parse: the local one (the store's fault) or the incoming
// one (the bundle's).
type BaseError struct {
	Local bool
	Err   error
}

func (e *BaseError) Error() string { return e.Err.Error() }
func (e *BaseError) Unwrap() error { return e.Err }

// Decide applies the rules of the package comment to one incoming record. Its errors are a
// *BaseError, or those of f.Locked and f.Refused unchanged.
func Decide(f Facts) (Decision, error) {
	if f.Local == nil {
		return add(f)
	}
	local, in := *f.Local, f.In
	if SameRow(local.Row, in.Row) {
		return Decision{Rule: RuleSameRow, Count: Unchanged}, nil
	}
	lv, iv := local.Version(), in.Version()
	if le, ie := Erased(local.Row), Erased(in.Row); le || ie {
		return erasure(local, in, le, ie)
	}
	if SameContent(local.Row, in.Row) {
		if lv.Less(iv) {
			return Decision{Rule: RuleRestamped, Write: &in, Count: Updated}, nil
		}
		return Decision{Rule: RuleSameContent, Count: Unchanged}, nil
	}
	lseen, err := ParseSeen(local.Base)
	if err != nil {
		return Decision{}, &BaseError{Local: true, Err: err}
	}
	iseen, err := ParseSeen(in.Base)
	if err != nil {
		return Decision{}, &BaseError{Err: err}
	}
	if f.Kind == data.KindRecordVersion {
		return review(local, in, lseen, iseen), nil
	}
	if lseen.Covers(iv) || lv.Device == iv.Device && iv.Less(lv) {
		return Decision{Rule: RuleOldNews, Count: Unchanged}, nil
	}
	locked, err := f.Locked()
	if err != nil {
		return Decision{}, err
	}
	if locked {
		refused, err := f.Refused()
		if err != nil {
			return Decision{}, err
		}
		if refused {
			in.Base = iseen.With(lseen).With(SeenOf(lv)).String()
			return Decision{Rule: RuleRestored, Write: &in, Count: replaced(local, in)}, nil
		}
		latest := lv
		if lv.Less(iv) {
			latest = iv
		}
		again := Record{Row: local.Row, Base: lseen.With(iseen).With(SeenOf(iv)).String()}
		return Decision{Rule: RuleRefused, Aside: &in, Reason: data.VersionLocked, Write: &again,
			Stamp: latest.Updated, Count: Locked, AsideCounts: true}, nil
	}
	if iseen.Covers(lv) || lv.Device == iv.Device {
		in.Base = iseen.With(lseen).String()
		return Decision{Rule: RuleUpdate, Write: &in, Count: replaced(local, in)}, nil
	}
	if wins(f.Kind, in, local) {
		// The winner stands for the version it beat: a late copy of that one is old news.
		in.Base = iseen.With(lseen).With(SeenOf(lv)).String()
		return Decision{Rule: RuleConflictWon, Aside: &local, Reason: data.VersionConflict, Write: &in,
			Count: Conflicts}, nil
	}
	return Decision{Rule: RuleConflictLost, Aside: &in, Reason: data.VersionConflict, Count: Conflicts,
		AsideCounts: true}, nil
}

// Erased reports whether a row is the version of a record whose personal data were erased.
func Erased(row map[string]any) bool {
	e, _ := row["erased"].(string)
	return e != ""
}

// erasure decides between two versions one of which at least is erased: the erased one wins, then the
// later; nothing is kept aside. The winner's base covers the loser, so that a late copy of the loser is
// old news.
func erasure(local, in Record, le, ie bool) (Decision, error) {
	if le && (!ie || !local.Version().Less(in.Version())) {
		return Decision{Rule: RuleErasedHere, Count: Unchanged}, nil
	}
	lseen, err := ParseSeen(local.Base)
	if err != nil {
		return Decision{}, &BaseError{Local: true, Err: err}
	}
	iseen, err := ParseSeen(in.Base)
	if err != nil {
		return Decision{}, &BaseError{Err: err}
	}
	in.Base = iseen.With(lseen).With(SeenOf(local.Version())).String()
	return Decision{Rule: RuleErasure, Write: &in, Count: Updated}, nil
}

// add decides for a record not held here.
func add(f Facts) (Decision, error) {
	in := f.In
	locked, err := f.Locked()
	if err != nil {
		return Decision{}, err
	}
	if locked && f.Kind != data.KindVerbale && !in.Deleted() {
		iseen, err := ParseSeen(in.Base)
		if err != nil {
			return Decision{}, &BaseError{Err: err}
		}
		iv := in.Version()
		gone := Record{Row: maps.Clone(in.Row), Base: iseen.With(SeenOf(iv)).String()}
		gone.Row["deleted"] = int64(1)
		return Decision{Rule: RuleNewLocked, Aside: &in, Reason: data.VersionLocked, Write: &gone,
			Stamp: iv.Updated, Count: Locked, AsideCounts: true}, nil
	}
	n := New
	if in.Deleted() {
		n = Deleted
	}
	return Decision{Rule: RuleNew, Write: &in, Count: n}, nil
}

// replaced is the count of an incoming version written over the local one.
func replaced(local, in Record) Counter {
	if in.Deleted() && !local.Deleted() {
		return Deleted
	}
	return Updated
}

// wins reports whether the incoming version beats the local one when they were made independently.
func wins(kind data.Kind, in, local Record) bool {
	if kind == data.KindSession {
		ia, la := in.Row["status"] == string(data.SessionApprovata), local.Row["status"] == string(data.SessionApprovata)
		if ia != la {
			return ia
		}
	}
	lv, iv := local.Version(), in.Version()
	if lv != iv {
		return lv.Less(iv)
	}
	return bytes.Compare(canonical(local.Row), canonical(in.Row)) < 0 // the same version stamp twice: any fixed order
}

// review decides between two versions of a version set aside, which change only by a person's
// review. Two reviews made independently that settle it differently are a conflict: the data then
// holds the restored version while a dismissal says the other stays, so neither outcome may stand.
// The version goes back to review as disputed, a change of this device made on top of both; the
// laptop on the other side makes the same content, which the merge keeps once.
func review(local, in Record, lseen, iseen Seen) Decision {
	lv, iv := local.Version(), in.Version()
	lr, _ := local.Row["resolution"].(string)
	ir, _ := in.Row["resolution"].(string)
	switch {
	case lseen.Covers(iv) || lv.Device == iv.Device && iv.Less(lv):
		return Decision{Rule: RuleReviewOld, Count: Unchanged} // made before the local review, which saw it
	case iseen.Covers(lv) || lv.Device == iv.Device && lv.Less(iv):
		in.Base = iseen.With(lseen).String()
		return Decision{Rule: RuleReviewUpdate, Write: &in, Count: Updated}
	}
	settled := func(r string) bool {
		return r == string(data.VersionRestored) || r == string(data.VersionDismissed)
	}
	if settled(lr) && settled(ir) && lr != ir {
		latest := local
		if lv.Less(iv) {
			latest = in
		}
		disputed := Record{Row: maps.Clone(latest.Row),
			Base: iseen.With(lseen).With(SeenOf(lv)).With(SeenOf(iv)).String()}
		disputed.Row["resolution"] = string(data.VersionDisputed)
		after := later(parseTime(lv.Updated), parseTime(iv.Updated)).UTC().Format(TimeFormat)
		return Decision{Rule: RuleDisputed, Write: &disputed, Stamp: after, Count: Conflicts}
	}
	// A reviewed version beats one still to review (a disputed one counts as reviewed: it records
	// that two reviews disagreed); then the later wins.
	lo, io := lr == string(data.VersionOpen), ir == string(data.VersionOpen)
	if !io && lo || io == lo && lv.Less(iv) {
		in.Base = iseen.With(lseen).With(SeenOf(lv)).String()
		return Decision{Rule: RuleReviewWins, Write: &in, Count: Updated}
	}
	return Decision{Rule: RuleReviewLoses, Count: Unchanged}
}

// FirstApproval reports whether verbale a, approved at aApproved, was approved before verbale b: by
// approval time, then id. Two laptops that each approved a session keep the first approval, which no
// merge ever restamps.
func FirstApproval(aApproved, aID, bApproved, bID string) bool {
	return aApproved < bApproved || aApproved == bApproved && aID < bID
}
