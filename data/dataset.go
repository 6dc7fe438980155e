package data

// Dataset is a whole registry in memory: what a new database is seeded with (the demo district, or an
// empty Ambito with the standard bodies and areas). Records carry their ids; references use them.
type Dataset struct {
	Ambito        Ambito
	Comuni        []Comune
	Areas         []Area
	Organisations []Organisation
	People        []Person
	Bodies        []Body
	Seats         []Seat
	Memberships   []Membership
	// The meetings held: sessions with their ordine del giorno, register, decisions, action items and
	// the proposals captured in them, and the verbali approved (kept with the PDF as approved).
	Sessions   []Session
	Agenda     []AgendaItem
	Attendance []Attendance
	Decisions  []Decision
	Actions    []ActionItem
	Proposals  []Proposal
	Verbali    []Verbale
}
