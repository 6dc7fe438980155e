package data

import "time"

// ProposalView is a proposal with the names of what it refers to, for lists and documents.
type ProposalView struct {
	Proposal
	AreaName         string   `json:"area"`
	ProposerName     string   `json:"proposer"`                 // "Rossi Maria", as lists write it
	ProposerProse    string   `json:"proposer_prose,omitempty"` // "Maria Rossi", as documents' prose writes it
	OrganisationName string   `json:"organisation"`
	ComuneNames      []string `json:"comuni"`
	// Where it was captured: the body and the session's date (zero for proposals made by the office).
	BodyID      string    `json:"body_id,omitempty"`
	BodyName    string    `json:"body,omitempty"`
	SessionDate time.Time `json:"session_date,omitempty"`
	// Reason is why the proposal is in its state: what was written when it was moved there (a
	// rejection always says why). DecidedBy is the validation vote that moved it there, if one did.
	Reason    string     `json:"reason,omitempty"`
	DecidedBy *DecidedBy `json:"decided_by,omitempty"`
}

// DecidedBy is the vote of a body, in one of its sessions, that decided a proposal's state.
type DecidedBy struct {
	BodyName string    `json:"body"`
	Date     time.Time `json:"date"`
}

// Dossier is everything known about one session, gathered for its documents (convocazione, foglio
// presenze, verbale) and for the meeting screen. It is plain values: documents are pure functions of
// it, so the same dossier always gives the same bytes.
type Dossier struct {
	Ambito   Ambito `json:"ambito"`
	Capofila string `json:"capofila"` // the comune capofila's name
	Body     Body   `json:"body"`
	AreaName string `json:"area"` // the welfare area of a Tavolo tematico
	Session  Session
	// Previous is the body's session before this one, whose verbale the first item approves.
	Previous *Session `json:"previous,omitempty"`
	// Corrects is the approved session a correction act corrects.
	Corrects *Session `json:"corrects,omitempty"`
	// ApprovedIn is the session that approved this one's verbale, once approved; Approval adds the
	// vote it was approved with.
	ApprovedIn *Session        `json:"approved_in,omitempty"`
	Approval   *ApprovalRecord `json:"approval,omitempty"`
	// Number is the verbale's number in the body's year ("Verbale n. 3/2026"), 0 for a session not
	// held.
	Number int `json:"number,omitempty"`
	// PresidentName and SecretaryName are who presides and who takes the minutes, given name first
	// as prose and signatures write them ("Federica Bellucci"); President and Secretary hold their
	// names apart, gender and title, for agreement ("la Presidente").
	PresidentName string `json:"president"`
	SecretaryName string `json:"secretary"`
	President     Naming `json:"president_naming"`
	Secretary     Naming `json:"secretary_naming"`
	Agenda        []AgendaItem
	Seats         []SeatView
	Register      []RegisterLine
	// Members are the body's memberships (presidente, vicepresidente, membri, delegates, officers):
	// whom a convocation is sent to. Delegates are the standing delegates among them: who holds which
	// seat when they come.
	Members   []MembershipView
	Delegates []MembershipView
	Decisions []Decision
	Actions   []ActionItem
	// ActionChecks are the actions of the body's earlier sessions that were open on this session's day,
	// and those this session's "Verifica delle azioni" closed: what that item goes through. Overdue is
	// as of the session's day.
	ActionChecks []ActionView `json:"action_checks,omitempty"`
	// Speeches are the interventions, item by item in the order they were asked for.
	Speeches  []Speech
	Proposals []ProposalView
	// Votes are the votes held in the session, with their ballots by vote id and, for secret votes,
	// the seats that voted; their results come from data/vote.
	Votes   []Vote
	Ballots map[string][]VoteBallot
	Voted   map[string][]string
	// NotHeld names, by id, the open secret votes whose voters and ballots the program showing the
	// dossier does not hold: entered before it was last started, and lost (the paper ballots are
	// counted again), or in another window. They are written only when the vote closes.
	NotHeld map[string]bool `json:"not_held,omitempty"`
	// Covered names the proposals the session's validation votes decide on, by id.
	Covered map[string]string `json:"covered,omitempty"`
	// Private are the people a copy for publication names by initials only: every private citizen
	// and everyone flagged in the registry, whether the session names them or not.
	Private []Private `json:"private,omitempty"`
	// Changed is the latest change to anything in the dossier: the date documents carry, so that
	// exporting twice gives the same file.
	Changed time.Time `json:"changed"`
}

// VoteSeats lists the body's seats as the rules weigh them.
func (d Dossier) VoteSeats() []SeatWeight {
	out := make([]SeatWeight, 0, len(d.Seats))
	for _, s := range d.Seats {
		out = append(out, SeatWeight{ID: s.ID, Population: int64(s.Population)})
	}
	return out
}

// SeatWeight is a seat as the rules weigh it: one head and its comune's population.
type SeatWeight struct {
	ID         string
	Population int64
}

// ItemDecisions returns the decisions taken on an agenda item, in the order they were recorded.
func (d Dossier) ItemDecisions(itemID string) []Decision {
	return onItem(d.Decisions, itemID, func(x Decision) string { return x.AgendaItemID })
}

// ItemActions returns the action items agreed on an agenda item.
func (d Dossier) ItemActions(itemID string) []ActionItem {
	return onItem(d.Actions, itemID, func(x ActionItem) string { return x.AgendaItemID })
}

// ItemProposals returns the proposals captured during an agenda item.
func (d Dossier) ItemProposals(itemID string) []ProposalView {
	return onItem(d.Proposals, itemID, func(x ProposalView) string { return x.AgendaItemID })
}

// ItemVotes returns the votes held on an agenda item.
func (d Dossier) ItemVotes(itemID string) []Vote {
	return onItem(d.Votes, itemID, func(x Vote) string { return x.AgendaItemID })
}

// onItem keeps, in order, the records of an agenda item.
func onItem[T any](all []T, itemID string, item func(T) string) []T {
	var out []T
	for _, x := range all {
		if item(x) == itemID {
			out = append(out, x)
		}
	}
	return out
}

// DelegateSeat is the seat a person holds as the body's standing delegate, "" when none.
func (d Dossier) DelegateSeat(personID string) string {
	for _, m := range d.Delegates {
		if m.PersonID == personID {
			return m.SeatID
		}
	}
	return ""
}

// ItemSpeeches returns the interventions on an agenda item, in their order.
func (d Dossier) ItemSpeeches(itemID string) []Speech {
	return onItem(d.Speeches, itemID, func(x Speech) string { return x.AgendaItemID })
}
