package data

import (
	"context"
	"time"
)

// KindHistory is an entry of a record's history: who changed the record, when, and what. Entries travel
// in bundles like every other record, so every laptop ends with the whole history of a record, whoever
// changed it.
const KindHistory Kind = "history"

// HistoryAction says what a change did to a record.
type HistoryAction string

// The actions a history keeps.
const (
	HistoryCreated  HistoryAction = "created"
	HistoryChanged  HistoryAction = "changed"
	HistoryDeleted  HistoryAction = "deleted"
	HistoryRestored HistoryAction = "restored" // a deletion undone, or a version set aside put back
	HistoryErasure  HistoryAction = "erased"   // the person's personal data erased (GDPR art. 17)
)

// HistoryActions lists the actions, for the words that name them.
var HistoryActions = []HistoryAction{HistoryCreated, HistoryChanged, HistoryDeleted, HistoryRestored, HistoryErasure}

// FieldChange is one column of a record that a change moved from Old to New. Values are as the record
// stores them: text, numbers, true or false, nil for nothing. A stored document (a PDF) is never copied
// into the history: Document says it changed.
type FieldChange struct {
	Field    string `json:"field"`
	Old      any    `json:"old"`
	New      any    `json:"new"`
	Document bool   `json:"document,omitempty"`
}

// HistoryEntry is one change to a record, or several by the same computer close together (the saves of
// a form while someone types make one entry, keeping each field's first old value and its latest new
// one).
type HistoryEntry struct {
	Meta
	Kind     Kind
	RecordID string
	At       time.Time // the latest change the entry holds
	Author   string    // the device that made the change (Meta.Device is the entry's own last writer)
	Operator string    // who used that computer, and its name, as known when the change was made
	Computer string
	Action   HistoryAction
	Changes  []FieldChange

	// Names, read with the entry and not stored: what the ids among the values name now (a person,
	// an organisation, a comune), so that a change of organisation reads as two names.
	Names map[string]string
}

// Who is how the entry names its author: "Lucia Ferri (PC-UDP)", the operator or the computer alone
// when only one is known, and "" when neither is.
func (e HistoryEntry) Who() string {
	switch {
	case e.Operator != "" && e.Computer != "":
		return e.Operator + " (" + e.Computer + ")"
	case e.Operator != "":
		return e.Operator
	}
	return e.Computer
}

// HistoryErased is what an erasure leaves in a history in place of a personal value: the entry still
// says the field changed, and when and by whom, never from what to what.
const HistoryErased = "[cancellato]"

// ErasedFields are the columns of a person whose values an erasure takes out of the person's history:
// those Person.Erase empties or replaces.
var ErasedFields = []string{"surname", "name", "title", "email", "phone", "notes", "comune_text", "organisation_id"}

// HistoryStore gives the history of a record.
type HistoryStore interface {
	// History is every change kept of the record with that id (of any kind), the newest first.
	History(ctx context.Context, id string) ([]HistoryEntry, error)
}
