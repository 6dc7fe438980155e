package data

import (
	"strings"
	"time"
)

// VoteMethod is how a vote counts.
type VoteMethod string

// Vote methods.
const (
	MethodMotion   VoteMethod = "motion"   // favorevoli / contrari / astenuti
	MethodDots     VoteMethod = "dots"     // N dots each, at most M on one option
	MethodPoints   VoteMethod = "points"   // 100 points each
	MethodBorda    VoteMethod = "borda"    // ranking, Borda count
	MethodSchulze  VoteMethod = "schulze"  // ranking, Condorcet with Schulze
	MethodScore    VoteMethod = "score"    // options scored on weighted criteria
	MethodApproval VoteMethod = "approval" // approve any number of options
)

// VoteStatus is where a vote is in its life.
type VoteStatus string

// Vote statuses.
const (
	VoteAperta VoteStatus = "aperta"
	VoteChiusa VoteStatus = "chiusa"
)

// Vote is a vote held in a session: on a motion or on a set of options (proposals). It starts from its
// body's rules, which it may override; the quorum at the moment it opens is part of the record. A
// secret vote (scrutinio segreto) stores no link between a voter and a choice.
type Vote struct {
	Meta
	SessionID    string     `json:"session_id"`
	AgendaItemID string     `json:"agenda_item_id,omitempty"`
	Subject      string     `json:"subject"`
	Method       VoteMethod `json:"method"`
	Secret       bool       `json:"secret"`
	Rules        Rules      `json:"rules"`
	Status       VoteStatus `json:"status"`
	Opened       time.Time  `json:"opened"`
	Closed       time.Time  `json:"closed"`
	// QuorumPresent and QuorumRequired record the quorum when the vote opened (seats or population,
	// as the rules weigh them).
	QuorumPresent  int64 `json:"quorum_present"`
	QuorumRequired int64 `json:"quorum_required"`
	QuorumHolds    bool  `json:"quorum_holds"`
	// Under the double rule the population side is recorded too.
	QuorumPopulation         int64 `json:"quorum_population,omitempty"`
	QuorumRequiredPopulation int64 `json:"quorum_required_population,omitempty"`
	// Options are what is voted on (proposals, by id and title), for every method but the motion;
	// Criteria are the weighted criteria of a criteria-scoring vote.
	Options  []VoteOption    `json:"options,omitempty"`
	Criteria []VoteCriterion `json:"criteria,omitempty"`
	// Voters are the body's seats when the vote opened: their weight and whether someone held them.
	Voters   []VoteVoter  `json:"voters,omitempty"`
	Settings VoteSettings `json:"settings"`
	// Covers lists the proposals a validation vote decides on: a motion of the Tavolo Alto or of the
	// Tavolo dei Sindaci on the priority list. Closing it moves them (validata or approvata when
	// approved, respinta when not).
	Covers []string `json:"covers,omitempty"`
}

// VoteOption is one option of a vote: a proposal, or a free label.
type VoteOption struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// VoteCriterion is a weighted criterion of a criteria-scoring vote (urgenza, gravità, efficacia...).
type VoteCriterion struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

// VoteVoter is a seat as a vote sees it: its weight and whether it was present when the vote opened.
type VoteVoter struct {
	ID      string `json:"id"` // the seat's id
	Label   string `json:"label"`
	Weight  int64  `json:"weight"`
	Present bool   `json:"present"`
}

// VoteSettings are a method's allowances: dots (each voter's, and at most per option), points, the
// scale of criteria scores, and the lot's seed.
type VoteSettings struct {
	DotsPerVoter   int   `json:"dots_per_voter,omitempty"`
	MaxPerOption   int   `json:"max_per_option,omitempty"`
	PointsPerVoter int   `json:"points_per_voter,omitempty"`
	ScaleMin       int   `json:"scale_min,omitempty"`
	ScaleMax       int   `json:"scale_max,omitempty"`
	Seed           int64 `json:"seed"`
	// Chair is the seat of the session's president when the vote opened, for the chair tie-break.
	Chair string `json:"chair,omitempty"`
}

// VoteBallot is a stored ballot: a seat's own (open votes), or Count identical anonymous ballots
// (totals of a show of hands or of paper ballots, and every ballot of a secret vote). Which field is
// used depends on the method.
type VoteBallot struct {
	Meta
	VoteID     string                    `json:"vote_id"`
	Voter      string                    `json:"voter,omitempty"` // the seat; empty for anonymous ballots
	Count      int                       `json:"count"`
	Choice     string                    `json:"choice,omitempty"`
	Allocation map[string]int            `json:"allocation,omitempty"`
	Ranking    []string                  `json:"ranking,omitempty"`
	Scores     map[string]map[string]int `json:"scores,omitempty"`
	Approve    []string                  `json:"approve,omitempty"`
}

// VoteMethods lists the methods in the order the interface offers them.
var VoteMethods = []VoteMethod{MethodMotion, MethodDots, MethodPoints, MethodBorda, MethodSchulze, MethodScore, MethodApproval}

// Valid reports whether m is a known method.
func (m VoteMethod) Valid() bool {
	for _, v := range VoteMethods {
		if m == v {
			return true
		}
	}
	return false
}

// Validate checks the rules a Vote must meet.
func (v Vote) Validate() error {
	if v.SessionID == "" {
		return Errorf(EInvalid, "err.agenda.session_required")
	}
	if !v.Method.Valid() {
		return Errorf(EInvalid, "err.vote.method", "value", string(v.Method))
	}
	if v.Method == MethodMotion && strings.TrimSpace(v.Subject) == "" {
		return Errorf(EInvalid, "err.vote.subject_required")
	}
	if v.Method != MethodMotion && len(v.Options) < 2 {
		return Errorf(EInvalid, "err.vote.options_required")
	}
	if v.Method == MethodScore && len(v.Criteria) == 0 {
		return Errorf(EInvalid, "err.vote.criteria_required")
	}
	if len(v.Covers) > 0 && v.Method != MethodMotion {
		return Errorf(EInvalid, "err.vote.covers_motion")
	}
	return v.Rules.Validate()
}
