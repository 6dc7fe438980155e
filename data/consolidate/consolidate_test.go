package consolidate_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/consolidate"
	"github.com/tavoli/tavoli/data/vote"
)

// tolerance is how far a computed share or score may be from the figure worked out by hand.
const tolerance = 1e-12

// ranking turns "A=3 B=1" into a ranking with those scores, ranked as the tally would rank them:
// best first, equal scores sharing a rank (1, 1, 3). "A:2" sets the rank directly, for Schulze.
func ranking(spec string) []vote.Ranked {
	var out []vote.Ranked
	for _, f := range strings.Fields(spec) {
		if id, rank, ok := strings.Cut(f, ":"); ok {
			r, err := strconv.Atoi(rank)
			if err != nil {
				panic("ranking " + spec + ": " + err.Error())
			}
			out = append(out, vote.Ranked{Option: id, Rank: r})
			continue
		}
		id, score, _ := strings.Cut(f, "=")
		s, err := strconv.ParseFloat(score, 64)
		if err != nil {
			panic("ranking " + spec + ": " + err.Error())
		}
		out = append(out, vote.Ranked{Option: id, Score: s})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	for i := range out {
		if out[i].Rank != 0 {
			continue
		}
		out[i].Rank = i + 1
		if i > 0 && out[i].Score == out[i-1].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	// Ranks given by hand (Schulze) get the score Schulze gives: the number of options ranked below.
	for i := range out {
		if out[i].Score != 0 {
			continue
		}
		for _, o := range out {
			if o.Rank > out[i].Rank {
				out[i].Score++
			}
		}
	}
	return out
}

// near reports whether two maps of shares hold the same options with the same figures.
func near(got, want map[string]float64) bool {
	if len(got) != len(want) || (got == nil) != (want == nil) {
		return false
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok || math.Abs(g-w) > tolerance {
			return false
		}
	}
	return true
}

func TestShares(t *testing.T) {
	tests := []struct {
		name string
		v    consolidate.Vote
		want map[string]float64
	}{
		// Share of the total: 3 + 1 dots.
		{"dots", consolidate.Vote{Method: data.MethodDots, Valid: 2, Ranking: ranking("A=3 B=1")},
			map[string]float64{"A": 0.75, "B": 0.25}},
		// An option nobody put a dot on keeps its place with a share of nothing.
		{"dots with an option without dots", consolidate.Vote{Method: data.MethodDots, Valid: 1,
			Ranking: ranking("A=5 B=0")}, map[string]float64{"A": 1, "B": 0}},
		{"points", consolidate.Vote{Method: data.MethodPoints, Valid: 3, Ranking: ranking("A=180 B=90 C=30")},
			map[string]float64{"A": 0.6, "B": 0.3, "C": 0.1}},
		// 4 voters approving 2, 1, 1 times: a share of the 4 approvals, not of the voters.
		{"approval", consolidate.Vote{Method: data.MethodApproval, Valid: 4, Ranking: ranking("A=2 B=1 C=1")},
			map[string]float64{"A": 0.5, "B": 0.25, "C": 0.25}},
		// The Tennessee capital's Borda points, 600 in all.
		{"borda", consolidate.Vote{Method: data.MethodBorda, Valid: 100,
			Ranking: ranking("N=194 C=173 M=126 K=107")},
			map[string]float64{"N": 194.0 / 600, "C": 173.0 / 600, "M": 126.0 / 600, "K": 107.0 / 600}},
		// n = 4: (4−1)/3, (4−2)/3, (4−3)/3, (4−4)/3.
		{"schulze", consolidate.Vote{Method: data.MethodSchulze, Valid: 45, Ranking: ranking("E:1 A:2 C:3 B:4")},
			map[string]float64{"E": 1, "A": 2.0 / 3, "C": 1.0 / 3, "B": 0}},
		// Two tied first: both (3−1)/2 = 1; the third (3−3)/2 = 0.
		{"schulze tied first", consolidate.Vote{Method: data.MethodSchulze, Valid: 5, Ranking: ranking("A:1 B:1 C:3")},
			map[string]float64{"A": 1, "B": 1, "C": 0}},
		// Two tied second of four: (4−2)/3 each.
		{"schulze tied second", consolidate.Vote{Method: data.MethodSchulze, Valid: 5,
			Ranking: ranking("A:1 B:2 C:2 D:4")}, map[string]float64{"A": 1, "B": 2.0 / 3, "C": 2.0 / 3, "D": 0}},
		// (n − rank)/(n − 1) would divide by zero: the one option takes everything.
		{"schulze one option", consolidate.Vote{Method: data.MethodSchulze, Valid: 3, Ranking: ranking("A:1")},
			map[string]float64{"A": 1}},
		// Default 1–5: (5−1)/4, (4.2−1)/4, (3−1)/4, (1−1)/4.
		{"score default scale", consolidate.Vote{Method: data.MethodScore, Valid: 6,
			Ranking: ranking("A=5 B=4.2 C=3 D=1")}, map[string]float64{"A": 1, "B": 0.8, "C": 0.5, "D": 0}},
		// A custom 0–10 scale: a zero minimum is a real bound once a maximum is given.
		{"score 0-10", consolidate.Vote{Method: data.MethodScore, Valid: 6, ScaleMin: 0, ScaleMax: 10,
			Ranking: ranking("A=7.5 B=2")}, map[string]float64{"A": 0.75, "B": 0.2}},
		// A custom −2…2 scale: (1−(−2))/4, (−2−(−2))/4.
		{"score -2..2", consolidate.Vote{Method: data.MethodScore, Valid: 2, ScaleMin: -2, ScaleMax: 2,
			Ranking: ranking("A=1 B=-2")}, map[string]float64{"A": 0.75, "B": 0}},
		// An option nobody scored has a mean of 0, below the default scale: clamped to 0; a mean
		// above the scale (a rescaled vote) is clamped to 1.
		{"score clamped", consolidate.Vote{Method: data.MethodScore, Valid: 2, Ranking: ranking("A=6 B=3 C=0")},
			map[string]float64{"A": 1, "B": 0.5, "C": 0}},
		{"motion", consolidate.Vote{Method: data.MethodMotion, Valid: 10, Ranking: ranking("A=1")}, nil},
		{"unknown method", consolidate.Vote{Method: "lottery", Valid: 10, Ranking: ranking("A=1")}, nil},
		{"empty ranking", consolidate.Vote{Method: data.MethodDots, Valid: 10}, nil},
		{"zero total", consolidate.Vote{Method: data.MethodPoints, Valid: 3, Ranking: ranking("A=0 B=0")}, nil},
		{"no valid ballots", consolidate.Vote{Method: data.MethodDots, Valid: 0, Ranking: ranking("A=0 B=0")}, nil},
		{"no valid ballots, schulze", consolidate.Vote{Method: data.MethodSchulze, Valid: 0,
			Ranking: ranking("A:1 B:1")}, nil},
		{"scale upside down", consolidate.Vote{Method: data.MethodScore, Valid: 2, ScaleMin: 5, ScaleMax: 1,
			Ranking: ranking("A=3")}, nil},
		{"scale of one point", consolidate.Vote{Method: data.MethodScore, Valid: 2, ScaleMin: 3, ScaleMax: 3,
			Ranking: ranking("A=3")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := consolidate.Shares(tt.v); !near(got, tt.want) {
				t.Errorf("Shares(%s %v) = %v, want %v", tt.v.Method, tt.v.Ranking, got, tt.want)
			}
		})
	}
}

// lineage maps an option to the proposals that take its share; an option not listed stands alone.
type lineage map[string][]string

func (l lineage) heirs(option string) []string {
	if h, ok := l[option]; ok {
		return h
	}
	return []string{option}
}

// dots is a dot vote of body with valid ballots and the given scores.
func dots(id, body string, valid int, spec string) consolidate.Vote {
	return consolidate.Vote{ID: id, BodyID: "b-" + body, BodyName: body, Method: data.MethodDots, Valid: valid,
		Ranking: ranking(spec)}
}

// want is one expected line of a consolidation.
type want struct {
	id     string
	score  float64
	rank   int
	shares map[string]float64
	bodies []string
}

// check compares a consolidation with the lines expected, in order.
func check(t *testing.T, got []consolidate.Score, wants []want) {
	t.Helper()
	ok := len(got) == len(wants)
	for i := 0; ok && i < len(got); i++ {
		g, w := got[i], wants[i]
		ok = g.ProposalID == w.id && math.Abs(g.Score-w.score) <= tolerance && g.Rank == w.rank &&
			(w.shares == nil || near(g.Shares, w.shares)) && (w.bodies == nil || slices.Equal(g.Bodies, w.bodies))
	}
	if !ok {
		t.Errorf("Consolidate() = %s\nwant %s", show(got), wantShow(wants))
	}
}

func show(scores []consolidate.Score) string {
	var b strings.Builder
	for _, s := range scores {
		fmt.Fprintf(&b, "\n  %d %s %.6f %v %v", s.Rank, s.ProposalID, s.Score, s.Shares, s.Bodies)
	}
	return b.String()
}

func wantShow(wants []want) string {
	var b strings.Builder
	for _, w := range wants {
		fmt.Fprintf(&b, "\n  %d %s %.6f %v %v", w.rank, w.id, w.score, w.shares, w.bodies)
	}
	return b.String()
}

func TestConsolidate(t *testing.T) {
	tests := []struct {
		name    string
		votes   []consolidate.Vote
		lineage lineage
		weigh   data.Weighing
		want    []want
	}{
		{
			// P: 6/10 and 2/10, mean 0.4; Q: 4/10 and 8/10, mean 0.6.
			name: "mean over the votes, every table the same",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo anziani", 30, "P=6 Q=4"),
				dots("v2", "Tavolo minori", 10, "P=2 Q=8"),
			},
			weigh: data.WeighTables,
			want: []want{
				{id: "Q", score: 0.6, rank: 1, shares: map[string]float64{"v1": 0.4, "v2": 0.8}},
				{id: "P", score: 0.4, rank: 2, shares: map[string]float64{"v1": 0.6, "v2": 0.2}},
			},
		},
		{
			// The same votes weighed by their ballots: P (0.6·30 + 0.2·10)/40 = 0.5, Q (0.4·30 + 0.8·10)/40 = 0.5.
			name: "weighed by voters",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo anziani", 30, "P=6 Q=4"),
				dots("v2", "Tavolo minori", 10, "P=2 Q=8"),
			},
			weigh: data.WeighVoters,
			want: []want{
				{id: "P", score: 0.5, rank: 1},
				{id: "Q", score: 0.5, rank: 1},
			},
		},
		{
			// A and B were merged into M after v1. In v1 M takes 3/8 + 1/8 = 1/2, and v1 counts once
			// for it: all its parts together give (1/2 + 3/10)/2 = 0.4, not (3/8 + 1/8 + 3/10)/3. A and B
			// alone, as they stood before M was voted, give 1/2: M keeps the best, 1/2, from v1.
			// C: (1/2 + 7/10)/2.
			name: "merged proposal",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo anziani", 4, "A=3 B=1 C=4"),
				dots("v2", "Tavolo anziani", 4, "M=3 C=7"),
			},
			lineage: lineage{"A": {"M"}, "B": {"M"}},
			weigh:   data.WeighTables,
			want: []want{
				{id: "C", score: 0.6, rank: 1, shares: map[string]float64{"v1": 0.5, "v2": 0.7}},
				{id: "M", score: 0.5, rank: 2, shares: map[string]float64{"v1": 0.5}},
			},
		},
		{
			// O was split: O stands and P1 is a part of it; both take O's 2/3 of the vote.
			name: "split part inherits its origin's share",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo disabilità", 3, "O=2 X=1"),
			},
			lineage: lineage{"O": {"O", "P1"}},
			weigh:   data.WeighTables,
			want: []want{
				{id: "O", score: 2.0 / 3, rank: 1, shares: map[string]float64{"v1": 2.0 / 3}},
				{id: "P1", score: 2.0 / 3, rank: 1, shares: map[string]float64{"v1": 2.0 / 3}},
				{id: "X", score: 1.0 / 3, rank: 3},
			},
		},
		{
			// P appears in votes of two bodies, one of them twice: each body once, in the votes' order.
			name: "bodies of the votes",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo minori", 2, "P=1 Q=1"),
				dots("v2", "Tavolo anziani", 2, "P=1 Q=1"),
				dots("v3", "Tavolo minori", 2, "P=1 R=1"),
			},
			weigh: data.WeighTables,
			want: []want{
				{id: "P", score: 0.5, rank: 1, bodies: []string{"Tavolo minori", "Tavolo anziani"}},
				{id: "Q", score: 0.5, rank: 1, bodies: []string{"Tavolo minori", "Tavolo anziani"}},
				{id: "R", score: 0.5, rank: 1, bodies: []string{"Tavolo minori"}},
			},
		},
		{
			// X takes 1/10 + 2/10, which in floats is 0.30000000000000004, Y 3/10 exactly: they tie
			// for first and the next two share the third place. Equal scores go by proposal id.
			name: "shared ranks",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo anziani", 5, "A=1 B=2 Y=3 W=2 Z=2"),
			},
			lineage: lineage{"A": {"X"}, "B": {"X"}},
			weigh:   data.WeighTables,
			want: []want{
				{id: "X", score: 0.3, rank: 1},
				{id: "Y", score: 0.3, rank: 1},
				{id: "W", score: 0.2, rank: 3},
				{id: "Z", score: 0.2, rank: 3},
			},
		},
		{
			// A motion, a vote without valid ballots and one without dots give no shares: they are
			// not votes the proposal "appeared in", so P's mean is over v1 alone.
			name: "votes that give no shares are skipped",
			votes: []consolidate.Vote{
				dots("v1", "Tavolo anziani", 2, "P=1 Q=3"),
				{ID: "v2", BodyName: "Tavolo anziani", Method: data.MethodMotion, Valid: 9},
				dots("v3", "Tavolo anziani", 0, "P=0 Q=0"),
				dots("v4", "Tavolo minori", 2, "P=0 Q=0"),
			},
			weigh: data.WeighTables,
			want: []want{
				{id: "Q", score: 0.75, rank: 1, shares: map[string]float64{"v1": 0.75}, bodies: []string{"Tavolo anziani"}},
				{id: "P", score: 0.25, rank: 2, shares: map[string]float64{"v1": 0.25}, bodies: []string{"Tavolo anziani"}},
			},
		},
		{
			name:  "no votes",
			weigh: data.WeighTables,
			want:  []want{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := consolidate.Consolidate(tt.votes, tt.lineage.heirs, tt.weigh)
			if got == nil {
				t.Fatalf("Consolidate() = nil, want an empty list")
			}
			check(t, got, tt.want)
		})
	}
}

