package vote_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// rankings turns "5 ACBED" lines into ballots: 5 identical rankings A > C > B > E > D.
func rankings(t *testing.T, lines ...string) []vote.Ballot {
	t.Helper()
	var out []vote.Ballot
	for _, l := range lines {
		var n int
		var order string
		if _, err := fmt.Sscanf(l, "%d %s", &n, &order); err != nil {
			t.Fatalf("rankings(%q): %v", l, err)
		}
		out = append(out, vote.Ballot{Count: n, Ranking: strings.Split(order, "")})
	}
	return out
}

// schulzeExample is the example of the Schulze method on Wikipedia ("Schulze method", section
// Example; the same as Example 1 of Markus Schulze's "Schulze method examples",
// https://pinocchiopedia.com/wiki/User:MarkusSchulze/Schulze_method_examples): 45 voters, 5 candidates.
// The published result: E wins, and the Schulze ranking is E > A > C > B > D.
func schulzeExample(t *testing.T) vote.Count {
	return vote.Count{Method: data.MethodSchulze, Options: options("A", "B", "C", "D", "E"),
		Ballots: rankings(t, "5 ACBED", "5 ADECB", "8 BEDAC", "3 CABED", "7 CAEBD", "2 CBADE", "7 DCEBA", "8 EBADC")}
}

// tennessee is the "Tennessee capital" example (Wikipedia "Borda count"; electowiki "Effects of
// different voting systems under similar circumstances",
// https://electowiki.org/wiki/Effects_of_different_voting_systems_under_similar_circumstances): the
// electorate lives in four cities, everyone wants the capital near home. Percentages as 100 voters:
// 42 Memphis > Nashville > Chattanooga > Knoxville, 26 Nashville > Chattanooga > Knoxville > Memphis,
// 15 Chattanooga > Knoxville > Nashville > Memphis, 17 Knoxville > Chattanooga > Nashville > Memphis.
func tennessee(method data.VoteMethod) vote.Count {
	m, n, c, k := "memphis", "nashville", "chattanooga", "knoxville"
	return vote.Count{Method: method,
		Options: []vote.Option{{ID: m, Label: "Memphis"}, {ID: n, Label: "Nashville"}, {ID: c, Label: "Chattanooga"},
			{ID: k, Label: "Knoxville"}},
		Ballots: []vote.Ballot{
			{Count: 42, Ranking: []string{m, n, c, k}},
			{Count: 26, Ranking: []string{n, c, k, m}},
			{Count: 15, Ranking: []string{c, k, n, m}},
			{Count: 17, Ranking: []string{k, c, n, m}},
		}}
}

func TestPublishedExamples(t *testing.T) {
	tests := []struct {
		name    string
		count   vote.Count
		ranking string
		winner  string
		valid   int
	}{
		// Schulze: E beats all four, A three, C two, B one, D none.
		{"Wikipedia's Schulze example", schulzeExample(t), "1:E=4 2:A=3 3:C=2 4:B=1 5:D=0", "E", 45},
		// Borda with 3, 2, 1, 0 points: the published Borda table gives Memphis 126, Nashville 194,
		// Chattanooga 173, Knoxville 107 (as percentages), Nashville winning.
		{"Tennessee capital, Borda", tennessee(data.MethodBorda),
			"1:nashville=194 2:chattanooga=173 3:memphis=126 4:knoxville=107", "nashville", 100},
		// Nashville beats every other city head to head (the Condorcet winner); Chattanooga beats
		// Knoxville 83 to 17 and Memphis 58 to 42; Knoxville beats Memphis 58 to 42.
		{"Tennessee capital, Schulze", tennessee(data.MethodSchulze),
			"1:nashville=3 2:chattanooga=2 3:knoxville=1 4:memphis=0", "nashville", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustTally(t, tt.count)
			if ranking(r) != tt.ranking || winner(r) != tt.winner || r.Tie || r.Valid != tt.valid {
				t.Errorf("Tally(%s) = %s, winner %s, tie %v, %d valid; want %s, winner %s, no tie, %d valid", file(tt.count),
					ranking(r), winner(r), r.Tie, r.Valid, tt.ranking, tt.winner, tt.valid)
			}
		})
	}
}

// TestSchulzeAgainstPaths checks the Schulze count on random elections against a slow reference
// written from the definition: every simple path of pairwise defeats is enumerated, a path is as
// strong as its weakest defeat, and the winners are the options whose strongest path to each other is
// at least as strong as the way back.
func TestSchulzeAgainstPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(2027, 3))
	ids := []string{"A", "B", "C", "D", "E"}
	for round := range 500 {
		n := 2 + rng.IntN(4)
		c := vote.Count{Method: data.MethodSchulze, Options: options(ids[:n]...)}
		for range 1 + rng.IntN(12) {
			order := slices.Clone(ids[:n])
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			c.Ballots = append(c.Ballots, vote.Ballot{Count: 1 + rng.IntN(5), Ranking: order[:rng.IntN(n+1)]})
		}
		r := mustTally(t, c)
		wantWinners, wantBeats := referenceSchulze(c)
		var gotWinners []string
		gotBeats := map[string]int{}
		for _, x := range r.Ranking {
			if x.Rank == 1 {
				gotWinners = append(gotWinners, x.Option)
			}
			gotBeats[x.Option] = int(x.Score)
		}
		slices.Sort(gotWinners)
		if fmt.Sprint(gotWinners, gotBeats) != fmt.Sprint(wantWinners, wantBeats) {
			t.Fatalf("round %d: Tally(%s) = winners %v beats %v, want %v %v", round, file(c), gotWinners, gotBeats,
				wantWinners, wantBeats)
		}
	}
}

// referenceSchulze returns the Schulze winners of c (sorted) and how many options each one beats.
func referenceSchulze(c vote.Count) ([]string, map[string]int) {
	n := len(c.Options)
	prefers := func(b vote.Ballot, x, y string) bool {
		ix, iy := slices.Index(b.Ranking, x), slices.Index(b.Ranking, y)
		return ix >= 0 && (iy < 0 || ix < iy)
	}
	d := make([][]int, n)
	for i, x := range c.Options {
		d[i] = make([]int, n)
		for j, y := range c.Options {
			for _, b := range c.Ballots {
				if prefers(b, x.ID, y.ID) {
					d[i][j] += b.Count
				}
			}
		}
	}
	var strongest func(from, to int, seen []bool, weakest int) int
	strongest = func(from, to int, seen []bool, weakest int) int {
		best := 0
		for next := range n {
			if seen[next] || d[from][next] <= d[next][from] {
				continue
			}
			w := min(weakest, d[from][next])
			if next == to {
				best = max(best, w)
				continue
			}
			seen[next] = true
			best = max(best, strongest(next, to, seen, w))
			seen[next] = false
		}
		return best
	}
	p := make([][]int, n)
	for i := range n {
		p[i] = make([]int, n)
		for j := range n {
			if i != j {
				seen := make([]bool, n)
				seen[i] = true
				p[i][j] = strongest(i, j, seen, 1<<30)
			}
		}
	}
	var winners []string
	beats := map[string]int{}
	for i, x := range c.Options {
		winner := true
		beats[x.ID] = 0
		for j := range n {
			if p[i][j] > p[j][i] {
				beats[x.ID]++
			}
			if p[j][i] > p[i][j] {
				winner = false
			}
		}
		if winner {
			winners = append(winners, x.ID)
		}
	}
	slices.Sort(winners)
	return winners, beats
}
