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
		rank := ranksBeforeTieBreak(v)
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

// ranksBeforeTieBreak gives each option the rank the tally gave it, except that the options a
// tie-break separated are first together again, as the ballots left them.
func ranksBeforeTieBreak(v Vote) map[string]int {
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
// by vote id; Bodies the bodies of those votes, in the order of the votes given.
type Score struct {
	ProposalID string
	Score      float64
	Rank       int
	Shares     map[string]float64
	Bodies     []string
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

// Consolidate scores every proposal that appeared in the votes. heirs says which proposals take an
// option's share: the option's own proposal while it stands, the proposal it was merged into, and the
// parts split from it; a proposal reached twice in one vote (two originals of a merge) takes the sum.
// The result is ordered best first, equal scores by proposal id, with shared ranks (1, 1, 3).
func Consolidate(votes []Vote, heirs func(option string) []string, w data.Weighing) []Score {
	type acc struct {
		sum, weight float64
		shares      map[string]float64
		bodies      []string
	}
	byID := map[string]*acc{}
	for _, v := range votes {
		shares := Shares(v)
		if shares == nil {
			continue
		}
		inVote := map[string]float64{}
		for _, r := range v.Ranking { // in ranking order, so the sums are reproducible
			for _, h := range heirs(r.Option) {
				inVote[h] += shares[r.Option]
			}
		}
		weight := 1.0
		if w == data.WeighVoters {
			weight = float64(v.Valid)
		}
		for id, share := range inVote {
			a := byID[id]
			if a == nil {
				a = &acc{shares: map[string]float64{}}
				byID[id] = a
			}
			a.sum += share * weight
			a.weight += weight
			a.shares[v.ID] = share
			if !slices.Contains(a.bodies, v.BodyName) {
				a.bodies = append(a.bodies, v.BodyName)
			}
		}
	}
	out := make([]Score, 0, len(byID))
	for id, a := range byID {
		out = append(out, Score{ProposalID: id, Score: a.sum / a.weight, Shares: a.shares, Bodies: a.bodies})
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
