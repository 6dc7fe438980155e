package data

import (
	"context"
	"time"
)

// The records of the Piano's implementation (stato di attuazione) and of the follow-up of action items.
const (
	KindImplementation Kind = "implementation"   // the attuazione of one approved proposal
	KindMilestone      Kind = "milestone"        // a dated step of an attuazione
	KindIndicator      Kind = "indicator"        // a measure of an attuazione, with its target
	KindActionFollowUp Kind = "action_follow_up" // what became of an action item after its session
	KindAnnualReport   Kind = "annual_report"    // the Ufficio di Piano's words for a year's relazione
)

// FundSource is where the money of an attuazione comes from.
type FundSource string

// The sources of a Piano di Zona's budget.
const (
	FundFNPS    FundSource = "fnps"    // Fondo nazionale per le politiche sociali
	FundRegione FundSource = "regione" // the regional fund
	FundComuni  FundSource = "comuni"  // the comuni's own share
	FundAltro   FundSource = "altro"   // anything else (a foundation, a call, the ASL)
)

// FundSources lists the sources in the order documents show them.
var FundSources = []FundSource{FundFNPS, FundRegione, FundComuni, FundAltro}

// Budget is the money of one source: planned and spent, in euro cents.
type Budget struct {
	Source  FundSource `json:"source"`
	Planned int64      `json:"planned"` // cents
	Spent   int64      `json:"spent"`   // cents
}

// Implementation is the attuazione of an approved proposal: who answers for it, with what money, from
// when to when, how far it has got. Its milestones and indicators are records of their own. Every
// change to it goes into the proposal's history.
type Implementation struct {
	Meta
	ProposalID string `json:"proposal_id"`
	// Responsible is a body, an organisation, a comune or a person (ResponsibleKind says which); empty
	// while nobody has been named.
	ResponsibleKind Kind      `json:"responsible_kind,omitempty"`
	ResponsibleID   string    `json:"responsible_id,omitempty"`
	Start           time.Time `json:"start,omitempty"` // a day; zero when not set
	End             time.Time `json:"end,omitempty"`   // the day it should be done by; zero when not set
	Progress        int       `json:"progress"`        // 0 to 100
	Budget          []Budget  `json:"budget"`          // one per source in FundSources order, zeros included
	Notes           string    `json:"notes"`
}

// Milestone is a dated step of an attuazione.
type Milestone struct {
	Meta
	ImplementationID string    `json:"implementation_id"`
	Title            string    `json:"title"`
	Due              time.Time `json:"due"`
	Done             bool      `json:"done"`
	DoneOn           time.Time `json:"done_on,omitempty"`
	Position         int       `json:"position"`
}

// Indicator is a measure of an attuazione: what is counted, the target and the value last measured.
type Indicator struct {
	Meta
	ImplementationID string    `json:"implementation_id"`
	Name             string    `json:"name"`
	Unit             string    `json:"unit"` // "persone", "ore", "%"
	Target           float64   `json:"target"`
	Value            float64   `json:"value"`
	MeasuredOn       time.Time `json:"measured_on,omitempty"`
}

// ImplementationView is an approved proposal with its attuazione, as the screen, the command line and
// the relazione annuale read it. A proposal approved and not yet given an attuazione has a zero
// Implementation (no ID).
type ImplementationView struct {
	Implementation
	Proposal        ProposalView `json:"proposal"`
	ResponsibleName string       `json:"responsible,omitempty"`
	Milestones      []Milestone  `json:"milestones"`
	Indicators      []Indicator  `json:"indicators"`
	// Late is true when the end date has passed and the proposal is not realizzata, or a milestone is
	// past its due date and not done (as of the store's clock).
	Late bool `json:"late"`
}

// ImplementationFilter narrows the list of attuazioni. Empty fields do not filter.
type ImplementationFilter struct {
	AreaID        string
	ResponsibleID string
	LateOnly      bool
}

// ActionFollowUp is what became of an action item after its session: done or not, when, and a note. It
// is its own record because an approved session's action items are frozen with its verbale, while the
// follow-up goes on at the body's next sessions.
type ActionFollowUp struct {
	Meta
	ActionItemID string    `json:"action_item_id"`
	Done         bool      `json:"done"`
	DoneOn       time.Time `json:"done_on,omitempty"`
	Note         string    `json:"note"`
	// SessionID is the session whose "Verifica delle azioni" checked it, when one did.
	SessionID string `json:"session_id,omitempty"`
}

// ActionView is an action item in the register of actions: who, what, by when, from which session, and
// its follow-up.
type ActionView struct {
	ActionItem
	BodyID      string          `json:"body_id"`
	BodyName    string          `json:"body"`
	SessionDate time.Time       `json:"session_date"`
	FollowUp    *ActionFollowUp `json:"follow_up,omitempty"`
	// Closed is true when the action is done, at its session or since.
	Closed bool `json:"closed"`
	// Overdue is true when it is not done and its due date has passed (as of the store's clock).
	Overdue bool `json:"overdue"`
}

// ActionFilter narrows the register of actions. Empty fields do not filter.
type ActionFilter struct {
	BodyID      string
	OpenOnly    bool
	OverdueOnly bool
}

// AnnualReport is what the Ufficio di Piano writes itself into a year's relazione annuale consuntiva:
// its introduction. The figures come from the records.
type AnnualReport struct {
	Meta
	Year         int    `json:"year"`
	Introduction string `json:"introduction"`
}

// ImplementationStore keeps the attuazione of approved proposals.
type ImplementationStore interface {
	// Implementations lists the approved proposals (approvata, in attuazione, realizzata) with their
	// attuazione, late ones first.
	Implementations(ctx context.Context, f ImplementationFilter) ([]ImplementationView, error)
	SaveImplementation(ctx context.Context, im Implementation) (Implementation, error)
	SaveMilestone(ctx context.Context, m Milestone) (Milestone, error)
	SaveIndicator(ctx context.Context, i Indicator) (Indicator, error)
}

// ActionStore keeps the register of actions across sessions.
type ActionStore interface {
	// Actions lists the action items of every session, overdue first, then open, then done.
	Actions(ctx context.Context, f ActionFilter) ([]ActionView, error)
	SaveFollowUp(ctx context.Context, f ActionFollowUp) (ActionFollowUp, error)
}