// TestConsolidateDeterministic runs a consolidation full of ties many times: maps are walked in a
// different order each time, the result must not change. The scores of e, f and g lie 0.7e-9 apart:
// e and f, f and g are within 1e-9 of each other, e and g are not. Comparing scores within such a
// tolerance is not transitive, and the order then depended on the order the proposals came out of a
// map (e ranked 3rd or 4th from one run to the next).
func TestConsolidateDeterministic(t *testing.T) {
	votes := []consolidate.Vote{
		dots("v1", "Tavolo anziani", 5, "a=1 b=1 c=1 d=1 h=1"),
		dots("v2", "Tavolo minori", 7, "a=2 b=2 c=1 d=1 h=3"),
		{ID: "v3", BodyName: "Tavolo disabilità", Method: data.MethodPoints, Valid: 1, Ranking: []vote.Ranked{
			{Option: "g", Score: 0.25 + 1.4e-9, Rank: 1},
			{Option: "f", Score: 0.25 + 0.7e-9, Rank: 2},
			{Option: "e", Score: 0.25, Rank: 3},
			{Option: "x", Score: 0.25 - 2.1e-9, Rank: 4},
		}},
	}
	l := lineage{"c": {"c", "c1", "c2"}, "d": {"m"}, "h": {"m"}}
	for _, w := range []data.Weighing{data.WeighTables, data.WeighVoters} {
		first := consolidate.Consolidate(votes, l.heirs, w)
		for range 200 {
			if got := consolidate.Consolidate(votes, l.heirs, w); !reflect.DeepEqual(got, first) {
				t.Fatalf("Consolidate(%s) = %s\nthen %s", w, show(first), show(got))
			}
		}
		for i := 1; i < len(first); i++ {
			a, b := first[i-1], first[i]
			if a.Rank > b.Rank || a.Score < b.Score-1e-6 || (a.Score-b.Score > 1e-6 && a.Rank == b.Rank) {
				t.Errorf("Consolidate(%s): %d %s %v before %d %s %v", w, a.Rank, a.ProposalID, a.Score,
					b.Rank, b.ProposalID, b.Score)
			}
			if a.Rank == b.Rank && a.ProposalID > b.ProposalID {
				t.Errorf("Consolidate(%s): tied %s before %s", w, a.ProposalID, b.ProposalID)
			}
		}
	}
}

