package vote

import "github.com/tavoli/tavoli/data"

// Count is everything a tally needs: the method, what is voted on, who may vote, the rules and the
// ballots. It is the shape of a ballot file (see ParseFile) and what the store hands over for a vote
// held in a meeting, so a recount from the file gives the result the meeting saw.
type Count struct {
	Method   data.VoteMethod `json:"method"`
	Options  []Option        `json:"options,omitempty"`
	Criteria []Criterion     `json:"criteria,omitempty"`
	// Voters are the seats: their weight (a comune's population; 1 by default) and whether they are
	// present. Without voters (anonymous paper ballots) presence is what the rules say.
	Voters  []Voter  `json:"voters,omitempty"`
	Rules   Rules    `json:"rules"`
	Ballots []Ballot `json:"ballots"`
}

// Option is one of the things voted on (a proposal), for every method but the motion.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Criterion is one criterion of a criteria-scoring vote, with its weight.
type Criterion struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

// Voter is a seat that may vote.
type Voter struct {
	ID      string `json:"id"`
	Weight  int64  `json:"weight"`  // 1 when not given
	Present bool   `json:"present"` // true when not given
}

// Rules are the rules a count applies: the body's decision rules, as the vote overrides them, and the
// method's own allowances. Zero values take the defaults the ballot-file format gives.
type Rules struct {
	Members        int               `json:"members"` // seats; the number of voters listed when 0
	Quorum         data.Quorum       `json:"quorum"`
	MajorityBase   data.MajorityBase `json:"majority_base"`
	Threshold      data.Threshold    `json:"threshold"`
	Weighting      data.Weighting    `json:"weighting"`
	DotsPerVoter   int               `json:"dots_per_voter"`
	MaxPerOption   int               `json:"max_per_option"`
	PointsPerVoter int               `json:"points_per_voter"`
	ScaleMin       int               `json:"scale_min"`
	ScaleMax       int               `json:"scale_max"`
	TieBreak       data.TieBreak     `json:"tie_break"`
	Chair          string            `json:"chair,omitempty"` // the chair's voter id, for the chair tie-break
	Seed           *int64            `json:"seed,omitempty"`  // the lot's seed, recorded with the result
}

// Motion choices.
const (
	Favorevole = "favorevole"
	Contrario  = "contrario"
	Astenuto   = "astenuto"
)

// Ballot is one ballot, or Count identical anonymous ballots. Which field is used depends on the
// method: Choice for a motion, Allocation for dots and points, Ranking for Borda and Schulze, Scores
// for criteria scoring, Approve for approval.
type Ballot struct {
	Voter      string                    `json:"voter,omitempty"`
	Count      int                       `json:"count,omitempty"`
	Choice     string                    `json:"choice,omitempty"`
	Allocation map[string]int            `json:"allocation,omitempty"`
	Ranking    []string                  `json:"ranking,omitempty"`
	Scores     map[string]map[string]int `json:"scores,omitempty"`
	Approve    []string                  `json:"approve,omitempty"`
}
