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
	FollowUps  []ActionFollowUp // what became of action items after their session
	Proposals  []Proposal
	Verbali    []Verbale
	// The votes held in the sessions, with their ballots and, for secret votes, who voted: Turnout is
	// kept apart from Ballots, whose ballots in a secret vote are anonymous.
	Votes   []Vote
	Ballots []VoteBallot
	Turnout []VoteTurnout
	// Events are the steps of the proposals' histories (changes of state, merges, splits).
	Events []ProposalEvent
	// The attuazione of approved proposals, with its milestones and indicators.
	Implementations []Implementation
	Milestones      []Milestone
	Indicators      []Indicator
	// Reports are what the Ufficio di Piano wrote into the relazioni annuali (their introductions).
	Reports []AnnualReport
}

// VoteTurnout records that a seat cast its ballot in a secret vote: who voted, never what. The store
// keeps it apart from the ballots, with the vote's opening time, so nothing links the two.
type VoteTurnout struct {
	Meta
	VoteID string `json:"vote_id"`
	SeatID string `json:"seat_id"`
}
