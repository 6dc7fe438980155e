package data

import (
	"strings"
	"time"
)

// lifecycle is the forward path of a proposal; respinta and accorpata leave it.
var lifecycle = []ProposalState{StateProposta, StateInValutazione, StatePrioritaria, StateValidata, StateApprovata,
	StateInAttuazione, StateRealizzata}

// ProposalStates lists every state in the order the interface offers them.
var ProposalStates = append(append([]ProposalState(nil), lifecycle...), StateRespinta, StateAccorpata)

// Valid reports whether s is a known state.
func (s ProposalState) Valid() bool {
	for _, v := range ProposalStates {
		if s == v {
			return true
		}
	}
	return false
}

// step is the position of s on the forward path, or -1 for respinta and accorpata.
func (s ProposalState) step() int {
	for i, v := range lifecycle {
		if s == v {
			return i
		}
	}
	return -1
}

// Before reports whether s comes before t on the forward path (both must be on it).
func (s ProposalState) Before(t ProposalState) bool {
	a, b := s.step(), t.step()
	return a >= 0 && b >= 0 && a < b
}

// Next is the state that follows s on the forward path, or "" at its end and off it.
func (s ProposalState) Next() ProposalState {
	if i := s.step(); i >= 0 && i+1 < len(lifecycle) {
		return lifecycle[i+1]
	}
	return ""
}

// CheckMove says whether a proposal may go from one state to another by hand (or by a validation vote):
// one step forward (to validata or approvata, outside a validation vote, only with a reason); respinta
// from any state before approvata, only with a reason; back to an earlier state only with a reason, and
// from respinta only to a state before validata. Accorpata is reached only by merging, and left only by
// undoing the merge. The error's key names the rule that refuses the move.
func CheckMove(from, to ProposalState, reason string) error {
	args := []any{"from", from, "to", to}
	switch {
	case !to.Valid():
		return Errorf(EInvalid, "err.proposal.state", "value", string(to))
	case from == to:
		return Errorf(EInvalid, "err.move.same", args...)
	case to == StateAccorpata:
		return Errorf(EInvalid, "err.move.merge_only", args...)
	case from == StateAccorpata:
		return Errorf(EInvalid, "err.move.merged", args...)
	case to == StateRespinta:
		if from.step() < 0 || !from.Before(StateApprovata) {
			return Errorf(EInvalid, "err.move.reject_late", args...)
		}
		// The table that made the proposal hears why it was dropped (the Esito delle proposte).
		if strings.TrimSpace(reason) == "" {
			return Errorf(EInvalid, "err.move.reason_reject", args...)
		}
		return nil
	case from == StateRespinta:
		// Reconsidering a rejected proposal is a step back: it needs a reason, and it cannot land where
		// only a validation vote leads (the store also keeps it at or before where it was rejected).
		if !to.Before(StateValidata) {
			return Errorf(EInvalid, "err.move.reopen_late", args...)
		}
		if strings.TrimSpace(reason) == "" {
			return Errorf(EInvalid, "err.move.reason", args...)
		}
		return nil
	case to.Before(from):
		if strings.TrimSpace(reason) == "" {
			return Errorf(EInvalid, "err.move.reason", args...)
		}
		return nil
	case from.Next() != to:
		return Errorf(EInvalid, "err.move.skip", append(args, "next", from.Next())...)
	case (to == StateValidata || to == StateApprovata) && strings.TrimSpace(reason) == "":
		// Validation and approval are decisions of the Tavolo Alto and of the Sindaci, which their
		// validation votes record; by hand (a decision taken outside Tavoli) the history must say why.
		return Errorf(EInvalid, "err.move.reason_decision", args...)
	}
	return nil
}

// CanMerge says whether a proposal in state s may be merged into another: any state before validata.
func CanMerge(s ProposalState) bool { return s.step() >= 0 && s.Before(StateValidata) }

// EventAction is what happened to a proposal in one step of its history.
type EventAction string

