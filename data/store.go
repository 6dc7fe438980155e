package data

import "context"

// PeopleFilter selects people from the register. Query matches every word against names, email,
// phone, organisation and comune, ignoring case and accents.
type PeopleFilter struct {
	Query          string
	Category       Category
	ComuneID       string
	OrganisationID string
	Limit          int // 0: no limit
}

// TerritoryStore keeps the Ambito, its comuni and its welfare areas.
type TerritoryStore interface {
	Ambito(ctx context.Context) (Ambito, error)
	SaveAmbito(ctx context.Context, a Ambito) (Ambito, error)
	Comuni(ctx context.Context) ([]Comune, error)
	SaveComune(ctx context.Context, c Comune) (Comune, error)
	Areas(ctx context.Context) ([]Area, error)
	SaveArea(ctx context.Context, a Area) (Area, error)
	// MoveArea moves an area up (delta < 0) or down (delta > 0) in the order.
	MoveArea(ctx context.Context, id string, delta int) error
}

// BodyStore keeps the bodies, their seats and their members.
type BodyStore interface {
	Bodies(ctx context.Context) ([]Body, error)
	SaveBody(ctx context.Context, b Body) (Body, error)
	Seats(ctx context.Context, bodyID string) ([]SeatView, error)
	SaveSeat(ctx context.Context, s Seat) (Seat, error)
	Memberships(ctx context.Context, bodyID string) ([]MembershipView, error)
	SaveMembership(ctx context.Context, m Membership) (Membership, error)
}

// PeopleStore keeps the participant register: people and organisations.
type PeopleStore interface {
	People(ctx context.Context, f PeopleFilter) ([]PersonView, error)
	Person(ctx context.Context, id string) (PersonView, error)
	SavePerson(ctx context.Context, p Person) (Person, error)
	Organisations(ctx context.Context, query string) ([]OrganisationView, error)
	SaveOrganisation(ctx context.Context, o Organisation) (Organisation, error)
	// ImportPeople matches rows to the register (same name and email: the same person) and reports
	// what it would do; with apply it does it, all rows or none.
	ImportPeople(ctx context.Context, rows []PersonImport, apply bool) (ImportReport, error)
}

// Deleter removes records as tombstones, with what depends on them, and restores them.
type Deleter interface {
	// Dependents lists what deleting ref would also remove (e.g. a person's memberships).
	Dependents(ctx context.Context, ref Ref) ([]Ref, error)
	// Delete tombstones ref and its dependents and returns everything it removed, for Restore.
	Delete(ctx context.Context, ref Ref) ([]Ref, error)
	// Restore brings back what Delete removed.
	Restore(ctx context.Context, refs []Ref) error
}

// RegistryStore is everything the registry screens need.
type RegistryStore interface {
	TerritoryStore
	BodyStore
	PeopleStore
	Deleter
}
