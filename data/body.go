package data

import "strings"

// BodyKind is the kind of body (organo).
type BodyKind string

// Body kinds.
const (
	BodySindaci         BodyKind = "sindaci"          // Tavolo dei Sindaci: political direction
	BodyTavoloAlto      BodyKind = "tavolo_alto"      // Tavolo Alto della Concertazione
	BodyTavoloTematico  BodyKind = "tavolo_tematico"  // one per welfare area
	BodyCoprogettazione BodyKind = "coprogettazione"  // Gruppo di coprogettazione
	BodyUfficioDiPiano  BodyKind = "ufficio_di_piano" // the technical planning office
)

// BodyKinds lists the kinds in the order the interface offers them.
var BodyKinds = []BodyKind{BodySindaci, BodyTavoloAlto, BodyTavoloTematico, BodyCoprogettazione, BodyUfficioDiPiano}

// Valid reports whether k is a known kind.
func (k BodyKind) Valid() bool {
	for _, v := range BodyKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Body is an organ of the Ambito that meets in sessions: its seats, its members and its rules.
type Body struct {
	Meta
	Name     string   `json:"name"`
	Kind     BodyKind `json:"kind"`
	AreaID   string   `json:"area_id,omitempty"` // the welfare area of a Tavolo tematico
	Rules    Rules    `json:"rules"`
	Position int      `json:"position"`
	Notes    string   `json:"notes"`
}

// Validate checks the rules a Body must meet.
func (b Body) Validate() error {
	if strings.TrimSpace(b.Name) == "" {
		return Errorf(EInvalid, "err.body.name_required")
	}
	if !b.Kind.Valid() {
		return Errorf(EInvalid, "err.body.kind", "value", string(b.Kind))
	}
	if b.Kind == BodyTavoloTematico && b.AreaID == "" {
		return Errorf(EInvalid, "err.body.area_required", "name", b.Name)
	}
	return b.Rules.Validate()
}

// Seat is one of a body's seats (componenti): the unit that counts for the quorum and votes. A seat is
// held for a comune (Tavolo dei Sindaci: the mayor or a delegate, weighing the comune's population), for
// an organisation (Tavolo Alto: ASL, unions, third sector) or by a person (a table's member).
type Seat struct {
	Meta
	BodyID         string `json:"body_id"`
	Position       int    `json:"position"`
	Label          string `json:"label"` // optional; the holder's name is used when empty
	ComuneID       string `json:"comune_id,omitempty"`
	OrganisationID string `json:"organisation_id,omitempty"`
	PersonID       string `json:"person_id,omitempty"`
}

// Validate checks that the seat belongs to a body and names at most one holder.
func (s Seat) Validate() error {
	if s.BodyID == "" {
		return Errorf(EInvalid, "err.seat.body_required")
	}
	n := 0
	for _, id := range []string{s.ComuneID, s.OrganisationID, s.PersonID} {
		if id != "" {
			n++
		}
	}
	if n > 1 {
		return Errorf(EInvalid, "err.seat.one_holder")
	}
	if n == 0 && strings.TrimSpace(s.Label) == "" {
		return Errorf(EInvalid, "err.seat.label_required")
	}
	return nil
}

// SeatView is a seat with the names and weight of what it stands for, for lists and documents.
type SeatView struct {
	Seat
	Name       string `json:"name"`       // label, or the comune's, organisation's or person's name
	Population int    `json:"population"` // the comune's population (0 for other seats)
	// ComuneName is the comune's name for a comune's seat, whatever its label: documents write "il
	// Comune di Magione".
	ComuneName string `json:"comune,omitempty"`
}

// Role is a person's role in a body.
type Role string

// Roles.
const (
	RolePresidente  Role = "presidente"
	RoleVice        Role = "vicepresidente"
	RoleSegretario  Role = "segretario"
	RoleFacilitator Role = "facilitatore"
	RoleMembro      Role = "membro"
	RoleDelegato    Role = "delegato" // holds a seat for a comune or another member
)

// Roles lists the roles in the order the interface offers them.
var Roles = []Role{RolePresidente, RoleVice, RoleSegretario, RoleFacilitator, RoleMembro, RoleDelegato}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// Membership puts a person in a body with a role, and with the seat they hold when they hold one.
type Membership struct {
	Meta
	BodyID   string `json:"body_id"`
	PersonID string `json:"person_id"`
	Role     Role   `json:"role"`
	SeatID   string `json:"seat_id,omitempty"`
}

// Validate checks the rules a Membership must meet.
func (m Membership) Validate() error {
	if m.BodyID == "" {
		return Errorf(EInvalid, "err.membership.body_required")
	}
	if m.PersonID == "" {
		return Errorf(EInvalid, "err.membership.person_required")
	}
	if !m.Role.Valid() {
		return Errorf(EInvalid, "err.membership.role", "value", string(m.Role))
	}
	if m.Role == RoleDelegato && m.SeatID == "" {
		return Errorf(EInvalid, "err.membership.delegate_seat")
	}
	return nil
}

// MembershipView is a membership with the person's and seat's names, for lists.
type MembershipView struct {
	Membership
	PersonName string `json:"person_name"`
	SeatName   string `json:"seat_name"`
}
