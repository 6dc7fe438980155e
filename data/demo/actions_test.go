package demo

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

// TestDemoActionFollowUps: some actions are followed up after their session, a few done and a few still
// open with a note; each session not held yet of a body with open actions checks them first.
func TestDemoActionFollowUps(t *testing.T) {
	ds := trasimeno(t)
	actions := map[string]data.ActionItem{}
	for _, a := range ds.Actions {
		actions[a.ID] = a
	}
	done, open := 0, 0
	followed := map[string]bool{}
	for _, f := range ds.FollowUps {
		a, ok := actions[f.ActionItemID]
		if err := f.Validate(); err != nil || !ok || a.Done || f.Note == "" || followed[a.ID] {
			t.Errorf("follow-up %s: %v; action known %v, done at its session %v, note %q, twice %v", f.ID, err, ok,
				a.Done, f.Note, followed[a.ID])
		}
		followed[a.ID] = true
		if f.Done {
			done++
		} else {
			open++
		}
	}
	if done < 2 || open < 2 {
		t.Errorf("demo follow-ups: %d done, %d open; want at least two of each", done, open)
	}
	sessions := map[string]data.Session{}
	for _, s := range ds.Sessions {
		sessions[s.ID] = s
	}
	closed := map[string]bool{}
	for _, f := range ds.FollowUps {
		closed[f.ActionItemID] = f.Done
	}
	for _, s := range ds.Sessions {
		if s.Status != data.SessionConvocata && s.Status != data.SessionBozza {
			continue
		}
		pending := false
		for _, a := range ds.Actions {
			from := sessions[a.SessionID]
			if from.BodyID == s.BodyID && from.Date.Before(s.Date) && !a.Done && !closed[a.ID] {
				pending = true
			}
		}
		has := false
		for _, it := range ds.Agenda {
			if it.SessionID == s.ID && it.Title == data.ActionCheckTitle {
				has = it.Position == 2
			}
		}
		if has != pending {
			t.Errorf("session %s of %s: open actions %v, second item %q %v", s.ID, s.Date, pending, data.ActionCheckTitle, has)
		}
	}
}
