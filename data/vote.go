package data

import "time"

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
	// OptionIDs are the proposals voted on, for every method but the motion.
	OptionIDs []string `json:"option_ids,omitempty"`
}
