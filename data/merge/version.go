package merge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"time"
)

// TimeFormat is how records store their times: fixed width, so that versions compare as text.
const TimeFormat = "2006-01-02T15:04:05.000000000Z"

// Version identifies one version of a record: its updated time (in TimeFormat) and device.
type Version struct{ Updated, Device string }

// String is the version as it names a version set aside: "updated|device", "" for no version.
func (v Version) String() string {
	if v.Updated == "" {
		return ""
	}
	return v.Updated + "|" + v.Device
}

// Less orders versions by time, then device id.
func (v Version) Less(o Version) bool {
	if v.Updated != o.Updated {
		return v.Updated < o.Updated
	}
	return v.Device < o.Device
}

// Seen is what a version was made on top of: for each device, the latest of its versions among the
// version's ancestors.
type Seen map[string]string

// ParseSeen reads an ancestry as stored and carried; "" is the empty one.
func ParseSeen(s string) (Seen, error) {
	if s == "" {
		return Seen{}, nil
	}
	var out Seen
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("sync base %q: %w", s, err)
	}
	if out == nil {
		out = Seen{}
	}
	return out, nil
}

// SeenOf is the ancestry of a version's successor made from it alone.
func SeenOf(v Version) Seen { return Seen{v.Device: v.Updated} }

// Covers reports whether v is among the ancestors, or older than one of its device's.
func (s Seen) Covers(v Version) bool {
	u, ok := s[v.Device]
	return ok && u >= v.Updated
}

// With is the union of two ancestries: the latest version of each device in either.
func (s Seen) With(o Seen) Seen {
	out := maps.Clone(s)
	if out == nil {
		out = Seen{}
	}
	for d, u := range o {
		if u > out[d] {
			out[d] = u
		}
	}
	return out
}

// String is the ancestry as stored and carried: JSON with sorted keys, "" when empty.
func (s Seen) String() string {
	if len(s) == 0 {
		return ""
	}
	b, _ := json.Marshal(map[string]string(s)) // strings always marshal
	return string(b)
}

// Record is one version of a record: its columns as the store reads them (the stamps created,
// updated and device as text, deleted as int64) and its sync base as stored.
type Record struct {
	Row  map[string]any
	Base string
}

// Version is the record's version.
func (r Record) Version() Version {
	u, _ := r.Row["updated"].(string)
	d, _ := r.Row["device"].(string)
	return Version{u, d}
}

// Deleted reports whether the version is a tombstone.
func (r Record) Deleted() bool {
	v, _ := r.Row["deleted"].(int64)
	return v != 0
}

// later is now, or just after prev when the clock has not moved past it: a record's versions must be
// strictly ordered for merges to agree on the latest.
func later(now, prev time.Time) time.Time {
	if now.After(prev) {
		return now
	}
	return prev.Add(time.Microsecond)
}

// Stamp is the updated time of a version made at now on top of one updated at after: now, or just
// after it when the clock has not moved past it.
func Stamp(now time.Time, after string) string {
	return later(now.UTC(), parseTime(after)).UTC().Format(TimeFormat)
}

// parseTime reads a time already checked by the store.
func parseTime(s string) time.Time {
	t, _ := time.Parse(TimeFormat, s)
	return t
}

// SameRow reports whether the incoming version says nothing the local one does not: the same values
// in every column it carries (a bundle of an older schema lacks the newer columns, which it leaves as
// they are here).
func SameRow(local, in map[string]any) bool {
	for k, iv := range in {
		if lv, ok := local[k]; !ok || !sameValue(lv, iv) {
			return false
		}
	}
	return true
}

// SameContent is SameRow but for the stamps (created, updated, device).
func SameContent(local, in map[string]any) bool {
	for k, iv := range in {
		if k == "created" || k == "updated" || k == "device" {
			continue
		}
		if lv, ok := local[k]; !ok || !sameValue(lv, iv) {
			return false
		}
	}
	return true
}

func sameValue(a, b any) bool {
	switch x := a.(type) {
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case nil:
		return b == nil
	}
	return a == b
}

// canonical is a version's columns as JSON with sorted keys: a fixed order for versions that carry
// the same stamp.
func canonical(row map[string]any) []byte {
	b, _ := json.Marshal(row) // maps marshal with sorted keys; every value type here marshals
	return b
}
