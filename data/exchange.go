package data

import "time"

// KindRecordVersion is a version of a record set aside by a merge: it lost a conflict, or a lock
// refused it. It is kept so that a person can review it and restore it.
const KindRecordVersion Kind = "record_version"

// SyncKinds lists, parents first, the kinds of record that travel between laptops in bundles.
var SyncKinds = []Kind{
	KindAmbito, KindComune, KindArea, KindOrganisation, KindPerson, KindBody, KindSeat, KindMembership,
	KindDevice, KindSession, KindAgendaItem, KindAttendance, KindDecision, KindActionItem, KindActionFollowUp, KindSpeech,
	KindProposal, KindVerbale, KindVote, KindVoteBallot, KindVoteVoter, KindProposalEvent,
	KindImplementation, KindMilestone, KindIndicator, KindAnnualReport, KindHistory, KindRecordVersion,
}

// ExchangeDirection says whether a bundle was written here or read here.
type ExchangeDirection string

// The directions of an exchange.
const (
	ExchangeExport ExchangeDirection = "export"
	ExchangeImport ExchangeDirection = "import"
)

// Exchange is one bundle written or read by this database, as the history of exchanges shows it.
type Exchange struct {
	ID        string
	At        time.Time
	Direction ExchangeDirection
	Device    string // this database's device id at the time
	// Peer is, for an export, the device it was made for ("" when for anyone); for an import, the
	// sending device. PeerName is its operator or computer, as known then.
	Peer, PeerName string
	Everything     bool   // an export of every record, not only the changes
	File           string // the file's name, without its folder
	SHA256         string // of the records, as the bundle's trailer states it
	Since, Upto    int64  // export: the window of this database's change sequence it carried
	Encrypted      bool
	Records        int
	Changes        []KindChanges // import: what it did, per kind
	// From is, for an export just written, the peer whose acknowledgement its window starts at (for a
	// bundle for anyone, the one furthest behind); empty when no peer is known. The history does not
	// keep it.
	From Peer
}

// KindChanges counts what a merge does to the records of one kind.
type KindChanges struct {
	Kind      Kind `json:"kind"`
	New       int  `json:"new"`       // records this database did not have
	Updated   int  `json:"updated"`   // newer versions of records it had
	Deleted   int  `json:"deleted"`   // deletions (tombstones) that arrived
	Conflicts int  `json:"conflicts"` // records changed on both sides: one version won, the other is kept aside
	Locked    int  `json:"locked"`    // changes refused because the verbale is approved, kept aside
	Unchanged int  `json:"unchanged"` // records already as the bundle has them, or newer here
}

// Add sums two counts of the same kind.
func (k KindChanges) Add(o KindChanges) KindChanges {
	k.New += o.New
	k.Updated += o.Updated
	k.Deleted += o.Deleted
	k.Conflicts += o.Conflicts
	k.Locked += o.Locked
	k.Unchanged += o.Unchanged
	return k
}

// Writes is how many records a merge writes: everything but the unchanged ones.
func (k KindChanges) Writes() int { return k.New + k.Updated + k.Deleted + k.Conflicts + k.Locked }

// ImportResult describes a bundle and what merging it does (a preview) or did.
type ImportResult struct {
	AmbitoID, AmbitoName string
	Sender, SenderName   string // the device that wrote the bundle, and its operator or computer
	Created              time.Time
	Schema               int
	Encrypted            bool
	Everything           bool // the bundle carries every record of its sender, not only changes
	Records              int
	SHA256               string
	// OtherAmbito is true when the bundle comes from another Ambito than this database's: merging it
	// needs the user's confirmation of a deliberate transfer.
	OtherAmbito bool
	// Seen is true when this same bundle (same records' checksum) was imported before.
	Seen  bool
	Kinds []KindChanges // in SyncKinds order; kinds the bundle does not carry are left out
	// Revived are records deleted along with another that the merge brings back with it: the other
	// came back (an edit made elsewhere beat its deletion), and a deletion and what went with it are
	// one decision. They are written here, not carried by the bundle.
	Revived []Ref
	// Joined are the people and organisations the merge found created twice (on this laptop and on
	// the sender's, by the importer's rule for people and by the folded name for organisations) and
	// joined into one record.
	Joined  []Join
	Applied bool // false for a preview
}

