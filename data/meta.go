package data

import "time"

// Meta is what every stored record carries so that several installations can merge their work:
// a UUID key, when it was created and last changed, the installation (device) that made the last
// change, and a tombstone instead of a real delete.
type Meta struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	Device  string    `json:"device"`
	Deleted bool      `json:"deleted,omitempty"`
}

// Kind names a kind of record; it is also the code used in exchange files and in error messages.
type Kind string

// The kinds of record the store keeps.
const (
	KindAmbito       Kind = "ambito"
	KindComune       Kind = "comune"
	KindArea         Kind = "area"
	KindBody         Kind = "body"
	KindSeat         Kind = "seat"
	KindMembership   Kind = "membership"
	KindPerson       Kind = "person"
	KindOrganisation Kind = "organisation"
	KindSession      Kind = "session"
	KindAgendaItem   Kind = "agenda_item"
	KindAttendance   Kind = "attendance"
	KindProposal     Kind = "proposal"
	KindVote         Kind = "vote"
	KindDecision     Kind = "decision"
	KindActionItem   Kind = "action_item"
	KindVerbale      Kind = "verbale"
	KindVoteBallot   Kind = "vote_ballot"
	KindVoteVoter    Kind = "vote_voter" // who took part in a secret vote, apart from what they chose
	// KindProposalEvent is a step in a proposal's history.
	KindProposalEvent Kind = "proposal_event"
)

// Ref points at one record of a kind.
type Ref struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
}

// KindDevice is an installation that wrote to the database.
const KindDevice Kind = "device"

// Device is an installation of Tavoli that has written to the database: its id is the one recorded on
// every change it made.
type Device struct {
	Meta
	Name     string `json:"name"`     // the computer's name
	Operator string `json:"operator"` // who uses it ("Chi usa questo computer?")
}

// Label is how a change's author is shown: the operator, or the computer when no one gave a name.
func (d Device) Label() string {
	if d.Operator != "" {
		return d.Operator
	}
	return d.Name
}
