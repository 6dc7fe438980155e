package consolidate_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/consolidate"
)

// merged is l after merging proposals a and b into into: every option one of them inherited goes to into.
func merged(l lineage, options []string, a, b, into string) lineage {
	out := lineage{}
	for _, o := range options {
		var hs []string
		for _, h := range l.heirs(o) {
			if h == a || h == b {
				h = into
			}
			if !slices.Contains(hs, h) {
				hs = append(hs, h)
			}
		}
		out[o] = hs
	}
	return out
}

// standing lists the proposals the lineage leaves, sorted.
func standing(l lineage, options []string) []string {
	var out []string
	for _, o := range options {
		for _, h := range l.heirs(o) {
			if !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestMergingNeverPunishes: for random votes of every method at several tables, and random merges one
// after another, a merged proposal's figure is never below the figure either part had just before,
// and undoing the merge gives back every figure exactly.
func TestMergingNeverPunishes(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	merges := 0
	for round := range 300 {
		var options []string
		for i := range 8 {
			options = append(options, fmt.Sprintf("o%d", i))
		}
		var votes []consolidate.Vote
		for i := range 2 + rng.IntN(4) {
			method := priorityMethods[rng.IntN(len(priorityMethods))]
			c := randomCount(rng, method)
			// Each table votes on some of the proposals: rename the count's options after them.
			on := rng.Perm(len(options))[:len(c.Options)]
			rename := map[string]string{}
			for j := range c.Options {
				rename[c.Options[j].ID] = options[on[j]]
				c.Options[j].ID = options[on[j]]
			}
			for j := range c.Ballots {
				b := &c.Ballots[j]
				for k, id := range b.Ranking {
					b.Ranking[k] = rename[id]
				}
				for k, id := range b.Approve {
					b.Approve[k] = rename[id]
				}
				if b.Allocation != nil {
					a := map[string]int{}
					for id, x := range b.Allocation {
						a[rename[id]] = x
					}
					b.Allocation = a
				}
				if b.Scores != nil {
					s := map[string]map[string]int{}
					for id, x := range b.Scores {
						s[rename[id]] = x
					}
					b.Scores = s
				}
			}
			votes = append(votes, tallied(t, fmt.Sprintf("v%d", i), fmt.Sprintf("Tavolo %d", i%3), c))
		}
		w := data.WeighTables
		if round%2 == 1 {
			w = data.WeighVoters
		}
		l := lineage{}
		for step := range 4 {
			props := standing(l, options)
			if len(props) < 2 {
				break
			}
			pick := rng.Perm(len(props))
			a, b := props[pick[0]], props[pick[1]]
			into := b
			if rng.IntN(2) == 0 {
				into = fmt.Sprintf("m%d", step)
			}
			before := consolidate.Consolidate(votes, l.heirs, w)
			after := consolidate.Consolidate(votes, merged(l, options, a, b, into).heirs, w)
			fig := func(scores []consolidate.Score, id string) (float64, bool) {
				for _, s := range scores {
					if s.ProposalID == id {
						return s.Score, true
					}
				}
				return 0, false
			}
			m, _ := fig(after, into)
			for _, part := range []string{a, b} {
				if f, ok := fig(before, part); ok && !consolidate.Same(f, m) && m < f {
					t.Fatalf("round %d: merging %s and %s into %s gives %v, below %s's %v", round, a, b, into, m, part, f)
				}
			}
			merges++
			// Undo: the lineage of before, and so the figures of before, exactly.
			undone := consolidate.Consolidate(votes, maps.Clone(l).heirs, w)
			if !reflect.DeepEqual(undone, before) {
				t.Fatalf("round %d: undoing the merge of %s and %s gives %v, want %v", round, a, b, undone, before)
			}
			l = merged(l, options, a, b, into)
		}
	}
	t.Logf("%d merges checked", merges)
}