// Event actions.
const (
	ActionMove    EventAction = "move"    // a change of state by hand
	ActionVote    EventAction = "vote"    // a change of state by a validation vote
	ActionMerge   EventAction = "merge"   // merged into another (Related), or created by merging (Related empty)
	ActionUnmerge EventAction = "unmerge" // a merge undone
	ActionSplit   EventAction = "split"   // a part split off (Related: the part), or created as a part (Related: the origin)
	ActionPick    EventAction = "pick"    // placed in the priority list, or moved in it
)

// ProposalEvent is one step of a proposal's history: when, who (the operator of the installation that
// made it), what and why.
type ProposalEvent struct {
	Meta
	ProposalID string        `json:"proposal_id"`
	At         time.Time     `json:"at"`
	Operator   string        `json:"operator"`
	Action     EventAction   `json:"action"`
	From       ProposalState `json:"from"`
	To         ProposalState `json:"to"`
	Reason     string        `json:"reason"`
	VoteID     string        `json:"vote_id,omitempty"`    // the validation vote that moved it
	RelatedID  string        `json:"related_id,omitempty"` // the proposal merged into, or split off
}

// ProposalSort orders the list of proposals.
type ProposalSort string

// Sort orders.
const (
	SortRecent   ProposalSort = ""         // newest session first
	SortTitle    ProposalSort = "title"    // Italian alphabetical order
	SortArea     ProposalSort = "area"     // by area in the Ambito's order, then title
	SortState    ProposalSort = "state"    // along the lifecycle
	SortPriority ProposalSort = "priority" // the priority list first, in its order
)

// ProposalFilter narrows the list of proposals. Empty fields do not filter. Query is searched in the
// title, text, target group, proposer and organisation, ignoring case and accents; every word must
// appear, the last one as a prefix.
type ProposalFilter struct {
	AreaID    string
	Kind      ProposalKind
	State     ProposalState
	BodyID    string
	SessionID string
	ComuneID  string
	Cost      CostBand
	Query     string
	Sort      ProposalSort
}

// ProposalDetail is one proposal with everything the Ufficio di Piano wants to see about it: where it
// came from, what it was merged from or split into, the votes it took part in and its history.
type ProposalDetail struct {
	ProposalView
	Originals []ProposalView  `json:"originals,omitempty"` // merged into this one
	Parts     []ProposalView  `json:"parts,omitempty"`     // split off this one
	Origin    *ProposalView   `json:"origin,omitempty"`    // the proposal this one was split from
	Votes     []ProposalVote  `json:"votes,omitempty"`
	History   []ProposalEvent `json:"history,omitempty"`
}

// ProposalVote is a vote a proposal took part in, directly or through a proposal merged into it or the
// one it was split from (Via).
type ProposalVote struct {
	VoteID    string     `json:"vote_id"`
	SessionID string     `json:"session_id"`
	BodyName  string     `json:"body"`
	Date      time.Time  `json:"date"`
	Subject   string     `json:"subject"`
	Method    VoteMethod `json:"method"`
	Via       string     `json:"via,omitempty"` // the option's proposal when it is not this one
	// Share is the option's normalised share of the vote (priority votes); Validation tells a vote of the
	// Tavolo Alto or the Tavolo dei Sindaci on the priority list, whose Outcome is what it decided.
	Share      float64 `json:"share"`
	Validation bool    `json:"validation"`
	Outcome    string  `json:"outcome"`
}

// ValidationMove is what a validation vote of a body does to the proposals it covers: the state they
// must be in (prioritaria for the Tavolo Alto, validata for the Tavolo dei Sindaci) and the one an
// approval takes them to. Other bodies do not validate: both are empty.
func ValidationMove(kind BodyKind) (from, to ProposalState) {
	switch kind {
	case BodyTavoloAlto:
		return StatePrioritaria, StateValidata
	case BodySindaci:
		return StateValidata, StateApprovata
	}
	return "", ""
}
