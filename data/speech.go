package data

import "time"

// KindSpeech is an intervention in a session's list of speakers.
const KindSpeech Kind = "speech"

// Speech is one intervention on an agenda item: who asked to speak, their place in the list, and when
// they started and ended (zero while waiting, or still speaking).
type Speech struct {
	Meta
	SessionID    string    `json:"session_id"`
	AgendaItemID string    `json:"agenda_item_id,omitempty"`
	PersonID     string    `json:"person_id"`
	Position     int       `json:"position"`
	Started      time.Time `json:"started"`
	Ended        time.Time `json:"ended"`
	// Speaker is the person's name, filled in when read (not stored with the speech).
	Speaker Naming `json:"speaker"`
}

// Waiting reports whether the speaker has not spoken yet.
func (s Speech) Waiting() bool { return s.Started.IsZero() }

// Speaking reports whether the speaker has the floor now.
func (s Speech) Speaking() bool { return !s.Started.IsZero() && s.Ended.IsZero() }

// Duration is how long the intervention lasted, or has lasted at now while it goes on.
func (s Speech) Duration(now time.Time) time.Duration {
	switch {
	case s.Started.IsZero():
		return 0
	case s.Ended.IsZero():
		return max(now.Sub(s.Started), 0)
	}
	return max(s.Ended.Sub(s.Started), 0)
}

// Validate checks the rules a Speech must meet.
func (s Speech) Validate() error {
	switch {
	case s.SessionID == "":
		return Errorf(EInvalid, "err.agenda.session_required")
	case s.PersonID == "":
		return Errorf(EInvalid, "err.speech.person_required")
	case !s.Ended.IsZero() && (s.Started.IsZero() || s.Ended.Before(s.Started)):
		return Errorf(EInvalid, "err.speech.times")
	}
	return nil
}
