package vote_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// BenchmarkDots is a dot vote of 300 named voters on 200 options: 5 dots each, at most 3 on one option.
func BenchmarkDots(b *testing.B) {
	rng := rand.New(rand.NewPCG(300, 200))
	c := vote.Count{Method: data.MethodDots, Rules: vote.Rules{DotsPerVoter: 5, MaxPerOption: 3},
		Voters: seatsOf(300, 300)}
	for i := range 200 {
		c.Options = append(c.Options, vote.Option{ID: fmt.Sprintf("p%03d", i), Label: fmt.Sprintf("Proposta %d", i)})
	}
	for _, v := range c.Voters {
		ballot := vote.Ballot{Voter: v.ID, Allocation: map[string]int{}}
		for range 5 {
			id := c.Options[rng.IntN(200)].ID
			if ballot.Allocation[id] < 3 {
				ballot.Allocation[id]++
			}
		}
		c.Ballots = append(c.Ballots, ballot)
	}
	benchmarkTally(b, c)
}

// BenchmarkSchulze is a Schulze count of 1,000 ballots, each ranking all of 50 options.
func BenchmarkSchulze(b *testing.B) {
	rng := rand.New(rand.NewPCG(1000, 50))
	c := vote.Count{Method: data.MethodSchulze}
	var ids []string
	for i := range 50 {
		ids = append(ids, fmt.Sprintf("p%02d", i))
		c.Options = append(c.Options, vote.Option{ID: ids[i]})
	}
	for range 1000 {
		order := append([]string(nil), ids...)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		c.Ballots = append(c.Ballots, vote.Ballot{Ranking: order})
	}
	benchmarkTally(b, c)
}

func benchmarkTally(b *testing.B, c vote.Count) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vote.Tally(c); err != nil {
			b.Fatal(err)
		}
	}
}
