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

// Criterion is one criterion of a criteria-scoring vote, with its weight (1 when not given).
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
	// Present is how many seats are present when no voters are listed (anonymous paper ballots); 0
	// means every ballot handed in, nulle included, came from a seat present. With voters listed, their
	// presence decides and a result reports it here.
	Present int `json:"present,omitempty"`
	// BlankVotanti counts a motion's schede bianche and nulle among the votanti (see
	// data.Rules.BlankVotanti); only the ballots of seats that may vote, once each.
	BlankVotanti bool `json:"blank_votanti,omitempty"`
}

// Motion choices.
const (
	Favorevole = "favorevole"
	Contrario  = "contrario"
	Astenuto   = "astenuto"
)

// Ballot is one ballot, or Count identical anonymous ballots (0 counts as 1). Which field is used
// depends on the method: Choice for a motion, Allocation for dots and points, Ranking for Borda and
// Schulze, Scores for criteria scoring, Approve for approval. A nil field is a ballot that says nothing
// for its method (a scheda nulla); an empty one spends nothing, which is allowed. omitzero keeps an
// empty allocation or ranking in a written file, where omitempty would turn a blank ballot into a null
// one.
type Ballot struct {
	Voter      string                    `json:"voter,omitempty"`
	Count      int                       `json:"count,omitempty"`
	Choice     string                    `json:"choice,omitempty"`
	Allocation map[string]int            `json:"allocation,omitzero"`
	Ranking    []string                  `json:"ranking,omitzero"`
	Scores     map[string]map[string]int `json:"scores,omitzero"`
	Approve    []string                  `json:"approve,omitzero"`
	// Void is why ParseFile found this ballot of a file void while reading it: a value of the wrong
	// type, or a fractional amount or score, which the whole-number fields above cannot hold. The
	// count lists it as a scheda nulla with this reason, so one damaged ballot voids itself only.
	Void string `json:"-"`
}
