package data

import (
	"context"
	"time"
)

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
	// what it would do; with opt.Apply it does it, all rows or none.
	ImportPeople(ctx context.Context, rows []PersonImport, opt ImportOptions) (ImportReport, error)
	// Join makes loser, a person or organisation entered twice, an alias of survivor: what pointed to
	// loser follows survivor (but for approved registers); Unjoin undoes it.
	Join(ctx context.Context, kind Kind, loser, survivor string) (Join, error)
	Unjoin(ctx context.Context, j Join) error
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

// MeetingStore keeps sessions and everything that happens in them.
type MeetingStore interface {
	Sessions(ctx context.Context, f SessionFilter) ([]SessionView, error)
	Session(ctx context.Context, id string) (SessionView, error)
	// SaveSession creates a session in bozza with the default agenda, or updates its details.
	SaveSession(ctx context.Context, s Session) (Session, error)
	// SetStatus moves a session one step along its life (or back one step).
	SetStatus(ctx context.Context, id string, to SessionStatus) (Session, error)
	SetCurrentItem(ctx context.Context, sessionID, itemID string) (Session, error)
	// NextItem marks the current item dealt with and moves to the next.
	NextItem(ctx context.Context, sessionID string) (Session, error)
	Agenda(ctx context.Context, sessionID string) ([]AgendaItem, error)
	SaveAgendaItem(ctx context.Context, a AgendaItem) (AgendaItem, error)
	MoveAgendaItem(ctx context.Context, id string, delta int) error
	Register(ctx context.Context, sessionID string) ([]RegisterLine, error)
	SaveAttendance(ctx context.Context, a Attendance) (Attendance, error)
	StampLeft(ctx context.Context, attendanceID string, left bool) (Attendance, error)
	SaveDecision(ctx context.Context, d Decision) (Decision, error)
	SaveActionItem(ctx context.Context, a ActionItem) (ActionItem, error)
	// QueueSpeaker puts a person on the list of speakers of an item; NextSpeaker gives the floor on.
	QueueSpeaker(ctx context.Context, sessionID, itemID, personID string) (Speech, error)
	NextSpeaker(ctx context.Context, sessionID, itemID string) ([]Speech, error)
	SaveProposal(ctx context.Context, p Proposal) (Proposal, error)
	Dossier(ctx context.Context, sessionID string) (Dossier, error)
	ApproveVerbale(ctx context.Context, a Approval) (Verbale, error)
	Verbale(ctx context.Context, sessionID string) (Verbale, error)
	// Correct starts the correction act of an approved session.
	Correct(ctx context.Context, sessionID, title string, date time.Time) (Session, error)
}

// RegistryStore is everything the registry screens need.
type RegistryStore interface {
	TerritoryStore
	BodyStore
	PeopleStore
	Deleter
}

// PrivacyStore answers for the personal data held (GDPR): erasure (art. 17), what is held on a
// person (art. 15) and the retention of contact details.
type PrivacyStore interface {
	ErasurePreview(ctx context.Context, personID string) (ErasurePreview, error)
	ErasePeople(ctx context.Context, ids []string) (Erasure, error)
	PersonRecord(ctx context.Context, personID string) (PersonRecord, error)
	// RetentionCandidates are the people who took part in nothing and whose record has not changed
	// within the Ambito's retention term, as of now.
	RetentionCandidates(ctx context.Context) ([]RetentionCandidate, error)
}

// VoteStore keeps the votes held in meetings and their ballots.
type VoteStore interface {
	Votes(ctx context.Context, sessionID string) ([]Vote, error)
	OpenVote(ctx context.Context, v Vote) (Vote, error)
	SaveBallot(ctx context.Context, b VoteBallot) (VoteBallot, error)
	// RemoveBallot takes back a ballot entered by mistake while the vote is open.
	RemoveBallot(ctx context.Context, voteID, ballotID string) error
	MarkVoted(ctx context.Context, voteID, seatID string) error
	CloseVote(ctx context.Context, voteID string) (Vote, error)
	// Ballots are a vote's ballots and the seats marked as having voted.
	Ballots(ctx context.Context, voteID string) ([]VoteBallot, []string, error)
	// VoteRecord is a vote with what its count needs, read at once: data/vote's CountOf makes the
	// ballot file of it, for a recount.
	VoteRecord(ctx context.Context, voteID string) (VoteRecord, error)
}

// VoteRecord is a vote as it was recorded: the vote, the call of its session (which rules apply)
// and its ballots.
type VoteRecord struct {
	Vote    Vote
	Call    Call
	Ballots []VoteBallot
}

// ProposalStore keeps the proposals and what happens to them after their session.
type ProposalStore interface {
	Proposals(ctx context.Context, f ProposalFilter) ([]ProposalView, error)
	ProposalDetail(ctx context.Context, id string) (ProposalDetail, error)
	MoveProposal(ctx context.Context, id string, to ProposalState, reason string) (Proposal, error)
	MergeProposals(ctx context.Context, ids []string, into Proposal, reason string) (Proposal, error)
	UndoMerge(ctx context.Context, mergedID, reason string) error
	SplitProposal(ctx context.Context, id string, parts []Proposal, reason string) ([]Proposal, error)
	// DeleteAll deletes the parts of a split together, all or none.
	DeleteAll(ctx context.Context, refs []Ref) ([]Ref, error)
}

// SynthesisStore gives the Ufficio di Piano the consolidated priorities and the validation rounds.
type SynthesisStore interface {
	Ranking(ctx context.Context, areaID string) ([]Ranked, error)
	SetWeighing(ctx context.Context, w Weighing) error
	SetPriorities(ctx context.Context, ids []string, reason string) error
	Proposals(ctx context.Context, f ProposalFilter) ([]ProposalView, error)
	ProposalDetail(ctx context.Context, id string) (ProposalDetail, error)
	Participation(ctx context.Context) (Participation, error)
	Synthesis(ctx context.Context, areaID string) (Synthesis, error)
	// TableAnswer is what became of the proposals of one body's sessions, for the Esito delle proposte.
	TableAnswer(ctx context.Context, bodyID string) (TableAnswer, error)
	ValidationCandidates(ctx context.Context, sessionID string) ([]ProposalView, error)
}

// Store is what the window and the command line need from a database, but for the exchange of
// bundles (data/bundle's Exchanger).
type Store interface {
	RegistryStore
	MeetingStore
	VoteStore
	ProposalStore
	SynthesisStore
	RelazioneStore
	ImplementationStore
	ActionStore
	HistoryStore
	PrivacyStore
	Path() string
	// LastSaved is when this database last saved a change.
	LastSaved() time.Time
	IsEmpty(ctx context.Context) (bool, error)
	Seed(ctx context.Context, ds Dataset) error
	RegisterDevice(ctx context.Context, name, operator string) error
	Devices(ctx context.Context) (map[string]Device, error)
	Close() error
}
