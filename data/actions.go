package data

import (
	"sort"
	"time"
)

// ActionCheckTitle is the agenda item where a body checks its open actions from earlier sessions. A new
// session of a body with open actions gets it after the approval of the previous verbale.
const ActionCheckTitle = "Verifica delle azioni"

// Validate checks the rules an ActionFollowUp must meet.
func (f ActionFollowUp) Validate() error {
	if f.ActionItemID == "" {
		return Errorf(EInvalid, "err.action.item_required")
	}
	if !f.Done && !f.DoneOn.IsZero() {
		return Errorf(EInvalid, "err.action.done_on_open")
	}
	return checkLengths(limited{FieldNotes, f.Note, maxNotesLen})
}

// Settle fills in Closed and Overdue as of today (a day in Zone): closed when done at its session or by
// its follow-up; overdue when open and due before today.
func (v *ActionView) Settle(today time.Time) {
	v.Closed = v.Done || v.FollowUp != nil && v.FollowUp.Done
	v.Overdue = !v.Closed && !v.Due.IsZero() && Day(v.Due).Before(Day(today))
}

// Day is the start of t's day in Zone.
func Day(t time.Time) time.Time {
	y, m, d := t.In(Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Zone)
}

// SortActions orders the register of actions: overdue first, the oldest due first; then the open ones
// by due date (those with none last); then the closed ones, the latest due first. Ties go by session
// date and by the order the items were recorded.
func SortActions(list []ActionView) {
	rank := func(v ActionView) int {
		switch {
		case v.Overdue:
			return 0
		case !v.Closed:
			return 1
		}
		return 2
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if !a.Due.Equal(b.Due) {
			switch {
			case a.Due.IsZero():
				return false
			case b.Due.IsZero():
				return true
			case rank(a) == 2:
				return a.Due.After(b.Due)
			}
			return a.Due.Before(b.Due)
		}
		if !a.SessionDate.Equal(b.SessionDate) {
			return a.SessionDate.Before(b.SessionDate)
		}
		if !a.Created.Equal(b.Created) {
			return a.Created.Before(b.Created)
		}
		return a.ID < b.ID
	})
}
