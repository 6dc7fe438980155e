package data

import (
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
}

// Validate checks the rules a Session must meet.
func (s Session) Validate() error {
	if s.BodyID == "" {
		return Errorf(EInvalid, "err.session.body_required")
	}
	if !s.Call.Valid() {
		return Errorf(EInvalid, "err.session.call", "value", string(s.Call))
	}
	if s.Date.IsZero() {
		return Errorf(EInvalid, "err.session.date_required")
	}
	if !s.Ended.IsZero() && !s.Started.IsZero() && s.Ended.Before(s.Started) {
		return Errorf(EInvalid, "err.session.end_before_start")
	}
	return nil
}

// AgendaItem is a numbered item of the ordine del giorno.
type AgendaItem struct {
	Meta
	SessionID string        `json:"session_id"`
	Position  int           `json:"position"`
	Title     string        `json:"title"`
	Summary   string        `json:"summary"` // the discussion summary that goes into the verbale
	Spent     time.Duration `json:"spent"`   // time spent on it during the meeting
}

// Validate checks the rules an AgendaItem must meet.
func (a AgendaItem) Validate() error {
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

// Presences.
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
}

// MinuteEntry is a note taken during the meeting on an agenda item.
type MinuteEntry struct {
	Meta
	SessionID    string `json:"session_id"`
	AgendaItemID string `json:"agenda_item_id,omitempty"`
	Text         string `json:"text"`
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
