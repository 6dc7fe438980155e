package merge

import (
	"testing"
	"time"
)

func TestSeenStoredForm(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"empty object", "{}", ""},
		{"null", "null", ""},
		{"one device", `{"d1":"2027-03-01T08:00:00.000000000Z"}`, `{"d1":"2027-03-01T08:00:00.000000000Z"}`},
		{"keys sorted", `{"d2":"2027-03-01T09:00:00.000000000Z","d1":"2027-03-01T08:00:00.000000000Z"}`,
			`{"d1":"2027-03-01T08:00:00.000000000Z","d2":"2027-03-01T09:00:00.000000000Z"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSeen(tt.in)
			if err != nil {
				t.Fatalf("ParseSeen(%q): %v", tt.in, err)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("ParseSeen(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if _, err := ParseSeen(`{"d1":`); err == nil {
		t.Error(`ParseSeen({"d1":) = nil error, want one`)
	}
}

func TestSeenOperations(t *testing.T) {
	a := Seen{"d1": stampAt(8), "d2": stampAt(9)}
	b := Seen{"d2": stampAt(10), "d3": stampAt(7)}
	if got, want := a.With(b).String(), (Seen{"d1": stampAt(8), "d2": stampAt(10), "d3": stampAt(7)}).String(); got != want {
		t.Errorf("With = %s, want %s", got, want)
	}
	if got := Seen(nil).With(nil); got == nil || len(got) != 0 {
		t.Errorf("nil.With(nil) = %v, want an empty Seen", got)
	}
	covers := []struct {
		v    Version
		want bool
	}{
		{Version{stampAt(8), "d1"}, true},
		{Version{stampAt(7), "d1"}, true}, // older than the device's latest seen
		{Version{stampAt(10), "d1"}, false},
		{Version{stampAt(8), "d3"}, false},
	}
	for _, tt := range covers {
		if got := a.Covers(tt.v); got != tt.want {
			t.Errorf("%v.Covers(%v) = %v, want %v", a, tt.v, got, tt.want)
		}
	}
	if got := SeenOf(Version{stampAt(8), "d1"}).String(); got != `{"d1":"`+stampAt(8)+`"}` {
		t.Errorf("SeenOf = %s", got)
	}
}

func TestVersion(t *testing.T) {
	v, w := Version{stampAt(8), "d2"}, Version{stampAt(8), "d1"}
	if !w.Less(v) || v.Less(w) || v.Less(v) {
		t.Errorf("Less: %v < %v must hold by device, and not the reverse", w, v)
	}
	if !v.Less(Version{stampAt(9), "d0"}) {
		t.Error("Less: time orders before device")
	}
	if got := v.String(); got != stampAt(8)+"|d2" {
		t.Errorf("String() = %q", got)
	}
	if got := (Version{}).String(); got != "" {
		t.Errorf("Version{}.String() = %q, want empty", got)
	}
}

func TestStamp(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2027, 3, 1, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		now   time.Time
		after string
		want  string
	}{
		{"clock ahead", at(10), stampAt(8), stampAt(10)},
		{"clock behind", at(7), stampAt(8), "2027-03-01T08:00:00.000001000Z"},
		{"clock equal", at(8), stampAt(8), "2027-03-01T08:00:00.000001000Z"},
		{"other zone", at(10).In(time.FixedZone("CET", 3600)), stampAt(8), stampAt(10)},
	}
	for _, tt := range tests {
		if got := Stamp(tt.now, tt.after); got != tt.want {
			t.Errorf("%s: Stamp(%v, %s) = %s, want %s", tt.name, tt.now, tt.after, got, tt.want)
		}
	}
}

func TestSameRow(t *testing.T) {
	local := map[string]any{"updated": stampAt(8), "device": "d1", "name": "Rossi", "photo": []byte{1}, "note": nil}
	tests := []struct {
		name              string
		in                map[string]any
		sameRow, sameCont bool
	}{
		{"identical", map[string]any{"updated": stampAt(8), "device": "d1", "name": "Rossi", "photo": []byte{1}, "note": nil}, true, true},
		{"older schema lacks a column", map[string]any{"updated": stampAt(8), "device": "d1", "name": "Rossi"}, true, true},
		{"other stamp", map[string]any{"updated": stampAt(9), "device": "d2", "name": "Rossi"}, false, true},
		{"other bytes", map[string]any{"updated": stampAt(8), "device": "d1", "photo": []byte{2}}, false, false},
		{"null against a value", map[string]any{"updated": stampAt(8), "device": "d1", "name": nil}, false, false},
		{"a column unknown here", map[string]any{"updated": stampAt(8), "device": "d1", "extra": "x"}, false, false},
	}
	for _, tt := range tests {
		if got := SameRow(local, tt.in); got != tt.sameRow {
			t.Errorf("%s: SameRow = %v, want %v", tt.name, got, tt.sameRow)
		}
		if got := SameContent(local, tt.in); got != tt.sameCont {
			t.Errorf("%s: SameContent = %v, want %v", tt.name, got, tt.sameCont)
		}
	}
}

func TestFirstApproval(t *testing.T) {
	tests := []struct {
		aApproved, aID, bApproved, bID string
		want                           bool
	}{
		{stampAt(8), "b", stampAt(9), "a", true},
		{stampAt(9), "a", stampAt(8), "b", false},
		{stampAt(8), "a", stampAt(8), "b", true},
		{stampAt(8), "b", stampAt(8), "a", false},
	}
	for _, tt := range tests {
		if got := FirstApproval(tt.aApproved, tt.aID, tt.bApproved, tt.bID); got != tt.want {
			t.Errorf("FirstApproval(%s, %s, %s, %s) = %v, want %v", tt.aApproved, tt.aID, tt.bApproved, tt.bID, got, tt.want)
		}
	}
}

// stampAt is the stored time of an hour of 1 March 2027.
func stampAt(h int) string {
	return time.Date(2027, 3, 1, h, 0, 0, 0, time.UTC).Format(TimeFormat)
}
