package vote

import (
	"github.com/tavoli/tavoli/data"
)

// motion counts a motion: favorevoli, contrari and astenuti by heads and by weight, the quorum of the
// seats present (whether they voted or not), and the majority the rules ask for. A motion without
// its quorum decides nothing, so it is not approved.
func (k *counter) motion(seats []data.SeatWeight, present map[string]bool) *Motion {
	r := k.res.Rules
	q := CheckQuorum(data.Rules{QuorumPrima: r.Quorum, Weighting: r.Weighting}, data.CallPrima, seats, present)
	var heads, weight Sums
	for _, i := range k.valid {
		b := k.c.Ballots[i]
		n := int64(max(b.Count, 1))
		// An anonymous ballot cannot be weighed by its seat: it weighs 1, the default weight.
		w := n
		if v, ok := k.voters[b.Voter]; ok {
			w = n * v.Weight
		}
		switch b.Choice {
		case Favorevole:
			heads.Favorevoli += n
			weight.Favorevoli += w
		case Contrario:
			heads.Contrari += n
			weight.Contrari += w
		default:
			heads.Astenuti += n
			weight.Astenuti += w
		}
	}
	heads.Votanti = heads.Favorevoli + heads.Contrari
	weight.Votanti = weight.Favorevoli + weight.Contrari
	if r.BlankVotanti {
		n, w := k.blank()
		heads.Votanti += n
		weight.Votanti += w
	}
	heads.Presenti, weight.Presenti = q.Present, q.PresentPopulation

	m := &Motion{Sums: heads, QuorumMet: q.Holds, Quorum: q}
	m.PassedByHeads = passes(r.Threshold, heads, base(r.MajorityBase, heads, q.Seats))
	m.PassedByWeight = passes(r.Threshold, weight, base(r.MajorityBase, weight, q.Population))
	m.Approved = q.Holds
	if r.Weighting != data.WeightPopulation {
		m.Approved = m.Approved && m.PassedByHeads
	}
	if r.Weighting != data.WeightHead {
		m.Approved = m.Approved && m.PassedByWeight
		m.Weighted = &weight
	}
	return m
}

// blank sums the schede bianche and nulle that seats which may vote handed in, by heads and by
// weight. A named one is its seat's single vote, whatever count it claims, and weighs the seat's
// weight; an anonymous one weighs 1, as a valid anonymous ballot does.
func (k *counter) blank() (heads, weight int64) {
	for _, i := range k.spoilt {
		b := k.c.Ballots[i]
		if v, ok := k.voters[b.Voter]; ok {
			heads++
			weight += v.Weight
			continue
		}
		n := int64(max(b.Count, 1))
		heads += n
		weight += n
	}
	return heads, weight
}

// base is what the majority is measured against: the votanti, the present or all the seats
// (componenti), by heads or by weight as s and all are.
func base(b data.MajorityBase, s Sums, all int64) int64 {
	switch b {
	case data.BasePresenti:
		return s.Presenti
	case data.BaseComponenti:
		return all
	}
	return s.Votanti
}

// passes reports whether the favorevoli reach the threshold over base. As many contrari as
// favorevoli always reject, whatever the threshold.
func passes(t data.Threshold, s Sums, base int64) bool {
	if s.Favorevoli <= s.Contrari {
		return false
	}
	switch t {
	case data.ThresholdAbsolute:
		return 2*s.Favorevoli > base
	case data.ThresholdTwoThirds:
		return 3*s.Favorevoli >= 2*base
	}
	return true
}
