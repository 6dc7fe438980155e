package data

import (
	"sort"
	"strings"
	"time"
)

// SessionStatus is where a session is in its life.
type SessionStatus string

// Session statuses: bozza -> convocata -> in_corso -> chiusa -> approvata (its verbale approved).
const (
	SessionBozza     SessionStatus = "bozza"
	SessionConvocata SessionStatus = "convocata"
	SessionInCorso   SessionStatus = "in_corso"
	SessionChiusa    SessionStatus = "chiusa"
	SessionApprovata SessionStatus = "approvata"
)

// Session is one meeting (seduta) of a body.
type Session struct {
	Meta
	BodyID      string        `json:"body_id"`
	Status      SessionStatus `json:"status"`
	Call        Call          `json:"call"`
	Date        time.Time     `json:"date"`    // the day and the convened hour, in local time
	Place       string        `json:"place"`   // "Sala consiliare, Comune di Magione"
	Started     time.Time     `json:"started"` // when it actually opened
	Ended       time.Time     `json:"ended"`   // when it was closed
	PresidentID string        `json:"president_id,omitempty"`
	SecretaryID string        `json:"secretary_id,omitempty"` // segretario verbalizzante
	// CorrectsID links a correction act to the approved session it corrects.
	CorrectsID string `json:"corrects_id,omitempty"`
	// CurrentItemID is the agenda item under discussion while the session is in corso, since
	// CurrentSince; its time is added to the item's Spent when the meeting moves on.
	CurrentItemID string    `json:"current_item_id,omitempty"`
	CurrentSince  time.Time `json:"current_since"`
	// ApprovedInID is the later session whose first item approved this session's verbale.
	ApprovedInID string `json:"approved_in_id,omitempty"`
	// The acts' identity as the office records it: the protocol number and date of the convocation
	// letter and of the verbale. Empty, the documents leave a line to fill by hand.
	ConvocationProtocol string    `json:"convocation_protocol,omitempty"`
	ConvocationDate     time.Time `json:"convocation_date"`
	VerbaleProtocol     string    `json:"verbale_protocol,omitempty"`
	VerbaleDate         time.Time `json:"verbale_date"`
	// Number is the verbale's number in its body's year, fixed when the verbale is approved; 0 until
	// then, when it is counted from the body's sessions (see VerbaleNumbers).
	Number int `json:"number,omitempty"`
	// SpeechTimes makes the verbale give each intervention's duration, as the secretary chooses.
	SpeechTimes bool `json:"speech_times,omitempty"`
}

// SessionStatuses lists the statuses in their order.
var SessionStatuses = []SessionStatus{SessionBozza, SessionConvocata, SessionInCorso, SessionChiusa, SessionApprovata}

