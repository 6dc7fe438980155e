package vote

import (
	"slices"
	"sort"
)

// The checks of one ballot's content, one per kind of ballot. Each returns the reason the ballot is a
// scheda nulla, or "". One bad entry voids the whole ballot; when several are bad, the reason names
// the first in a fixed order (unknown ids sorted, then the options and criteria in the order of the
// count), so a recount gives the same sentence.

func checkChoice(b Ballot) string {
	switch b.Choice {
	case Favorevole, Contrario, Astenuto:
		return ""
	case "":
		return reasonNoChoice
	}
	return reasonBadChoice(b.Choice)
}

// checkAllocation checks a dots or points ballot: amounts from 0 on, at most perOption on one option,
// at most allowance in all (spending less is allowed).
func (k *counter) checkAllocation(b Ballot, u unit, allowance, perOption int) string {
	if b.Allocation == nil {
		return reasonNoAllocation(u)
	}
	if id, ok := k.firstUnknown(mapKeys(b.Allocation)); ok {
		return reasonUnknownOption(id)
	}
	// The entries in the order of the options: a ballot names a few of many options.
	given := make([]int, 0, len(b.Allocation))
	for id := range b.Allocation {
		given = append(given, k.option[id])
	}
	slices.Sort(given)
	total := 0
	for _, i := range given {
		id := k.c.Options[i].ID
		switch v := b.Allocation[id]; {
		case v < 0:
			return reasonNegative(u, id)
		case v > perOption:
			return reasonPerOption(u, perOption, id)
		default:
			total += v
		}
	}
	if total > allowance {
		return reasonOverAllowance(u, allowance)
	}
	return ""
}

// checkRanking checks a ranking: known options, none twice. A partial ranking is allowed.
func (k *counter) checkRanking(b Ballot) string {
	if b.Ranking == nil {
		return reasonNoRanking
	}
	return k.checkList(b.Ranking, reasonRepeatedInRanking)
}

// checkApproval checks an approval ballot: known options, none twice. Approving none is allowed.
func (k *counter) checkApproval(b Ballot) string {
	if b.Approve == nil {
		return reasonNoApproval
	}
	return k.checkList(b.Approve, reasonRepeatedApproval)
}

// checkList checks a list of option ids: the smallest unknown one voids the ballot, or else the first
// one that comes a second time, with the reason repeated gives.
func (k *counter) checkList(ids []string, repeated func(id string) string) string {
	seen := make([]bool, len(k.c.Options))
	var unknown []string
	again, twice := "", false
	for _, id := range ids {
		i, ok := k.option[id]
		switch {
		case !ok:
			unknown = append(unknown, id)
		case seen[i] && !twice:
			again, twice = id, true
		default:
			seen[i] = true
		}
	}
	switch {
	case len(unknown) > 0:
		return reasonUnknownOption(slices.Min(unknown))
	case twice:
		return repeated(again)
	}
	return ""
}

// checkScores checks a criteria-scoring ballot: every option scored on every criterion within the
// scale, nothing else.
func (k *counter) checkScores(b Ballot) string {
	if b.Scores == nil {
		return reasonNoScores
	}
	if id, ok := k.firstUnknown(mapKeys(b.Scores)); ok {
		return reasonUnknownOption(id)
	}
	r := k.c.Rules
	for _, o := range k.c.Options {
		scores := b.Scores[o.ID]
		for _, id := range sortedKeys(scores) {
			if _, ok := k.criterion[id]; !ok {
				return reasonUnknownCriterion(id)
			}
		}
		for _, cr := range k.c.Criteria {
			v, ok := scores[cr.ID]
			switch {
			case !ok:
				return reasonMissingScore(o.ID, cr.ID)
			case v < r.ScaleMin || v > r.ScaleMax:
				return reasonOutOfScale(o.ID, cr.ID, r.ScaleMin, r.ScaleMax)
			}
		}
	}
	return ""
}

// firstUnknown returns the smallest of ids that is not an option (an empty id is one).
func (k *counter) firstUnknown(ids []string) (string, bool) {
	var unknown []string
	for _, id := range ids {
		if _, ok := k.option[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return "", false
	}
	return slices.Min(unknown), true
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for id := range m {
		keys = append(keys, id)
	}
	return keys
}

func sortedKeys[V any](m map[string]V) []string {
	keys := mapKeys(m)
	sort.Strings(keys)
	return keys
}
