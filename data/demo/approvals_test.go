package demo

import (
	"sort"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// Every held session's verbale is approved at the body's next held session, by a recorded vote on
// its first item; the last one of each body waits for its approval; the 2026 convocations have
// protocol numbers.
func TestApprovalsAsSecretariesRecordThem(t *testing.T) {
	ds := trasimeno(t)
	byBody := map[string][]data.Session{}
	for _, s := range ds.Sessions {
		if s.Status.Held() {
			byBody[s.BodyID] = append(byBody[s.BodyID], s)
		}
	}
	verbale := map[string]data.Verbale{}
	for _, v := range ds.Verbali {
		verbale[v.SessionID] = v
	}
	approvals, abstentions := 0, 0
	for body, held := range byBody {
		sort.Slice(held, func(i, j int) bool { return held[i].Date.Before(held[j].Date) })
		for k, s := range held {
			if k == len(held)-1 {
				if s.Status != data.SessionChiusa || s.ApprovedInID != "" {
					t.Errorf("body %s: the last session held (%v) is %s, want chiusa: nobody approved it yet", body, s.Date, s.Status)
				}
				continue
			}
			next := held[k+1]
			v, ok := verbale[s.ID]
			if s.Status != data.SessionApprovata || s.ApprovedInID != next.ID || !ok || v.ApprovedInID != next.ID {
				t.Errorf("session %v: %s approved in %q, want approvata at the next session %s", s.Date, s.Status, s.ApprovedInID, next.ID)
				continue
			}
			if s.Number < 1 {
				t.Errorf("session %v: verbale number %d, want it fixed at approval", s.Date, s.Number)
			}
			var decision data.Decision
			for _, d := range ds.Decisions {
				if d.ID == v.DecisionID {
					decision = d
				}
			}
			var x data.Vote
			for _, y := range ds.Votes {
				if y.ID == decision.VoteID {
					x = y
				}
			}
			var ballots []data.VoteBallot
			for _, b := range ds.Ballots {
				if b.VoteID == x.ID {
					ballots = append(ballots, b)
					if b.Choice == vote.Astenuto {
						abstentions++
					}
				}
			}
			r, err := vote.Tally(vote.CountOf(x, next.Call, ballots))
			if x.SessionID != next.ID || x.Secret || err != nil || r.Outcome() != vote.OutcomeApproved || !x.QuorumHolds {
				t.Errorf("session %v: approval vote %+v: %v, %v; want an open motion approved with its quorum", s.Date, x, r.Outcome(), err)
			}
			approvals++
		}
	}
	if approvals < 10 || abstentions == 0 {
		t.Errorf("approvals = %d with %d abstentions, want every held session but the last of each body, some abstaining", approvals, abstentions)
	}
	protocols := 0
	for _, s := range ds.Sessions {
		in2026 := s.Created.In(data.Zone).Year() == 2026
		if in2026 != (s.ConvocationProtocol != "") || in2026 != !s.ConvocationDate.IsZero() {
			t.Errorf("session %v convened %v: protocol %q of %v", s.Date, s.Created, s.ConvocationProtocol, s.ConvocationDate)
		}
		if in2026 {
			protocols++
		}
	}
	if protocols == 0 {
		t.Error("no convocation of 2026 in the demo")
	}
}