// Valid reports whether s is a known status.
func (s SessionStatus) Valid() bool {
	for _, v := range SessionStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Next is the status a session moves to from s, and false for an approved session. The move to
// approvata happens only through the approval of the verbale at a later session.
func (s SessionStatus) Next() (SessionStatus, bool) {
	for i, v := range SessionStatuses[:len(SessionStatuses)-1] {
		if s == v {
			return SessionStatuses[i+1], true
		}
	}
	return "", false
}

// Locked reports whether a session in status s may no longer change: its verbale is approved.
func (s SessionStatus) Locked() bool { return s == SessionApprovata }

// Held reports whether the meeting has started (in corso, chiusa or approvata).
func (s SessionStatus) Held() bool {
	return s == SessionInCorso || s == SessionChiusa || s == SessionApprovata
}

// Validate checks the rules a Session must meet.
func (s Session) Validate() error {
	if s.BodyID == "" {
		return Errorf(EInvalid, "err.session.body_required")
	}
	if !s.Call.Valid() {
		return Errorf(EInvalid, "err.session.call", "value", string(s.Call))
	}
	if !s.Status.Valid() {
		return Errorf(EInvalid, "err.session.status", "value", string(s.Status))
	}
	if s.Date.IsZero() {
		return Errorf(EInvalid, "err.session.date_required")
	}
	if !s.Ended.IsZero() && !s.Started.IsZero() && s.Ended.Before(s.Started) {
		return Errorf(EInvalid, "err.session.end_before_start")
	}
	return nil
}

// StartedOffDay reports whether the session was started on another calendar day than the one it was
// convened for, both read in the Ambito's zone (Zone): the verbale then states the real day, and the
// meeting screen asks before starting it. A session not started yet, or with no date, is not off day.
func (s Session) StartedOffDay() bool {
	return !s.Started.IsZero() && !s.Date.IsZero() && !SameDay(s.Started, s.Date)
}

// HeldOn is the day and hour the meeting took place: when it was started, or the convened day and
// hour while it has not started.
func (s Session) HeldOn() time.Time {
	if s.Started.IsZero() {
		return s.Date
	}
	return s.Started
}

// SameDay reports whether a and b fall on the same calendar day in the Ambito's zone, wherever the
// computer is: 23:30 in Rome and 00:30 in London are the same Italian evening.
func SameDay(a, b time.Time) bool {
	ay, am, ad := a.In(Zone).Date()
	by, bm, bd := b.In(Zone).Date()
	return ay == by && am == bm && ad == bd
}

// AgendaItem is a numbered item of the ordine del giorno.
type AgendaItem struct {
	Meta
	SessionID string `json:"session_id"`
	Position  int    `json:"position"`
	Title     string `json:"title"`
	// Notes are the secretary's notes on the item, taken as people speak: the discussion summary that
	// goes into the verbale.
	Notes string        `json:"notes"`
	Spent time.Duration `json:"spent"` // time spent on it during the meeting
	// Done marks an item dealt with (the agenda shows a tick).
	Done bool `json:"done"`
}

// Validate checks the rules an AgendaItem must meet.
func (a AgendaItem) Validate() error {
	if a.Spent < 0 {
		return Errorf(EInvalid, "err.agenda.spent_negative")
	}
	if a.SessionID == "" {
		return Errorf(EInvalid, "err.agenda.session_required")
	}
	if strings.TrimSpace(a.Title) == "" {
		return Errorf(EInvalid, "err.agenda.title_required")
	}
	return nil
}

// Presence is how a person figures in a session's register.
type Presence string

// Presences. A person who will come is not in the register until they arrive, send word, or are
// marked absent when the register is closed.
const (
	PresencePresente     Presence = "presente"
	PresenceAssente      Presence = "assente"
	PresenceGiustificato Presence = "giustificato" // assente giustificato
)

// Attendance is one line of the register (registro presenze): a person, the seat they hold in this
// session (their own or a delegated one), and arrival and leaving times. Guests hold no seat: they are
// recorded present but count for no quorum and cast no vote.
type Attendance struct {
	Meta
	SessionID string    `json:"session_id"`
	PersonID  string    `json:"person_id"`
	SeatID    string    `json:"seat_id,omitempty"`
	Presence  Presence  `json:"presence"`
	Delegated bool      `json:"delegated"` // holds SeatID by delegation
	Arrived   time.Time `json:"arrived"`
	Left      time.Time `json:"left"`
	// DelegationAct is the act a delegation was given by, when recorded: "delega prot. n. 123 del
	// 10/02/2026". Only a delegation has one.
	DelegationAct string `json:"delegation_act,omitempty"`
}

// Decision is what the body decided on an agenda item, with the vote that decided it when there was one.
type Decision struct {
	Meta
	SessionID    string `json:"session_id"`
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Text         string `json:"text"`
	VoteID       string `json:"vote_id,omitempty"`
}

// ActionItem is something someone will do by a date: who, what, by when.
type ActionItem struct {
	Meta
	SessionID    string    `json:"session_id"`
	AgendaItemID string    `json:"agenda_item_id,omitempty"`
	Who          string    `json:"who"`
	PersonID     string    `json:"person_id,omitempty"`
	What         string    `json:"what"`
	Due          time.Time `json:"due"`
	Done         bool      `json:"done"`
}

// DefaultAgenda is the ordine del giorno a new session starts with: the approval of the previous
// verbale first, "Varie ed eventuali" last. Items are added between them.
var DefaultAgenda = []string{"Approvazione del verbale della seduta precedente", "Varie ed eventuali"}

// SessionView is a session with its body's name and area and a few counts, for lists.
type SessionView struct {
	Session
	BodyName string   `json:"body"`
	BodyKind BodyKind `json:"body_kind"`
	AreaID   string   `json:"area_id,omitempty"`
	AreaName string   `json:"area,omitempty"`
	Items    int      `json:"items"`   // agenda items
	Present  int      `json:"present"` // people recorded present
}

// SessionFilter selects sessions; empty fields select all.
type SessionFilter struct {
	BodyID string
	Status SessionStatus
}

// VerbaleNumbers numbers the verbali of one body's sessions: per calendar year, in order of date, the
// held sessions (correction acts are not sedute and have no number). A number fixed at approval stays,
// and the sessions after it count on from it, so approving never renumbers an act already signed.
func VerbaleNumbers(sessions []Session) map[string]int {
	held := make([]Session, 0, len(sessions))
	for _, s := range sessions {
		if s.Status.Held() && s.CorrectsID == "" && !s.Deleted {
			held = append(held, s)
		}
	}
	sort.SliceStable(held, func(i, j int) bool {
		if !held[i].Date.Equal(held[j].Date) {
			return held[i].Date.Before(held[j].Date)
		}
		return held[i].ID < held[j].ID
	})
	out := map[string]int{}
	year, last := 0, 0
	for _, s := range held {
		if y := s.Date.In(Zone).Year(); y != year {
			year, last = y, 0
		}
		n := last + 1
		if s.Number > 0 {
			n = s.Number
		}
		out[s.ID], last = n, n
	}
	return out
}

// Verbale is an approved verbale, kept byte for byte as it was approved: its SHA-256 lets anyone check
// a printed or mailed copy.
type Verbale struct {
	Meta
	SessionID    string    `json:"session_id"`
	ApprovedInID string    `json:"approved_in_id"`        // the session whose first item approved it
	DecisionID   string    `json:"decision_id,omitempty"` // the decision recording the approval
	Approved     time.Time `json:"approved"`
	SHA256       string    `json:"sha256"` // lowercase hex
	PDF          []byte    `json:"-"`
}

// Approval is the approval of a session's verbale during a later session of the same body, by a vote
// recorded on the approving item. The vote is a motion, open: either seat by seat (every seat present
// votes favorevole but those listed as contrari or astenuti, so an empty list is unanimity), or, by a
// show of hands, as Totals. The store renders the PDF from the data it approves.
type Approval struct {
	SessionID    string // the session whose verbale is approved
	InSessionID  string // the session approving it
	AgendaItemID string // the approving item (usually the first)
	Contrari     []string
	Astenuti     []string
	Totals       *ApprovalTotals
	Decision     string // the decision's text, e.g. "Il verbale della seduta del … è approvato."
}

// ApprovalTotals are the counts of a show of hands.
type ApprovalTotals struct {
	Favorevoli, Contrari, Astenuti int
}

// ApprovalRecord is how a verbale was approved, for the approved act: the session, its verbale
// number, and the vote with its ballots.
type ApprovalRecord struct {
	Session Session
	Vote    Vote
	Ballots []VoteBallot
}

// Validate checks the rules an Attendance line must meet.
func (a Attendance) Validate() error {
	if a.SessionID == "" || a.PersonID == "" {
		return Errorf(EInvalid, "err.register.person_required")
	}
	switch a.Presence {
	case PresencePresente, PresenceAssente, PresenceGiustificato:
	default:
		return Errorf(EInvalid, "err.register.presence", "value", string(a.Presence))
	}
	if a.Delegated && a.SeatID == "" {
		return Errorf(EInvalid, "err.register.delegate_seat")
	}
	if !a.Delegated && strings.TrimSpace(a.DelegationAct) != "" {
		return Errorf(EInvalid, "err.register.act_without_delegation")
	}
	if !a.Left.IsZero() && !a.Arrived.IsZero() && a.Left.Before(a.Arrived) {
		return Errorf(EInvalid, "err.register.left_before_arrived")
	}
	return nil
}

// Validate checks the rules a Decision must meet.
func (d Decision) Validate() error {
	if d.SessionID == "" {
		return Errorf(EInvalid, "err.agenda.session_required")
	}
	if strings.TrimSpace(d.Text) == "" {
		return Errorf(EInvalid, "err.decision.text_required")
	}
	return nil
}

// Validate checks the rules an ActionItem must meet.
func (a ActionItem) Validate() error {
	if a.SessionID == "" {
		return Errorf(EInvalid, "err.agenda.session_required")
	}
	if strings.TrimSpace(a.What) == "" {
		return Errorf(EInvalid, "err.action.what_required")
	}
	if strings.TrimSpace(a.Who) == "" && a.PersonID == "" {
		return Errorf(EInvalid, "err.action.who_required")
	}
	return nil
}

// ApprovalSubject is the subject of the vote approving a session's verbale.
func ApprovalSubject(s Session) string {
	return "Approvazione del verbale della seduta del " + s.Date.In(Zone).Format("02/01/2006")
}

// ApprovalDecision is the decision recorded when a session's verbale is approved, when the caller
// gives none.
func ApprovalDecision(s Session) string {
	return "Il verbale della seduta del " + s.Date.In(Zone).Format("02/01/2006") + " è approvato."
}
