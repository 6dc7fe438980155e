package vote

import (
	"math/big"
	"slices"

	"github.com/tavoli/tavoli/data"
)

// priority counts a priority vote: every option's score, the ranking best first with ties sharing a
// rank, and the tie-break of first place. Scores are exact fractions (big.Rat) so that a tie between
// weighted means is found whatever the order of the sums.
func (k *counter) priority() *Priority {
	var groups [][]int
	var score []float64
	if k.c.Method == data.MethodSchulze {
		groups, score = k.schulze()
	} else {
		exact := k.scores()
		all := make([]int, len(exact))
		for i := range all {
			all[i] = i
		}
		groups = groupBy(all, exact)
		score = make([]float64, len(exact))
		for i, s := range exact {
			score[i], _ = s.Float64()
		}
	}
	p := &Priority{Tie: len(groups[0]) > 1}
	// Nobody voted: no tie-break makes a winner out of no votes.
	if p.Tie && k.res.Valid > 0 {
		first, tb := k.breakTie(groups[0])
		groups = append(first, groups[1:]...)
		p.TieBreak = tb
	}
	if len(groups[0]) == 1 && k.res.Valid > 0 {
		// A copy: the result must not point into the caller's options.
		id := k.c.Options[groups[0][0]].ID
		p.Winner = &id
	}
	done := 0
	for _, g := range groups {
		for _, i := range g {
			o := k.c.Options[i]
			p.Ranking = append(p.Ranking, Ranked{Option: o.ID, Label: o.Label, Score: score[i], Rank: done + 1})
		}
		done += len(g)
	}
	return p
}

// scores works out every option's score for the methods that add up points.
func (k *counter) scores() []*big.Rat {
	n := len(k.c.Options)
	if k.c.Method == data.MethodScore {
		return k.meanScores()
	}
	sum := make([]int64, n)
	for _, i := range k.valid {
		b := k.c.Ballots[i]
		weight := int64(max(b.Count, 1))
		switch k.c.Method {
		case data.MethodDots, data.MethodPoints:
			for id, v := range b.Allocation {
				sum[k.option[id]] += weight * int64(v)
			}
		case data.MethodBorda:
			// The option in position p (from 0) takes n-1-p points; unranked ones none.
			for p, id := range b.Ranking {
				sum[k.option[id]] += weight * int64(n-1-p)
			}
		case data.MethodApproval:
			for _, id := range b.Approve {
				sum[k.option[id]] += weight
			}
		}
	}
	out := make([]*big.Rat, n)
	for i, s := range sum {
		out[i] = new(big.Rat).SetInt64(s)
	}
	return out
}

// meanScores works out the criteria-scoring scores: an option's score is the mean over the ballots of
// its weighted mean over the criteria. With the same ballots and weights for every option this is
// Σ_c w_c·S_c / (Σ_c w_c · ballots), S_c being the option's total on criterion c.
func (k *counter) meanScores() []*big.Rat {
	n, nc := len(k.c.Options), len(k.c.Criteria)
	total := make([]int64, n*nc)
	for _, i := range k.valid {
		b := k.c.Ballots[i]
		weight := int64(max(b.Count, 1))
		for o, opt := range k.c.Options {
			for c, cr := range k.c.Criteria {
				total[o*nc+c] += weight * int64(b.Scores[opt.ID][cr.ID])
			}
		}
	}
	weights := make([]*big.Rat, nc)
	sumWeights := new(big.Rat)
	for c, cr := range k.c.Criteria {
		weights[c] = exactDecimal(cr.Weight)
		sumWeights.Add(sumWeights, weights[c])
	}
	den := new(big.Rat).Mul(sumWeights, new(big.Rat).SetInt64(int64(k.res.Valid)))
	out := make([]*big.Rat, n)
	for o := range n {
		s := new(big.Rat)
		for c := range nc {
			s.Add(s, new(big.Rat).Mul(weights[c], new(big.Rat).SetInt64(total[o*nc+c])))
		}
		if den.Sign() > 0 {
			s.Quo(s, den)
		}
		out[o] = s
	}
	return out
}

// groupBy orders the options ids (indices of the count's options) by score, highest first, and puts
// equal scores together. Options of equal score keep their order.
func groupBy(ids []int, score []*big.Rat) [][]int {
	order := slices.Clone(ids)
	slices.SortStableFunc(order, func(a, b int) int { return compare(score[b], score[a]) })
	var groups [][]int
	for j, i := range order {
		if j > 0 && compare(score[i], score[order[j-1]]) == 0 {
			groups[len(groups)-1] = append(groups[len(groups)-1], i)
			continue
		}
		groups = append(groups, []int{i})
	}
	return groups
}

// compare is a.Cmp(b), without the allocations of Cmp when both are whole numbers, as every score but
// a criteria-scoring mean is.
func compare(a, b *big.Rat) int {
	if a.IsInt() && b.IsInt() {
		return a.Num().Cmp(b.Num())
	}
	return a.Cmp(b)
}