// Total sums the counts of every kind.
func (r ImportResult) Total() KindChanges {
	var t KindChanges
	for _, k := range r.Kinds {
		t = t.Add(k)
	}
	return t
}

// VersionReason says why a version was set aside.
type VersionReason string

// The reasons a version is set aside.
const (
	VersionConflict VersionReason = "conflict" // it lost to a later change made elsewhere
	VersionLocked   VersionReason = "locked"   // it would have changed an approved verbale or its session
	VersionReplaced VersionReason = "replaced" // a person restored another version over it
)

// VersionResolution says what a person decided about a version set aside.
type VersionResolution string

// The resolutions of a version set aside.
const (
	VersionOpen      VersionResolution = ""          // still to review
	VersionDismissed VersionResolution = "dismissed" // reviewed: the current version stays
	VersionRestored  VersionResolution = "restored"  // it became the current version again
	// VersionDisputed: two computers settled it differently (one restored it, one dismissed it); it
	// is to review again, the record holding whichever version the exchanges made current.
	VersionDisputed VersionResolution = "disputed"
)

// ToReview reports whether a person still has to decide about the version.
func (r VersionResolution) ToReview() bool { return r == VersionOpen || r == VersionDisputed }

// RecordVersion is a version of a record that a merge set aside, with what the record is now.
type RecordVersion struct {
	Meta
	Kind       Kind
	RecordID   string
	Updated    time.Time // the version's own time and device: who made it, when
	Device     string
	Row        map[string]any // its columns, as a bundle carries them
	Reason     VersionReason
	Resolution VersionResolution

	// Read with it, not stored: the record as it is now.
	Label          string         // the record's title or name, for the list
	Current        map[string]any // the current version's columns (nil when the record is missing)
	CurrentUpdated time.Time
	CurrentDevice  string
	// Cascade lists, for a version that is a deletion of a record live now, what restoring it would
	// delete with the record, as deleting it here would.
	Cascade []Ref
}

// IsDeletion reports whether the version kept is a deletion (a tombstone).
func (v RecordVersion) IsDeletion() bool {
	d, _ := v.Row["deleted"].(float64)
	return d != 0
}

// CurrentDeletion reports whether the record's current version is a deletion (a tombstone): the
// current row is read from the database, where deleted is an integer.
func (v RecordVersion) CurrentDeletion() bool {
	d, _ := v.Current["deleted"].(int64)
	return d != 0
}

// Peer is another installation this database has exchanged with, or whose changes it holds.
type Peer struct {
	Device     string
	Name       string    // the operator, or the computer
	LastExport time.Time // the last bundle written for it (zero if none)
	LastImport time.Time // the last bundle read from it (zero if none)
	// Received is how far it acknowledged this database's changes, in a bundle of its own or through
	// another laptop's; zero when it never did. Exports for it start there.
	Received Receipt
}

// Receipt is a peer's acknowledgement of this database's changes.
type Receipt struct {
	Upto int64     // it had merged this database's change sequence up to here, none missing
	At   time.Time // when it got there, on its own clock
	File string    // the latest bundle of this database that it had merged, when known: its file's name
	Sent time.Time // when that bundle was written; zero when not known
}

// Acknowledged reports whether the peer ever acknowledged anything of this database.
func (r Receipt) Acknowledged() bool { return r.Upto > 0 }

// Join is two records of the same person, or of the same organisation, made one: Loser becomes an
// alias of Survivor (deleted, naming it) and what pointed to Loser points to Survivor, but for the
// records of approved sessions, which never change and reach Survivor through the alias. Moved lists
// the references moved, so that a join made by hand can be undone; a join made by a merge (the same
// person created on two laptops) moves on every laptop what that laptop holds, and undoing it moves
// nothing back.
type Join struct {
	Kind         Kind        `json:"kind"`
	Loser        string      `json:"loser"`
	Survivor     string      `json:"survivor"`
	LoserName    string      `json:"loser_name"`
	SurvivorName string      `json:"survivor_name"`
	Moved        []RefColumn `json:"moved,omitempty"`
}

// RefColumn is a record and the column of it that holds a reference.
type RefColumn struct {
	Ref
	Column string `json:"column"`
}