// tallied tallies c and turns its result into the vote the consolidation reads.
func tallied(t testing.TB, id, body string, c vote.Count) consolidate.Vote {
	t.Helper()
	r, err := vote.Tally(c)
	if err != nil {
		t.Fatalf("Tally(%s): %v", id, err)
	}
	if r.Priority == nil {
		t.Fatalf("Tally(%s) has no priority result", id)
	}
	return consolidate.Vote{ID: id, BodyID: "b-" + body, BodyName: body, Method: r.Method,
		ScaleMin: r.Rules.ScaleMin, ScaleMax: r.Rules.ScaleMax, Valid: r.Valid, Ranking: r.Ranking, TieBreak: r.TieBreak}
}

func options(ids ...string) []vote.Option {
	var out []vote.Option
	for _, id := range ids {
		out = append(out, vote.Option{ID: id, Label: "Proposta " + id})
	}
	return out
}

// TestTalliedVotes counts two real votes and consolidates them; every figure is worked out by hand.
func TestTalliedVotes(t *testing.T) {
	// The Tavolo anziani spreads 5 dots each on p1…p4. The fourth ballot spends 6 dots: a scheda
	// nulla, so 3 valid ballots. Dots: p1 3+2 = 5, p2 2, p3 3, p4 5; 15 in all.
	// Shares: p1 5/15 = 1/3, p2 2/15, p3 3/15 = 1/5, p4 5/15 = 1/3.
	// Since then p4 was merged into p2, which takes 2/15 + 5/15 = 7/15 of this vote.
	anziani := tallied(t, "v-anziani", "Tavolo anziani", vote.Count{
		Method: data.MethodDots, Options: options("p1", "p2", "p3", "p4"),
		Ballots: []vote.Ballot{
			{Allocation: map[string]int{"p1": 3, "p2": 2}},
			{Allocation: map[string]int{"p1": 2, "p3": 3}},
			{Allocation: map[string]int{"p4": 5}},
			{Allocation: map[string]int{"p1": 6}},
		},
	})
	if anziani.Valid != 3 {
		t.Fatalf("dot vote: %d valid ballots, want 3", anziani.Valid)
	}

	// The Tavolo minori ranks p1, p2, p3 (p4 was already merged): 3 × p2 > p1 > p3, 2 × p1 > p3 > p2,
	// 2 × p3 > p1 > p2; 7 valid ballots. Head to head p1 beats p2 4 to 3 and p3 5 to 2; p3 beats p2
	// 4 to 3. No cycle: p1 first, p3 second, p2 third. Shares (3 − rank)/2: p1 1, p3 1/2, p2 0.
	// p3 was later split: p5 is a part of it and inherits its shares in both votes.
	minori := tallied(t, "v-minori", "Tavolo minori", vote.Count{
		Method: data.MethodSchulze, Options: options("p1", "p2", "p3"),
		Ballots: []vote.Ballot{
			{Count: 3, Ranking: []string{"p2", "p1", "p3"}},
			{Count: 2, Ranking: []string{"p1", "p3", "p2"}},
			{Count: 2, Ranking: []string{"p3", "p1", "p2"}},
		},
	})
	if minori.Valid != 7 {
		t.Fatalf("Schulze vote: %d valid ballots, want 7", minori.Valid)
	}

	l := lineage{"p4": {"p2"}, "p3": {"p3", "p5"}}
	votes := []consolidate.Vote{anziani, minori}
	both := []string{"Tavolo anziani", "Tavolo minori"}

	t.Run("tables", func(t *testing.T) {
		// p1 (1/3 + 1)/2 = 2/3; p3 and p5 (1/5 + 1/2)/2 = 0.35. p2 with p4 merged into it: together
		// (7/15 + 0)/2 = 7/30, p2 alone (2/15 + 0)/2 = 1/15, p4 alone 5/15 = 1/3, its best part.
		check(t, consolidate.Consolidate(votes, l.heirs, data.WeighTables), []want{
			{id: "p1", score: 2.0 / 3, rank: 1, shares: map[string]float64{"v-anziani": 1.0 / 3, "v-minori": 1}, bodies: both},
			{id: "p3", score: 0.35, rank: 2, shares: map[string]float64{"v-anziani": 0.2, "v-minori": 0.5}, bodies: both},
			{id: "p5", score: 0.35, rank: 2, shares: map[string]float64{"v-anziani": 0.2, "v-minori": 0.5}, bodies: both},
			{id: "p2", score: 1.0 / 3, rank: 4, shares: map[string]float64{"v-anziani": 1.0 / 3}, bodies: []string{"Tavolo anziani"}},
		})
	})
	t.Run("voters", func(t *testing.T) {
		// Weights 3 and 7: p1 (1/3·3 + 1·7)/10 = 0.8; p3 and p5 (1/5·3 + 1/2·7)/10 = 0.41;
		// p2 together (7/15·3 + 0·7)/10 = 0.14, p4 alone 1/3: p2 keeps 1/3.
		check(t, consolidate.Consolidate(votes, l.heirs, data.WeighVoters), []want{
			{id: "p1", score: 0.8, rank: 1},
			{id: "p3", score: 0.41, rank: 2},
			{id: "p5", score: 0.41, rank: 2},
			{id: "p2", score: 1.0 / 3, rank: 4},
		})
	})
}

