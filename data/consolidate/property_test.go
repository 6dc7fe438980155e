package consolidate_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/consolidate"
	"github.com/tavoli/tavoli/data/vote"
)

// priorityMethods are the methods whose votes the consolidation reads.
var priorityMethods = []data.VoteMethod{data.MethodDots, data.MethodPoints, data.MethodBorda, data.MethodSchulze,
	data.MethodScore, data.MethodApproval}

// randomCount is a random small vote of the method: 3–6 options, 5–15 ballots, a tie-break of first
// place now and then, decimal criterion weights. Ballots may break the method's rules: they are
// schede nulle, as at a real table.
func randomCount(rng *rand.Rand, method data.VoteMethod) vote.Count {
	n, voters := 3+rng.IntN(4), 5+rng.IntN(11)
	c := vote.Count{Method: method}
	for i := range n {
		c.Options = append(c.Options, vote.Option{ID: fmt.Sprintf("o%d", i), Label: fmt.Sprintf("Proposta %d", i)})
	}
	switch rng.IntN(3) {
	case 1:
		c.Rules.TieBreak, c.Rules.Seed = data.TieLot, ptr(rng.Int64())
	case 2:
		c.Rules.TieBreak, c.Rules.Chair = data.TieChair, "v0"
		for i := range voters {
			c.Voters = append(c.Voters, vote.Voter{ID: fmt.Sprintf("v%d", i), Present: true})
		}
	}
	if method == data.MethodScore {
		for i := range 1 + rng.IntN(3) {
			c.Criteria = append(c.Criteria, vote.Criterion{ID: fmt.Sprintf("k%d", i), Weight: float64(1+rng.IntN(5)) / 10})
		}
	}
	for v := range voters {
		var b vote.Ballot
		if c.Voters != nil {
			b.Voter = c.Voters[v].ID
		}
		perm := rng.Perm(n)
		switch method {
		case data.MethodDots:
			b.Allocation = map[string]int{}
			for range rng.IntN(6) {
				b.Allocation[c.Options[rng.IntN(n)].ID]++
			}
		case data.MethodPoints:
			b.Allocation = map[string]int{}
			left := 100
			for _, o := range perm[:n-1] {
				x := rng.IntN(left + 1)
				b.Allocation[c.Options[o].ID] = x
				left -= x
			}
			b.Allocation[c.Options[perm[n-1]].ID] = left
		case data.MethodBorda, data.MethodSchulze:
			for _, o := range perm[:1+rng.IntN(n)] {
				b.Ranking = append(b.Ranking, c.Options[o].ID)
			}
		case data.MethodScore:
			b.Scores = map[string]map[string]int{}
			for _, o := range c.Options {
				b.Scores[o.ID] = map[string]int{}
				for _, k := range c.Criteria {
					b.Scores[o.ID][k.ID] = 1 + rng.IntN(5)
				}
			}
		case data.MethodApproval:
			b.Approve = []string{}
			for _, o := range perm[:rng.IntN(n+1)] {
				b.Approve = append(b.Approve, c.Options[o].ID)
			}
		}
		c.Ballots = append(c.Ballots, b)
	}
	return c
}

// TestSharesKeepTheVotesOrder: for random small votes of every method, each vote's contribution keeps
// the vote's own result. An option the tally ranks above another never gets a lower share; options it
// ranks together, or that were tied for first place before a tie-break, get the same share.
func TestSharesKeepTheVotesOrder(t *testing.T) {
	const perMethod = 2000
	rng := rand.New(rand.NewPCG(15, 1))
	compared := 0
	for _, method := range priorityMethods {
		for range perMethod {
			c := randomCount(rng, method)
			r, err := vote.Tally(c)
			if err != nil {
				t.Fatalf("Tally(%+v): %v", c, err)
			}
			v := consolidate.Vote{ID: "v", Method: r.Method, ScaleMin: r.Rules.ScaleMin, ScaleMax: r.Rules.ScaleMax,
				Valid: r.Valid, Ranking: r.Ranking, TieBreak: r.TieBreak}
			shares := consolidate.Shares(v)
			if shares == nil {
				continue // no valid ballot, or nothing given to anyone: the vote contributes nothing
			}
			compared++
			tiedFirst := map[string]bool{}
			if r.TieBreak != nil {
				for _, id := range r.TieBreak.Order {
					tiedFirst[id] = true
				}
			}
			for _, a := range r.Ranking {
				for _, b := range r.Ranking {
					sa, sb := shares[a.Option], shares[b.Option]
					switch {
					case a.Rank == b.Rank || tiedFirst[a.Option] && tiedFirst[b.Option]:
						if sa != sb {
							t.Fatalf("%s vote %+v: ranking %v tie %v, but shares %s %v and %s %v differ",
								method, c, r.Ranking, r.TieBreak, a.Option, sa, b.Option, sb)
						}
					case a.Rank < b.Rank && sa < sb:
						t.Fatalf("%s vote %+v: ranking %v puts %s above %s, but shares %v < %v",
							method, c, r.Ranking, a.Option, b.Option, sa, sb)
					}
				}
			}
		}
	}
	if compared < len(priorityMethods)*perMethod*9/10 {
		t.Errorf("only %d profiles compared of %d", compared, len(priorityMethods)*perMethod)
	}
	t.Logf("%d random profiles compared (%d generated, 3–6 options, 5–15 ballots, every priority method)",
		compared, len(priorityMethods)*perMethod)
}

// TestSchulzeTieAtTheTop is the Anziani vote: 4 × Trasporto > Albo > Custode > Caffè and
// 4 × Caffè > Trasporto > Albo > Custode. The tally ties Trasporto and Caffè first; so do the shares,
// and Albo, third, gets less than both.
func TestSchulzeTieAtTheTop(t *testing.T) {
	v := tallied(t, "v", "Tavolo anziani", vote.Count{Method: data.MethodSchulze,
		Options: options("trasporto", "albo", "custode", "caffe"),
		Ballots: []vote.Ballot{{Count: 4, Ranking: []string{"trasporto", "albo", "custode", "caffe"}},
			{Count: 4, Ranking: []string{"caffe", "trasporto", "albo", "custode"}}}})
	want := map[string]float64{"trasporto": 1, "caffe": 1, "albo": 1.0 / 3, "custode": 0}
	if got := consolidate.Shares(v); !near(got, want) {
		t.Errorf("Shares(%v) = %v, want %v", v.Ranking, got, want)
	}
}
