package ids

import (
	"strconv"
	"testing"

	"github.com/google/uuid"
)

// Derived ids are functions of what they derive from, distinct between kinds, valid UUIDs, and stable
// across versions: a laptop on an older Tavoli must derive the same ids.
func TestDerivedIDs(t *testing.T) {
	p, p2 := "proposta-1", "proposta-1"
	if Implementation(p) != Implementation(p2) || Implementation(p) == Implementation("proposta-2") {
		t.Error("Implementation is not a function of the proposal")
	}
	if FollowUp(p) != FollowUp(p2) || FollowUp(p) == FollowUp("azione-2") || FollowUp(p) == Implementation(p) {
		t.Error("FollowUp is not a function of the action alone")
	}
	for _, y := range []int{0, 7, 2026, 2100, -5} {
		if itoa(y) != strconv.Itoa(y) {
			t.Errorf("itoa(%d) = %q", y, itoa(y))
		}
	}
	if History("person", "p", "d", "t") == History("person", "p", "d", "t2") || History("person", "p", "d", "t") == History("person", "p", "e", "t") {
		t.Error("History is not a function of the record, the device and the version")
	}
	for _, id := range []string{Implementation("p"), FollowUp("a"), AnnualReport(2026), History("person", "p", "d", "t")} {
		if _, err := uuid.Parse(id); err != nil {
			t.Errorf("%q is not a UUID: %v", id, err)
		}
	}
	// The values the first version wrote: changing a namespace would split records across laptops.
	for got, want := range map[string]string{
		AnnualReport(2026): uuid.NewSHA1(uuid.MustParse("cd90a570-df82-4f1c-9209-b974c20d6105"), []byte("2026")).String(),
		History("person", "p", "d", "2026-12-07T10:00:00Z"): uuid.NewSHA1(uuid.MustParse("0b7e4f6a-2d19-4c83-a5e2-91c7d3f08a44"),
			[]byte("history:person/p/d/2026-12-07T10:00:00Z")).String(),
	} {
		if got != want {
			t.Errorf("derived id %s, want %s", got, want)
		}
	}
}