// BenchmarkConsolidate consolidates 600 votes of 10 options each, every method in turn, over 200
// proposals of which some were merged and some split.
func BenchmarkConsolidate(b *testing.B) {
	rng := rand.New(rand.NewPCG(600, 10))
	methods := []data.VoteMethod{data.MethodDots, data.MethodPoints, data.MethodBorda, data.MethodSchulze,
		data.MethodScore, data.MethodApproval}
	votes := make([]consolidate.Vote, 600)
	for i := range votes {
		v := consolidate.Vote{ID: fmt.Sprintf("v%03d", i), BodyName: fmt.Sprintf("Tavolo %d", i%12),
			Method: methods[i%len(methods)], Valid: 5 + rng.IntN(40)}
		for j, p := range rng.Perm(200)[:10] {
			r := vote.Ranked{Option: fmt.Sprintf("p%03d", p), Rank: j + 1, Score: float64(10 - j)}
			if v.Method == data.MethodScore {
				r.Score = 1 + 4*rng.Float64()
			}
			v.Ranking = append(v.Ranking, r)
		}
		votes[i] = v
	}
	l := lineage{}
	for p := 0; p < 200; p += 10 {
		l[fmt.Sprintf("p%03d", p)] = []string{fmt.Sprintf("p%03d", p+1)}                              // merged
		l[fmt.Sprintf("p%03d", p+2)] = []string{fmt.Sprintf("p%03d", p+2), fmt.Sprintf("s%03d", p+2)} // split
	}
	b.ReportAllocs()
	for b.Loop() {
		consolidate.Consolidate(votes, l.heirs, data.WeighVoters)
	}
}

