package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/bundle"
)

// TestTwoApprovalsOfOneVerbaleConverge: A and B hold March's closed session and April in corso; each
// approves March's verbale before hearing of the other's approval. After exchanging they hold the same
// records, byte for byte: the first approval's verbale everywhere, the other kept aside, locked, on
// both, to review.
func TestTwoApprovalsOfOneVerbaleConverge(t *testing.T) {
	for _, bFirst := range []bool{false, true} {
		t.Run(map[bool]string{false: "the first approval travels first", true: "the second travels first"}[bFirst],
			func(t *testing.T) { twoApprovals(t, bFirst) })
	}
}

func twoApprovals(t *testing.T, bFirst bool) {
	c := newClosedMarch(t)
	a := c.s
	b := openAt(t, filepath.Join(t.TempDir(), "b.db"), replicaOptions(refusalDevice(20), meetDay(4, 9, 20, 0)))
	exchange(t, a, b, bundle.ExportOptions{Peer: b.Device()})
	first := c.approve(t) // on A, at A's clock: 4 April 9:15 and some seconds
	second, err := b.ApproveVerbale(c.ctx, c.approval(t))
	must(t, "ApproveVerbale on B", err)
	if first.ID == second.ID || !first.Approved.Before(second.Approved) {
		t.Fatalf("approvals %s at %v and %s at %v: want two, A's first", first.ID, first.Approved, second.ID,
			second.Approved)
	}
	from, to := a, b
	if bFirst {
		from, to = b, a
	}
	for round := range 3 {
		r1, _ := exchange(t, from, to, bundle.ExportOptions{Peer: to.Device()})
		r2, _ := exchange(t, to, from, bundle.ExportOptions{Peer: from.Device()})
		t.Logf("round %d: %+v, then back %+v", round+1, r1.Total(), r2.Total())
	}
	if d := diffDumps(syncDump(t, a), syncDump(t, b)); d != "" {
		t.Fatalf("A and B differ after exchanging: %s", d)
	}
	for _, s := range []*Store{a, b} {
		v, err := s.Verbale(c.ctx, c.march.ID)
		must(t, "Verbale", err)
		if v.ID != first.ID || v.SHA256 != first.SHA256 {
			t.Errorf("on %s March's verbale is %s, want the first approval's %s", s.Device(), v.ID, first.ID)
		}
		if rv, ok := keptAside(t, s, data.KindVerbale, second.ID, b.Device()); !ok || rv.Reason != data.VersionLocked ||
			rv.Resolution != data.VersionOpen {
			t.Errorf("on %s the second approval's verbale is not kept aside to review: %+v", s.Device(), rv)
		}
	}
}
