package sqlite

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestMeetingLocksHoldThroughCascades: what goes with a deleted record, and what an undo brings back,
// is held to the approved session's lock like the record itself.
func TestMeetingLocksHoldThroughCascades(t *testing.T) {
	c := newClosedMarch(t)
	// A decision deleted before the approval cannot come back into the approved session.
	extra, err := c.s.SaveDecision(c.ctx, data.Decision{SessionID: c.march.ID, AgendaItemID: c.item.ID, Text: "Da togliere."})
	must(t, "SaveDecision", err)
	removed, err := c.s.Delete(c.ctx, data.Ref{Kind: data.KindDecision, ID: extra.ID})
	must(t, "Delete(decision)", err)
	v := c.approve(t)
	before := c.snapshot(t, c.march.ID)

	err = c.s.Restore(c.ctx, removed)
	wantErr(t, "Restore(decision into the approved session)", err, data.ELocked, "err.session.locked")
	// Deleting the person who held a seat would take the seat out of the approved register.
	_, err = c.s.Delete(c.ctx, data.Ref{Kind: data.KindPerson, ID: c.rossi.ID})
	wantErr(t, "Delete(person holding a seat in the approved register)", err, data.ELocked, "err.seat.in_approved")
	// A body with sessions stays: its approved verbale must remain exportable.
	_, err = c.s.Delete(c.ctx, data.Ref{Kind: data.KindBody, ID: c.tavolo.ID})
	wantErr(t, "Delete(body with sessions)", err, data.EConflict, "err.body.has_sessions")
	// The decision recording the approval stays with the verbale.
	if v.DecisionID == "" {
		t.Fatal("ApproveVerbale did not link the approval decision")
	}
	_, err = c.s.Delete(c.ctx, data.Ref{Kind: data.KindDecision, ID: v.DecisionID})
	wantErr(t, "Delete(approval decision)", err, data.ELocked, "err.decision.approval")
	if after := c.snapshot(t, c.march.ID); after != before {
		t.Errorf("approved session changed:\n%s\nwant\n%s", after, before)
	}
	if got, err := c.s.Verbale(c.ctx, c.march.ID); err != nil || got.DecisionID != v.DecisionID {
		t.Errorf("Verbale() = decision %q, %v; want %q", got.DecisionID, err, v.DecisionID)
	}
}

// TestMeetingNextItemAfterDeletingCurrent: when the item under discussion is deleted, the next step
// goes to the first item not dealt with instead of nowhere.
func TestMeetingNextItemAfterDeletingCurrent(t *testing.T) {
	m := newMeeting(t)
	id := m.march.ID
	m.addItem(t, id, "Piano di Zona")
	m.start(t, id)
	items, err := m.s.Agenda(m.ctx, id)
	must(t, "Agenda", err)
	sess, err := m.s.NextItem(m.ctx, id) // item 1 done, item 2 current
	must(t, "NextItem", err)
	if sess.CurrentItemID != items[1].ID {
		t.Fatalf("NextItem moved to %s, want item 2", sess.CurrentItemID)
	}
	_, err = m.s.Delete(m.ctx, data.Ref{Kind: data.KindAgendaItem, ID: items[1].ID})
	must(t, "Delete(current item)", err)
	sess, err = m.s.NextItem(m.ctx, id)
	must(t, "NextItem", err)
	if len(items) < 2 || sess.CurrentItemID == "" || sess.CurrentItemID == items[0].ID || sess.CurrentItemID == items[1].ID {
		t.Errorf("NextItem after deleting the current item = %q, want the first item not done", sess.CurrentItemID)
	}
}
