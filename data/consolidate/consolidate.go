// Package consolidate ranks proposals across tables: each priority vote is normalised to shares so that
// tables voting with different methods compare, and a proposal's score is the mean of its shares over
// the votes it appeared in. It is pure: the store gathers the votes and the lineage of merges and
// splits, the screens and the Documento di sintesi print what it returns.
package consolidate

import (
	"math"
	"slices"
	"sort"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// Vote is a closed priority vote as the consolidation sees it: its tally, how many valid ballots it had
// (for weighing by voters) and its scale (criteria scoring).
type Vote struct {
	ID       string
	BodyID   string
	BodyName string
	Method   data.VoteMethod
	ScaleMin int // criteria scoring; 0 means the default 1-5
	ScaleMax int
	Valid    int
	Ranking  []vote.Ranked
	// TieBreak is the tally's record of how a tie for first place was broken (nil when there was
	// none): the options in its order were tied by the ballots, and share first place here.
	TieBreak *vote.TieBreak
}

// Shares normalises a vote so that tables compare, by option id:
//   - dots, points, approval and Borda: the option's share of the vote's total;
//   - Schulze: (n − rank) / (n − 1), n the options, rank the one the tally gives (1 when there is one
//     option);
//   - criteria scoring: (mean − scale_min) / (scale_max − scale_min).
//
// Each share comes from the vote's own result, before any tie-break: an option the vote ranks above
// another never gets a lower share, and options the vote ties get the same share. A motion, a vote
// without valid ballots and a vote whose total is nothing give no shares.
func Shares(v Vote) map[string]float64 {
	if v.Valid <= 0 || len(v.Ranking) == 0 {
		return nil
	}
	out := make(map[string]float64, len(v.Ranking))
	switch v.Method {
	case data.MethodDots, data.MethodPoints, data.MethodApproval, data.MethodBorda:
		total := 0.0
		for _, r := range v.Ranking {
			total += r.Score
		}
		if total <= 0 {
			return nil
		}
		for _, r := range v.Ranking {
			out[r.Option] = r.Score / total
		}
	case data.MethodSchulze:
		// The rank is the one the tally gives, which follows Schulze's order (its layers), not
		// Schulze's score: an option that beats many may still stand below one it cannot beat. Ranks
		// are taken before any tie-break: a lot or the chair decides who wins the vote, not how much
		// each option weighs in the district's ranking.
		n := float64(len(v.Ranking))
		rank := Ranks(v)
		for _, r := range v.Ranking {
			if n == 1 {
				out[r.Option] = 1
				continue
			}
			out[r.Option] = (n - float64(rank[r.Option])) / (n - 1)
		}
	case data.MethodScore:
		lo, hi := float64(v.ScaleMin), float64(v.ScaleMax)
		if v.ScaleMin == 0 && v.ScaleMax == 0 {
			lo, hi = 1, 5
		}
		if hi <= lo {
			return nil
		}
		for _, r := range v.Ranking {
			out[r.Option] = math.Max(0, math.Min(1, (r.Score-lo)/(hi-lo)))
		}
	default:
		return nil
	}
	return out
}

// Ranks gives each option the rank the tally gave it, except that the options a tie-break separated
// are first together again, as the ballots left them: the rank the shares follow.
func Ranks(v Vote) map[string]int {
	out := make(map[string]int, len(v.Ranking))
	for _, r := range v.Ranking {
		out[r.Option] = r.Rank
	}
	if v.TieBreak != nil {
		for _, id := range v.TieBreak.Order {
			out[id] = 1
		}
	}
	return out
}

// Score is one proposal's consolidated score: the mean of its shares (weighted by valid ballots when
// the office weighs by voters), over the votes it appeared in. Shares holds its share in each such vote,
// by vote id; Bodies the bodies of those votes, in the order of the votes given. For a merged proposal
// the figure is the best of its parts together or alone (see Consolidate): Parts lists the original
// proposals whose votes the figure counts, and Shares and Bodies are those votes. When that best group
// leaves parts out, All lists every part and Whole is the figure they would have made together, with
// WholeShares its shares by vote, so that a document can say what was set aside and why.
type Score struct {
	ProposalID  string
	Score       float64
	Rank        int
	Shares      map[string]float64
	Bodies      []string
	Parts       []string
	All         []string
	Whole       float64
	WholeShares map[string]float64
}

// grain is the precision scores are ordered and ranked at: sums of float shares are not exact (1/10 +
// 2/10 is not 3/10), so two scores share a rank when they round to the same multiple of it. Rounding,
// unlike comparing within a tolerance, is transitive: with a tolerance, scores a little apart two by two
// (a ≈ b, b ≈ c, a < c) made the order depend on the order the proposals came out of a map.
const grain = 1e-9

// level is a score rounded to the grain, the value the order and the ranks compare.
func level(score float64) float64 { return math.Round(score / grain) }

// Same reports whether two scores share a rank: they round to the same grain.
func Same(a, b float64) bool { return level(a) == level(b) }

// maxParts is how many original proposals a merged proposal may count in every grouping; beyond it
// only the whole and each part alone are tried, which still keeps the best part's figure.
const maxParts = 12

// Consolidate scores every proposal that appeared in the votes. heirs says which proposals take an
// option's share: the option's own proposal while it stands, the proposal it was merged into, and the
// parts split from it; a proposal reached twice in one vote (two originals of a merge) takes the sum.
//
// Merging never punishes an idea: a proposal reached from several original options (its parts) takes
// the best figure of any group of its parts, counting only the votes where that group appeared. So
// «Trasporto», first at one table (1,00), merged with a proposal that got 1 dot of 15 at another table
// keeps 1,00 rather than (1,00 + 0,07) / 2 = 0,53; had both been voted at the same table, the group's
// summed share would count if higher. A merge only adds groups, so a merged proposal's figure is at
// least what each of its parts had; undoing the merge gives back the heirs, and so the figures, of
// before. The result is ordered best first, equal scores by proposal id, with shared ranks (1, 1, 3).
func Consolidate(votes []Vote, heirs func(option string) []string, w data.Weighing) []Score {
	type counted struct {
		vote   *Vote
		shares map[string]float64
		weight float64
	}
	var all []counted
	parts := map[string][]string{} // by heir, its original options in the order first met
	for i := range votes {
		v := &votes[i]
		shares := Shares(*v)
		if shares == nil {
			continue
		}
		weight := 1.0
		if w == data.WeighVoters {
			weight = float64(v.Valid)
		}
		all = append(all, counted{v, shares, weight})
		for _, r := range v.Ranking {
			for _, h := range heirs(r.Option) {
				if !slices.Contains(parts[h], r.Option) {
					parts[h] = append(parts[h], r.Option)
				}
			}
		}
	}
	// figure is the score of heir id counting the options in group only.
	figure := func(id string, group []string) Score {
		sc := Score{ProposalID: id, Shares: map[string]float64{}, Parts: group}
		var sum, weight float64
		for _, c := range all {
			share, in := 0.0, false
			for _, r := range c.vote.Ranking { // in ranking order, so the sums are reproducible
				if slices.Contains(group, r.Option) && slices.Contains(heirs(r.Option), id) {
					share += c.shares[r.Option]
					in = true
				}
			}
			if !in {
				continue
			}
			sum += share * c.weight
			weight += c.weight
			sc.Shares[c.vote.ID] = share
			if !slices.Contains(sc.Bodies, c.vote.BodyName) {
				sc.Bodies = append(sc.Bodies, c.vote.BodyName)
			}
		}
		sc.Score = sum / weight
		return sc
	}
	out := make([]Score, 0, len(parts))
	for id, group := range parts {
		sort.Strings(group)
		whole := figure(id, group)
		best := whole
		for _, g := range groupings(group) {
			if sc := figure(id, g); level(sc.Score) > level(best.Score) {
				best = sc
			}
		}
		if len(best.Parts) < len(group) {
			best.All, best.Whole, best.WholeShares = group, whole.Score, whole.Shares
		}
		out = append(out, best)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := level(out[i].Score), level(out[j].Score); a != b {
			return a > b
		}
		return out[i].ProposalID < out[j].ProposalID
	})
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && level(out[i].Score) == level(out[i-1].Score) {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// groupings lists the groups of parts other than all of them, larger groups first: every non-empty
// group up to maxParts parts, each part alone beyond.
func groupings(parts []string) [][]string {
	n := len(parts)
	if n < 2 {
		return nil
	}
	var out [][]string
	if n > maxParts {
		for _, p := range parts {
			out = append(out, []string{p})
		}
		return out
	}
	for mask := 1; mask < 1<<n-1; mask++ {
		var g []string
		for i, p := range parts {
			if mask&(1<<i) != 0 {
				g = append(g, p)
			}
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b []string) int { return len(b) - len(a) })
	return out
}
