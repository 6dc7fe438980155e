package vote

import "slices"

// schulze counts a Schulze vote. An option beats another when its strongest path to it is stronger
// than the reverse one, a relation Schulze proved transitive; its score is the number of options it
// beats. The groups are the layers of that order: first the options nobody beats (the Schulze
// winners), then those beaten only by the first layer, and so on; the options of a layer are tied.
func (k *counter) schulze() ([][]int, []float64) {
	n := len(k.c.Options)
	p := strongestPaths(n, k.pairwise())
	beats := func(a, c int) bool { return p[a*n+c] > p[c*n+a] }

	score := make([]float64, n)
	for a := range n {
		for c := range n {
			if beats(a, c) {
				score[a]++
			}
		}
	}
	var groups [][]int
	remaining := make([]int, n)
	for i := range remaining {
		remaining[i] = i
	}
	for len(remaining) > 0 {
		var layer, rest []int
		for _, a := range remaining {
			if slices.ContainsFunc(remaining, func(c int) bool { return beats(c, a) }) {
				rest = append(rest, a)
			} else {
				layer = append(layer, a)
			}
		}
		slices.SortStableFunc(layer, func(a, c int) int { return int(score[c] - score[a]) })
		groups = append(groups, layer)
		remaining = rest
	}
	return groups, score
}

// pairwise is the matrix d, row-major: d[a*n+b] is how many valid ballots rank option a above option
// b. Ranked options stand above unranked ones, which are tied among themselves.
func (k *counter) pairwise() []int64 {
	n := len(k.c.Options)
	d := make([]int64, n*n)
	ranked := make([]bool, n)
	order := make([]int, 0, n)
	for _, i := range k.valid {
		b := k.c.Ballots[i]
		w := int64(max(b.Count, 1))
		order = order[:0]
		clear(ranked)
		for _, id := range b.Ranking {
			o := k.option[id]
			order = append(order, o)
			ranked[o] = true
		}
		for p, a := range order {
			row := d[a*n : a*n+n]
			for _, below := range order[p+1:] {
				row[below] += w
			}
			for c, r := range ranked {
				if !r {
					row[c] += w
				}
			}
		}
	}
	return d
}

// strongestPaths gives p[a*n+b], the strength of the strongest path from a to b over the pairwise
// defeats of d (a path is as strong as its weakest defeat; 0 when there is none), by Floyd–Warshall
// in O(n³).
func strongestPaths(n int, d []int64) []int64 {
	p := make([]int64, n*n)
	for a := range n {
		for c := range n {
			if a != c && d[a*n+c] > d[c*n+a] {
				p[a*n+c] = d[a*n+c]
			}
		}
	}
	for via := range n {
		for a := range n {
			if a == via || p[a*n+via] == 0 {
				continue
			}
			for c := range n {
				if c != a && c != via {
					p[a*n+c] = max(p[a*n+c], min(p[a*n+via], p[via*n+c]))
				}
			}
		}
	}
	return p
}
