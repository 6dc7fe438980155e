package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

// The Esito delle proposte of every body of the demo: each proposal of its sessions once, with why it
// is where it is.
func TestTableAnswerDemo(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	seedDemo(t, s, 1)
	bodies, err := s.Bodies(ctx)
	must(t, "Bodies", err)
	seen := map[data.ProposalState]int{}
	total := 0
	for _, b := range bodies {
		a, err := s.TableAnswer(ctx, b.ID)
		must(t, "TableAnswer "+b.Name, err)
		want, err := s.Proposals(ctx, data.ProposalFilter{BodyID: b.ID})
		must(t, "Proposals", err)
		if len(a.Proposals) != len(want) || a.Body.ID != b.ID || a.Ambito.Name == "" || a.Responsible != "Lucia Ferri" {
			t.Errorf("%s: %d proposals (want %d), body %q, ambito %q, responsible %q", b.Name, len(a.Proposals),
				len(want), a.Body.Name, a.Ambito.Name, a.Responsible)
		}
		if b.Kind == data.BodyTavoloTematico && a.AreaName == "" {
			t.Errorf("%s: no area name", b.Name)
		}
		for _, p := range a.Proposals {
			total++
			seen[p.State]++
			if p.BodyID != b.ID {
				t.Errorf("%s: «%s» was made at %s", b.Name, p.Title, p.BodyName)
			}
			if p.Updated.After(a.Changed) {
				t.Errorf("%s: changed %v, before «%s» (%v)", b.Name, a.Changed, p.Title, p.Updated)
			}
			switch p.State {
			case data.StateRespinta:
				if strings.TrimSpace(p.Reason) == "" && p.DecidedBy == nil {
					t.Errorf("%s: «%s» is respinta with no reason and no vote", b.Name, p.Title)
				}
			case data.StateAccorpata:
				if p.Into == nil || p.Into.ID != p.MergedIntoID || p.Into.Title == "" {
					t.Errorf("%s: «%s» is accorpata, into %+v", b.Name, p.Title, p.Into)
				}
			case data.StateValidata, data.StateApprovata:
				if p.DecidedBy == nil || p.DecidedBy.BodyName == "" || p.DecidedBy.Date.IsZero() {
					t.Errorf("%s: «%s» is %s with no vote that decided it", b.Name, p.Title, p.State)
				}
			}
		}
	}
	all, err := s.Proposals(ctx, data.ProposalFilter{})
	must(t, "Proposals", err)
	if total == 0 || total > len(all) || seen[data.StateRespinta] == 0 || seen[data.StateAccorpata] == 0 ||
		// The demo's approved priorities are all being carried out (in attuazione, one realizzata).
		seen[data.StateApprovata]+seen[data.StateInAttuazione]+seen[data.StateRealizzata] == 0 || seen[data.StateValidata] == 0 {
		t.Errorf("answers cover %d of %d proposals, by state %v: want every kind of fate", total, len(all), seen)
	}
	if _, err := s.TableAnswer(ctx, "nessuno"); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("TableAnswer(unknown body) = %v, want not found", err)
	}
}