// TestSchulzeSharesIgnoreTheTieBreak checks that a lot drawn to separate tied options decides the vote's
// winner but not the shares: A>B>C and B>A>C tie A and B, whatever the lot says.
func TestSchulzeSharesIgnoreTheTieBreak(t *testing.T) {
	count := func(tb data.TieBreak) vote.Count {
		return vote.Count{Method: data.MethodSchulze, Options: []vote.Option{{ID: "A"}, {ID: "B"}, {ID: "C"}},
			Rules:   vote.Rules{TieBreak: tb, Seed: ptr(int64(7))},
			Ballots: []vote.Ballot{{Ranking: []string{"A", "B", "C"}}, {Ranking: []string{"B", "A", "C"}}}}
	}
	for _, tb := range []data.TieBreak{data.TieNone, data.TieLot} {
		r, err := vote.Tally(count(tb))
		if err != nil {
			t.Fatalf("Tally(%s): %v", tb, err)
		}
		got := consolidate.Shares(consolidate.Vote{ID: "v", Method: data.MethodSchulze, Valid: r.Valid, Ranking: r.Ranking,
			TieBreak: r.TieBreak})
		if got["A"] != 1 || got["B"] != 1 || got["C"] != 0 {
			t.Errorf("tie-break %s: shares %v, want A 1, B 1, C 0", tb, got)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestMergeSetAside is the example: «Trasporto», first in a Schulze vote of the Anziani table,
// merged with a proposal that got 1 dot of 15 at another table. The merged proposal keeps 1,00, and
// its score says what it set aside: the other part, its vote and share, and the 0,53 the two would
// make together, which is what the Documento di sintesi prints.
func TestMergeSetAside(t *testing.T) {
	votes := []consolidate.Vote{
		{ID: "anz", BodyName: "Tavolo anziani", Method: data.MethodSchulze, Valid: 7,
			Ranking: []vote.Ranked{{Option: "T", Rank: 1, Score: 3}, {Option: "A", Rank: 2, Score: 2}, {Option: "K", Rank: 3}}},
		dots("lav", "Tavolo lavoro", 5, "X=1 Y=14"),
	}
	l := lineage{"T": {"M"}, "X": {"M"}}
	got := consolidate.Consolidate(votes, l.heirs, data.WeighTables)
	var m consolidate.Score
	for _, s := range got {
		if s.ProposalID == "M" {
			m = s
		}
	}
	wholeWant := (1 + 1.0/15) / 2
	if math.Abs(m.Score-1) > tolerance || !slices.Equal(m.Parts, []string{"T"}) || !slices.Equal(m.All, []string{"T", "X"}) ||
		math.Abs(m.Whole-wholeWant) > tolerance || !near(m.Shares, map[string]float64{"anz": 1}) ||
		!near(m.WholeShares, map[string]float64{"anz": 1, "lav": 1.0 / 15}) {
		t.Errorf("Consolidate() M = %+v, want score 1 from parts [T] of [T X], whole %.4f with shares anz 1, lav 1/15", m, wholeWant)
	}
	// A proposal whose figure counts all its parts sets nothing aside.
	for _, s := range got {
		if s.ProposalID != "M" && (s.All != nil || s.Whole != 0 || s.WholeShares != nil) {
			t.Errorf("Consolidate() %s = %+v, want nothing set aside", s.ProposalID, s)
		}
	}
}
