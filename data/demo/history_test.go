package demo

import (
	"sort"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// TestProposalsEveryAreaEveryKind checks that every area has strengths, critical points, strategies
// and project ideas, and that the demo holds thirty proposals or more.
func TestProposalsEveryAreaEveryKind(t *testing.T) {
	ds := trasimeno(t)
	count := map[string]map[data.ProposalKind]int{}
	for _, p := range ds.Proposals {
		if count[p.AreaID] == nil {
			count[p.AreaID] = map[data.ProposalKind]int{}
		}
		count[p.AreaID][p.Kind]++
	}
	for _, a := range ds.Areas {
		for _, k := range data.ProposalKinds {
			if count[a.ID][k] == 0 {
				t.Errorf("area %s has no proposal of kind %s", a.Name, k)
			}
		}
	}
	if len(ds.Proposals) < 30 {
		t.Errorf("proposals = %d, want 30 or more", len(ds.Proposals))
	}
}

// TestPriorityVoteAtEveryTable checks that every Tavolo tematico ranked its own proposals in a closed
// priority vote, the tables between them using several methods; and that two near-duplicate proposals
// of different tables, both voted on, can still be merged.
func TestPriorityVoteAtEveryTable(t *testing.T) {
	ds := trasimeno(t)
	proposals := map[string]data.Proposal{}
	for _, p := range ds.Proposals {
		proposals[p.ID] = p
	}
	voted := map[string]string{} // proposal id -> the body of a priority vote it took part in
	methods := map[data.VoteMethod]bool{}
	ranked := map[string]bool{} // bodies
	for _, v := range ds.Votes {
		body := bodyOf(ds, sessionByID(ds, v.SessionID).BodyID)
		if v.Method == data.MethodMotion || body.Kind != data.BodyTavoloTematico {
			continue
		}
		own := v.Status == data.VoteChiusa
		for _, o := range v.Options {
			p, ok := proposals[o.ID]
			own = own && ok && bodyOf(ds, sessionByID(ds, p.SessionID).BodyID).ID == body.ID
			voted[o.ID] = body.ID
		}
		if own {
			ranked[body.ID] = true
			methods[v.Method] = true
		}
	}
	for _, b := range ds.Bodies {
		if b.Kind == data.BodyTavoloTematico && !ranked[b.ID] {
			t.Errorf("%s holds no closed priority vote on its own proposals", b.Name)
		}
	}
	if len(methods) < 5 {
		t.Errorf("the tables' priority votes use %v, want five methods or more", methods)
	}

	a, b := proposalTitled(t, ds, "Estate inclusiva: sport e tempo libero"), proposalTitled(t, ds, "Centri estivi inclusivi nei comuni del lago")
	if voted[a.ID] == "" || voted[b.ID] == "" || voted[a.ID] == voted[b.ID] {
		t.Errorf("near duplicates voted at %q and %q, want both voted on, at two tables", voted[a.ID], voted[b.ID])
	}
	if !data.CanMerge(a.State) || !data.CanMerge(b.State) || a.AreaID == b.AreaID {
		t.Errorf("near duplicates %s in area %s and %s in area %s: want two areas, both before validata", a.State,
			a.AreaID, b.State, b.AreaID)
	}
}

func proposalTitled(t *testing.T, ds data.Dataset, title string) data.Proposal {
	t.Helper()
	for _, p := range ds.Proposals {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no proposal %q", title)
	return data.Proposal{}
}

// TestValidationRound checks the priority list and its validation: places 1 to 8 held by the
// proposals from prioritaria on; the Tavolo Alto validated them in a session after the tables' and
// before the Sindaci convened for January 2027, its last vote covering exactly the proposals validate
// now, approved; the Sindaci will vote on them.
func TestValidationRound(t *testing.T) {
	ds := trasimeno(t)
	var places []int
	listed := map[string]bool{}
	validated := map[string]bool{}
	for _, p := range ds.Proposals {
		inList := p.State != data.StateRespinta && p.State != data.StateAccorpata && !p.State.Before(data.StatePrioritaria)
		if (p.Priority > 0) != inList {
			t.Errorf("%q is %s with priority %d", p.Title, p.State, p.Priority)
		}
		if p.Priority > 0 {
			places = append(places, p.Priority)
			listed[p.ID] = true
		}
		if p.State == data.StateValidata {
			validated[p.ID] = true
		}
	}
	sort.Ints(places)
	for i, n := range places {
		if n != i+1 {
			t.Fatalf("priority places = %v, want 1 to %d", places, len(places))
		}
	}
	if len(places) != 8 || len(validated) == 0 {
		t.Errorf("priority list of %d, %d validate; want 8, some validate", len(places), len(validated))
	}

	var lastTable, convened time.Time
	for _, s := range ds.Sessions {
		switch k := bodyOf(ds, s.BodyID).Kind; {
		case k == data.BodyTavoloTematico && s.Date.After(lastTable):
			lastTable = s.Date
		case k == data.BodySindaci && s.Status == data.SessionConvocata:
			convened = s.Date
			if !hasItem(ds, s.ID, "Approvazione delle priorità del Piano di Zona") {
				t.Errorf("the Sindaci convened for %v have no item on approving the priorities", s.Date)
			}
		}
	}
	covered := map[string]bool{} // by the Tavolo Alto, ever
	var last data.Vote
	for _, v := range ds.Votes {
		s := sessionByID(ds, v.SessionID)
		if bodyOf(ds, s.BodyID).Kind != data.BodyTavoloAlto || len(v.Covers) == 0 {
			continue
		}
		for _, pid := range v.Covers {
			covered[pid] = true
		}
		if v.Closed.After(last.Closed) {
			last = v
		}
	}
	s := sessionByID(ds, last.SessionID)
	if !s.Date.After(lastTable) || !s.Date.Before(convened) || !hasItem(ds, s.ID, "Validazione dell'elenco delle priorità") {
		t.Errorf("Tavolo Alto validation on %v, want after the tables (%v), before the Sindaci (%v), on its own item",
			s.Date, lastTable, convened)
	}
	r, err := vote.Tally(vote.CountOf(last, s.Call, ballotsOf(ds, last.ID)))
	if err != nil || r.Outcome() != vote.OutcomeApproved {
		t.Errorf("Tally(%q) = %v, %v; want approved", last.Subject, r.Outcome(), err)
	}
	if len(last.Covers) != len(validated) {
		t.Errorf("the last validation covers %d proposals, %d are validate", len(last.Covers), len(validated))
	}
	for _, pid := range last.Covers {
		if !validated[pid] {
			t.Errorf("the last validation covers %s, which is not validata", pid)
		}
		if !hasEvent(ds, pid, last.ID) {
			t.Errorf("proposal %s has no event of the vote that validated it", pid)
		}
	}
	for _, p := range ds.Proposals {
		past := listed[p.ID] && p.State != data.StatePrioritaria
		if past != covered[p.ID] {
			t.Errorf("%q is %s, covered by the Tavolo Alto %v", p.Title, p.State, covered[p.ID])
		}
	}
}

func hasItem(ds data.Dataset, sessionID, title string) bool {
	for _, it := range itemsOf(ds, sessionID) {
		if it.Title == title {
			return true
		}
	}
	return false
}

func hasEvent(ds data.Dataset, proposalID, voteID string) bool {
	for _, e := range ds.Events {
		if e.ProposalID == proposalID && e.VoteID == voteID && e.Action == data.ActionVote {
			return true
		}
	}
	return false
}

// TestHistory checks every proposal's history, at scale 1 and with generated proposals: it starts from
// proposta, each step allowed and taken from where the previous one left it, in time, by the Ufficio di
// Piano, and ends in the proposal's state at its last change.
func TestHistory(t *testing.T) {
	for _, scale := range []int{1, 3} {
		ds, err := Trasimeno(scale)
		if err != nil {
			t.Fatal(err)
		}
		votes := map[string]data.Vote{}
		for _, v := range ds.Votes {
			votes[v.ID] = v
		}
		byProposal := map[string][]data.ProposalEvent{}
		ids := map[string]bool{}
		for _, e := range ds.Events {
			byProposal[e.ProposalID] = append(byProposal[e.ProposalID], e)
			if ids[e.ID] || e.ID == "" || e.Operator != operator || !e.Created.Equal(e.At) {
				t.Errorf("scale %d: event %+v: want a new id, by the %s, created when it happened", scale, e, operator)
			}
			ids[e.ID] = true
		}
		states := map[data.ProposalState]int{}
		for _, p := range ds.Proposals {
			states[p.State]++
			state, at := data.StateProposta, p.Created
			for _, e := range byProposal[p.ID] {
				var err error
				if e.Action == data.ActionMerge {
					if !data.CanMerge(e.From) || e.To != data.StateAccorpata || e.RelatedID != p.MergedIntoID {
						t.Errorf("scale %d: %q merged from %s into %s, want before validata into %s", scale, p.Title, e.From,
							e.RelatedID, p.MergedIntoID)
					}
				} else if e.Action == data.ActionVote {
					// A validation vote moves what it covers from where its body expects them.
					if e.VoteID == "" {
						t.Errorf("scale %d: %q moved by a vote that is not named", scale, p.Title)
					}
				} else if e.Action != data.ActionAttuazione || e.From != e.To {
					// An update of the attuazione that leaves the state as it is is a step too, not a move.
					err = data.CheckMove(e.From, e.To, e.Reason)
				}
				if err != nil || e.From != state || !e.At.After(at) {
					t.Errorf("scale %d: %q: %s -> %s at %v after %s at %v: %v", scale, p.Title, e.From, e.To, e.At, state, at, err)
				}
				if e.To == data.StateRespinta && e.Reason == "" {
					t.Errorf("scale %d: %q rejected without a reason", scale, p.Title)
				}
				if v, ok := votes[e.VoteID]; (e.Action == data.ActionVote) != ok || ok && !contains(v.Covers, p.ID) {
					t.Errorf("scale %d: %q: %s event names vote %q, which does not cover it", scale, p.Title, e.Action, e.VoteID)
				}
				state, at = e.To, e.At
			}
			if state != p.State || !p.Updated.Equal(at) {
				t.Errorf("scale %d: %q is %s updated %v; its history ends in %s at %v", scale, p.Title, p.State, p.Updated,
					state, at)
			}
		}
		if states[data.StateInValutazione] <= len(ds.Proposals)/2 || states[data.StateRespinta] < 2 {
			t.Errorf("scale %d: states %v, want most in valutazione and some respinte", scale, states)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestScaleAddsProposals checks the generated proposals: at scale 3, 24 more, four per area covering
// every kind, each proposta or in valutazione, valid, captured at the area's table by someone present
// or sent in writing by one of its members.
func TestScaleAddsProposals(t *testing.T) {
	a := trasimeno(t)
	big, err := Trasimeno(3)
	if err != nil {
		t.Fatal(err)
	}
	extra := big.Proposals[len(a.Proposals):]
	if len(extra) != 24 {
		t.Fatalf("generated proposals at scale 3 = %d, want 24", len(extra))
	}
	kinds := map[string]map[data.ProposalKind]bool{}
	titles := map[string]bool{}
	for _, p := range extra {
		if err := p.Validate(); err != nil {
			t.Errorf("generated %q: %v", p.Title, err)
		}
		if p.State != data.StateProposta && p.State != data.StateInValutazione {
			t.Errorf("generated %q is %s, want proposta or in valutazione", p.Title, p.State)
		}
		if titles[p.Title] || p.Text == "" || p.TargetGroup == "" || p.ProposerID == "" || len(p.ComuneIDs) != 1 ||
			(p.Kind == data.KindIpotesi) != (p.Cost != data.CostUnknown && p.Duration != data.TimeUnknown) {
			t.Errorf("generated %+v: want a new title, text, target group, proposer, comune, and bands for an idea", p)
		}
		titles[p.Title] = true
		if kinds[p.AreaID] == nil {
			kinds[p.AreaID] = map[data.ProposalKind]bool{}
		}
		kinds[p.AreaID][p.Kind] = true
		if p.SessionID == "" {
			continue
		}
		s := sessionByID(big, p.SessionID)
		present := false
		for _, x := range presentAt(&big, s.ID, p.Created) {
			present = present || x == p.ProposerID
		}
		item := false
		for _, it := range itemsOf(big, s.ID) {
			item = item || it.ID == p.AgendaItemID && !p.Created.Before(it.Updated.Add(-it.Spent)) && p.Created.Before(it.Updated)
		}
		if b := bodyOf(big, s.BodyID); b.Kind != data.BodyTavoloTematico || b.AreaID != p.AreaID || !present || !item {
			t.Errorf("generated %q at %s (area %s), proposer present %v, during its item %v", p.Title, b.Name, b.AreaID,
				present, item)
		}
	}
	for _, area := range a.Areas {
		if len(kinds[area.ID]) != len(data.ProposalKinds) {
			t.Errorf("generated proposals of %s are of kinds %v, want all", area.Name, kinds[area.ID])
		}
	}
}
