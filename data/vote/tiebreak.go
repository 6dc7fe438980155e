package vote

import (
	"crypto/sha256"
	"encoding/hex"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// breakTie applies the rules' tie-break to the options tied for first place and returns them as
// groups, best first (options it cannot separate stay in one group), with the record of what it did.
func (k *counter) breakTie(tied []int) ([][]int, *TieBreak) {
	r := k.res.Rules
	tb := &TieBreak{Rule: r.TieBreak}
	groups := [][]int{tied}
	switch r.TieBreak {
	case data.TieLot:
		tb.Seed = r.Seed
		drawn := slices.Clone(tied)
		slices.SortFunc(drawn, func(a, b int) int {
			return strings.Compare(lotKey(*r.Seed, k.c.Options[a].ID), lotKey(*r.Seed, k.c.Options[b].ID))
		})
		groups = groups[:0]
		for _, i := range drawn {
			groups = append(groups, []int{i})
		}
	case data.TieChair:
		// Without a valid ballot of the chair (none cast, a scheda nulla, or a secret vote where
		// ballots carry no name) the tie stands.
		if k.chair != nil {
			groups = groupBy(tied, k.chairScores())
		}
	}
	for _, g := range groups {
		for _, i := range g {
			tb.Order = append(tb.Order, k.c.Options[i].ID)
		}
	}
	return groups, tb
}

// lotKey is what the lot orders an option by: the lowercase hex SHA-256 of "SEED:ID". Anyone can
// redo the draw from the seed recorded with the result; no clock, no hidden randomness.
func lotKey(seed int64, id string) string {
	sum := sha256.Sum256([]byte(strconv.FormatInt(seed, 10) + ":" + id))
	return hex.EncodeToString(sum[:])
}

// chairScores is how the chair's own ballot values each option: more dots or points, a higher place
// in the ranking (ranked above unranked), a higher weighted score, approved over not.
func (k *counter) chairScores() []*big.Rat {
	b, n := k.chair, len(k.c.Options)
	out := make([]*big.Rat, n)
	for i := range out {
		out[i] = new(big.Rat)
	}
	switch k.c.Method {
	case data.MethodDots, data.MethodPoints:
		for id, v := range b.Allocation {
			out[k.option[id]].SetInt64(int64(v))
		}
	case data.MethodBorda, data.MethodSchulze:
		for p, id := range b.Ranking {
			out[k.option[id]].SetInt64(int64(n - p))
		}
	case data.MethodScore:
		for i, o := range k.c.Options {
			for _, cr := range k.c.Criteria {
				w := exactDecimal(cr.Weight)
				out[i].Add(out[i], w.Mul(w, new(big.Rat).SetInt64(int64(b.Scores[o.ID][cr.ID]))))
			}
		}
	case data.MethodApproval:
		for _, id := range b.Approve {
			out[k.option[id]].SetInt64(1)
		}
	}
	return out
}
