package demo

import (
	"reflect"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func ballotsOf(ds data.Dataset, voteID string) []data.VoteBallot {
	var out []data.VoteBallot
	for _, b := range ds.Ballots {
		if b.VoteID == voteID {
			out = append(out, b)
		}
	}
	return out
}

func turnoutOf(ds data.Dataset, voteID string) []data.VoteTurnout {
	var out []data.VoteTurnout
	for _, x := range ds.Turnout {
		if x.VoteID == voteID {
			out = append(out, x)
		}
	}
	return out
}

func sessionByID(ds data.Dataset, id string) data.Session {
	for _, s := range ds.Sessions {
		if s.ID == id {
			return s
		}
	}
	return data.Session{}
}

func voterOf(v data.Vote, seat string) (data.VoteVoter, bool) {
	for _, x := range v.Voters {
		if x.ID == seat {
			return x, true
		}
	}
	return data.VoteVoter{}, false
}

// TestVotesEveryMethod checks that the demo holds votes of every method, open and secret, each valid,
// closed, and with the seed a lot would use.
func TestVotesEveryMethod(t *testing.T) {
	ds := trasimeno(t)
	methods := map[data.VoteMethod]int{}
	secret, openMotion := 0, 0
	for _, v := range ds.Votes {
		methods[v.Method]++
		if v.Secret {
			secret++
		} else if v.Method == data.MethodMotion {
			openMotion++
		}
		if err := v.Validate(); err != nil {
			t.Errorf("vote %q: %v", v.Subject, err)
		}
		if v.Status != data.VoteChiusa || v.Settings.Seed == 0 || !v.Created.Equal(v.Opened) || !v.Updated.Equal(v.Closed) {
			t.Errorf("vote %q: status %s, seed %d, created %v updated %v; want chiusa, a seed, the times it opened and closed",
				v.Subject, v.Status, v.Settings.Seed, v.Created, v.Updated)
		}
	}
	for _, m := range data.VoteMethods {
		if methods[m] == 0 {
			t.Errorf("no vote by %s in the demo", m)
		}
	}
	if secret == 0 || openMotion == 0 {
		t.Errorf("secret votes %d, open motions %d; want some of each", secret, openMotion)
	}
}

// TestVotesAsOpened checks each vote against its session as the meeting screen would have recorded
// it: during its item, the body's seats with their weight and presence at that moment, the quorum
// worked out from them, and options that are proposals already captured.
func TestVotesAsOpened(t *testing.T) {
	ds := trasimeno(t)
	comuni := map[string]data.Comune{}
	for _, c := range ds.Comuni {
		comuni[c.ID] = c
	}
	proposals := map[string]data.Proposal{}
	for _, p := range ds.Proposals {
		proposals[p.ID] = p
	}
	for _, v := range ds.Votes {
		s := sessionByID(ds, v.SessionID)
		body := bodyOf(ds, s.BodyID)
		if s.Status != data.SessionChiusa && s.Status != data.SessionApprovata {
			t.Errorf("vote %q in a session %s, want chiusa or approvata", v.Subject, s.Status)
		}
		var item data.AgendaItem
		for _, it := range itemsOf(ds, s.ID) {
			if it.ID == v.AgendaItemID {
				item = it
			}
		}
		if start := item.Updated.Add(-item.Spent); item.ID == "" || !v.Opened.After(start) || !v.Closed.After(v.Opened) ||
			!v.Closed.Before(item.Updated) || v.Opened.Before(s.Started) || v.Closed.After(s.Ended) {
			t.Errorf("vote %q open %v-%v, want within its item %v-%v", v.Subject, v.Opened, v.Closed, start, item.Updated)
		}

		var lines []data.RegisterLine
		for _, a := range ds.Attendance {
			if a.SessionID == s.ID {
				lines = append(lines, data.RegisterLine{Attendance: a})
			}
		}
		present := data.PresentSeats(lines, v.Opened)
		seats := seatsOf(ds, body.ID)
		var weights []data.SeatWeight
		if len(v.Voters) != len(seats) {
			t.Errorf("vote %q: %d voters, want the %d seats of %s", v.Subject, len(v.Voters), len(seats), body.Name)
			continue
		}
		for i, st := range seats {
			pop := comuni[st.ComuneID].Population
			if x := v.Voters[i]; x.ID != st.ID || x.Label == "" || x.Weight != int64(max(pop, 1)) || x.Present != present[st.ID] {
				t.Errorf("vote %q: voter %+v, want seat %s weighing %d, present %v", v.Subject, x, st.ID, max(pop, 1), present[st.ID])
			}
			weights = append(weights, data.SeatWeight{ID: st.ID, Population: int64(pop)})
		}
		q := vote.CheckQuorum(v.Rules, s.Call, weights, present)
		if !q.Holds || v.QuorumPresent != q.Present || v.QuorumRequired != q.Required || v.QuorumHolds != q.Holds {
			t.Errorf("vote %q: quorum %d of %d holds %v, want %+v holding", v.Subject, v.QuorumPresent, v.QuorumRequired,
				v.QuorumHolds, q)
		}

		for _, o := range v.Options {
			p, ok := proposals[o.ID]
			if !ok || o.Label != p.Title || p.Created.After(v.Opened) {
				t.Errorf("vote %q: option %+v, want a proposal captured before the vote", v.Subject, o)
			}
			if body.Kind == data.BodyTavoloTematico && p.SessionID != s.ID {
				t.Errorf("vote %q at a Tavolo tematico on %q, captured in another session", v.Subject, p.Title)
			}
		}
		switch st := v.Settings; v.Method {
		case data.MethodDots:
			if st.DotsPerVoter != 3 || st.MaxPerOption != 2 {
				t.Errorf("dot vote %q: %d dots, at most %d per option; want 3 and 2", v.Subject, st.DotsPerVoter, st.MaxPerOption)
			}
		case data.MethodPoints:
			if st.PointsPerVoter != 100 {
				t.Errorf("points vote %q: %d points, want 100", v.Subject, st.PointsPerVoter)
			}
		case data.MethodScore:
			want := []data.VoteCriterion{{ID: "urgenza", Weight: 2}, {ID: "gravità", Weight: 1}, {ID: "efficacia", Weight: 1},
				{ID: "fattibilità", Weight: 1}, {ID: "costo", Weight: 1}}
			if !reflect.DeepEqual(v.Criteria, want) || st.ScaleMin != 1 || st.ScaleMax != 5 {
				t.Errorf("scoring vote %q: criteria %v, scale %d-%d; want %v on 1-5", v.Subject, v.Criteria, st.ScaleMin,
					st.ScaleMax, want)
			}
		}
		if (v.Method == data.MethodDots || v.Method == data.MethodPoints) && body.Kind != data.BodyTavoloTematico {
			t.Errorf("vote %q by %s at %s, want a Tavolo tematico", v.Subject, v.Method, body.Name)
		}
	}
}

// TestVotesWeightedSindaci looks for the open votes of the Tavolo dei Sindaci, each comune weighing
// its population under the double rule, and for the one where the comuni and the population disagree:
// a majority of the comuni, not of the inhabitants.
func TestVotesWeightedSindaci(t *testing.T) {
	ds := trasimeno(t)
	var split []string
	weighted := 0
	for _, v := range ds.Votes {
		if bodyOf(ds, sessionByID(ds, v.SessionID).BodyID).Kind != data.BodySindaci {
			continue
		}
		var pop int64
		for _, x := range v.Voters {
			pop += x.Weight
		}
		if v.Method != data.MethodMotion || v.Secret || v.Rules.Weighting != data.WeightDouble || len(v.Voters) != 8 || pop != 56900 {
			t.Errorf("Sindaci vote %q: %s, secret %v, %s, %d seats of %d inhabitants; want an open motion under the "+
				"double rule, 8 comuni of 56,900", v.Subject, v.Method, v.Secret, v.Rules.Weighting, len(v.Voters), pop)
			continue
		}
		weighted++
		var fav, con, favPop, conPop int64
		for _, b := range ballotsOf(ds, v.ID) {
			x, _ := voterOf(v, b.Voter)
			switch b.Choice {
			case vote.Favorevole:
				fav, favPop = fav+1, favPop+x.Weight
			case vote.Contrario:
				con, conPop = con+1, conPop+x.Weight
			}
		}
		// The Sindaci's threshold is absolute, of the votanti.
		if 2*fav > fav+con && 2*favPop <= favPop+conPop {
			split = append(split, v.ID)
		}
	}
	if weighted < 2 {
		t.Errorf("weighted votes of the Sindaci = %d, want at least 2", weighted)
	}
	if want := id("vote", "sindaci-2025-02", "4", "20"); len(split) != 1 || split[0] != want {
		t.Errorf("Sindaci votes with a majority of comuni but not of inhabitants = %v, want [%s]", split, want)
	}
}

// TestVotesSecret checks that a secret vote keeps no link between who voted and what: its ballots are
// anonymous totals with the vote's opening time, and who voted is listed apart, with the same time.
func TestVotesSecret(t *testing.T) {
	ds := trasimeno(t)
	secret := 0
	for _, v := range ds.Votes {
		if !v.Secret {
			if n := len(turnoutOf(ds, v.ID)); n != 0 {
				t.Errorf("open vote %q has %d turnout records", v.Subject, n)
			}
			continue
		}
		secret++
		cast := 0
		for _, b := range ballotsOf(ds, v.ID) {
			if b.Voter != "" || b.Count < 1 || !b.Created.Equal(v.Opened) || !b.Updated.Equal(v.Opened) {
				t.Errorf("secret vote %q: ballot %+v, want anonymous with the vote's opening time", v.Subject, b)
			}
			cast += b.Count
		}
		turnout := turnoutOf(ds, v.ID)
		seen := map[string]bool{}
		for _, x := range turnout {
			voter, ok := voterOf(v, x.SeatID)
			if !ok || !voter.Present || seen[x.SeatID] || !x.Created.Equal(v.Opened) || !x.Updated.Equal(v.Opened) {
				t.Errorf("secret vote %q: turnout %+v, want a seat present, once, with the vote's opening time", v.Subject, x)
			}
			seen[x.SeatID] = true
		}
		if len(turnout) == 0 || cast != len(turnout) {
			t.Errorf("secret vote %q: %d ballots from %d seats that voted", v.Subject, cast, len(turnout))
		}
	}
	if secret == 0 {
		t.Error("no secret vote in the demo")
	}
}

// TestVotesBallots checks the open votes' ballots: one per seat present, cast while the vote was open;
// and that the demo shows schede nulle, a dot vote's ballot over the allowance among them.
func TestVotesBallots(t *testing.T) {
	ds := trasimeno(t)
	votes := map[string]data.Vote{}
	for _, v := range ds.Votes {
		votes[v.ID] = v
	}
	cast := map[[2]string]bool{}
	overDots := 0
	for _, b := range ds.Ballots {
		v, ok := votes[b.VoteID]
		if !ok {
			t.Errorf("ballot %s of an unknown vote", b.ID)
			continue
		}
		if v.Secret {
			continue
		}
		voter, ok := voterOf(v, b.Voter)
		if !ok || !voter.Present || b.Count != 1 || cast[[2]string{v.ID, b.Voter}] || b.Created.Before(v.Opened) ||
			b.Created.After(v.Closed) {
			t.Errorf("vote %q: ballot %+v, want one of a seat present, cast while the vote was open", v.Subject, b)
		}
		cast[[2]string{v.ID, b.Voter}] = true
		spent := 0
		for _, n := range b.Allocation {
			spent += n
		}
		if v.Method == data.MethodDots && spent > v.Settings.DotsPerVoter {
			overDots++
		}
	}
	if overDots == 0 {
		t.Error("no dot ballot over the allowance: the demo shows no scheda nulla")
	}
}

// TestVotesReproducible checks that the votes do not depend on the scale of the people.
func TestVotesReproducible(t *testing.T) {
	a := trasimeno(t)
	big, err := Trasimeno(3)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		a, b any
	}{{"votes", a.Votes, big.Votes}, {"ballots", a.Ballots, big.Ballots}, {"turnout", a.Turnout, big.Turnout}} {
		if !reflect.DeepEqual(f.a, f.b) {
			t.Errorf("%s differ between scale 1 and scale 3", f.name)
		}
	}
}
