package vote

import (
	"github.com/tavoli/tavoli/data"
)

// Result is the result of a count, as the meeting screen, the documents and "tavoli tally" show it. Its
// JSON is the output of the ballot-file format.
type Result struct {
	Method data.VoteMethod `json:"method"`
	// Rules are the rules applied, every default filled in, so that a result names the rule that
	// produced it.
	Rules Rules `json:"rules"`
	// Valid is the number of valid ballots, each counted as many times as its Count.
	Valid int `json:"valid"`
	// Invalid are the schede nulle in the order of the ballots; never nil, so the JSON has [] for none.
	Invalid []Invalid `json:"invalid"`
	// One of Motion and Priority is set, as the method asks. They are embedded so that their fields sit
	// at the top level of the JSON, where the format puts them, and vanish with the other method.
	*Motion
	*Priority
}

// Invalid is one scheda nulla: which ballot (its index from 0 among the ballots), how many identical
// ballots it stands for, and why it does not count.
type Invalid struct {
	Ballot int    `json:"ballot"`
	Count  int    `json:"count"`
	Reason string `json:"reason"`
}

// Sums are the figures of a motion, by heads or by weight.
type Sums struct {
	Favorevoli int64 `json:"favorevoli"`
	Contrari   int64 `json:"contrari"`
	Astenuti   int64 `json:"astenuti"`
	Votanti    int64 `json:"votanti"`  // favorevoli + contrari (abstainers do not vote); under Rules.BlankVotanti + bianche e nulle
	Presenti   int64 `json:"presenti"` // seats present, whether they voted or not
}

// Motion is the result of a motion: the figures by heads, the quorum, the outcome and, when the
// weighting is population or double, the figures by weight.
type Motion struct {
	Sums
	QuorumMet bool  `json:"quorum_met"`
	Approved  bool  `json:"approved"`
	Weighted  *Sums `json:"weighted,omitempty"`

	// Quorum is the numero legale as this count measured it, for the sentence that states it.
	Quorum Quorum `json:"-"`
	// PassedByHeads and PassedByWeight say whether the majority the rules ask for was reached by
	// heads and by weight, whatever the weighting; the weighting says which of them decide.
	PassedByHeads  bool `json:"-"`
	PassedByWeight bool `json:"-"`
}

// Priority is the result of a priority vote (every method but the motion).
type Priority struct {
	// Ranking lists every option best first; tied options share a rank (1, 1, 3).
	Ranking []Ranked `json:"ranking"`
	// Tie is true when first place was tied before any tie-break.
	Tie bool `json:"tie"`
	// Winner is the option alone in first place; nil (null) while a tie stays unresolved or when no
	// ballot is valid.
	Winner *string `json:"winner"`
	// TieBreak is how a tie for first place was broken; nil when first place was not tied.
	TieBreak *TieBreak `json:"tie_break"`
}

// Ranked is one option in the ranking. Score is what the method counts: dots, points, Borda points,
// approvals, the mean weighted score, or for Schulze the number of options it beats.
type Ranked struct {
	Option string  `json:"option"`
	Label  string  `json:"label"`
	Score  float64 `json:"score"`
	Rank   int     `json:"rank"`
}

// TieBreak records how a tie for first place was broken: the rule, the lot's seed so that anyone can
// redo the draw, and the order of the tied options it produced (options it could not separate stay
// tied in the ranking).
type TieBreak struct {
	Rule  data.TieBreak `json:"rule"`
	Seed  *int64        `json:"seed,omitempty"`
	Order []string      `json:"order"`
}

// Outcome is a result in one word, for the sentence the interface writes.
type Outcome string

// Outcomes.
const (
	OutcomeApproved Outcome = "approved"  // a motion reached the majority its rules ask for
	OutcomeRejected Outcome = "rejected"  // a motion fell short of it
	OutcomeTied     Outcome = "tied"      // as many contrari as favorevoli: a tied motion is rejected
	OutcomeNoQuorum Outcome = "no_quorum" // the numero legale was missing: nothing was decided
	OutcomeWinner   Outcome = "winner"    // a priority vote with one option first
	OutcomeTie      Outcome = "tie"       // a priority vote whose first place stays tied
	OutcomeNoVotes  Outcome = "no_votes"  // no valid ballot
)

// Outcome says how the vote ended.
func (r Result) Outcome() Outcome {
	if m := r.Motion; m != nil {
		byHeads := r.Rules.Weighting != data.WeightPopulation
		byWeight := r.Rules.Weighting != data.WeightHead && m.Weighted != nil
		switch {
		case !m.QuorumMet:
			return OutcomeNoQuorum
		case m.Approved:
			return OutcomeApproved
		case r.Valid == 0:
			return OutcomeNoVotes
		case byHeads && m.Favorevoli == m.Contrari, byWeight && m.Weighted.Favorevoli == m.Weighted.Contrari:
			return OutcomeTied
		}
		return OutcomeRejected
	}
	switch {
	case r.Priority == nil || r.Valid == 0:
		return OutcomeNoVotes
	case r.Winner == nil:
		return OutcomeTie
	}
	return OutcomeWinner
}

// Decision says what a motion's outcome decided: approved or rejected (a tie rejects), or nothing at
// all when the quorum was missing or no ballot was valid.
func (o Outcome) Decision() (approved, decided bool) {
	switch o {
	case OutcomeApproved:
		return true, true
	case OutcomeRejected, OutcomeTied:
		return false, true
	}
	return false, false
}

// Tally counts c: the only place a result is computed. Ballots that break a rule are listed as schede
// nulle, never counted and never dropped. The error, coded EInvalid, is for a count that cannot be
// made at all: an unknown method or rule value, options or criteria missing or repeated, a lot
// without its seed.
func Tally(c Count) (Result, error) {
	c, err := c.withDefaults()
	if err != nil {
		return Result{}, err
	}
	k := newCounter(c)
	k.screen()
	seats, present := k.presence()
	if c.Method == data.MethodMotion {
		k.res.Motion = k.motion(seats, present)
	} else {
		k.res.Priority = k.priority()
	}
	return k.res, nil
}
